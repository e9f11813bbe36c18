"""精算 (domain.md section 10): settle a request taken with the page count 未定.

- :func:`preview_settlement` — the actual fee for a page count and its difference from the
  first receipt, without writing (the 精算 dialog's live figures, ``settle --dry-run``);
- :func:`record_settlement` — stores a 精算書 (settlement receipt): its own gapless number
  (``S-BR01-01-2025-000007``), pointing at the request and its first receipt, dated the day it
  happens (so it shows on that day's 受付日報 and in its cash), with the cash received and
  change when the difference is collected, the amount paid out when it is refunded. The
  request leaves 精算待ち. A request is settled once: a second call is refused naming the
  settlement already recorded, and the database's UNIQUE (request_id, kind, attempt) refuses
  a double however it is attempted.
- :func:`void_settlement` — a 責任者 (or a 責任者's approval) voids a settlement with a
  reason: a new row of the same series, amounts negated (the cash goes back the other way on
  the day of the void), and the request is 精算待ち again, to be settled anew.

- :func:`reprint_settlement` — anyone: a reprint is a row with its ordinal (再発行 n), so the
  daily log lists it and the copy carries the count.

A settlement is never changed (triggers of migration 0012).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from counter_app.domain.fees import FeeQuestions, FeeQuote
from counter_app.domain.settlement import SettlementFigures, settle
from counter_app.errors import DomainError, InputError
from counter_app.security.roles import Actor, Permission, require
from counter_app.services import corrections
from counter_app.services.access import (
    ensure_branch,
    ensure_day_open,
    find_request,
    session_of,
)
from counter_app.services.clock import local_date, now_utc
from counter_app.services.rules import rules_of_version
from counter_app.services.trail import record
from counter_app.store.models import (
    FeeRecord,
    Receipt,
    Request,
    Settlement,
    SettlementReprint,
)
from counter_app.store.numbering import Series
from counter_app.store.uow import UnitOfWork

#: requests.settlement_state
PENDING = "pending"
SETTLED = "settled"
#: Upper bound of cash handed over for a settlement (the intake's bound).
MAX_CASH = 10_000_000

STATE_LABELS = {PENDING: "精算待ち", SETTLED: "精算済み"}


class SettlementNotFound(InputError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"精算書「{ref}」が見つかりません。",
            hint="精算書の番号 (例: S-BR01-01-2025-000007) を確認してください。",
        )


@dataclass(frozen=True)
class SettlementPreview:
    """What a settlement of ``pages`` pages would be (nothing written)."""

    request_id: str
    request_number: str
    first_receipt_number: str | None
    figures: SettlementFigures

    @property
    def difference(self) -> int:
        return self.figures.difference

    def to_dict(self) -> dict[str, object]:
        f = self.figures
        return {
            "request_id": self.request_id,
            "request_number": self.request_number,
            "first_receipt_number": self.first_receipt_number,
            "pages": f.pages,
            "actual_total": f.actual.total,
            "charged": f.charged,
            "difference": f.difference,
            "direction": f.direction,
            "taxable_10": f.taxable_10,
            "tax_10": f.tax_10,
            "schedule_version": f.actual.schedule_version,
            "lines": [line.to_dict() for line in f.actual.lines],
        }


@dataclass(frozen=True)
class SettlementResult:
    settlement_id: str
    number: str
    request_id: str
    request_number: str
    first_receipt_number: str | None
    pages: int
    actual_total: int
    charged: int
    difference: int  # > 0 collected, < 0 refunded
    amount_received: int
    change: int

    @property
    def refund(self) -> int:
        return max(0, -self.difference)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = dict(self.__dict__)
        data["refund"] = self.refund
        return data


@dataclass(frozen=True)
class SettlementVoidResult:
    void_id: str
    void_number: str
    settlement_id: str
    settlement_number: str
    request_id: str
    cash_back: int  # signed: > 0 the counter pays back, < 0 the member pays back

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SettlementView:
    """A settlement (or its void) as the detail screen and ``show`` list it."""

    id: str
    number: str
    kind: str  # "settlement" | "void"
    settled_at: dt.datetime
    pages: int
    charged: int
    total: int
    amount_received: int
    change: int
    voided_by: str | None
    voids: str | None
    void_reason: str | None


# -- reading --------------------------------------------------------------------------------
def find_settlement(uow: UnitOfWork, ref: str) -> Settlement:
    ref = (ref or "").strip()
    row = session_of(uow).scalar(
        select(Settlement).where(or_(Settlement.id == ref, Settlement.number == ref.upper()))
    )
    if row is None:
        raise SettlementNotFound(ref)
    return row


def settlements_of(uow: UnitOfWork, request_id: str) -> list[Settlement]:
    return list(
        session_of(uow).scalars(
            select(Settlement)
            .where(Settlement.request_id == request_id)
            .order_by(Settlement.settled_at, Settlement.number)
        )
    )


def active_settlement(uow: UnitOfWork, request_id: str) -> Settlement | None:
    """The request's settlement in force (not voided), if any."""
    rows = settlements_of(uow, request_id)
    voided = {r.voids_settlement_id for r in rows if r.kind == "void"}
    live = [r for r in rows if r.kind == "settlement" and r.id not in voided]
    return live[-1] if live else None


def settlement_views(uow: UnitOfWork, request_id: str) -> tuple[SettlementView, ...]:
    rows = settlements_of(uow, request_id)
    numbers = {r.id: r.number for r in rows}
    voided_by = {r.voids_settlement_id: r.number for r in rows if r.voids_settlement_id}
    return tuple(
        SettlementView(
            id=r.id,
            number=r.number,
            kind=r.kind,
            settled_at=r.settled_at,
            pages=r.pages,
            charged=r.charged,
            total=r.total,
            amount_received=r.amount_received,
            change=r.change,
            voided_by=voided_by.get(r.id),
            voids=numbers.get(r.voids_settlement_id) if r.voids_settlement_id else None,
            void_reason=r.void_reason,
        )
        for r in rows
    )


def _first_receipt(uow: UnitOfWork, request: Request) -> Receipt | None:
    return session_of(uow).scalar(
        select(Receipt).where(Receipt.request_id == request.id, Receipt.kind == "issued")
    )


def _pending_request(uow: UnitOfWork, ref: str) -> tuple[Request, FeeRecord, Receipt | None]:
    """The request, its fee record and first receipt, refusing one that is not 精算待ち."""
    request = find_request(uow, ref)
    if request.settlement_state != PENDING:
        done = active_settlement(uow, request.id)
        if done is not None:
            raise DomainError(
                f"請求 {request.number} はすでに精算されています (精算書 {done.number})。",
                hint="精算書は変更できません。誤りがあれば責任者が精算を取り消してから、"
                "あらためて精算してください。",
            )
        raise DomainError(
            f"請求 {request.number} は精算待ちではありません。",
            hint="受付時に写しの枚数が決まっていたか、定額の手数料表で受け付けた請求です。",
        )
    fee = session_of(uow).scalar(select(FeeRecord).where(FeeRecord.request_id == request.id))
    if fee is None:  # pragma: no cover - every intake stores its fee record
        raise DomainError(f"請求 {request.number} の手数料の記録が見つかりません。")
    receipt = _first_receipt(uow, request)
    if receipt is not None:
        void = session_of(uow).scalar(select(Receipt).where(Receipt.voids_receipt_id == receipt.id))
        if void is not None:
            raise DomainError(
                f"最初の領収書 {receipt.number} は取り消されています (取消番号 {void.number})。"
                "精算はできません。",
                hint="受付時にお預かりした手数料は返金済みです。請求の扱いを責任者に確認してください。",
            )
    return request, fee, receipt


def _figures(
    fee: FeeRecord, receipt: Receipt | None, request: Request, pages: int
) -> SettlementFigures:
    questions = FeeQuestions.from_dict(fee.questions)
    first = FeeQuote.from_dict(fee.quote)
    rules = rules_of_version(request.rules_version)  # the rules its fee was quoted with
    return settle(
        questions,
        first,
        pages,
        request.received_on,
        charged=receipt.total if receipt else 0,
        charged_taxable_10=receipt.taxable_10 if receipt else 0,
        charged_tax_10=receipt.tax_10 if receipt else 0,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )


def preview_settlement(uow: UnitOfWork, actor: Actor, ref: str, pages: int) -> SettlementPreview:
    """The settlement ``pages`` would give, from the schedule of the request date."""
    ensure_branch(uow, actor)
    request, fee, receipt = _pending_request(uow, ref)
    figures = _figures(fee, receipt, request, pages)
    return SettlementPreview(
        request_id=request.id,
        request_number=request.number,
        first_receipt_number=receipt.number if receipt else None,
        figures=figures,
    )


# -- writing --------------------------------------------------------------------------------
def record_settlement(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    pages: int,
    *,
    amount_received: int = 0,
    now: dt.datetime | None = None,
) -> SettlementResult:
    """Record the settlement of a 精算待ち request for ``pages`` actual pages: collect the
    difference (``amount_received`` >= it; the change is computed) or pay it back."""
    require(actor, Permission.REGISTER_INTAKE)
    branch = ensure_branch(uow, actor)
    now = now or now_utc()
    on = local_date(now)
    ensure_day_open(uow, branch, on)
    request, fee, receipt = _pending_request(uow, ref)
    figures = _figures(fee, receipt, request, pages)
    difference = figures.difference
    if (
        isinstance(amount_received, bool)
        or not isinstance(amount_received, int)
        or not 0 <= amount_received <= MAX_CASH
    ):
        raise InputError(
            f"お預かり金額は0から{MAX_CASH:,}までの整数で入力してください "
            f"(値: {amount_received!r})。"
        )
    if difference > 0 and amount_received < difference:
        raise DomainError(
            f"お預かり金額 ({amount_received:,}円) が精算額 ({difference:,}円) に足りません。",
            hint="お預かりした金額を確認してください。",
        )
    if difference <= 0 and amount_received:
        raise InputError(
            "返金 (または差額なし) の精算では、お預かり金額は入力しません。",
            hint=f"お返しする金額は {max(0, -difference):,}円 です。",
        )
    change = amount_received - difference if difference > 0 else 0
    session = session_of(uow)
    attempt = 1 + sum(1 for s in settlements_of(uow, request.id) if s.kind == "settlement")
    row = Settlement(
        **corrections.numbered(uow, Series.SETTLEMENT, branch, on),
        kind="settlement",
        request_id=request.id,
        receipt_id=receipt.id if receipt else None,
        voids_settlement_id=None,
        attempt=attempt,
        settled_at=now,
        settled_on=on,
        pages=pages,
        quote=figures.actual.to_dict(),
        schedule_version=figures.actual.schedule_version,
        charged=figures.charged,
        total=difference,
        taxable_10=figures.taxable_10,
        tax_10=figures.tax_10,
        amount_received=amount_received,
        change=change,
        staff_id=actor.staff_id,
        approver_id=None,
        void_reason=None,
    )
    session.add(row)
    request.settlement_state = SETTLED
    request.updated_at = now
    session.flush()
    record(
        uow,
        actor,
        "settlement.record",
        at=now,
        request_id=request.id,
        detail={
            "settlement_id": row.id,
            "number": row.number,
            "receipt_number": receipt.number if receipt else None,
            "pages": pages,
            "actual_total": figures.actual.total,
            "charged": figures.charged,
            "difference": difference,
            "amount_received": amount_received,
            "change": change,
            "schedule_version": row.schedule_version,
        },
    )
    return SettlementResult(
        settlement_id=row.id,
        number=row.number,
        request_id=request.id,
        request_number=request.number,
        first_receipt_number=receipt.number if receipt else None,
        pages=pages,
        actual_total=figures.actual.total,
        charged=figures.charged,
        difference=difference,
        amount_received=amount_received,
        change=change,
    )


def void_settlement(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    reason: str,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> SettlementVoidResult:
    """Void a settlement (責任者, or a 責任者's approval) with a reason; the request is
    精算待ち again."""
    day, reason = corrections.begin_void(uow, actor, reason, approver=approver, now=now)
    original = find_settlement(uow, ref)
    session = session_of(uow)
    existing = session.scalar(
        select(Settlement).where(Settlement.voids_settlement_id == original.id)
    )
    corrections.refuse_void(
        original.number,
        void_record="精算の取消",
        paper="精算書",
        is_void=original.kind != "settlement",
        existing_void=existing.number if existing is not None else None,
    )
    void = Settlement(
        **corrections.numbered(uow, Series.SETTLEMENT, day.branch, day.on),
        kind="void",
        request_id=original.request_id,
        receipt_id=original.receipt_id,
        voids_settlement_id=original.id,
        attempt=original.attempt,
        settled_at=day.now,
        settled_on=day.on,
        pages=original.pages,
        quote=original.quote,
        schedule_version=original.schedule_version,
        charged=original.charged,
        total=-original.total,
        taxable_10=-original.taxable_10,
        tax_10=-original.tax_10,
        amount_received=0,
        change=0,
        staff_id=actor.staff_id,
        approver_id=corrections.void_approver_id(actor, approver),
        void_reason=reason,
    )
    session.add(void)
    request = session.get(Request, original.request_id)
    assert request is not None
    request.settlement_state = PENDING
    request.updated_at = day.now
    session.flush()
    corrections.record_void(
        uow,
        actor,
        "settlement.void",
        day,
        original=original,
        void=void,
        approver=approver,
        document_key="settlement_id",
        amount_key="cash_back",
    )
    return SettlementVoidResult(
        void_id=void.id,
        void_number=void.number,
        settlement_id=original.id,
        settlement_number=original.number,
        request_id=original.request_id,
        cash_back=original.total,
    )


@dataclass(frozen=True)
class SettlementReprintResult:
    settlement_id: str
    number: str
    reprint_count: int
    voided: bool

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def settlement_reprint_count(uow: UnitOfWork, settlement_id: str) -> int:
    return corrections.rows_pointing_at(uow, SettlementReprint.settlement_id, settlement_id)


def reprint_settlement(
    uow: UnitOfWork, actor: Actor, ref: str, *, now: dt.datetime | None = None
) -> SettlementReprintResult:
    """Count a reprint of a 精算書 (the copy is marked 再発行 n; a voided one also 取消).
    A void record gives the settlement it voids."""
    day = corrections.begin_reprint(uow, actor, now)
    row = find_settlement(uow, ref)
    session = session_of(uow)
    if row.kind == "void" and row.voids_settlement_id:
        original = session.get(Settlement, row.voids_settlement_id)
        assert original is not None
        row = original
    ordinal = corrections.add_reprint(
        uow, actor, "settlement.reprint", day, of=SettlementReprint.settlement_id, document=row
    )
    voided = (
        session.scalar(select(Settlement.id).where(Settlement.voids_settlement_id == row.id))
        is not None
    )
    return SettlementReprintResult(row.id, row.number, ordinal, voided)
