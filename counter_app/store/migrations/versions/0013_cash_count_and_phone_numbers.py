"""``closed_days.cash_denominations`` (the 金種表 counted at the close of a day), and phone
numbers hyphenated by the Japanese numbering plan.

The counts of 10,000 / 5,000 / 2,000 / 1,000 / 500 / 100 / 50 / 10 / 5 / 1 yen found in the
drawer, as JSON ``{"10000": pieces, ...}`` (:class:`counter_app.domain.cash_count.CashCount`);
their total is the row's ``cash_counted``. The same counts are in the snapshot
(``cash.denominations``, covered by ``snapshot_hash``); the column lets head office query them.

Closed days are immutable (the ``closed_days_no_update`` / ``_no_delete`` triggers of 0004):
the column is added with a plain ALTER TABLE ... ADD COLUMN (no table copy, the triggers stay)
and days closed before this revision keep NULL — they were counted without a 金種表 and their
log prints 「金種表: 記録なし」. Nothing is rewritten.

Phone numbers: ``people.phone`` and ``branches.phone`` were stored with the grouping they were
typed with (``09012345678`` stayed without hyphens). Every number the numbering plan knows is
rewritten hyphenated by it (:func:`counter_app.domain.text.format_phone`: ``090-1234-5678``,
``029-864-1111``); a number it does not know, and purged people's blank numbers, are left as
they are. Search is unaffected (it compares digits: ``ix_people_phone_digits``).

Downgrade drops the column (the snapshots keep the counts); the phone numbers stay hyphenated
(the same digits).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.domain.text import format_phone

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


#: People read per batch (keyset pages by rowid, as 0007).
BATCH = 2000


def _reformat_phones(conn: sa.Connection, table: str, where: str) -> None:
    update = sa.text(f"UPDATE {table} SET phone = :phone WHERE rowid = :rowid")
    after = 0
    while True:
        rows = conn.execute(
            sa.text(
                f"SELECT rowid, phone FROM {table} WHERE rowid > :after AND phone != '' {where} "
                "ORDER BY rowid LIMIT :n"
            ),
            {"after": after, "n": BATCH},
        ).all()
        if not rows:
            return
        changes = [
            {"rowid": rowid, "phone": format_phone(phone)}
            for rowid, phone in rows
            if format_phone(phone) != phone
        ]
        if changes:
            conn.execute(update, changes)
        after = rows[-1][0]


def upgrade() -> None:
    op.add_column("closed_days", sa.Column("cash_denominations", sa.JSON()))
    conn = op.get_bind()
    _reformat_phones(conn, "people", "AND purged_at IS NULL")
    _reformat_phones(conn, "branches", "")


def downgrade() -> None:
    op.drop_column("closed_days", "cash_denominations")
