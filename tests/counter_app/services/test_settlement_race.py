"""Two processes settling the same 精算待ち requests at the same moment (two counter PCs, or
a double click reaching the database twice): each request is settled exactly once, the
other attempt is refused in Japanese, and the settlement numbers stay gapless."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing

from sqlalchemy import select

from counter_app.security.audit import verify_audit_chain
from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.store.engine import open_database
from counter_app.store.models import Settlement

from .conftest import NOW, TEST_KEY, TODAY

REQUESTS = 6
LATER = NOW + dt.timedelta(days=7)


def _worker(folder, actor, request_ids, start, results):
    from counter_app.errors import DomainError
    from counter_app.services.settlement import record_settlement

    db = open_database(folder, key=TEST_KEY)
    start.wait(30)
    outcome = []
    for request_id in request_ids:
        try:
            with db.unit_of_work() as uow:
                done = record_settlement(uow, actor, request_id, 5, amount_received=5000, now=LATER)
                uow.commit()
            outcome.append(("settled", done.number))
        except DomainError as exc:
            outcome.append(("refused", exc.message))
    db.close()
    results.put(outcome)


def test_each_request_is_settled_once_whoever_comes_first(counter):
    intake = dataclasses.replace(
        sample_self_intake(TODAY), pages=0, pages_undecided=True, amount_received=1000
    )
    ids = []
    with counter.db.unit_of_work() as uow:
        for _ in range(REQUESTS):
            ids.append(register_intake(uow, counter.staff, intake, now=NOW).request_id)
        uow.commit()
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(counter.db.folder, actor, ids, start, results))
        for actor in (counter.staff, counter.supervisor)
    ]
    for w in workers:
        w.start()
    start.set()
    got = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    outcomes = [o for g in got for o in g]
    settled = [n for kind, n in outcomes if kind == "settled"]
    refused = [m for kind, m in outcomes if kind == "refused"]
    assert len(settled) == REQUESTS and len(refused) == REQUESTS
    assert all("すでに精算されています" in m for m in refused)
    with counter.db.unit_of_work(read_only=True) as uow:
        rows = uow.session.scalars(select(Settlement).order_by(Settlement.seq)).all()
        assert verify_audit_chain(uow) is None
    assert sorted(r.request_id for r in rows) == sorted(ids)  # one each, none doubled
    assert [r.seq for r in rows] == list(range(1, REQUESTS + 1))  # gapless
    assert sorted(settled) == [r.number for r in rows]
