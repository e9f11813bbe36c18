"""The name search index on SQLite: two contentless FTS5 tables kept by triggers.

Made by migration 0004 (see docs/store.md, "Search index"): ``search_trigram`` (FTS5
``trigram`` tokenizer: a substring of 3+ characters) and ``search_bigram`` (the key's
2-character substrings and its last character: 1 and 2 characters), both keyed by
``search_docs.docid``, filled and emptied by triggers on ``people`` in the writing transaction.
The services ask only for "the people whose name or kana key contains this key"
(:func:`people_matching_sql`); PostgreSQL would answer it from a ``pg_trgm`` GIN index on
``people.name_key`` / ``kana_key`` instead (docs/store.md, "Two engines").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The FTS5 tables of the index (migration 0004).
FTS_TABLES = ("search_trigram", "search_bigram")
#: Shortest key the trigram table can match; shorter keys use the bigram table.
TRIGRAM_LENGTH = 3


def _phrase(key: str) -> str:
    """``key`` as one FTS5 phrase: FTS5 syntax typed into a search is plain text."""
    return '"' + key.replace('"', '""') + '"'


def people_matching_sql(key: str) -> tuple[str, dict[str, Any]]:
    """SQL selecting ``person_id`` of the people whose name key or kana key contains ``key``
    (a folded, non-empty search key), newest first, at most ``:n`` of them; and its
    parameters (without ``n``)."""
    table = FTS_TABLES[0] if len(key) >= TRIGRAM_LENGTH else FTS_TABLES[1]
    phrase = _phrase(key) + ("*" if len(key) == 1 else "")
    return (
        "SELECT d.person_id FROM (SELECT rowid AS docid FROM "
        f"{table} WHERE {table} MATCH :q ORDER BY rowid DESC LIMIT :n) AS hits "
        "JOIN search_docs d ON d.docid = hits.docid",
        {"q": phrase},
    )


def optimise(session: Session) -> None:
    """Merge the FTS segments so deleted tokens (purged names) are really gone from the file."""
    existing = {
        row[0]
        for row in session.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (:a, :b)"),
            {"a": FTS_TABLES[0], "b": FTS_TABLES[1]},
        )
    }
    for table in FTS_TABLES:
        if table in existing:
            session.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))
