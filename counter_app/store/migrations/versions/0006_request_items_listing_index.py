"""A covering index for the request lists and search results: the request types of a set of
requests are read from the index alone (no table row per request).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 05:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_request_items_listing", "request_items", ["request_id", "position", "request_type"]
    )


def downgrade() -> None:
    op.drop_index("ix_request_items_listing", "request_items")
