"""The records the request-detail window shows (:func:`ui.facade.request_detail.request_detail`
fills them in), as plain values.

Kept apart from the widgets so the facade builds them without Qt, and tests can read them.
Every label here is already Japanese text from ``counter_app`` (domain labels, services).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to a request (from the audit trail)."""

    at: dt.datetime  # UTC
    text: str  # e.g. 受付 (山田 花子 担当)
    actor: str = ""
    approver: str = ""


@dataclass(frozen=True)
class ItemInfo:
    """One request type of the request, with its details and its outcome if decided."""

    item_id: str
    request_type: str  # RequestType value
    label: str
    details: str  # one-line summary of the details
    outcome_label: str = ""


@dataclass(frozen=True)
class ReceiptInfo:
    """A receipt issued for the request (or the void that cancels one)."""

    receipt_id: str
    number: str
    total: int
    issued_at: dt.datetime
    voided: bool
    reprint_count: int
    is_void_record: bool = False


@dataclass(frozen=True)
class SettlementInfo:
    """A 精算書 of the request (or the void that cancels one)."""

    settlement_id: str
    number: str
    total: int  # > 0 collected, < 0 refunded (a void: the settlement's negated)
    pages: int
    voided: bool
    is_void_record: bool = False


@dataclass(frozen=True)
class RequestDetail:
    """Everything the detail window shows about one request (masked personal data)."""

    request_id: str
    number: str
    status: str  # RequestStatus value
    status_label: str
    received_at: dt.datetime
    requester: str  # masked
    proxy: str  # masked proxy name and kind, or ""
    target_on: dt.date | None
    extended_target_on: dt.date | None
    lawsuit_possible_from: dt.date | None
    days_left: int | None
    overdue: bool
    delivery_label: str
    disclosure_method: str | None = None  # DisclosureMethod value asked for, or None
    items: tuple[ItemInfo, ...] = ()
    receipts: tuple[ReceiptInfo, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    fee_total: int = 0
    allowed: frozenset[str] = field(default_factory=frozenset)  # next statuses allowed
    settlement_state: str | None = None  # None, "pending" (精算待ち), "settled"
    settlement_label: str = ""
    settlements: tuple[SettlementInfo, ...] = ()
    #: a decision head office made and the terminal pulled (issue 12): when (Japan time,
    #: ``2025/06/10 10:00``; "" when there is none), who, and the outcomes' labels
    head_office_decided_at: str = ""
    head_office_decided_by: str = ""
    head_office_outcomes: str = ""
    #: a decision head office made and the terminal pulled (issue 12): when (Japan time,
    #: ``2025/06/10 10:00``; "" when there is none), who, and the outcomes' labels
    head_office_decided_at: str = ""
    head_office_decided_by: str = ""
    head_office_outcomes: str = ""
