"""``installation``: the id of the counter installation this database belongs to.

One row (id 1). A database that already has audit rows gets the id derived from its first
audit row's hash (:func:`counter_app.store.installation.derived_installation_id`), so its
backups taken before this revision — which lack this table — still match it; an empty database
(a new installation: the schema is made before the first audit row) gets a random UUID.
Triggers refuse to change or delete the row: an installation id never moves.

``restore`` compares it with the backup's, and the rollback anchor in the OS keyring is kept
per installation (``counter_app.security.anchor``).

Downgrade drops the table (the id of a database made after this revision is lost).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from counter_app.store.installation import derived_installation_id, new_installation_id

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("installation_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_installation_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    first = op.get_bind().execute(sa.text("SELECT hash FROM audit_log WHERE seq = 1")).first()
    ident = derived_installation_id(first[0]) if first is not None else new_installation_id()
    op.execute(
        sa.text("INSERT INTO installation (id, installation_id) VALUES (1, :ident)").bindparams(
            ident=ident
        )
    )
    op.execute(
        "CREATE TRIGGER installation_no_update BEFORE UPDATE ON installation "
        "BEGIN SELECT RAISE(ABORT, 'the installation id never changes'); END"
    )
    op.execute(
        "CREATE TRIGGER installation_no_delete BEFORE DELETE ON installation "
        "BEGIN SELECT RAISE(ABORT, 'the installation id cannot be deleted'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS installation_no_delete")
    op.execute("DROP TRIGGER IF EXISTS installation_no_update")
    op.drop_table("installation")
