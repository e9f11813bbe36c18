"""``closed_days.cash_denominations``: the 金種表 counted at the close of a day.

The counts of 10,000 / 5,000 / 2,000 / 1,000 / 500 / 100 / 50 / 10 / 5 / 1 yen found in the
drawer, as JSON ``{"10000": pieces, ...}`` (:class:`counter_app.domain.cash_count.CashCount`);
their total is the row's ``cash_counted``. The same counts are in the snapshot
(``cash.denominations``, covered by ``snapshot_hash``); the column lets head office query them.

Closed days are immutable (the ``closed_days_no_update`` / ``_no_delete`` triggers of 0004):
the column is added with a plain ALTER TABLE ... ADD COLUMN (no table copy, the triggers stay)
and days closed before this revision keep NULL — they were counted without a 金種表 and their
log prints 「金種表: 記録なし」. Nothing is rewritten.

Downgrade drops the column (the snapshots keep the counts).

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-02 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("closed_days", sa.Column("cash_denominations", sa.JSON()))


def downgrade() -> None:
    op.drop_column("closed_days", "cash_denominations")
