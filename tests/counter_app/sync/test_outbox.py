"""The outbox: every committed change carries its outbox row, in the same transaction.

Driven through the real services on a real SQLCipher file: each step is a service call in its
own write unit of work; before and after it the test fingerprints every row of every table and
checks that each row that appeared or changed belongs to an aggregate the step's outbox rows
carry — and that a step that failed (refused, rolled back) left no row and no outbox row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from counter_app.errors import CounterAppError
from counter_app.services.close_day import close_day
from counter_app.services.intake import register_intake
from counter_app.services.lifecycle import decide, start_work
from counter_app.services.receipts import reprint_receipt, void_receipt
from counter_app.services.samples import sample_proxy_intake, sample_self_intake
from counter_app.services.settlement import record_settlement
from counter_app.store.engine import open_database

from ..services.conftest import NOW, TEST_KEY, TODAY

#: tables that are not head office's business (local accounts, counters, the sync tables)
NOT_SYNCED = {
    "alembic_version",
    "branches",
    "staff",
    "staff_lockouts",
    "number_counters",
    "audit_head",
    "installation",
    "sync_outbox",
    "sync_state",
    "sync_dirty",
    "hq_decisions",
    "hq_config_bundles",
}

#: table -> how a row names its aggregate (independent of the triggers under test)
AGGREGATE_OF: dict[str, Callable[[dict[str, Any]], list[tuple[str, str]]]] = {
    "requests": lambda r: [("request", r["id"])],
    "request_items": lambda r: [("request", r["request_id"])],
    "identity_checks": lambda r: [("request", r["request_id"])],
    "proxy_checks": lambda r: [("request", r["request_id"])],
    "fee_records": lambda r: [("request", r["request_id"])],
    "receipts": lambda r: [("receipt", r["id"])],
    "receipt_reprints": lambda r: [("receipt", r["receipt_id"])],
    "settlements": lambda r: [("settlement", r["id"])],
    "settlement_reprints": lambda r: [("settlement", r["settlement_id"])],
    "closed_days": lambda r: [("closed_day", r["id"])],
    "reveals": lambda r: [("reveal", r["id"])],
    "audit_log": lambda r: [("audit", str(r["seq"]))],
}


def _tables(conn) -> list[str]:
    names = conn.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%search%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ).scalars()
    return sorted(n for n in names if not n.startswith("request_search"))


def fingerprint(db) -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    """table -> rowid -> (hash of the row, the row)."""
    out: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    with db.engine.connect() as conn:
        for table in _tables(conn):
            rows = conn.execute(text(f"SELECT rowid AS _rowid, * FROM {table}")).mappings()
            out[table] = {
                str(row["_rowid"]): (
                    hashlib.sha256(repr(sorted(dict(row).items())).encode()).hexdigest(),
                    dict(row),
                )
                for row in rows
            }
    return out


def outbox(db) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        return [
            dict(r) for r in conn.execute(text("SELECT * FROM sync_outbox ORDER BY seq")).mappings()
        ]


def people_aggregates(db, person_id: str) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        ids = conn.execute(
            text("SELECT id FROM requests WHERE principal_id = :p OR proxy_id = :p"),
            {"p": person_id},
        ).scalars()
        return [("request", i) for i in ids]


def changed_aggregates(db, before, after) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for table, rows in after.items():
        old = before.get(table, {})
        changed = [row for rowid, (h, row) in rows.items() if old.get(rowid, (None,))[0] != h]
        deleted = [row for rowid, (_, row) in old.items() if rowid not in rows]
        if table in NOT_SYNCED or not (changed or deleted):
            continue
        if table == "people":
            for row in changed:
                found.update(people_aggregates(db, row["id"]))
            continue
        assert table in AGGREGATE_OF, f"table {table} changed and belongs to no aggregate"
        assert not deleted, f"rows deleted from {table}"
        for row in changed:
            found.update(AGGREGATE_OF[table](row))
    return found


# -- the steps: each a service call in its own write unit of work --------------------------
@dataclasses.dataclass
class World:
    db: Any
    admin: Any
    staff: Any
    supervisor: Any
    requests: list[str] = dataclasses.field(default_factory=list)
    receipts: list[str] = dataclasses.field(default_factory=list)
    undecided: list[str] = dataclasses.field(default_factory=list)


def _write(world: World, fn: Callable[[Any], Any]) -> Any:
    with world.db.unit_of_work() as uow:
        out = fn(uow)
        uow.commit()
    return out


def intake(world: World, index: int) -> None:
    sample = [sample_self_intake, sample_proxy_intake][index % 2](TODAY)
    result = _write(world, lambda uow: register_intake(uow, world.staff, sample, now=NOW))
    world.requests.append(result.request_number)
    if result.receipt_number:
        world.receipts.append(result.receipt_number)


def intake_undecided(world: World, index: int) -> None:
    sample = dataclasses.replace(
        sample_self_intake(TODAY), pages=0, pages_undecided=True, amount_received=1000
    )
    result = _write(world, lambda uow: register_intake(uow, world.staff, sample, now=NOW))
    world.requests.append(result.request_number)
    world.undecided.append(result.request_number)


def _pick(items: list[str], index: int) -> str:
    if not items:
        raise CounterAppError("nothing to pick")
    return items[index % len(items)]


def void(world: World, index: int) -> None:
    number = _pick(world.receipts, index)
    _write(world, lambda uow: void_receipt(uow, world.supervisor, number, "金額誤り", now=NOW))


def reprint(world: World, index: int) -> None:
    number = _pick(world.receipts, index)
    _write(world, lambda uow: reprint_receipt(uow, world.staff, number, now=NOW))


def settlement(world: World, index: int) -> None:
    number = _pick(world.undecided, index)
    later = NOW + dt.timedelta(days=10)
    _write(
        world,
        lambda uow: record_settlement(uow, world.staff, number, 3, amount_received=5000, now=later),
    )


def decision(world: World, index: int) -> None:
    number = _pick(world.requests, index)

    def run(uow):
        start_work(uow, world.staff, number, now=NOW)
        types = uow.session.execute(
            text(
                "SELECT request_type FROM request_items WHERE request_id = "
                "(SELECT id FROM requests WHERE number = :n)"
            ),
            {"n": number},
        ).scalars()
        outcomes = {t: "disclosed_full" if t != "correction" else "corrected" for t in types}
        return decide(uow, world.supervisor, number, outcomes, now=NOW + dt.timedelta(hours=1))

    _write(world, run)


def close(world: World, index: int) -> None:
    _write(
        world,
        lambda uow: close_day(
            uow, world.supervisor, TODAY, 0, variance_note="テストの締め", now=NOW
        ),
    )


STEPS = [intake, intake_undecided, void, reprint, settlement, decision, close]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(STEPS), st.integers(min_value=0, max_value=50)),
        min_size=1,
        max_size=8,
    )
)
def test_no_committed_change_without_its_outbox_row(tmp_path, counter_template, steps):
    folder, (admin, staff, supervisor) = counter_template
    target = tmp_path / f"run-{hashlib.sha256(repr(steps).encode()).hexdigest()[:12]}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)
    db = open_database(target, key=TEST_KEY)
    try:
        world = World(db, admin, staff, supervisor)
        # the template's own rows (set-up, sign-ins) went out with its first commits
        for step, index in steps:
            before, sent_before = fingerprint(db), outbox(db)
            try:
                step(world, index)
                failed = False
            except CounterAppError:
                failed = True
            after, sent_after = fingerprint(db), outbox(db)
            new_rows = sent_after[len(sent_before) :]
            assert sent_after[: len(sent_before)] == sent_before  # nothing rewritten
            if failed:
                assert new_rows == [], f"{step.__name__} failed but appended {new_rows}"
                assert changed_aggregates(db, before, after) == set()
                continue
            carried = {(r["aggregate"], r["aggregate_id"]) for r in new_rows}
            missing = changed_aggregates(db, before, after) - carried
            assert not missing, f"{step.__name__}: committed without outbox rows: {missing}"
            # one row per aggregate per transaction; seq gapless and in commit order
            assert len(carried) == len(new_rows)
            seqs = [r["seq"] for r in sent_after]
            assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
            assert all(r["version"] == r["seq"] for r in new_rows)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM sync_dirty")).scalar() == 0
            last = conn.execute(text("SELECT last_seq FROM sync_state")).scalar()
        assert last == (outbox(db)[-1]["seq"] if outbox(db) else 0)
    finally:
        db.close()


def test_a_rolled_back_transaction_leaves_no_outbox_row(counter):
    before = outbox(counter.db)
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.flush()
        assert uow.session.execute(text("SELECT COUNT(*) FROM sync_dirty")).scalar() > 0
        # no commit: the unit of work rolls back
    assert outbox(counter.db) == before
    with counter.db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM sync_dirty")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM requests")).scalar() == 0


def test_nothing_is_appended_outside_a_write_transaction(counter):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    before = outbox(counter.db)
    with counter.db.unit_of_work(read_only=True) as uow:
        # even a stray mark is not turned into an outbox row by a reader
        uow.session.execute(text("SELECT * FROM requests")).all()
        assert uow.session.execute(text("SELECT COUNT(*) FROM sync_outbox")).scalar() == len(before)
    assert outbox(counter.db) == before
    assert result.request_number in {json.loads(r["payload"]).get("number") for r in before}


def test_the_payload_is_minimal(counter):
    secret_note = "備考は本部に送らない"
    intake = dataclasses.replace(sample_proxy_intake(TODAY), note=secret_note)
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, intake, now=NOW)
        uow.commit()
    rows = outbox(counter.db)
    request = [json.loads(r["payload"]) for r in rows if r["aggregate"] == "request"]
    assert len(request) == 1
    payload = request[0]
    assert payload["number"] == result.request_number
    assert payload["requester"] == "proxy"
    assert payload["principal"]["name"] and payload["principal"]["birth_date"]
    assert "birth_date" not in payload["proxy"]
    text_of_all = " ".join(r["payload"] for r in rows)
    assert secret_note not in text_of_all
    for check in payload["identity"]:
        for document in check["documents"]:
            assert set(document) == {"type", "original"}
