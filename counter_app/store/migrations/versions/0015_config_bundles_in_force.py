"""Head-office configuration bundles in force: the date a bundle applies from, and the bundle
each request was taken under.

- ``hq_config_bundles.effective_from``: the date from which a bundle's rules apply (sent with
  the bundle; ``sync pull`` refuses a bundle without one). Bundles kept before this revision
  carried no date and keep NULL: they were never in force and are never put in force.
- ``requests.rules_version``: the bundle (``"<id>/v<version>"``) whose rules the intake used
  for its fee quote, deadlines and postage; NULL: the terminal's own config files (every
  request taken before this revision). What is later computed for a request (its settlement,
  its postage) reads the same rules, so a bundle that arrives later, even dated in the past,
  never changes what was issued.

Both columns are added with a plain ALTER TABLE ... ADD COLUMN (no table copy: the outbox
triggers of 0014 on ``requests`` stay); nothing is rewritten. Downgrade drops them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hq_config_bundles", sa.Column("effective_from", sa.Date(), nullable=True))
    op.add_column("requests", sa.Column("rules_version", sa.String(length=80), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE requests DROP COLUMN rules_version")
    op.execute("ALTER TABLE hq_config_bundles DROP COLUMN effective_from")
