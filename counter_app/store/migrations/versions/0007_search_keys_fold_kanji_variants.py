"""Re-derive the people's search keys: they now fold kanji variants (髙 -> 高, 﨑 -> 崎...).

``people.name_key`` and ``people.kana_key`` are derived data
(:func:`counter_app.domain.text.name_search_key` / ``kana_key`` of the name and furigana, which
are never changed). Keys stored before this revision keep 髙橋 as 髙橋, so a search for 高橋
would miss them: every person not yet purged (``purged_at IS NULL``) gets both keys
recomputed with the program's current functions. Only rows whose keys change are written;
the ``people_search_update`` trigger of 0004 (``AFTER UPDATE OF name_key, kana_key``)
re-indexes each of them in the FTS5 tables in the same transaction. Purged people have blank
keys and no index rows and are left alone.

The next change to the key derivation needs a migration like this one (it is not enough to
edit 0007: a database already at 0007 would not run it again).

Downgrade: a no-op — the keys are derived data. (After a downgrade the keys stay folded: a
search for 高橋 finds 髙橋 一郎, a search typed as 髙橋 does not.)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.domain.text import kana_key, name_search_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: People read (and keys written) per batch: keyset pages by rowid, so memory stays flat.
BATCH = 2000


def _batch_changes(conn: sa.Connection, after: int) -> tuple[int | None, list[dict[str, str]]]:
    """The last rowid read (None when no row is left) and the keys to write for that page."""
    rows = conn.execute(
        sa.text(
            "SELECT rowid, id, name, furigana, name_key, kana_key FROM people "
            "WHERE rowid > :after AND purged_at IS NULL ORDER BY rowid LIMIT :n"
        ),
        {"after": after, "n": BATCH},
    ).all()
    if not rows:
        return None, []
    changes = []
    for _rowid, person_id, name, furigana, old_name_key, old_kana_key in rows:
        new_name_key = name_search_key(name or "")
        new_kana_key = kana_key(furigana) if furigana else ""
        if (new_name_key, new_kana_key) != (old_name_key, old_kana_key):
            changes.append({"id": person_id, "name_key": new_name_key, "kana_key": new_kana_key})
    return rows[-1][0], changes


def upgrade() -> None:
    conn = op.get_bind()
    update = sa.text("UPDATE people SET name_key = :name_key, kana_key = :kana_key WHERE id = :id")
    after: int | None = 0
    while after is not None:
        after, changes = _batch_changes(conn, after)
        if changes:
            conn.execute(update, changes)


def downgrade() -> None:
    pass  # derived data: nothing to undo
