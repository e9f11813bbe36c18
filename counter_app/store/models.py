"""The tables of the counter database (SQLAlchemy 2 typed models).

Every record carries a UUID key (text), the branch code and UTC timestamps, so that the
databases of several branches can be merged at head office without collisions. Personal data
sits in ``people`` only (so a retention purge touches one table); everything else refers to
it by id. No table has a column for an identity document's number.

Timestamps are stored as ISO-8601 text in UTC with a trailing ``Z`` (sortable, exact,
time-zone aware when read back). Business dates (``received_on``...) are the branch's local
date (Asia/Tokyo) as ``datetime.date``.

The schema is created by the Alembic migrations in ``counter_app/store/migrations`` — never by
``metadata.create_all`` in production; a test checks that models and migrations agree.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A UUID version 7 (RFC 9562): 48-bit Unix time in ms, then 74 random bits.

    Unique across branches like a random UUID, but time-ordered, so new rows land at the end
    of every primary-key index instead of on a random page (fewer pages written per intake).
    """
    millis = time.time_ns() // 1_000_000
    value = (millis & 0xFFFF_FFFF_FFFF) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A tz-aware datetime stored as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` text (UTC)."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return format_utc(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return parse_utc(value)


def format_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Branch(Base):
    """The branch identity set at initialisation (printed on every receipt)."""

    __tablename__ = "branches"
    # terminal_no's DEFAULT 1 is not read back after an INSERT (no RETURNING): a branch is
    # then written the same on a schema before migration 0014 (tests build such databases)
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(8), default="")
    address: Mapped[str] = mapped_column(String(400))
    phone: Mapped[str] = mapped_column(String(20))
    issuer_name: Mapped[str] = mapped_column(String(200))
    registration_number: Mapped[str] = mapped_column(String(14))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    #: this installation is terminal N of the branch (1–99; migration 0014)
    terminal_no: Mapped[int] = mapped_column(Integer, server_default=text("1"))


class Staff(Base):
    """A staff account. Never deleted: deactivated (its id stays in the audit trail)."""

    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))  # security.roles.Role
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    last_login_at: Mapped[dt.datetime | None]


class Person(Base):
    """Personal data of a principal or a proxy: the minimum the counter needs.

    ``name`` is kept exactly as typed (rare kanji, variation selectors); ``name_key`` and
    ``kana_key`` are derived search keys. ``purged_at`` is set when the retention period has
    passed and the identifying fields have been blanked.
    """

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    furigana: Mapped[str] = mapped_column(String(200), default="")
    kana_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    postal_code: Mapped[str] = mapped_column(String(8), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    member_number: Mapped[str] = mapped_column(String(32), default="", index=True)
    created_at: Mapped[dt.datetime]
    purged_at: Mapped[dt.datetime | None]


class Request(Base):
    """One visit's request (it may carry several request types: ``items``)."""

    __tablename__ = "requests"
    __table_args__ = (
        UniqueConstraint("branch_code", "fiscal_year", "seq"),
        Index(
            "uq_requests_terminal_seq",
            "branch_code",
            "terminal_no",
            "fiscal_year",
            "seq",
            unique=True,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(32), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    #: the terminal of the branch that numbered it (migration 0014; earlier rows: 1)
    terminal_no: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    received_at: Mapped[dt.datetime]
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # domain RequestStatus
    principal_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    proxy_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    proxy_kind: Mapped[str | None] = mapped_column(String(32))
    disclosure_method: Mapped[str | None] = mapped_column(String(32))
    delivery: Mapped[str] = mapped_column(String(16))
    may_hand_to_proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    target_on: Mapped[dt.date] = mapped_column(Date)
    lawsuit_possible_from: Mapped[dt.date] = mapped_column(Date)
    extended_target_on: Mapped[dt.date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    #: the head-office config bundle ("<id>/v<version>") whose rules the intake used (fee
    #: quote, deadlines, postage); None: the terminal's own config files (migration 0015)
    rules_version: Mapped[str | None] = mapped_column(String(80))
    started_at: Mapped[dt.datetime | None]
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    decision_ground: Mapped[str | None] = mapped_column(String(32))  # Art. 33(2): RefusalGround
    # Art. 32(2): PurposeNoticeGround of a purpose notice not given (migration 0010)
    purpose_notice_ground: Mapped[str | None] = mapped_column(String(32))
    # 精算 (migration 0012): None, "pending" (精算待ち) or "settled"
    settlement_state: Mapped[str | None] = mapped_column(String(16), index=True)
    decision_explanation: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[dt.datetime | None]  # withdrawn / cancelled
    closing_reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[dt.datetime]

    principal: Mapped[Person] = relationship(foreign_keys=[principal_id])
    proxy: Mapped[Person | None] = relationship(foreign_keys=[proxy_id])
    items: Mapped[list[RequestItem]] = relationship(
        back_populates="request", order_by="RequestItem.position"
    )


class RequestItem(Base):
    """One request type of a request, its details (JSON) and, later, its outcome."""

    __tablename__ = "request_items"
    # covering index of the lists and search results (migration 0006, search helper)
    __table_args__ = (Index("ix_request_items_listing", "request_id", "position", "request_type"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    request_type: Mapped[str] = mapped_column(String(32))  # domain RequestType
    details: Mapped[dict[str, Any]]
    outcome: Mapped[str | None] = mapped_column(String(32))  # domain Outcome
    created_at: Mapped[dt.datetime]

    request: Mapped[Request] = relationship(back_populates="items")


class IdentityCheck(Base):
    """An identity verdict: the documents' types, expiry and matches (never their numbers)."""

    __tablename__ = "identity_checks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    subject: Mapped[str] = mapped_column(String(16))  # "principal" | "proxy"
    documents: Mapped[list[Any]]
    address_differs: Mapped[bool] = mapped_column(Boolean, default=False)
    passed: Mapped[bool] = mapped_column(Boolean)
    rule: Mapped[str | None] = mapped_column(String(32))
    reasons: Mapped[list[Any]]
    warnings: Mapped[list[Any]]
    warnings_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    checked_at: Mapped[dt.datetime]


class ProxyCheck(Base):
    """A proxy verdict and the documents it was given (委任状, 印鑑登録証明書, ...)."""

    __tablename__ = "proxy_checks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # domain ProxyKind
    inputs: Mapped[dict[str, Any]]
    passed: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[list[Any]]
    warnings: Mapped[list[Any]]
    may_hand_to_proxy: Mapped[bool] = mapped_column(Boolean)
    checked_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    checked_at: Mapped[dt.datetime]


class FeeRecord(Base):
    """The fee questions and the quote computed from them (with the schedule version)."""

    __tablename__ = "fee_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), unique=True)
    questions: Mapped[dict[str, Any]]
    quote: Mapped[dict[str, Any]]
    schedule_version: Mapped[str] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Integer)
    adjustment_kind: Mapped[str | None] = mapped_column(String(16))
    adjustment_reason: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    amount_received: Mapped[int] = mapped_column(Integer, default=0)
    change: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime]


class Receipt(Base):
    """A 領収書 as issued, never changed. A void is a new row (kind "void") pointing at it."""

    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("branch_code", "fiscal_year", "seq"),
        Index(
            "uq_receipts_terminal_seq",
            "branch_code",
            "terminal_no",
            "fiscal_year",
            "seq",
            unique=True,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(32), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    #: the terminal of the branch that numbered it (migration 0014; earlier rows: 1)
    terminal_no: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    kind: Mapped[str] = mapped_column(String(8))  # "issued" | "void"
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    voids_receipt_id: Mapped[str | None] = mapped_column(ForeignKey("receipts.id"), unique=True)
    issued_at: Mapped[dt.datetime]
    issued_on: Mapped[dt.date] = mapped_column(Date, index=True)
    total: Mapped[int] = mapped_column(Integer)
    taxable_10: Mapped[int] = mapped_column(Integer)
    tax_10: Mapped[int] = mapped_column(Integer)
    quote: Mapped[dict[str, Any]]
    schedule_version: Mapped[str] = mapped_column(String(32))
    proviso: Mapped[str] = mapped_column(String(200))
    amount_received: Mapped[int] = mapped_column(Integer)
    change: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)


class ReceiptReprint(Base):
    """One reprint of a receipt (the n-th reprint is marked 再発行 n)."""

    __tablename__ = "receipt_reprints"
    __table_args__ = (UniqueConstraint("receipt_id", "ordinal"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    receipt_id: Mapped[str] = mapped_column(ForeignKey("receipts.id"))
    ordinal: Mapped[int] = mapped_column(Integer)
    reprinted_at: Mapped[dt.datetime]
    reprinted_on: Mapped[dt.date] = mapped_column(Date, index=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))


class Settlement(Base):
    """A 精算書: the difference between the first receipt (page count 未定) and the actual
    fee, collected (total > 0) or refunded (total < 0). Never changed (migration 0012
    triggers); a void is a new row (kind "void") in the same number series pointing at it."""

    __tablename__ = "settlements"
    __table_args__ = (
        UniqueConstraint("branch_code", "fiscal_year", "seq"),
        UniqueConstraint("request_id", "kind", "attempt"),
        Index(
            "uq_settlements_terminal_seq",
            "branch_code",
            "terminal_no",
            "fiscal_year",
            "seq",
            unique=True,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(32), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    #: the terminal of the branch that numbered it (migration 0014; earlier rows: 1)
    terminal_no: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    kind: Mapped[str] = mapped_column(String(16))  # "settlement" | "void"
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    receipt_id: Mapped[str | None] = mapped_column(ForeignKey("receipts.id"))
    voids_settlement_id: Mapped[str | None] = mapped_column(
        ForeignKey("settlements.id"), unique=True
    )
    attempt: Mapped[int] = mapped_column(Integer)
    settled_at: Mapped[dt.datetime]
    settled_on: Mapped[dt.date] = mapped_column(Date, index=True)
    pages: Mapped[int] = mapped_column(Integer)
    quote: Mapped[dict[str, Any]]
    schedule_version: Mapped[str] = mapped_column(String(32))
    charged: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    taxable_10: Mapped[int] = mapped_column(Integer)
    tax_10: Mapped[int] = mapped_column(Integer)
    amount_received: Mapped[int] = mapped_column(Integer)
    change: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)


class SettlementReprint(Base):
    """One reprint of a 精算書 (the n-th reprint is marked 再発行 n), migration 0012."""

    __tablename__ = "settlement_reprints"
    __table_args__ = (UniqueConstraint("settlement_id", "ordinal"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    settlement_id: Mapped[str] = mapped_column(ForeignKey("settlements.id"))
    ordinal: Mapped[int] = mapped_column(Integer)
    reprinted_at: Mapped[dt.datetime]
    reprinted_on: Mapped[dt.date] = mapped_column(Date, index=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))


class Reveal(Base):
    """A deliberate reveal of masked personal data, with its reason."""

    __tablename__ = "reveals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    revealed_at: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(Text)


class NumberCounter(Base):
    """The last number handed out per branch, terminal, series and fiscal year (gapless)."""

    __tablename__ = "number_counters"

    branch_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    terminal_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    series: Mapped[str] = mapped_column(String(16), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class ClosedDay(Base):
    """A business day a supervisor has closed at a branch: nothing more may be dated then."""

    __tablename__ = "closed_days"
    __table_args__ = (
        UniqueConstraint("branch_code", "business_date"),
        Index(
            "uq_closed_days_terminal_date",
            "branch_code",
            "terminal_no",
            "business_date",
            unique=True,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    branch_code: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[dt.date] = mapped_column(Date)
    #: the terminal of the branch that numbered it (migration 0014; earlier rows: 1)
    terminal_no: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    closed_at: Mapped[dt.datetime]
    closed_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    close_number: Mapped[str | None] = mapped_column(String(32))
    cash_expected: Mapped[int | None] = mapped_column(Integer)
    cash_counted: Mapped[int | None] = mapped_column(Integer)
    #: the 金種表 counted at close, {"10000": pieces, ..., "1": pieces} (migration 0013);
    #: the same as the snapshot's cash.denominations; None for a close without one
    cash_denominations: Mapped[dict[str, int] | None] = mapped_column(JSON)
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    snapshot_hash: Mapped[str | None] = mapped_column(String(64))


class AuditEntry(Base):
    """Append-only audit trail, hash-chained (see counter_app.security.audit).

    ``detail`` is canonical JSON text of ids and codes — never raw personal data. Triggers
    created by the migrations refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at_utc: Mapped[dt.datetime]
    branch_code: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(36))
    approver_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(48), index=True)
    request_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StaffLockout(Base):
    """Failed sign-ins in a row of one staff member and how long they are locked out
    (counter_app.security.lockout). No row: no failure since the last good sign-in."""

    __tablename__ = "staff_lockouts"

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None]
    last_failed_at: Mapped[dt.datetime | None]


class AuditHead(Base):
    """The seq and hash of the newest audit row (one row, id 1), advanced by a trigger on
    every audit INSERT and refused any other move: shows a cut-off tail of the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class Installation(Base):
    """The id of the counter installation this database belongs to (one row, id 1; migration
    0011, :mod:`counter_app.store.installation`). Triggers refuse any change."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    installation_id: Mapped[str] = mapped_column(String(36))
