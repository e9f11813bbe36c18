"""Login lockout state per staff member, and a sealed head of the audit chain.

``staff_lockouts``: one row per staff member who has failed to sign in (failed attempts in a
row, locked until when). Kept apart from ``staff`` so the staff row itself never changes shape.

``audit_head``: a single row (id 1) holding the seq and hash of the newest audit row. A trigger
advances it on every INSERT into ``audit_log``; other triggers refuse to move it backwards, to
skip a seq or to point it at a hash the chain does not hold, and refuse to delete it. The
chain alone cannot show that its *last* rows were cut off; the head can
(``counter_app.services.audit_verify``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64


def upgrade() -> None:
    op.create_table(
        "staff_lockouts",
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=27), nullable=True),
        sa.Column("last_failed_at", sa.String(length=27), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_lockouts_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_lockouts")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.execute(
        "INSERT INTO audit_head (id, seq, hash) SELECT 1, "
        f"coalesce((SELECT max(seq) FROM audit_log), 0), "
        f"coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '{GENESIS_HASH}')"
    )
    op.execute(
        "CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log "
        "BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END"
    )
    op.execute(
        "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head "
        "WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id "
        "OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq) "
        "BEGIN SELECT RAISE(ABORT, 'audit_head only follows the audit chain'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
        "BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_head_forward_only")
    op.execute("DROP TRIGGER IF EXISTS audit_head_advance")
    op.drop_table("audit_head")
    op.drop_table("staff_lockouts")
