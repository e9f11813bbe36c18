"""Terminals of a branch, and the outbox of every change for head office (issue 12).

Terminals:

- ``branches.terminal_no`` (1–99): this installation is terminal N of its branch. An existing
  database becomes terminal 01.
- ``number_counters`` gets ``terminal_no`` in its key: numbers are gapless per terminal
  (``R-BR01-02-2026-000123``). The counters already there become terminal 01's, so an existing
  database goes on from its last sequence; every number already printed keeps its text (no row
  is renumbered).
- ``requests``, ``receipts``, ``settlements`` and ``closed_days`` get ``terminal_no`` (existing
  rows: 1) and a unique index per terminal. The table's earlier UNIQUE (branch, year, seq)
  stays (SQLite cannot drop it without copying the table and its immutability triggers); it
  cannot refuse anything as long as a database numbers for one terminal only, which
  :func:`counter_app.sync.enrolment.enrol` keeps (a terminal that has numbered as 01 is enrolled
  as 01).

The outbox:

- ``sync_outbox(seq, aggregate, aggregate_id, version, schema_version, payload, created_at)``:
  one row per changed aggregate per committed write transaction, appended in that transaction
  (:mod:`counter_app.sync.outbox`); deleted only once head office acknowledged it.
- ``sync_state`` (one row, id 1): the last seq handed out, the acknowledged mark, the pulled
  mark, the last push / pull time, the last error, and head office's address once enrolled.
- ``sync_dirty(aggregate, aggregate_id)``: the aggregates a transaction touched, marked by
  triggers on every table an aggregate is made of, so no write path (ORM, Core, raw SQL) can
  change a row without it being noticed; the outbox hook turns them into outbox rows before the
  commit and empties the table. Every aggregate already in the database is marked here by this
  migration, so a terminal's earlier rows all go into its first push.
- ``hq_decisions`` and ``hq_config_bundles``: what ``sync pull`` brought down from head office.

Downgrade drops the sync tables and triggers and the terminal columns (numbers keep their text;
the counters of the terminals are merged, highest value kept, so no number comes back).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NUMBERED = ("requests", "receipts", "settlements")


def _mark(aggregate: str, id_expr: str) -> str:
    return (
        f"INSERT OR IGNORE INTO sync_dirty (aggregate, aggregate_id) VALUES ('{aggregate}', "
        f"{id_expr});"
    )


_REQUEST_OF_PERSON = (
    "INSERT OR IGNORE INTO sync_dirty (aggregate, aggregate_id) "
    "SELECT 'request', id FROM requests WHERE principal_id = NEW.id OR proxy_id = NEW.id;"
)

#: trigger name -> (when, body): every table an aggregate is made of marks it.
_TRIGGERS: dict[str, tuple[str, str]] = {}
for _event in ("INSERT", "UPDATE"):
    _lower = _event.lower()
    _TRIGGERS[f"sync_requests_{_lower}"] = (
        f"AFTER {_event} ON requests",
        _mark("request", "NEW.id"),
    )
    for _child in ("request_items", "identity_checks", "proxy_checks", "fee_records"):
        _TRIGGERS[f"sync_{_child}_{_lower}"] = (
            f"AFTER {_event} ON {_child}",
            _mark("request", "NEW.request_id"),
        )
    _TRIGGERS[f"sync_closed_days_{_lower}"] = (
        f"AFTER {_event} ON closed_days",
        _mark("closed_day", "NEW.id"),
    )
_TRIGGERS["sync_people_update"] = ("AFTER UPDATE ON people", _REQUEST_OF_PERSON)
_TRIGGERS["sync_receipts_insert"] = ("AFTER INSERT ON receipts", _mark("receipt", "NEW.id"))
_TRIGGERS["sync_receipt_reprints_insert"] = (
    "AFTER INSERT ON receipt_reprints",
    _mark("receipt", "NEW.receipt_id"),
)
_TRIGGERS["sync_settlements_insert"] = (
    "AFTER INSERT ON settlements",
    _mark("settlement", "NEW.id"),
)
_TRIGGERS["sync_settlement_reprints_insert"] = (
    "AFTER INSERT ON settlement_reprints",
    _mark("settlement", "NEW.settlement_id"),
)
_TRIGGERS["sync_reveals_insert"] = ("AFTER INSERT ON reveals", _mark("reveal", "NEW.id"))
_TRIGGERS["sync_audit_log_insert"] = (
    "AFTER INSERT ON audit_log",
    _mark("audit", "CAST(NEW.seq AS TEXT)"),
)

#: the aggregates already in a database, in the order they go into the first push
_BACKFILL = (
    ("audit", "CAST(seq AS TEXT) FROM audit_log", "seq"),
    ("request", "id FROM requests", "received_at, id"),
    ("receipt", "id FROM receipts", "issued_at, id"),
    ("settlement", "id FROM settlements", "settled_at, id"),
    ("reveal", "id FROM reveals", "revealed_at, id"),
    ("closed_day", "id FROM closed_days", "business_date, id"),
)


def _terminal_column() -> sa.Column[int]:
    return sa.Column("terminal_no", sa.Integer(), nullable=False, server_default=sa.text("1"))


def upgrade() -> None:
    op.add_column("branches", _terminal_column())
    # number_counters: terminal_no joins the key (no trigger on this table: copied twice, so
    # the primary key keeps the name the models give it)
    _counters_table("number_counters_0014", "pk_number_counters_0014")
    op.execute(
        "INSERT INTO number_counters_0014 (branch_code, terminal_no, series, fiscal_year, "
        "last_value) SELECT branch_code, 1, series, fiscal_year, last_value FROM number_counters"
    )
    op.drop_table("number_counters")
    _counters_table("number_counters", op.f("pk_number_counters"))
    op.execute("INSERT INTO number_counters SELECT * FROM number_counters_0014")
    op.drop_table("number_counters_0014")

    for table in _NUMBERED:
        op.add_column(table, _terminal_column())
        op.create_index(
            f"uq_{table}_terminal_seq",
            table,
            ["branch_code", "terminal_no", "fiscal_year", "seq"],
            unique=True,
        )
    op.add_column("closed_days", _terminal_column())
    op.create_index(
        "uq_closed_days_terminal_date",
        "closed_days",
        ["branch_code", "terminal_no", "business_date"],
        unique=True,
    )

    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("aggregate", sa.String(length=32), nullable=False),
        sa.Column("aggregate_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("pulled_mark", sa.Integer(), nullable=False),
        sa.Column("last_push_at", sa.String(length=27), nullable=True),
        sa.Column("last_pull_at", sa.String(length=27), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.String(length=27), nullable=True),
        sa.Column("hq_host", sa.String(length=255), nullable=True),
        sa.Column("hq_port", sa.Integer(), nullable=True),
        sa.Column("hq_dbname", sa.String(length=63), nullable=True),
        sa.Column("enrolled_at", sa.String(length=27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.execute("INSERT INTO sync_state (id, last_seq, acked_seq, pulled_mark) VALUES (1, 0, 0, 0)")
    op.create_table(
        "sync_dirty",
        sa.Column("aggregate", sa.String(length=32), nullable=False),
        sa.Column("aggregate_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("aggregate", "aggregate_id", name=op.f("pk_sync_dirty")),
    )
    op.create_table(
        "hq_decisions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("mark", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_decisions")),
    )
    op.create_index(op.f("ix_hq_decisions_request_id"), "hq_decisions", ["request_id"])
    op.create_table(
        "hq_config_bundles",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("mark", sa.Integer(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", "version", name=op.f("pk_hq_config_bundles")),
    )
    for name, (when, body) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    for aggregate, ids, order in _BACKFILL:
        op.execute(
            "INSERT OR IGNORE INTO sync_dirty (aggregate, aggregate_id) "
            f"SELECT '{aggregate}', {ids} ORDER BY {order}"
        )


def _counters_table(name: str, pk_name: str) -> None:
    op.create_table(
        name,
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("terminal_no", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "branch_code", "terminal_no", "series", "fiscal_year", name=pk_name
        ),
    )


def downgrade() -> None:
    for name in reversed(list(_TRIGGERS)):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("hq_config_bundles")
    op.drop_index(op.f("ix_hq_decisions_request_id"), "hq_decisions")
    op.drop_table("hq_decisions")
    op.drop_table("sync_dirty")
    op.drop_table("sync_state")
    op.drop_table("sync_outbox")
    op.drop_index("uq_closed_days_terminal_date", "closed_days")
    op.drop_column("closed_days", "terminal_no")
    for table in reversed(_NUMBERED):
        op.drop_index(f"uq_{table}_terminal_seq", table)
        op.drop_column(table, "terminal_no")
    op.create_table(
        "number_counters_0013",
        sa.Column("branch_code", sa.String(length=16), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "branch_code", "series", "fiscal_year", name="pk_number_counters_0013"
        ),
    )
    op.execute(
        "INSERT INTO number_counters_0013 SELECT branch_code, series, fiscal_year, "
        "MAX(last_value) FROM number_counters GROUP BY branch_code, series, fiscal_year"
    )
    op.drop_table("number_counters")
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
    op.execute("INSERT INTO number_counters SELECT * FROM number_counters_0013")
    op.drop_table("number_counters_0013")
    op.drop_column("branches", "terminal_no")
