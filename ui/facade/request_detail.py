"""Facade of what the request-detail window (``ui.detail``) shows: the masked request, its
receipts and 精算書, and its timeline, as :class:`ui.facade.request_records.RequestDetail`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ui.context import AppContext
from ui.facade._access import signed_in, unit_of_work
from ui.facade.request_records import (
    ItemInfo,
    ReceiptInfo,
    RequestDetail,
    SettlementInfo,
    TimelineEntry,
)

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.services.audit_trail import AuditRow


def request_detail(context: AppContext, request_id: str) -> RequestDetail:
    """The detail window's content: the masked view, the receipts and the timeline."""
    from counter_app.domain.requests import TRANSITIONS, RequestStatus
    from counter_app.services import audit_trail, request_view

    with unit_of_work(context, write=False) as uow:
        shown = request_view.get_request(uow, signed_in(context), request_id, on=context.today())
        timeline = audit_trail.request_timeline(uow, signed_in(context), shown.id)
    status = RequestStatus(shown.status)
    proxy = ""
    if shown.proxy is not None:
        proxy = f"{shown.proxy.name} ({shown.proxy_kind_label or ''})"
    return RequestDetail(
        request_id=shown.id,
        number=shown.number,
        status=shown.status,
        status_label=shown.status_label,
        received_at=shown.received_at,
        requester=shown.principal.name,
        proxy=proxy,
        target_on=shown.target_on,
        extended_target_on=shown.extended_target_on,
        lawsuit_possible_from=shown.lawsuit_possible_from,
        days_left=shown.days_left,
        overdue=shown.overdue,
        delivery_label=shown.delivery_label,
        disclosure_method=shown.disclosure_method,
        items=tuple(
            ItemInfo(
                item_id=i.request_type,
                request_type=i.request_type,
                label=i.label,
                details=_summary(i.details),
                outcome_label=i.outcome_label or "",
            )
            for i in shown.items
        ),
        receipts=tuple(
            ReceiptInfo(
                receipt_id=r.id,
                number=r.number,
                total=r.total,
                issued_at=r.issued_at,
                voided=r.voided_by is not None,
                reprint_count=r.reprint_count,
                is_void_record=r.kind == "void",
            )
            for r in shown.receipts
        ),
        timeline=tuple(
            TimelineEntry(e.at_utc, _timeline_text(e), e.actor_name, e.approver_name)
            for e in timeline
        ),
        fee_total=shown.fee_total,
        allowed=frozenset(s.value for s in TRANSITIONS[status]),
        settlement_state=shown.settlement_state,
        settlement_label=shown.settlement_label or "",
        settlements=tuple(
            SettlementInfo(
                settlement_id=x.id,
                number=x.number,
                total=x.total,
                pages=x.pages,
                voided=x.voided_by is not None,
                is_void_record=x.kind == "void",
            )
            for x in shown.settlements
        ),
        **_head_office_fields(shown.head_office_decision),
    )


def _head_office_fields(decision: Mapping[str, Any] | None) -> dict[str, str]:
    """When, who and what head office decided, for the detail window (nothing if it has not)."""
    if not decision:
        return {}
    import datetime as dt

    from counter_app.services.clock import JST

    at = dt.datetime.fromisoformat(decision["decided_at"]).astimezone(JST)
    return {
        "head_office_decided_at": f"{at:%Y/%m/%d %H:%M}",
        "head_office_decided_by": decision["decided_by"],
        "head_office_outcomes": "、".join(decision["outcome_labels"].values()),
    }


def _summary(details: Mapping[str, Any]) -> str:
    """One line of an item's stored details (already labelled by the domain where it can)."""
    from counter_app.domain.requests import DataScope, SuspensionGround

    parts = []
    scopes = details.get("scopes") or []
    if scopes:
        labels = []
        for value in scopes:
            try:
                labels.append(DataScope(value).label)
            except ValueError:
                labels.append(str(value))
        parts.append("・".join(labels))
    if details.get("period"):
        parts.append(f"期間: {details['period']}")
    if details.get("correction_item"):
        parts.append(f"訂正: {details['correction_item']}")
    if details.get("suspension_ground"):
        try:
            parts.append(SuspensionGround(details["suspension_ground"]).label)
        except ValueError:
            parts.append(str(details["suspension_ground"]))
    if details.get("detail"):
        parts.append(str(details["detail"]))
    return " / ".join(parts)


def _timeline_text(entry: AuditRow) -> str:
    text = entry.action_label
    detail = entry.detail or {}
    if entry.action == "request.extend" and detail.get("extended_target_on"):
        text += f" (新しい期限 {detail['extended_target_on']})"
    if entry.action == "request.decide":
        text += _decision_grounds_text(detail)
    return text


def _decision_grounds_text(detail: Mapping[str, Any]) -> str:
    """The grounds a decision cited (audit detail ``ground`` / ``purpose_notice_ground``)."""
    from counter_app.domain.requests import PurposeNoticeGround, RefusalGround

    labels = []
    for key, family in (("ground", RefusalGround), ("purpose_notice_ground", PurposeNoticeGround)):
        code = detail.get(key)
        if code:
            try:
                labels.append(family(code).label)
            except ValueError:
                labels.append(str(code))
    return f" (根拠: {'、'.join(labels)})" if labels else ""
