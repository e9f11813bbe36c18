"""Branch code (and a timestamp where missing) on every child row of a request.

So that each record carries its branch and a UTC time on its own when branch databases are
merged at head office: ``branch_code`` on request_items, identity_checks, proxy_checks and
fee_records; ``created_at`` on request_items and fee_records. Existing rows are filled from
their request (its branch and its reception time).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 05:42:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BRANCH = ("request_items", "identity_checks", "proxy_checks", "fee_records")
_CREATED = ("request_items", "fee_records")


def upgrade() -> None:
    for table in _BRANCH:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("branch_code", sa.String(length=16), nullable=False, server_default="")
            )
            if table in _CREATED:
                batch.add_column(
                    sa.Column("created_at", sa.String(length=27), nullable=False, server_default="")
                )
        op.execute(
            f"UPDATE {table} SET branch_code = "
            f"(SELECT r.branch_code FROM requests r WHERE r.id = {table}.request_id)"
        )
        if table in _CREATED:
            op.execute(
                f"UPDATE {table} SET created_at = "
                f"(SELECT r.received_at FROM requests r WHERE r.id = {table}.request_id)"
            )


def downgrade() -> None:
    for table in _BRANCH:
        with op.batch_alter_table(table) as batch:
            if table in _CREATED:
                batch.drop_column("created_at")
            batch.drop_column("branch_code")
