"""Initial schema: branch, staff, people, requests and their checks, fees, receipts, audit.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 05:14:39.179391
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at_utc", sa.String(length=27), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_request_id"), ["request_id"], unique=False)

    op.create_table(
        "branches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=8), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("issuer_name", sa.String(length=200), nullable=False),
        sa.Column("registration_number", sa.String(length=14), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("code", name=op.f("uq_branches_code")),
    )
    op.create_table(
        "number_counters",
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "branch_code", "series", "fiscal_year", name=op.f("pk_number_counters")
        ),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("furigana", sa.String(length=200), nullable=False),
        sa.Column("kana_key", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("postal_code", sa.String(length=8), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("member_number", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("purged_at", sa.String(length=27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_kana_key"), ["kana_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_people_member_number"), ["member_number"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_people_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_phone"), ["phone"], unique=False)

    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("last_login_at", sa.String(length=27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("principal_id", sa.String(length=36), nullable=False),
        sa.Column("proxy_id", sa.String(length=36), nullable=True),
        sa.Column("proxy_kind", sa.String(length=32), nullable=True),
        sa.Column("disclosure_method", sa.String(length=32), nullable=True),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("may_hand_to_proxy", sa.Boolean(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=False),
        sa.Column("lawsuit_possible_from", sa.Date(), nullable=False),
        sa.Column("extended_target_on", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("started_at", sa.String(length=27), nullable=True),
        sa.Column("decided_at", sa.String(length=27), nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("decision_ground", sa.String(length=32), nullable=True),
        sa.Column("decision_explanation", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.String(length=27), nullable=True),
        sa.Column("closing_reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_requests_created_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["staff.id"], name=op.f("fk_requests_decided_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["principal_id"], ["people.id"], name=op.f("fk_requests_principal_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["proxy_id"], ["people.id"], name=op.f("fk_requests_proxy_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
        sa.UniqueConstraint(
            "branch_code",
            "fiscal_year",
            "seq",
            name=op.f("uq_requests_branch_code_fiscal_year_seq"),
        ),
        sa.UniqueConstraint("number", name=op.f("uq_requests_number")),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requests_received_on"), ["received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_requests_status"), ["status"], unique=False)

    op.create_table(
        "fee_records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("quote", sa.JSON(), nullable=False),
        sa.Column("schedule_version", sa.String(length=32), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("adjustment_kind", sa.String(length=16), nullable=True),
        sa.Column("adjustment_reason", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("amount_received", sa.Integer(), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["staff.id"], name=op.f("fk_fee_records_approved_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_fee_records_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_records")),
        sa.UniqueConstraint("request_id", name=op.f("uq_fee_records_request_id")),
    )
    op.create_table(
        "identity_checks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("address_differs", sa.Boolean(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("warnings_confirmed", sa.Boolean(), nullable=False),
        sa.Column("checked_by", sa.String(length=36), nullable=False),
        sa.Column("checked_at", sa.String(length=27), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by"], ["staff.id"], name=op.f("fk_identity_checks_checked_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_identity_checks_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_checks")),
    )
    with op.batch_alter_table("identity_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_checks_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "proxy_checks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("may_hand_to_proxy", sa.Boolean(), nullable=False),
        sa.Column("checked_by", sa.String(length=36), nullable=False),
        sa.Column("checked_at", sa.String(length=27), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by"], ["staff.id"], name=op.f("fk_proxy_checks_checked_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_proxy_checks_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proxy_checks")),
        sa.UniqueConstraint("request_id", name=op.f("uq_proxy_checks_request_id")),
    )
    op.create_table(
        "receipts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("voids_receipt_id", sa.String(length=36), nullable=True),
        sa.Column("issued_at", sa.String(length=27), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("taxable_10", sa.Integer(), nullable=False),
        sa.Column("tax_10", sa.Integer(), nullable=False),
        sa.Column("quote", sa.JSON(), nullable=False),
        sa.Column("schedule_version", sa.String(length=32), nullable=False),
        sa.Column("proviso", sa.String(length=200), nullable=False),
        sa.Column("amount_received", sa.Integer(), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.id"], name=op.f("fk_receipts_approver_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_receipts_request_id_requests")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_receipts_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["voids_receipt_id"],
            ["receipts.id"],
            name=op.f("fk_receipts_voids_receipt_id_receipts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint(
            "branch_code",
            "fiscal_year",
            "seq",
            name=op.f("uq_receipts_branch_code_fiscal_year_seq"),
        ),
        sa.UniqueConstraint("number", name=op.f("uq_receipts_number")),
        sa.UniqueConstraint("voids_receipt_id", name=op.f("uq_receipts_voids_receipt_id")),
    )
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipts_issued_on"), ["issued_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_request_id"), ["request_id"], unique=False)

    op.create_table(
        "request_items",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("request_type", sa.String(length=32), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_request_items_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_items")),
    )
    with op.batch_alter_table("request_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_items_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "reveals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("revealed_at", sa.String(length=27), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["staff.id"], name=op.f("fk_reveals_actor_id_staff")),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.id"], name=op.f("fk_reveals_approver_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_reveals_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reveals")),
    )
    with op.batch_alter_table("reveals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reveals_request_id"), ["request_id"], unique=False)

    op.create_table(
        "receipt_reprints",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("receipt_id", sa.String(length=36), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("reprinted_at", sa.String(length=27), nullable=False),
        sa.Column("reprinted_on", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_receipt_reprints_receipt_id_receipts")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_receipt_reprints_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_reprints")),
        sa.UniqueConstraint(
            "receipt_id", "ordinal", name=op.f("uq_receipt_reprints_receipt_id_ordinal")
        ),
    )
    with op.batch_alter_table("receipt_reprints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_reprints_reprinted_on"), ["reprinted_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("receipt_reprints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_reprints_reprinted_on"))

    op.drop_table("receipt_reprints")
    with op.batch_alter_table("reveals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reveals_request_id"))

    op.drop_table("reveals")
    with op.batch_alter_table("request_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_items_request_id"))

    op.drop_table("request_items")
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipts_request_id"))
        batch_op.drop_index(batch_op.f("ix_receipts_issued_on"))

    op.drop_table("receipts")
    op.drop_table("proxy_checks")
    with op.batch_alter_table("identity_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_checks_request_id"))

    op.drop_table("identity_checks")
    op.drop_table("fee_records")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requests_status"))
        batch_op.drop_index(batch_op.f("ix_requests_received_on"))

    op.drop_table("requests")
    op.drop_table("staff")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_phone"))
        batch_op.drop_index(batch_op.f("ix_people_name_key"))
        batch_op.drop_index(batch_op.f("ix_people_member_number"))
        batch_op.drop_index(batch_op.f("ix_people_kana_key"))

    op.drop_table("people")
    op.drop_table("number_counters")
    op.drop_table("branches")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_request_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
