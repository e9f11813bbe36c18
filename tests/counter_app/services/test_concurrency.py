"""Two processes registering intakes at the same time get unique, gapless numbers."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import select

from counter_app.security.audit import verify_audit_chain
from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.store.engine import open_database
from counter_app.store.models import Receipt, Request

from .conftest import NOW, TEST_KEY, TODAY

PER_PROCESS = 15


def _worker(folder, actor, start, results):
    db = open_database(folder, key=TEST_KEY)
    intake = sample_self_intake(TODAY)
    start.wait(30)
    numbers = []
    for _ in range(PER_PROCESS):
        with db.unit_of_work() as uow:
            result = register_intake(uow, actor, intake, now=NOW)
            uow.commit()
        numbers.append((result.request_number, result.receipt_number))
    db.close()
    results.put(numbers)


def test_two_processes_get_unique_gapless_numbers(counter):
    folder = counter.db.folder
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(folder, actor, start, results))
        for actor in (counter.staff, counter.supervisor)
    ]
    for w in workers:
        w.start()
    start.set()
    got = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    assert all(len(g) == PER_PROCESS for g in got)

    total = 2 * PER_PROCESS
    with counter.db.unit_of_work(read_only=True) as uow:
        requests = uow.session.scalars(select(Request.seq).order_by(Request.seq)).all()
        receipts = uow.session.scalars(select(Receipt.seq).order_by(Receipt.seq)).all()
        assert verify_audit_chain(uow) is None
    assert requests == list(range(1, total + 1))
    assert receipts == list(range(1, total + 1))
    returned = sorted(n for g in got for n, _ in g)
    assert returned == [f"R-BR01-01-2025-{i:06d}" for i in range(1, total + 1)]
