"""Migration 0014 on a database made before terminals: it becomes terminal 01, every printed
number keeps its text, numbering goes on from the last sequence, every earlier row goes into
the first push, and a downgrade gives no number back."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.services.search import search_requests
from counter_app.services.staff_accounts import actor_by_id
from counter_app.store.engine import open_database
from counter_app.store.location import database_path
from counter_app.store.migrate import alembic_config, upgrade
from counter_app.store.sqlite.cipher import new_key
from counter_app.store.sqlite.engine import build_engine

from ..store.test_migrations import REVISION_0006_ROWS

NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def test_an_existing_database_becomes_terminal_01_and_goes_on(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0013")
    with engine.begin() as conn:
        for statement in REVISION_0006_ROWS:
            conn.execute(text(statement))
        conn.execute(text("INSERT INTO number_counters VALUES ('BR01','request',2025,3)"))
    engine.dispose()

    db = open_database(folder, key=key)  # upgrades to head
    try:
        with db.engine.connect() as conn:
            numbers = conn.execute(
                text("SELECT number, terminal_no FROM requests ORDER BY seq")
            ).all()
            assert [tuple(r) for r in numbers] == [(f"R-BR01-2025-00000{n}", 1) for n in (1, 2, 3)]
            assert conn.execute(text("SELECT terminal_no FROM branches")).scalar() == 1
            counters = conn.execute(text("SELECT * FROM number_counters")).all()
            assert [tuple(c) for c in counters] == [("BR01", 1, "request", 2025, 3)]
            marked = conn.execute(text("SELECT aggregate, aggregate_id FROM sync_dirty")).all()
            assert {tuple(m) for m in marked} == {("request", f"r{n}") for n in (1, 2, 3)}
            conn.rollback()
        with db.unit_of_work() as uow:
            actor = actor_by_id(uow, "s1")
            result = register_intake(uow, actor, sample_self_intake(NOW.date()), now=NOW)
            uow.commit()
        assert result.request_number == "R-BR01-01-2025-000004"
        with db.engine.connect() as conn:
            sent = conn.execute(
                text("SELECT aggregate_id FROM sync_outbox WHERE aggregate = 'request'")
            ).scalars()
            assert set(sent) >= {"r1", "r2", "r3", result.request_id}
            assert conn.execute(text("SELECT COUNT(*) FROM sync_dirty")).scalar() == 0
            conn.rollback()
        with db.unit_of_work(read_only=True) as uow:
            actor = actor_by_id(uow, "s1")
            for query, expected in (("2", "R-BR01-2025-000002"), ("4", result.request_number)):
                found = search_requests(uow, actor, query, today=NOW.date())
                assert [i.number for i in found.items] == [expected], query
    finally:
        db.close()

    engine = build_engine(database_path(folder), key)
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0013")
        conn.commit()
        counters = conn.execute(text("SELECT * FROM number_counters ORDER BY series")).all()
        assert [tuple(c) for c in counters] == [
            ("BR01", "receipt", 2025, 1),
            ("BR01", "request", 2025, 4),
        ]
        assert conn.execute(text("SELECT COUNT(*) FROM requests")).scalar() == 4
    engine.dispose()


def test_opening_an_upgraded_database_builds_its_backlog_at_start_up(tmp_path):
    """The program opens the database through services.database: the aggregates migration 0014
    marked become outbox rows there, before any intake (whose commit stays short)."""
    from counter_app.services.database import open_counter_database

    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0013")
    with engine.begin() as conn:
        for statement in REVISION_0006_ROWS:
            conn.execute(text(statement))
    engine.dispose()

    db = open_counter_database(folder, key=key)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM sync_dirty")).scalar() == 0
            sent = conn.execute(
                text("SELECT seq, aggregate_id FROM sync_outbox ORDER BY seq")
            ).all()
            conn.rollback()
        assert [tuple(r) for r in sent] == [(1, "r1"), (2, "r2"), (3, "r3")]
    finally:
        db.close()
