"""The 受付日報 (daily request log) of a branch and day, as plain data for ``forms.daily_log``.

``daily_log_data(uow, branch, day)`` gives a :class:`~counter_app.printables.daily_log.DailyLogData`:

- an **open** day: interim figures computed now (stamped 中間出力), any time of the day;
- a **closed** day: exactly what was frozen in its close snapshot (``closed_days.snapshot``,
  see :mod:`counter_app.services.close_day`), with the close number, time and supervisor;
  ``copy=True`` marks a reprint 写し.

What the rows say (domain.md section 8), per request received that day:

- fee / tax / postage: from the receipt issued at intake (postage is the 郵送料 line, capped
  at the total; fee = total - postage; tax = the receipt's consumption tax); 0 without one;
- ``receipt_voided`` / ``reprint_count``: the receipt's void and reprints so far;
- ``overdue``: still open and past the answer target in force (the extended one, if any) on
  the day the figures are computed;
- ``repeat``: the same principal (same member number, or same name search key) made another
  request at this branch in the days before it: head-office configuration,
  ``[daily_log] repeat_window_days`` of calendar.toml (30 by default), read when the log is
  computed. The window used is part of the close snapshot (``repeat_window_days``, snapshot
  format 2) next to the flags it produced, so a closed day's log keeps its flags whatever the
  setting says later.

Lines of other kinds (:class:`~counter_app.printables.daily_log.LogRowKind`) sit among the request rows
in time order, each with the same money columns, signed:

- a **void** (取消) made that day, whatever day the receipt was issued: its own line at the
  time of the void, the voided receipt's fee, postage and tax negated (△). The voided
  receipt's own row keeps its amounts (marked 取消済), so the two lines cancel out and a
  reader summing a column gets the total printed under it;
- a **settlement** (精算, domain.md section 10) made that day: its own line at the time of
  the 精算書 (S-…), the difference between the actual fee and the first receipt, split like
  a receipt: 郵送料 = the actual postage minus the postage (or postage deposit) the first
  receipt took, 手数料 = the rest, 内消費税 = the settlement's tax; positive when collected,
  negative (△) when refunded. The request's own row keeps the amounts of its first receipt,
  so the request row and its settlement line together carry the actual fee;
- a **settlement void** (精算取消) made that day: its own line, the settlement's amounts
  negated (the cash goes back the other way on the day of the void).

Totals: ``requests`` counts the request rows; fee, tax and postage add every line (void and
refund lines negative); ``voided_amount`` is the money paid back by the receipt voids made
that day; ``settled_amount`` the net cash of the settlement lines (collected minus refunded,
and their voids). Events list the voids, reprints, settlements and settlement voids made
that day (whatever day the receipt was issued; with the approver and reason, and the
reprints of 精算書). ``cash_expected`` is the net cash of the receipts dated that day (issued
minus voided) plus that of the settlements dated that day (collected minus refunded, and
their voids), i.e. what the drawer should hold from this counter's fees: the total of the
受領額 column.

The snapshot and its formats: :mod:`counter_app.services.daily_log_snapshot`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ScalarResult, func, select, text
from sqlalchemy.orm import selectinload

from counter_app.domain.cash_count import CashCount
from counter_app.domain.fees import POSTAGE_CODES
from counter_app.domain.identity import RULE_LABELS
from counter_app.domain.proxy import ProxyKind
from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.printables.daily_log import (
    DailyLogData,
    DailyLogRow,
    DailyLogTotals,
    LogRowKind,
    LogState,
    ReceiptEvent,
)
from counter_app.security.roles import Actor
from counter_app.services.access import session_of
from counter_app.services.clock import local_date, now_utc
from counter_app.services.daily_log_snapshot import LogContent
from counter_app.services.printing import issuer
from counter_app.services.rules import rules_in_force
from counter_app.services.search import same_branch
from counter_app.store.models import (
    ClosedDay,
    IdentityCheck,
    ProxyCheck,
    Receipt,
    ReceiptReprint,
    Request,
    Settlement,
    SettlementReprint,
    Staff,
)
from counter_app.store.numbering import terminal_of
from counter_app.store.uow import UnitOfWork

_SELF = "本人"


# -- computing a day ----------------------------------------------------------------------------
class _Names:
    """Staff display names by id, loaded once per log."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._names = dict(session_of(uow).execute(select(Staff.id, Staff.display_name)).all())

    def __call__(self, staff_id: str | None) -> str:
        return self._names.get(staff_id, "") if staff_id else ""


#: Short labels of the identity rules for the log's narrow 本人確認 column.
ID_RULE_SHORT = {"photo_1": "写真付1点", "non_photo_2": "写真なし2点"}


def _rule_label(rule: str) -> str:
    return ID_RULE_SHORT.get(rule) or RULE_LABELS.get(rule, rule)


def _id_rule(checks: list[IdentityCheck]) -> str:
    """The rule that identified the principal, or the proxy's own (marked 代)."""
    by_subject = {c.subject: c for c in checks if c.passed}
    principal = by_subject.get("principal")
    if principal is not None and principal.rule:
        return _rule_label(principal.rule)
    proxy = by_subject.get("proxy")
    if proxy is not None and proxy.rule:
        return "(代)" + _rule_label(proxy.rule)
    return ""


def _proxy_docs(check: ProxyCheck | None) -> str:
    if check is None:
        return ""
    inputs = check.inputs or {}
    labels = []
    if inputs.get("power_of_attorney"):
        labels.append("委任状")
    if inputs.get("seal_certificate"):
        labels.append("印鑑証明")
    if inputs.get("relationship_document"):
        labels.append("関係書類")
    return "・".join(labels)


def _requester_kind(request: Request) -> str:
    if not request.proxy_kind:
        return _SELF
    kind = ProxyKind(request.proxy_kind)
    return "法定代理人" if kind.is_legal else "任意代理人"


def _quote_postage(quote: dict[str, Any] | None, total: int) -> int:
    """The postage in a quote whose amount paid is ``total`` (capped at it: a waiver or a
    reduction leaves less)."""
    lines = (quote or {}).get("lines") or []
    postage = sum(int(line.get("amount", 0)) for line in lines if line.get("code") in POSTAGE_CODES)
    return max(0, min(postage, total))


def _postage_of(receipt: Receipt) -> int:
    return _quote_postage(receipt.quote, receipt.total)


def repeated_requests(
    uow: UnitOfWork, branch_code: str, day: dt.date, window_days: int | None = None
) -> set[str]:
    """Ids of the requests received on ``day`` whose principal (same member number, or same
    name search key) made another request at the branch in the ``window_days`` before it
    (default: calendar.toml's ``[daily_log] repeat_window_days``).

    One statement for the whole day; the earlier requests are found through the people
    indexes (member number, name key) and the principal index, never by scanning days."""
    if window_days is None:
        window_days = rules_in_force(day).repeat_window_days
    rows = session_of(uow).execute(
        text(
            "SELECT r.id FROM requests r JOIN people p ON p.id = r.principal_id "
            "WHERE r.received_on = :day AND +r.branch_code = :branch AND EXISTS ("
            " SELECT 1 FROM people q JOIN requests s ON s.principal_id = q.id"
            " WHERE ((p.member_number != '' AND q.member_number = p.member_number)"
            "     OR (p.name_key != '' AND q.name_key = p.name_key))"
            " AND s.id != r.id AND +s.branch_code = r.branch_code"
            " AND +s.received_on >= :since"
            " AND (s.received_at < r.received_at"
            "      OR (s.received_at = r.received_at AND s.number < r.number)))"
        ),
        {
            "day": day.isoformat(),
            "branch": branch_code,
            "since": (day - dt.timedelta(days=window_days)).isoformat(),
        },
    )
    return {row[0] for row in rows}


def compute_log(
    uow: UnitOfWork,
    branch_code: str,
    day: dt.date,
    *,
    now: dt.datetime | None = None,
    repeat_window_days: int | None = None,
) -> LogContent:
    """The day's rows, events, totals and expected cash, computed from the records now
    (``repeat_window_days``: the 再請求 window, calendar.toml's setting by default)."""
    session = session_of(uow)
    now = now or now_utc()
    if repeat_window_days is None:
        repeat_window_days = rules_in_force(day).repeat_window_days
    on = local_date(now)
    names = _Names(uow)
    requests = list(
        session.scalars(
            select(Request)
            .options(selectinload(Request.items))
            .where(same_branch("requests.branch_code", branch_code), Request.received_on == day)
            .order_by(Request.received_at, Request.number)
        )
    )
    ids = [r.id for r in requests]
    repeats = repeated_requests(uow, branch_code, day, repeat_window_days) if requests else set()
    checks: dict[str, list[IdentityCheck]] = {}
    for check in session.scalars(select(IdentityCheck).where(IdentityCheck.request_id.in_(ids))):
        checks.setdefault(check.request_id, []).append(check)
    proxy_checks = {
        c.request_id: c
        for c in session.scalars(select(ProxyCheck).where(ProxyCheck.request_id.in_(ids)))
    }
    receipts = list(session.scalars(select(Receipt).where(Receipt.request_id.in_(ids))))
    issued = {r.request_id: r for r in receipts if r.kind == "issued"}
    voided = {r.voids_receipt_id for r in receipts if r.voids_receipt_id}
    reprints = dict(
        session.execute(
            select(ReceiptReprint.receipt_id, func.count())
            .where(ReceiptReprint.receipt_id.in_([r.id for r in issued.values()]))
            .group_by(ReceiptReprint.receipt_id)
        ).all()
    )
    rows = []
    for request in requests:
        receipt = issued.get(request.id)
        total = receipt.total if receipt else 0
        postage = _postage_of(receipt) if receipt else 0
        status = RequestStatus(request.status)
        target = request.extended_target_on or request.target_on
        rows.append(
            DailyLogRow(
                number=request.number,
                received_at=request.received_at,
                staff_name=names(request.created_by),
                request_types=tuple(RequestType(i.request_type) for i in request.items),
                requester_kind=_requester_kind(request),
                id_rule=_id_rule(checks.get(request.id, [])),
                proxy_docs=_proxy_docs(proxy_checks.get(request.id)),
                fee=total - postage,
                tax=receipt.tax_10 if receipt else 0,
                postage=postage,
                receipt_number=receipt.number if receipt else None,
                status=status,
                target_date=target,
                receipt_voided=bool(receipt and receipt.id in voided),
                reprint_count=int(reprints.get(receipt.id, 0)) if receipt else 0,
                overdue=status.is_open and on > target,
                repeat=request.id in repeats,
            )
        )
    rows.extend(_void_lines(uow, branch_code, day, names))
    rows.extend(settlement_lines(uow, branch_code, day, names))
    rows.sort(key=lambda r: (r.received_at, r.number, r.kind is not LogRowKind.REQUEST))
    events = _events(uow, branch_code, day, names)
    totals = DailyLogTotals.from_rows(rows)
    cash = session.scalar(
        select(func.coalesce(func.sum(Receipt.total), 0)).where(
            same_branch("receipts.branch_code", branch_code), Receipt.issued_on == day
        )
    )
    cash = int(cash or 0) + settlement_cash(uow, branch_code, day)
    return LogContent(
        branch_code=branch_code,
        day=day,
        rows=tuple(rows),
        events=events,
        totals=totals,
        cash_expected=cash,
        computed_at=now,
        repeat_window_days=repeat_window_days,
    )


def _voids_on(uow: UnitOfWork, branch_code: str, day: dt.date) -> ScalarResult[Receipt]:
    """The receipt voids made on ``day`` at ``branch_code``."""
    return session_of(uow).scalars(
        select(Receipt).where(
            same_branch("receipts.branch_code", branch_code),
            Receipt.issued_on == day,
            Receipt.kind == "void",
        )
    )


def _money_line(
    request: Request | None,
    *,
    at: dt.datetime,
    staff_name: str,
    fee: int,
    tax: int,
    postage: int,
    receipt_number: str,
    kind: LogRowKind,
) -> DailyLogRow:
    """A line of money alone (a void, a settlement or its void) for ``request``'s number."""
    return DailyLogRow(
        number=request.number if request else "",
        received_at=at,
        staff_name=staff_name,
        request_types=tuple(RequestType(i.request_type) for i in request.items) if request else (),
        requester_kind="",
        id_rule="",
        proxy_docs="",
        fee=fee,
        tax=tax,
        postage=postage,
        receipt_number=receipt_number,
        status=None,
        target_date=None,
        kind=kind,
    )


def _void_lines(
    uow: UnitOfWork, branch_code: str, day: dt.date, names: _Names
) -> list[DailyLogRow]:
    """A negative line per void made on ``day`` (whatever day the receipt was issued)."""
    session = session_of(uow)
    lines = []
    for void in _voids_on(uow, branch_code, day):
        original = session.get(Receipt, void.voids_receipt_id) if void.voids_receipt_id else None
        request = session.get(Request, void.request_id) if void.request_id else None
        postage = _postage_of(original) if original else 0
        lines.append(
            _money_line(
                request,
                at=void.issued_at,
                staff_name=names(void.staff_id),
                fee=void.total + postage,
                tax=void.tax_10,
                postage=-postage,
                receipt_number=original.number if original else void.number,
                kind=LogRowKind.VOID,
            )
        )
    return lines


def _events(
    uow: UnitOfWork, branch_code: str, day: dt.date, names: _Names
) -> tuple[ReceiptEvent, ...]:
    session = session_of(uow)
    events: list[ReceiptEvent] = []
    for void in _voids_on(uow, branch_code, day):
        original = session.get(Receipt, void.voids_receipt_id) if void.voids_receipt_id else None
        events.append(
            ReceiptEvent(
                kind="void",
                receipt_number=original.number if original else void.number,
                at=void.issued_at,
                amount=-void.total,
                staff_name=names(void.staff_id),
                supervisor_name=names(void.approver_id) or None,
                reason=f"取消番号 {void.number}: {void.void_reason or ''}".rstrip(": "),
            )
        )
    for reprint, receipt in session.execute(
        select(ReceiptReprint, Receipt)
        .join(Receipt, Receipt.id == ReceiptReprint.receipt_id)
        .where(ReceiptReprint.branch_code == branch_code, ReceiptReprint.reprinted_on == day)
    ).all():
        events.append(
            ReceiptEvent(
                kind="reprint",
                receipt_number=receipt.number,
                at=reprint.reprinted_at,
                amount=abs(receipt.total),
                staff_name=names(reprint.staff_id),
                reason=f"{reprint.ordinal}回目",
            )
        )
    events.extend(settlement_events(uow, branch_code, day, names))
    events.sort(key=lambda e: (e.at, e.receipt_number))
    return tuple(events)


# -- settlements (精算) ---------------------------------------------------------------------
def settlement_cash(uow: UnitOfWork, branch_code: str, day: dt.date) -> int:
    """The net cash of the settlements and their voids dated ``day`` (collected positive)."""
    total = session_of(uow).scalar(
        select(func.coalesce(func.sum(Settlement.total), 0)).where(
            same_branch("settlements.branch_code", branch_code), Settlement.settled_on == day
        )
    )
    return int(total or 0)


def _settlement_postage(uow: UnitOfWork, settlement: Settlement) -> int:
    """The postage part of a settlement (kind "settlement"): the actual quote's postage
    minus the postage (or deposit) of the first receipt; negative when less was due."""
    first = session_of(uow).get(Receipt, settlement.receipt_id) if settlement.receipt_id else None
    actual = _quote_postage(settlement.quote, settlement.charged + settlement.total)
    return actual - (_postage_of(first) if first is not None else 0)


def settlement_lines(
    uow: UnitOfWork, branch_code: str, day: dt.date, names: _Names
) -> list[DailyLogRow]:
    """A line per settlement made on ``day`` (精算: the difference, signed) and per
    settlement void (精算取消: the settlement's amounts negated)."""
    session = session_of(uow)
    lines = []
    for row in session.scalars(
        select(Settlement)
        .where(same_branch("settlements.branch_code", branch_code), Settlement.settled_on == day)
        .order_by(Settlement.settled_at, Settlement.number)
    ):
        request = session.get(Request, row.request_id)
        number = row.number
        if row.kind == "void":
            # like a receipt's void line: the settlement voided, its amounts negated
            original = session.get(Settlement, row.voids_settlement_id)
            postage = -_settlement_postage(uow, original) if original is not None else 0
            number = original.number if original is not None else row.number
            kind = LogRowKind.SETTLEMENT_VOID
        else:
            postage = _settlement_postage(uow, row)
            kind = LogRowKind.SETTLEMENT
        lines.append(
            _money_line(
                request,
                at=row.settled_at,
                staff_name=names(row.staff_id),
                fee=row.total - postage,
                tax=row.tax_10,
                postage=postage,
                receipt_number=number,
                kind=kind,
            )
        )
    return lines


def settlement_events(
    uow: UnitOfWork, branch_code: str, day: dt.date, names: _Names
) -> list[ReceiptEvent]:
    """The settlements and settlement voids of ``day`` as events of the log."""
    session = session_of(uow)
    events = []
    rows = session.execute(
        select(Settlement, Request.number)
        .join(Request, Request.id == Settlement.request_id)
        .where(same_branch("settlements.branch_code", branch_code), Settlement.settled_on == day)
    ).all()
    for row, request_number in rows:
        first = session.get(Receipt, row.receipt_id) if row.receipt_id else None
        if row.kind == "void":
            original = session.get(Settlement, row.voids_settlement_id)
            events.append(
                ReceiptEvent(
                    kind="settlement_void",
                    receipt_number=original.number if original else row.number,
                    at=row.settled_at,
                    amount=row.total,
                    staff_name=names(row.staff_id),
                    supervisor_name=names(row.approver_id) or None,
                    reason=f"取消番号 {row.number}: {row.void_reason or ''}".rstrip(": "),
                )
            )
            continue
        actual = row.charged + row.total
        events.append(
            ReceiptEvent(
                kind="settlement",
                receipt_number=row.number,
                at=row.settled_at,
                amount=row.total,
                staff_name=names(row.staff_id),
                reason=f"{request_number} 当初 {first.number if first else '—'}: "
                f"実費 ¥{actual:,} − 受領済 ¥{row.charged:,}",
            )
        )
    for reprint, row in session.execute(
        select(SettlementReprint, Settlement)
        .join(Settlement, Settlement.id == SettlementReprint.settlement_id)
        .where(
            SettlementReprint.branch_code == branch_code,
            SettlementReprint.reprinted_on == day,
        )
    ).all():
        events.append(
            ReceiptEvent(
                kind="reprint",
                receipt_number=row.number,
                at=reprint.reprinted_at,
                amount=abs(row.total),
                staff_name=names(reprint.staff_id),
                reason=f"精算書 {reprint.ordinal}回目",
            )
        )
    return events


# -- the log ------------------------------------------------------------------------------------
def closed_day(uow: UnitOfWork, branch_code: str, day: dt.date) -> ClosedDay | None:
    """The close record of ``day`` at ``branch_code`` (None while the day is open)."""
    return session_of(uow).scalar(
        select(ClosedDay).where(
            ClosedDay.branch_code == branch_code, ClosedDay.business_date == day
        )
    )


def closer_label(uow: UnitOfWork, record: ClosedDay) -> str:
    names = _Names(uow)
    text = names(record.closed_by)
    if record.approver_id:
        text += f" (承認 {names(record.approver_id)})"
    return text


def daily_log_data(
    uow: UnitOfWork,
    branch: str | Actor,
    day: dt.date,
    *,
    copy: bool = False,
    training: bool | None = None,
    now: dt.datetime | None = None,
) -> DailyLogData:
    """The daily log of ``branch`` (a branch code, or the acting staff's branch) and ``day``:
    interim figures for an open day, the frozen snapshot for a closed one."""
    branch_code = branch.branch_code if isinstance(branch, Actor) else branch
    now = now or now_utc()
    if training is None:
        training = bool(getattr(uow.database, "training", False))
    record = closed_day(uow, branch_code, day)
    if record is None:
        content = compute_log(uow, branch_code, day, now=now)
        return DailyLogData(
            issuer=issuer(uow),
            day=day,
            rows=content.rows,
            cash_expected=content.cash_expected,
            printed_at=now,
            totals=content.totals,
            events=content.events,
            state=LogState.INTERIM,
            copy=False,
            training=training,
            terminal=_terminal_text(uow, branch_code),
        )
    content = frozen_content(uow, record, now=now)
    return DailyLogData(
        issuer=issuer(uow),
        day=day,
        rows=content.rows,
        cash_expected=content.cash_expected,
        printed_at=now,
        totals=content.totals,
        events=content.events,
        cash_counted=record.cash_counted,
        cash_count=stored_cash_count(record),
        variance_note=((record.snapshot or {}).get("cash") or {}).get("variance_note", ""),
        state=LogState.CLOSED,
        close_number=record.close_number,
        closed_at=record.closed_at,
        closed_by=closer_label(uow, record),
        copy=copy,
        training=training,
        terminal=f"{branch_code}-{record.terminal_no:02d}",
    )


def _terminal_text(uow: UnitOfWork, branch_code: str) -> str:
    """``BR01-02``: this installation's terminal of the branch."""
    return f"{branch_code}-{terminal_of(session_of(uow), branch_code):02d}"


def stored_cash_count(record: ClosedDay) -> CashCount | None:
    """The 金種表 stored with a close (None for a day closed without one)."""
    cash = (record.snapshot or {}).get("cash") or {}
    counts = cash.get("denominations")
    return CashCount.from_json(counts) if counts else None


def frozen_content(uow: UnitOfWork, record: ClosedDay, *, now: dt.datetime) -> LogContent:
    """The log of a closed day: its snapshot (a close row written without one, e.g. by an
    older program, is recomputed from the records, which the closed day keeps unchanged)."""
    if record.snapshot and "log" in record.snapshot:
        return LogContent.from_json(record.snapshot["log"])
    return compute_log(uow, record.branch_code, record.business_date, now=now)
