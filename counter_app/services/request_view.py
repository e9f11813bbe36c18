"""Reading a request: one view with everything the detail screen and ``show`` need.

Personal data is masked by default (:mod:`counter_app.security.masking`); only
:func:`counter_app.services.reveal.reveal_personal_data` returns it unmasked, and that is
audited. Days left and overdue are computed from the stored target dates and today, never
stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select

from counter_app.domain.decision_grounds import outcome_label, stored_ground
from counter_app.domain.proxy import ProxyKind
from counter_app.domain.requests import (
    Delivery,
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestStatus,
    RequestType,
)
from counter_app.security.masking import (
    mask_address,
    mask_birth_date,
    mask_member_number,
    mask_name,
    mask_phone,
)
from counter_app.security.roles import Actor
from counter_app.services.access import ensure_branch, find_request, session_of
from counter_app.services.clock import today
from counter_app.services.settlement import STATE_LABELS, SettlementView, settlement_views
from counter_app.services.staff_accounts import staff_name
from counter_app.store.models import (
    FeeRecord,
    IdentityCheck,
    Person,
    ProxyCheck,
    Receipt,
    ReceiptReprint,
    Request,
    RequestItem,
)
from counter_app.store.uow import UnitOfWork


@dataclass(frozen=True)
class PersonView:
    name: str
    furigana: str
    birth_date: str
    postal_code: str
    address: str
    phone: str
    member_number: str
    masked: bool


@dataclass(frozen=True)
class ItemView:
    request_type: str
    label: str
    details: dict[str, Any]
    outcome: str | None
    outcome_label: str | None  # in the type's words: a refused purpose notice is 通知しない
    ground: str | None = None  # the statutory ground of this type's refusal (code)
    ground_label: str | None = None  # with its article: 第33条第2項… or 第32条第2項…


@dataclass(frozen=True)
class CheckView:
    subject: str  # "principal" | "proxy"
    passed: bool
    rule: str | None
    document_types: tuple[str, ...]
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    warnings_confirmed: bool


@dataclass(frozen=True)
class ReceiptView:
    id: str
    number: str
    kind: str  # "issued" | "void"
    issued_at: dt.datetime
    total: int
    amount_received: int
    change: int
    reprint_count: int
    voided_by: str | None  # number of the void record
    voids: str | None  # number of the receipt this void cancels
    void_reason: str | None


@dataclass(frozen=True)
class RequestView:
    id: str
    number: str
    branch_code: str
    status: str
    status_label: str
    received_at: dt.datetime
    received_on: dt.date
    target_on: dt.date
    extended_target_on: dt.date | None
    extension_reason: str | None
    lawsuit_possible_from: dt.date
    days_left: int | None  # None once the request is closed
    overdue: bool
    principal: PersonView
    proxy: PersonView | None
    proxy_kind: str | None
    proxy_kind_label: str | None
    may_hand_to_proxy: bool
    delivery: str
    delivery_label: str
    disclosure_method: str | None
    items: tuple[ItemView, ...]
    checks: tuple[CheckView, ...]
    proxy_reasons: tuple[str, ...]
    fee_total: int
    schedule_version: str | None
    adjustment_kind: str | None
    receipts: tuple[ReceiptView, ...]
    decision_ground: str | None  # Art. 33(2), disclosures
    decision_ground_label: str | None
    purpose_notice_ground: str | None  # Art. 32(2), a purpose notice not given
    purpose_notice_ground_label: str | None
    decision_explanation: str | None
    decided_at: dt.datetime | None
    decided_by: str
    closing_reason: str | None
    note: str
    created_by: str
    #: 精算 (domain.md section 10): None, "pending" (精算待ち) or "settled", with its label
    settlement_state: str | None = None
    settlement_label: str | None = None
    settlements: tuple[SettlementView, ...] = ()
    #: a decision made at head office and pulled (issue 12): outcomes per type, grounds,
    #: explanation, decided_at (ISO), decided_by; None when head office has not decided
    head_office_decision: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: _jsonable(value) for key, value in asdict(self).items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def person_view(person: Person, *, reveal: bool) -> PersonView:
    birth = person.birth_date.isoformat() if person.birth_date else ""
    if reveal:
        return PersonView(
            person.name,
            person.furigana,
            birth,
            person.postal_code,
            person.address,
            person.phone,
            person.member_number,
            masked=False,
        )
    return PersonView(
        name=mask_name(person.name),
        furigana=mask_name(person.furigana),
        birth_date=mask_birth_date(person.birth_date),
        postal_code=person.postal_code[:3] + "-****" if person.postal_code else "",
        address=mask_address(person.address),
        phone=mask_phone(person.phone),
        member_number=mask_member_number(person.member_number),
        masked=True,
    )


def _receipts(uow: UnitOfWork, request_id: str) -> tuple[ReceiptView, ...]:
    session = session_of(uow)
    rows = list(
        session.scalars(
            select(Receipt).where(Receipt.request_id == request_id).order_by(Receipt.issued_at)
        )
    )
    numbers = {r.id: r.number for r in rows}
    voided_by = {r.voids_receipt_id: r.number for r in rows if r.voids_receipt_id}
    counts = dict(
        session.execute(
            select(ReceiptReprint.receipt_id, func.count())
            .where(ReceiptReprint.receipt_id.in_(list(numbers)))
            .group_by(ReceiptReprint.receipt_id)
        ).all()
    )
    return tuple(
        ReceiptView(
            id=r.id,
            number=r.number,
            kind=r.kind,
            issued_at=r.issued_at,
            total=r.total,
            amount_received=r.amount_received,
            change=r.change,
            reprint_count=counts.get(r.id, 0),
            voided_by=voided_by.get(r.id),
            voids=numbers.get(r.voids_receipt_id) if r.voids_receipt_id else None,
            void_reason=r.void_reason,
        )
        for r in rows
    )


def _item_view(request: Request, item: RequestItem) -> ItemView:
    kind = RequestType(item.request_type)
    outcome = Outcome(item.outcome) if item.outcome else None
    ground = (
        stored_ground(kind, outcome, request.decision_ground, request.purpose_notice_ground)
        if outcome
        else None
    )
    return ItemView(
        request_type=item.request_type,
        label=kind.label,
        details=dict(item.details),
        outcome=item.outcome,
        outcome_label=outcome_label(kind, outcome) if outcome else None,
        ground=ground.value if ground else None,
        ground_label=ground.label if ground else None,
    )


def build_view(
    uow: UnitOfWork, request: Request, *, reveal: bool, on: dt.date | None = None
) -> RequestView:
    session = session_of(uow)
    status = RequestStatus(request.status)
    target = request.extended_target_on or request.target_on
    on = on or today()
    checks = tuple(
        CheckView(
            subject=c.subject,
            passed=c.passed,
            rule=c.rule,
            document_types=tuple(d.get("doc_type", "") for d in c.documents),
            reasons=tuple(c.reasons),
            warnings=tuple(c.warnings),
            warnings_confirmed=c.warnings_confirmed,
        )
        for c in session.scalars(
            select(IdentityCheck)
            .where(IdentityCheck.request_id == request.id)
            .order_by(IdentityCheck.subject)
        )
    )
    proxy_check = session.scalar(select(ProxyCheck).where(ProxyCheck.request_id == request.id))
    fee = session.scalar(select(FeeRecord).where(FeeRecord.request_id == request.id))
    ground = RefusalGround(request.decision_ground) if request.decision_ground else None
    notice_ground = (
        PurposeNoticeGround(request.purpose_notice_ground)
        if request.purpose_notice_ground
        else None
    )
    return RequestView(
        id=request.id,
        number=request.number,
        branch_code=request.branch_code,
        status=status.value,
        status_label=status.label,
        received_at=request.received_at,
        received_on=request.received_on,
        target_on=request.target_on,
        extended_target_on=request.extended_target_on,
        extension_reason=request.extension_reason,
        lawsuit_possible_from=request.lawsuit_possible_from,
        days_left=(target - on).days if status.is_open else None,
        overdue=status.is_open and on > target,
        principal=person_view(request.principal, reveal=reveal),
        proxy=person_view(request.proxy, reveal=reveal) if request.proxy else None,
        proxy_kind=request.proxy_kind,
        proxy_kind_label=ProxyKind(request.proxy_kind).label if request.proxy_kind else None,
        may_hand_to_proxy=request.may_hand_to_proxy,
        delivery=request.delivery,
        delivery_label=Delivery(request.delivery).label,
        disclosure_method=DisclosureMethod(request.disclosure_method).value
        if request.disclosure_method
        else None,
        items=tuple(_item_view(request, i) for i in request.items),
        checks=checks,
        proxy_reasons=tuple(proxy_check.reasons) if proxy_check else (),
        fee_total=fee.total if fee else 0,
        schedule_version=fee.schedule_version if fee else None,
        adjustment_kind=fee.adjustment_kind if fee else None,
        receipts=_receipts(uow, request.id),
        decision_ground=request.decision_ground,
        decision_ground_label=ground.label if ground else None,
        purpose_notice_ground=notice_ground.value if notice_ground else None,
        purpose_notice_ground_label=notice_ground.label if notice_ground else None,
        decision_explanation=request.decision_explanation,
        decided_at=request.decided_at,
        decided_by=staff_name(uow, request.decided_by),
        closing_reason=request.closing_reason,
        note=request.note,
        created_by=staff_name(uow, request.created_by),
        settlement_state=request.settlement_state,
        settlement_label=STATE_LABELS.get(request.settlement_state or ""),
        settlements=settlement_views(uow, request.id),
        head_office_decision=_head_office_decision(uow, request.id),
    )


def _head_office_decision(uow: UnitOfWork, request_id: str) -> dict[str, Any] | None:
    from counter_app.sync.pull import decision_for

    decision = decision_for(uow, request_id)
    if decision is None:
        return None
    return {
        "outcomes": {kind.value: outcome.value for kind, outcome in decision.outcomes.items()},
        "outcome_labels": {
            kind.value: outcome.label for kind, outcome in decision.outcomes.items()
        },
        "decision_ground": decision.decision_ground,
        "purpose_notice_ground": decision.purpose_notice_ground,
        "explanation": decision.explanation,
        "decided_at": decision.decided_at.isoformat(),
        "decided_by": decision.decided_by,
    }


def get_request(
    uow: UnitOfWork, actor: Actor, ref: str, *, on: dt.date | None = None
) -> RequestView:
    """The request (by id or number) with personal data masked."""
    ensure_branch(uow, actor)
    return build_view(uow, find_request(uow, ref), reveal=False, on=on)
