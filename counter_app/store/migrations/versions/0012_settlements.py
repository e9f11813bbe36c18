"""Settlements (精算, domain.md section 10): the difference between the fee taken at the
counter with the page count 未定 and the actual fee, collected or refunded later.

- ``settlements``: one row per settlement receipt (精算書), its own gapless number series
  ``S-{branch}-{fiscal year}-{6 digits}`` (counter_app.store.numbering.Series.SETTLEMENT),
  pointing at the request and its first receipt; ``kind`` ``settlement`` or ``void`` (a void
  is a new row in the same series pointing at the settlement, amounts negated, like a
  receipt's void). ``attempt`` numbers the settlements of a request (1, then 2 after a void,
  ...): UNIQUE (request_id, kind, attempt) makes a second settlement of the same attempt
  impossible, whatever the caller does (nothing doubled).
- ``settlement_reprints``: each reprint of a 精算書 with its ordinal (再発行 n), as
  ``receipt_reprints``.
- Triggers refuse UPDATE and DELETE on both (immutable, as receipts since 0008) and an INSERT
  dated on a closed day at that branch (as receipts since 0004).
- ``requests.settlement_state``: NULL (nothing to settle), ``pending`` (精算待ち) or
  ``settled`` (indexed: the requests to settle are listed without a table walk). Rows before
  this revision keep NULL: 未定 did not exist.

Downgrade drops the triggers, the table and the column (settlements recorded since are lost).

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TRIGGERS = {
    "settlements_no_update": (
        "BEFORE UPDATE ON settlements",
        "精算書は変更できません (settlements are immutable)",
    ),
    "settlements_no_delete": (
        "BEFORE DELETE ON settlements",
        "精算書は削除できません (settlements are immutable)",
    ),
    "settlements_closed_day_insert": (
        "BEFORE INSERT ON settlements WHEN EXISTS (SELECT 1 FROM closed_days "
        "WHERE branch_code = NEW.branch_code AND business_date = NEW.settled_on)",
        "締め済みの日付で精算はできません (day closed)",
    ),
    "settlement_reprints_no_update": (
        "BEFORE UPDATE ON settlement_reprints",
        "精算書の再発行の記録は変更できません (settlement_reprints are immutable)",
    ),
    "settlement_reprints_no_delete": (
        "BEFORE DELETE ON settlement_reprints",
        "精算書の再発行の記録は削除できません (settlement_reprints are immutable)",
    ),
    "settlement_reprints_closed_day_insert": (
        "BEFORE INSERT ON settlement_reprints WHEN EXISTS (SELECT 1 FROM closed_days "
        "WHERE branch_code = NEW.branch_code AND business_date = NEW.reprinted_on)",
        "締め済みの日付で再発行はできません (day closed)",
    ),
}


def upgrade() -> None:
    op.add_column("requests", sa.Column("settlement_state", sa.String(length=16)))
    # the requests to settle are found without walking the table (list --settlement-pending)
    op.create_index(op.f("ix_requests_settlement_state"), "requests", ["settlement_state"])
    op.create_table(
        "settlements",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("receipt_id", sa.String(length=36), nullable=True),
        sa.Column("voids_settlement_id", sa.String(length=36), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("settled_at", sa.String(length=27), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("quote", sa.JSON(), nullable=False),
        sa.Column("schedule_version", sa.String(length=32), nullable=False),
        sa.Column("charged", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("taxable_10", sa.Integer(), nullable=False),
        sa.Column("tax_10", sa.Integer(), nullable=False),
        sa.Column("amount_received", sa.Integer(), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_settlements_request_id_requests")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_settlements_receipt_id_receipts")
        ),
        sa.ForeignKeyConstraint(
            ["voids_settlement_id"],
            ["settlements.id"],
            name=op.f("fk_settlements_voids_settlement_id_settlements"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_settlements_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.id"], name=op.f("fk_settlements_approver_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlements")),
        sa.UniqueConstraint("number", name=op.f("uq_settlements_number")),
        sa.UniqueConstraint(
            "branch_code",
            "fiscal_year",
            "seq",
            name=op.f("uq_settlements_branch_code_fiscal_year_seq"),
        ),
        sa.UniqueConstraint(
            "request_id", "kind", "attempt", name=op.f("uq_settlements_request_id_kind_attempt")
        ),
        sa.UniqueConstraint("voids_settlement_id", name=op.f("uq_settlements_voids_settlement_id")),
    )
    op.create_index(op.f("ix_settlements_request_id"), "settlements", ["request_id"])
    op.create_index(op.f("ix_settlements_settled_on"), "settlements", ["settled_on"])
    op.create_table(
        "settlement_reprints",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("settlement_id", sa.String(length=36), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("reprinted_at", sa.String(length=27), nullable=False),
        sa.Column("reprinted_on", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["settlements.id"],
            name=op.f("fk_settlement_reprints_settlement_id_settlements"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_settlement_reprints_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_reprints")),
        sa.UniqueConstraint(
            "settlement_id",
            "ordinal",
            name=op.f("uq_settlement_reprints_settlement_id_ordinal"),
        ),
    )
    op.create_index(
        op.f("ix_settlement_reprints_reprinted_on"), "settlement_reprints", ["reprinted_on"]
    )
    for name, (when, message) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{message}'); END")


def downgrade() -> None:
    for name in reversed(list(_TRIGGERS)):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_settlement_reprints_reprinted_on"), "settlement_reprints")
    op.drop_table("settlement_reprints")
    op.drop_index(op.f("ix_settlements_settled_on"), "settlements")
    op.drop_index(op.f("ix_settlements_request_id"), "settlements")
    op.drop_table("settlements")
    op.drop_index(op.f("ix_requests_settlement_state"), "requests")
    op.drop_column("requests", "settlement_state")
