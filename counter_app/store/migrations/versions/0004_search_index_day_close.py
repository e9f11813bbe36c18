"""Name search index (FTS5 trigram + bigram), search indexes, and the closed-day guards.

Search (see docs/store.md, "Search index"):

- ``search_docs``: one row per indexed person, ``docid`` (INTEGER PRIMARY KEY, stable across
  VACUUM, grows with insertion order, so ``ORDER BY docid DESC`` is "newest first") <->
  ``person_id``.
- ``search_trigram``: contentless FTS5 table, ``tokenize='trigram'``, columns ``name`` and
  ``kana`` (the people's ``name_key`` and ``kana_key``): substring search for queries of 3+
  characters.
- ``search_bigram``: contentless FTS5 table, ``tokenize='unicode61'``, prefix index of length
  1; its document is the list of the key's 2-character substrings plus its last character
  ("ヤマダ" -> "ヤマ マダ ダ"): a 2-character query is one token, a 1-character query is
  the prefix query ``"ヤ"*``.
- ``search_numbers``: the integers 1..400, used by the triggers to cut a key into bigrams
  (SQLite allows no common table expression inside a trigger).
- Triggers on ``people`` keep the index in the same transaction as the write: a new person is
  indexed; a change of ``name_key``/``kana_key`` re-indexes it; setting ``purged_at`` (the
  retention purge) or deleting the row removes its index rows and its ``search_docs`` row.

Other indexes: ``requests.principal_id`` / ``requests.proxy_id`` (search hits -> requests) and
an expression index on the phone's digits (``replace(phone, '-', '')``).

Closed days: ``closed_days`` rows are immutable (UPDATE and DELETE abort), and as a second
line behind the services' own check (``services.access.ensure_day_open``), inserting a
request, a receipt or a reprint dated on a closed day at that branch aborts (status changes of
a request are refused by the services; a retention purge may still blank old rows).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 05:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_KEY_LENGTH = 400


def _bigrams(column: str) -> str:
    """SQL: the bigram document of ``column`` (its 2-char substrings and its last char)."""
    return (
        f"(SELECT group_concat(substr({column}, n, 2), ' ') FROM search_numbers "
        f"WHERE n <= length({column}))"
    )


def _index_person(person: str, new: str, where: str = "") -> list[str]:
    """Statements (for a trigger body) that index person ``person`` with keys of ``new``."""
    return [
        "INSERT INTO search_trigram(rowid, name, kana) "
        f"SELECT docid, {new}.name_key, {new}.kana_key FROM search_docs "
        f"WHERE person_id = {person}{where};",
        "INSERT INTO search_bigram(rowid, name, kana) "
        f"SELECT docid, {_bigrams(new + '.name_key')}, {_bigrams(new + '.kana_key')} "
        f"FROM search_docs WHERE person_id = {person}{where};",
    ]


def _unindex_person(person: str) -> list[str]:
    return [
        "DELETE FROM search_trigram WHERE rowid IN "
        f"(SELECT docid FROM search_docs WHERE person_id = {person});",
        "DELETE FROM search_bigram WHERE rowid IN "
        f"(SELECT docid FROM search_docs WHERE person_id = {person});",
    ]


_TRIGGERS = {
    "people_search_insert": (
        "AFTER INSERT ON people WHEN NEW.purged_at IS NULL",
        [
            "INSERT INTO search_docs(person_id) VALUES (NEW.id);",
            *_index_person("NEW.id", "NEW"),
        ],
    ),
    "people_search_update": (
        "AFTER UPDATE OF name_key, kana_key, purged_at ON people",
        [
            *_unindex_person("OLD.id"),
            *_index_person("OLD.id", "NEW", " AND NEW.purged_at IS NULL"),
            "DELETE FROM search_docs WHERE person_id = OLD.id AND NEW.purged_at IS NOT NULL;",
        ],
    ),
    "people_search_delete": (
        "AFTER DELETE ON people",
        [*_unindex_person("OLD.id"), "DELETE FROM search_docs WHERE person_id = OLD.id;"],
    ),
    "closed_days_no_update": (
        "BEFORE UPDATE ON closed_days",
        ["SELECT RAISE(ABORT, '締め済みの日報は変更できません (closed_days is immutable)');"],
    ),
    "closed_days_no_delete": (
        "BEFORE DELETE ON closed_days",
        ["SELECT RAISE(ABORT, '締め済みの日報は削除できません (closed_days is immutable)');"],
    ),
    "requests_closed_day_insert": (
        "BEFORE INSERT ON requests WHEN EXISTS (SELECT 1 FROM closed_days "
        "WHERE branch_code = NEW.branch_code AND business_date = NEW.received_on)",
        ["SELECT RAISE(ABORT, '締め済みの日付で受付はできません (day closed)');"],
    ),
    "receipts_closed_day_insert": (
        "BEFORE INSERT ON receipts WHEN EXISTS (SELECT 1 FROM closed_days "
        "WHERE branch_code = NEW.branch_code AND business_date = NEW.issued_on)",
        ["SELECT RAISE(ABORT, '締め済みの日付で領収書は発行できません (day closed)');"],
    ),
    "receipt_reprints_closed_day_insert": (
        "BEFORE INSERT ON receipt_reprints WHEN EXISTS (SELECT 1 FROM closed_days "
        "WHERE branch_code = NEW.branch_code AND business_date = NEW.reprinted_on)",
        ["SELECT RAISE(ABORT, '締め済みの日付で再発行はできません (day closed)');"],
    ),
}


def upgrade() -> None:
    op.execute("CREATE TABLE search_numbers (n INTEGER PRIMARY KEY)")
    op.execute(
        "INSERT INTO search_numbers(n) WITH RECURSIVE k(n) AS "
        f"(SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {MAX_KEY_LENGTH}) SELECT n FROM k"
    )
    op.execute(
        "CREATE TABLE search_docs (docid INTEGER PRIMARY KEY, "
        "person_id VARCHAR(36) NOT NULL UNIQUE)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_trigram USING fts5(name, kana, tokenize='trigram', "
        "content='', contentless_delete=1)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_bigram USING fts5(name, kana, "
        "tokenize='unicode61 remove_diacritics 0', prefix='1', content='', "
        "contentless_delete=1)"
    )
    # the people already stored (a database upgraded from 0003), oldest first
    op.execute(
        "INSERT INTO search_docs(person_id) SELECT id FROM people WHERE purged_at IS NULL "
        "ORDER BY created_at, id"
    )
    op.execute(
        "INSERT INTO search_trigram(rowid, name, kana) SELECT d.docid, p.name_key, p.kana_key "
        "FROM search_docs d JOIN people p ON p.id = d.person_id"
    )
    op.execute(
        "INSERT INTO search_bigram(rowid, name, kana) SELECT d.docid, "
        f"{_bigrams('p.name_key')}, {_bigrams('p.kana_key')} "
        "FROM search_docs d JOIN people p ON p.id = d.person_id"
    )
    for name, (when, body) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {' '.join(body)} END")

    op.create_index("ix_requests_principal_id", "requests", ["principal_id"])
    op.create_index("ix_requests_proxy_id", "requests", ["proxy_id"])
    op.execute("CREATE INDEX ix_people_phone_digits ON people (replace(phone, '-', ''))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_people_phone_digits")
    op.drop_index("ix_requests_proxy_id", "requests")
    op.drop_index("ix_requests_principal_id", "requests")
    for name in reversed(list(_TRIGGERS)):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_bigram")
    op.execute("DROP TABLE IF EXISTS search_trigram")
    op.execute("DROP TABLE IF EXISTS search_docs")
    op.execute("DROP TABLE IF EXISTS search_numbers")
