"""Migrations: models and migrations agree; upgrading from the first revision keeps rows."""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import SAWarning

from counter_app.security.keys import new_key
from counter_app.store.engine import build_engine, open_database
from counter_app.store.location import database_path
from counter_app.store.migrate import script_directory, upgrade
from counter_app.store.models import Base


def _mapped_only(obj, name, type_, reflected, compare_to):
    """Compare what the models map. Tables made by raw SQL in a migration and never mapped
    (the FTS5 search index and its shadow tables, guard tables) and expression indexes
    cannot be described by the models and are left out."""
    if type_ == "table" and reflected and compare_to is None:
        return False
    return not (type_ == "index" and reflected and compare_to is None)


def test_models_match_migrated_schema(db):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # expression-based indexes
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": _mapped_only}
            )
            diff = compare_metadata(context, Base.metadata)
            conn.rollback()
    assert diff == []


FIRST_REVISION_ROWS = {
    "branches": "INSERT INTO branches VALUES ('b1','BR01','本店','310-0000','水戸市1-1',"
    "'029-000-0000','いばらきコープ生活協同組合','T1234567890123',"
    "'2025-04-01T00:00:00.000000Z','2025-04-01T00:00:00.000000Z')",
    "staff": "INSERT INTO staff VALUES ('s1','BR01','admin','管理 太郎','admin','x',1,"
    "'2025-04-01T00:00:00.000000Z','2025-04-01T00:00:00.000000Z',NULL)",
    "people": "INSERT INTO people VALUES ('p1','BR01','𠮷田 太郎','ヨシダタロウ','よしだ たろう',"
    "'ヨシダタロウ','1980-01-02','310-0001','水戸市2-2','090-1234-5678','M0001',"
    "'2025-04-01T00:00:00.000000Z',NULL)",
    "requests": "INSERT INTO requests (id, branch_code, number, fiscal_year, seq, received_at,"
    " received_on, status, principal_id, delivery, may_hand_to_proxy, target_on,"
    " lawsuit_possible_from, note, created_by, updated_at) VALUES ('r1','BR01',"
    "'R-BR01-2025-000001',2025,1,'2025-04-01T00:00:00.000000Z','2025-04-01','received','p1',"
    "'mail',0,'2025-04-15','2025-04-16','','s1','2025-04-01T00:00:00.000000Z')",
    "audit_log": "INSERT INTO audit_log VALUES (1,'2025-04-01T00:00:00.000000Z','BR01','s1',"
    "NULL,'intake.register','r1','{}','" + "0" * 64 + "','" + "1" * 64 + "')",
    "number_counters": "INSERT INTO number_counters VALUES ('BR01','request',2025,1)",
    "request_items": "INSERT INTO request_items VALUES ('i1','r1',1,'disclosure',"
    '\'{"scopes": ["kyosai"]}\',NULL)',
    "identity_checks": "INSERT INTO identity_checks VALUES ('c1','r1','principal',"
    "'[{\"doc_type\": \"passport\"}]',0,1,'photo_1','[]','[]',0,'s1',"
    "'2025-04-01T00:00:00.000000Z')",
    "fee_records": "INSERT INTO fee_records VALUES ('f1','r1','{}','{}','2024-04-01',0,NULL,NULL,"
    "NULL,0,0)",
}


def test_upgrade_from_first_revision_keeps_every_row(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    key = new_key()
    first = script_directory().get_base()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, first)
    with engine.begin() as conn:
        for statement in FIRST_REVISION_ROWS.values():
            conn.execute(text(statement))
        columns = {
            table: [c["name"] for c in inspect(conn).get_columns(table)]
            for table in inspect(conn).get_table_names()
            if table != "alembic_version"
        }
        before = {
            table: conn.execute(text(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1")).all()
            for table, cols in columns.items()
        }
    engine.dispose()

    db = open_database(folder, key=key)  # upgrades to head
    with db.engine.connect() as conn:
        head = script_directory().get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        for table, rows in before.items():
            cols = ", ".join(columns[table])
            after = conn.execute(text(f"SELECT {cols} FROM {table} ORDER BY 1")).all()
            assert after == rows, table
        # rows filled by later migrations from their request
        item = conn.execute(text("SELECT branch_code, created_at FROM request_items")).one()
        assert tuple(item) == ("BR01", "2025-04-01T00:00:00.000000Z")
        conn.rollback()
    db.close()
    assert sum(len(rows) for rows in before.values()) == len(FIRST_REVISION_ROWS)


def test_one_head_only():
    """Two helpers adding a migration at once would fork the history: caught here."""
    assert len(script_directory().get_heads()) == 1
