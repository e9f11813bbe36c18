"""``requests.purpose_notice_ground``: the Art. 32(2) ground of a purpose notice not given.

A refused purpose notice (the co-op decides not to notify the purposes of use) cites APPI
Art. 32(2) — :class:`counter_app.domain.requests.PurposeNoticeGround` — not the Art. 33(2)
ground of a disclosure, which stays in ``decision_ground``. The two families share a code
(``harm``), so each has its own column.

Rows decided before this revision keep NULL here: their only ground is ``decision_ground``
(an Art. 33(2) code, the only kind there was), and a purpose notice refused then reads back and
prints with it, as it was decided (``counter_app.domain.decision_grounds.stored_ground``).
Nothing is rewritten.

Downgrade drops the column (the Art. 32(2) grounds recorded since are lost).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE ... ADD COLUMN: the table is not copied, so the closed-day trigger
    # of 0004 on ``requests`` stays as it is
    op.add_column("requests", sa.Column("purpose_notice_ground", sa.String(length=32)))


def downgrade() -> None:
    op.drop_column("requests", "purpose_notice_ground")  # SQLite >= 3.35: no table copy
