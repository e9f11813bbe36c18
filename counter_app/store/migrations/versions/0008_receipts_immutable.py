"""Issued receipts and their reprint records are never changed (domain.md §6): a reprint is
a new reprint row, a void a new receipt row pointing at the original. Triggers refuse UPDATE
and DELETE on both tables, as on the audit trail and the closed days.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 08:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TRIGGERS = {
    "receipts_no_update": (
        "BEFORE UPDATE ON receipts",
        "発行済みの領収書は変更できません (receipts are immutable)",
    ),
    "receipts_no_delete": (
        "BEFORE DELETE ON receipts",
        "発行済みの領収書は削除できません (receipts are immutable)",
    ),
    "receipt_reprints_no_update": (
        "BEFORE UPDATE ON receipt_reprints",
        "再発行の記録は変更できません (receipt_reprints are immutable)",
    ),
    "receipt_reprints_no_delete": (
        "BEFORE DELETE ON receipt_reprints",
        "再発行の記録は削除できません (receipt_reprints are immutable)",
    ),
}


def upgrade() -> None:
    for name, (when, message) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{message}'); END")


def downgrade() -> None:
    for name in reversed(list(_TRIGGERS)):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
