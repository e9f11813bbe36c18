"""Migrations: models and migrations agree; upgrading from the first revision keeps rows."""

from __future__ import annotations

import datetime as dt
import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import SAWarning

from counter_app.store.engine import open_database
from counter_app.store.location import database_path
from counter_app.store.migrate import script_directory, upgrade
from counter_app.store.models import Base
from counter_app.store.sqlite.cipher import new_key
from counter_app.store.sqlite.engine import build_engine
from counter_app.store.sync_tables import OutboxRow  # noqa: F401  (the sync tables are compared too)


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
    "people": "INSERT INTO people VALUES ('p1','BR01','𠮷田 太郎','𠮷田太郎','よしだ たろう',"
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
            if table == "people":  # 0007 re-derives the search key (𠮷 -> 吉); the name stays
                key = columns[table].index("name_key")
                rows = [(*row[:key], "吉田太郎", *row[key + 1 :]) for row in rows]
            if table == "identity_checks":  # 0009: the documents were originals
                docs = columns[table].index("documents")
                filled = '[{"doc_type": "passport", "original": true}]'
                rows = [(*row[:docs], filled, *row[docs + 1 :]) for row in rows]
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


# -- 0007: search keys re-derived with the kanji-variant fold -------------------------------
AT = "'2025-04-01T00:00:00.000000Z'"
REVISION_0006_ROWS = (
    "INSERT INTO branches VALUES ('b1','BR01','本店','310-0000','水戸市1-1',"
    f"'029-000-0000','いばらきコープ生活協同組合','T1234567890123',{AT},{AT})",
    f"INSERT INTO staff VALUES ('s1','BR01','admin','管理 太郎','admin','x',1,{AT},{AT},NULL)",
    # keys as the program before 0007 wrote them: 髙 kept as 髙
    "INSERT INTO people VALUES ('p1','BR01','髙橋 一郎','髙橋一郎','たかはし いちろう',"
    f"'タカハシイチロウ',NULL,'','','029-987-6543','',{AT},NULL)",
    # a key that is already current: left as it is
    "INSERT INTO people VALUES ('p2','BR01','山田 花子','山田花子','',"
    f"'',NULL,'','','090-1234-5678','',{AT},NULL)",
    # purged by retention: blank keys, no index rows, not touched
    "INSERT INTO people VALUES ('p3','BR01','(保存期間経過により消去)','','','',NULL,'','','',"
    f"'',{AT},{AT})",
    *(
        "INSERT INTO requests (id, branch_code, number, fiscal_year, seq, received_at,"
        " received_on, status, principal_id, delivery, may_hand_to_proxy, target_on,"
        f" lawsuit_possible_from, note, created_by, updated_at) VALUES ('r{n}','BR01',"
        f"'R-BR01-2025-00000{n}',2025,{n},{AT},'2025-04-01','received','p{n}','mail',0,"
        f"'2025-04-15','2025-04-16','','s1',{AT})"
        for n in (1, 2, 3)
    ),
)


def _fts_hits(conn, table: str, phrase: str) -> list[str]:
    """person ids whose index rows in ``table`` match the FTS5 phrase (the raw index)."""
    return [
        row[0]
        for row in conn.execute(
            text(
                f"SELECT d.person_id FROM {table} t JOIN search_docs d ON d.docid = t.rowid "
                f"WHERE {table} MATCH :q ORDER BY d.person_id"
            ),
            {"q": f'"{phrase}"'},
        )
    ]


def test_0007_rederives_the_keys_and_the_triggers_reindex_them(tmp_path):
    """A database at 0006 holding 髙橋 一郎 with the old key: after the upgrade a search for
    高橋 (and for 髙橋) finds him, his name is unchanged, and the FTS index holds the new key
    only (the 0004 update trigger re-indexed the row)."""
    from counter_app.services.search import search_requests
    from counter_app.services.staff_accounts import actor_by_id

    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        for statement in REVISION_0006_ROWS:
            conn.execute(text(statement))
        assert _fts_hits(conn, "search_trigram", "髙橋一") == ["p1"]  # indexed by 0004's trigger
        assert _fts_hits(conn, "search_trigram", "高橋一") == []
    engine.dispose()

    db = open_database(folder, key=key)  # upgrades to head
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                script_directory().get_current_head()
            )
            people = conn.execute(
                text("SELECT id, name, name_key, kana_key, purged_at FROM people ORDER BY id")
            ).all()
            assert [tuple(p) for p in people] == [
                ("p1", "髙橋 一郎", "高橋一郎", "タカハシイチロウ", None),
                ("p2", "山田 花子", "山田花子", "", None),
                ("p3", "(保存期間経過により消去)", "", "", "2025-04-01T00:00:00.000000Z"),
            ]
            # the trigger replaced the index rows: new key in, old key out, both tables
            assert _fts_hits(conn, "search_trigram", "高橋一") == ["p1"]
            assert _fts_hits(conn, "search_trigram", "髙橋一") == []
            assert _fts_hits(conn, "search_bigram", "高橋") == ["p1"]
            assert _fts_hits(conn, "search_bigram", "髙橋") == []
            assert _fts_hits(conn, "search_trigram", "タカハシ") == ["p1"]  # kana kept
            assert _fts_hits(conn, "search_bigram", "山田") == ["p2"]
            docs = conn.execute(text("SELECT person_id FROM search_docs ORDER BY 1")).all()
            assert [d[0] for d in docs] == ["p1", "p2"]  # the purged person stays out
            conn.rollback()
        with db.unit_of_work(read_only=True) as uow:
            actor = actor_by_id(uow, "s1")
            for query in ("高橋", "高橋一郎", "髙橋", "たかはし", "高"):
                found = search_requests(uow, actor, query, today=dt.date(2025, 4, 2))
                assert [i.number for i in found.items] == ["R-BR01-2025-000001"], query
    finally:
        db.close()


# -- 0009: identity documents recorded before it were originals --------------------------
def _identity_row(check: str, request: str, documents: str) -> str:
    return (
        "INSERT INTO identity_checks (id, branch_code, request_id, subject, documents,"
        " address_differs, passed, rule, reasons, warnings, warnings_confirmed, checked_by,"
        f" checked_at) VALUES ('{check}','BR01','{request}','principal','{documents}',0,1,"
        f"'photo_1','[]','[]',0,'s1',{AT})"
    )


def test_0009_marks_the_documents_recorded_before_it_as_originals(tmp_path):
    """A database at 0008: every document of every identity check gets ``"original": true``
    right after its type; a purged check (no documents) and a document that already says
    (false) are left alone; the rows are then read back by the program."""
    import json

    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0008")
    licence = (
        '{"doc_type": "drivers_license", "expiry": "2027-05-01", "issued_on": null,'
        ' "name_matches": true, "birth_date_matches": true, "address_matches": true,'
        ' "with_registered_seal": false, "shows_my_number": false}'
    )
    with engine.begin() as conn:
        for statement in REVISION_0006_ROWS:
            conn.execute(text(statement))
        conn.execute(text(_identity_row("c1", "r1", f"[{licence}]")))
        two = '[{"doc_type": "pension_book"}, {"doc_type": "qualification_certificate"}]'
        conn.execute(text(_identity_row("c2", "r2", two)))
        conn.execute(text(_identity_row("c3", "r3", "[]")))  # purged by retention
        said = '[{"doc_type": "passport", "original": false}]'
        conn.execute(text(_identity_row("c4", "r1", said)))
    engine.dispose()

    db = open_database(folder, key=key)  # upgrades to head
    try:
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT id, documents FROM identity_checks")).all())
            conn.rollback()
        first = json.loads(rows["c1"])[0]
        assert list(first)[:3] == ["doc_type", "original", "expiry"]  # where the program puts it
        assert first == dict(json.loads(licence), original=True)
        assert json.loads(rows["c2"]) == [
            {"doc_type": "pension_book", "original": True},
            {"doc_type": "qualification_certificate", "original": True},
        ]
        assert json.loads(rows["c3"]) == []
        assert json.loads(rows["c4"]) == [{"doc_type": "passport", "original": False}]
        # the program reads an upgraded document back as an original one
        from counter_app.domain.identity import DocumentShown

        shown = DocumentShown.from_dict(first)
        assert shown.original is True and shown.doc_type == "drivers_license"
    finally:
        db.close()


# -- 0013: phone numbers hyphenated by the numbering plan; the 金種表 column -----------------
def test_0013_hyphenates_stored_phone_numbers_and_search_still_finds_them(tmp_path):
    """Numbers stored as typed before 0013 (09012345678 without hyphens, 029-987-6543 grouped
    as 029 when the plan's area code is 0299) read hyphenated by the plan after the upgrade; a
    search typed with or without hyphens finds them; a purged person is left alone; closed
    days gain an empty cash_denominations."""
    from counter_app.services.search import search_requests
    from counter_app.services.staff_accounts import actor_by_id

    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0010")
    rows = [
        s.replace("'090-1234-5678'", "'09012345678'") if "'p2'" in s else s
        for s in REVISION_0006_ROWS
    ]
    with engine.begin() as conn:
        for statement in rows:
            conn.execute(text(statement))
    engine.dispose()

    db = open_database(folder, key=key)
    try:
        with db.engine.connect() as conn:
            phones = conn.execute(text("SELECT id, phone FROM people ORDER BY id")).all()
            assert [tuple(p) for p in phones] == [
                ("p1", "0299-87-6543"),
                ("p2", "090-1234-5678"),
                ("p3", ""),
            ]
            assert conn.execute(text("SELECT phone FROM branches")).scalar() == "029-000-0000"
            columns = [c[1] for c in conn.execute(text("PRAGMA table_info(closed_days)"))]
            assert "cash_denominations" in columns
            conn.rollback()
        with db.unit_of_work(read_only=True) as uow:
            actor = actor_by_id(uow, "s1")
            for query in ("09012345678", "090-1234-5678", "090 1234 5678"):
                found = search_requests(uow, actor, query, today=dt.date(2025, 4, 2))
                assert [i.number for i in found.items] == ["R-BR01-2025-000002"], query
    finally:
        db.close()
