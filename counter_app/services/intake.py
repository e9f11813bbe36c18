"""Register an intake: one visit, one transaction.

``register_intake(uow, actor, intake)`` checks everything first and writes only when every
check passes: the My Number guard on every free-text field, the shape of phone numbers and
postal codes, the request details, the identity verdict (and the proxy verdict), the staff's
confirmation of their warnings, the fee quote (a waiver or reduction needs a supervisor, or a
supervisor's approval), and the cash (received >= total). Then, in the caller's transaction,
it stores the people, the request and its items, the verdicts (document types, dates and
ticks — never a document number), the fee record with the quote JSON and its schedule
version, the receipt (when there is a fee line), the numbers (allocated here, so a rollback
returns them) and the audit rows. The caller commits.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert

from counter_app.domain.deadlines import Deadlines, compute_deadlines
from counter_app.domain.fees import FeeQuestions, FeeQuote, quote_fee
from counter_app.domain.identity import Verdict, identity_verdict
from counter_app.domain.proxy import ProxyVerdict, proxy_verdict
from counter_app.domain.requests import (
    Delivery,
    DisclosureMethod,
    RequestStatus,
    RequestType,
    SuspensionGround,
)
from counter_app.domain.text import (
    clean_name,
    is_kana,
    kana_key,
    name_search_key,
    normalise_kana,
    normalise_phone,
    normalise_postal_code,
    private_use_chars,
)
from counter_app.domain.wareki import wareki_with_seireki
from counter_app.errors import DomainError, InputError
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import (
    MAX_ADDRESS,
    MAX_NAME,
    MAX_TEXT,
    check_text,
    ensure_branch,
    ensure_day_open,
    session_of,
)
from counter_app.services.clock import local_date, now_utc
from counter_app.services.intake_input import (
    IdentityInput,
    IntakeInput,
    PersonInput,
    RequestItemInput,
)
from counter_app.services.rules import RuleSet, rules_in_force, rules_of_version
from counter_app.services.trail import record
from counter_app.store.models import (
    FeeRecord,
    IdentityCheck,
    Person,
    ProxyCheck,
    Receipt,
    Request,
    RequestItem,
    new_id,
)
from counter_app.store.numbering import AllocatedNumber, Series, allocate
from counter_app.store.uow import UnitOfWork

#: How far in the future a given reception time may lie (clock skew between PCs).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
#: Upper bounds of the counted values (far above any real visit; they keep amounts in range).
MAX_PAGES = 10_000
MAX_MEDIA = 100
MAX_CASH = 10_000_000
_MEMBER_NUMBER = re.compile(r"^[A-Za-z0-9-]{1,32}$")


@dataclass(frozen=True)
class IntakeResult:
    request_id: str
    request_number: str
    received_at: dt.datetime
    received_on: dt.date
    target_on: dt.date
    lawsuit_possible_from: dt.date
    total: int
    amount_received: int
    change: int
    receipt_id: str | None
    receipt_number: str | None
    warnings: tuple[str, ...]
    settlement_pending: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "request_id": self.request_id,
            "request_number": self.request_number,
            "received_at": self.received_at.isoformat(),
            "received_on": self.received_on.isoformat(),
            "target_on": self.target_on.isoformat(),
            "lawsuit_possible_from": self.lawsuit_possible_from.isoformat(),
            "total": self.total,
            "amount_received": self.amount_received,
            "change": self.change,
            "receipt_id": self.receipt_id,
            "receipt_number": self.receipt_number,
            "warnings": list(self.warnings),
            "settlement_pending": self.settlement_pending,
        }


@dataclass(frozen=True)
class CleanPerson:
    name: str
    furigana: str
    birth_date: dt.date | None
    postal_code: str
    address: str
    phone: str
    member_number: str


# -- checks (no writes) ---------------------------------------------------------------------
def clean_person(
    person: PersonInput, who: str, *, on: dt.date, birth_required: bool
) -> tuple[CleanPerson, list[str]]:
    """Validate and normalise a person's fields; the name stays exactly as typed."""
    warnings: list[str] = []
    name = check_text(clean_name(person.name or ""), f"{who}の氏名", limit=MAX_NAME)
    if not name:
        raise InputError(f"{who}の氏名を入力してください。")
    if private_use_chars(name):
        warnings.append(f"{who}の氏名に印刷できない外字が含まれています (〓 で印刷されます)。")
    furigana = normalise_kana((person.furigana or "").strip())
    check_text(furigana, f"{who}のふりがな", limit=MAX_NAME)
    if furigana and not is_kana(furigana):
        raise InputError(f"{who}のふりがなは、ひらがなかカタカナで入力してください。")
    if person.birth_date is None and birth_required:
        raise InputError(f"{who}の生年月日を入力してください。")
    if person.birth_date is not None and person.birth_date > on:
        raise InputError(
            f"{who}の生年月日 ({wareki_with_seireki(person.birth_date)}) が受付日より後になっています。"
        )
    address = (person.address or "").strip()
    check_text(address, f"{who}の住所", limit=MAX_ADDRESS)
    member = unicodedata.normalize("NFKC", person.member_number or "").strip()
    if member:
        check_text(member, f"{who}の組合員番号", limit=MAX_NAME)
        if not _MEMBER_NUMBER.match(member):
            raise InputError(
                f"{who}の組合員番号「{person.member_number}」の形が正しくありません。",
                hint="英数字 (と「-」) 32文字以内で入力してください。",
            )
    phone = person.phone or ""
    check_text(phone, f"{who}の電話番号", limit=MAX_NAME)
    postal = person.postal_code or ""
    return (
        CleanPerson(
            name=name,
            furigana=furigana,
            birth_date=person.birth_date,
            postal_code=normalise_postal_code(postal) if postal.strip() else "",
            address=address,
            phone=normalise_phone(phone) if phone.strip() else "",
            member_number=member,
        ),
        warnings,
    )


_SUSPENSION_TYPES = (RequestType.SUSPENSION, RequestType.PROVISION_STOP)


def check_items(items: tuple[RequestItemInput, ...]) -> tuple[RequestItemInput, ...]:
    if not items:
        raise InputError("請求の種類を1つ以上選んでください。")
    seen: set[RequestType] = set()
    for item in items:
        kind = RequestType(item.request_type)
        if kind in seen:
            raise InputError(f"「{kind.label}」が重複しています。")
        seen.add(kind)
        label = kind.label
        for attr, what in (
            ("period", "対象期間"),
            ("correction_item", "訂正の項目"),
            ("current_value", "現在の内容"),
            ("requested_value", "訂正後の内容"),
            ("evidence", "根拠資料"),
            ("detail", "請求の内容"),
        ):
            check_text(getattr(item, attr), f"{label}の{what}", limit=MAX_TEXT, multiline=True)
        if kind is RequestType.DISCLOSURE and not item.scopes:
            raise InputError("開示の対象となる情報の範囲を1つ以上選んでください。")
        correction_fields = (item.correction_item, item.current_value, item.requested_value)
        if kind is RequestType.CORRECTION:
            if not item.correction_item.strip() or not item.requested_value.strip():
                raise InputError("訂正の請求には、訂正する項目と訂正後の内容が必要です。")
        elif any(v.strip() for v in (*correction_fields, item.evidence)):
            raise InputError(f"「{label}」には訂正の項目は指定できません。")
        if kind in _SUSPENSION_TYPES:
            if item.suspension_ground is None:
                raise InputError(f"「{label}」の理由 (法第35条の事由) を選んでください。")
            allowed = SuspensionGround.for_type(kind)
            if item.suspension_ground not in allowed:
                raise InputError(
                    f"「{item.suspension_ground.label}」は「{label}」の理由にはなりません。",
                    hint="次のいずれかを選んでください: " + "、".join(g.label for g in allowed),
                )
        elif item.suspension_ground is not None:
            raise InputError(f"「{label}」には利用停止の理由は指定できません。")
    return items


def _verdict_or_refuse(verdict: Verdict, who: str, ident: IdentityInput) -> None:
    if not verdict.passed:
        raise DomainError(
            f"{who}の本人確認ができないため、受け付けできません。",
            hint="\n".join(verdict.reasons),
        )
    if verdict.warnings and not ident.warnings_confirmed:
        raise DomainError(
            f"{who}の本人確認に確認事項があります。確認のうえ、確認済みにしてください。",
            hint="\n".join(verdict.warnings),
        )


@dataclass(frozen=True)
class CheckedIntake:
    """An intake that passed every check: what register_intake will store."""

    received_at: dt.datetime
    received_on: dt.date
    requester: CleanPerson
    proxy_person: CleanPerson | None
    identity: Verdict | None  # None: a proxy came and the principal showed nothing
    proxy_identity: Verdict | None
    proxy: ProxyVerdict | None
    questions: FeeQuestions
    quote: FeeQuote
    change: int
    warnings: tuple[str, ...]
    #: the head-office bundle whose rules were applied (None: the terminal's own files); the
    #: request keeps it, so what is later computed for it uses the same rules
    rules_version: str | None = None


def check_intake(intake: IntakeInput, *, now: dt.datetime | None = None) -> CheckedIntake:
    """Every check of an intake, without writing (the UI's confirm page may call it)."""
    now = now or now_utc()
    received_at = (intake.received_at or now).astimezone(dt.UTC)
    if received_at > now + FUTURE_TOLERANCE:
        raise InputError("受付日時が未来になっています。", hint="日時を確認してください。")
    on = local_date(received_at)
    rules = rules_in_force(on)
    for value, limit, label in (
        (intake.pages, MAX_PAGES, "複写の枚数"),
        (intake.media_count, MAX_MEDIA, "媒体の数"),
        (intake.amount_received, MAX_CASH, "お預かり金額"),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
            raise InputError(
                f"{label}は0から{limit:,}までの整数で入力してください (値: {value!r})。"
            )
    requester, warnings = clean_person(intake.requester, "本人", on=on, birth_required=True)
    items = check_items(intake.items)
    check_text(intake.note, "備考", limit=MAX_TEXT, multiline=True)
    # With a proxy the principal is usually not at the counter: their standing is shown by
    # the proxy's papers. Documents of the principal, if shown, must still pass.
    identity = None
    if intake.proxy is None or intake.identity.documents:
        identity = identity_verdict(
            intake.identity.documents,
            on,
            address_differs_from_record=intake.identity.address_differs_from_record,
            catalogue=rules.documents,
        )
        _verdict_or_refuse(identity, "本人", intake.identity)

    proxy_person = proxy_identity = proxy = None
    if intake.proxy is not None:
        p = intake.proxy
        proxy_person, more = clean_person(p.person, "代理人", on=on, birth_required=False)
        warnings.extend(more)
        proxy_identity = identity_verdict(
            p.identity.documents,
            on,
            address_differs_from_record=p.identity.address_differs_from_record,
            catalogue=rules.documents,
        )
        proxy = proxy_verdict(
            p.kind,
            request_date=on,
            principal_birth_date=requester.birth_date,
            proxy_identity=proxy_identity,
            power_of_attorney=p.power_of_attorney,
            seal_certificate=p.seal_certificate,
            relationship_document=p.relationship_document,
            rules=rules.proxy_rules,
        )
        if not proxy.passed:
            raise DomainError(
                "代理人の確認ができないため、受け付けできません。",
                hint="\n".join(proxy.reasons),
            )
        if proxy.warnings and not (p.warnings_confirmed or p.identity.warnings_confirmed):
            raise DomainError(
                "代理人の確認に確認事項があります。確認のうえ、確認済みにしてください。",
                hint="\n".join(proxy.warnings),
            )
        if Delivery(intake.delivery) is Delivery.COUNTER and not proxy.may_hand_to_proxy:
            raise DomainError(
                "この代理人には結果を窓口でお渡しできません。",
                hint="委任状に「受領」の記載がないため、結果は本人の登録住所へ郵送してください。",
            )
    if intake.adjustment is not None:
        check_text(intake.adjustment.reason, "減免の理由", limit=MAX_TEXT, multiline=True)
    if intake.disclosure_method is not None:
        offered = rules.disclosure_methods
        if DisclosureMethod(intake.disclosure_method) not in offered:
            raise DomainError(
                f"この窓口では「{DisclosureMethod(intake.disclosure_method).label}」での開示を"
                "取り扱っていません。",
                hint="ご本人に次の方法から選び直していただいてください: "
                + "、".join(m.label for m in offered),
            )

    questions = FeeQuestions(
        request_types=tuple(RequestType(i.request_type) for i in items),
        pages=intake.pages,
        method=intake.disclosure_method,
        delivery=intake.delivery,
        mail_class=intake.mail_class,
        media_count=intake.media_count,
        pages_undecided=intake.pages_undecided,
    )
    _check_page_answer(intake, questions, on, rules)
    quote = quote_fee(
        questions,
        on,
        adjustment=intake.adjustment,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )
    if intake.amount_received < quote.total:
        raise DomainError(
            f"お預かり金額 ({intake.amount_received:,}円) が手数料の合計 ({quote.total:,}円) "
            "に足りません。",
            hint="お預かりした金額を確認してください。",
        )
    return CheckedIntake(
        received_at=received_at,
        received_on=on,
        requester=requester,
        proxy_person=proxy_person,
        identity=identity,
        proxy_identity=proxy_identity,
        proxy=proxy,
        questions=questions,
        quote=quote,
        change=intake.amount_received - quote.total,
        warnings=tuple(warnings),
        rules_version=rules.bundle_version,
    )


def _check_page_answer(
    intake: IntakeInput, questions: FeeQuestions, on: dt.date, rules: RuleSet
) -> None:
    """The page count is a deliberate answer where it is asked (domain.md section 10): a JSON
    that leaves it out of a paper disclosure under an actual-cost schedule is refused, never
    read as 0 (which would leave the copies out of the fee without a word)."""
    if intake.pages_answered or questions.method is not DisclosureMethod.PAPER:
        return
    if not questions.fee_types or not rules.fee_schedules.in_force(on).asks_pages:
        return
    raise InputError(
        "複写の枚数 (「pages」) がありません。",
        hint='枚数 (0以上の整数) か、まだ分からなければ "undecided" (未定・回答時に精算) を'
        "指定してください。",
    )


# -- the service ----------------------------------------------------------------------------
def receipt_proviso(types: tuple[RequestType, ...], *, postage: bool = False) -> str:
    """The 但し書き of a receipt for these request types: what was charged, the postage too
    when it is in the amount (「個人情報開示等請求手数料及び郵送料として」)."""
    fee_types = [t for t in types if t.fee_allowed]
    what = (
        "利用目的の通知手数料"
        if fee_types == [RequestType.PURPOSE_NOTICE]
        else "個人情報開示等請求手数料"
    )
    return f"{what}及び郵送料として" if postage else f"{what}として"


def _person_row(branch: str, person: CleanPerson, at: dt.datetime) -> dict[str, Any]:
    return {
        "id": new_id(),
        "branch_code": branch,
        "name": person.name,
        "name_key": name_search_key(person.name),
        "furigana": person.furigana,
        "kana_key": kana_key(person.furigana) if person.furigana else "",
        "birth_date": person.birth_date,
        "postal_code": person.postal_code,
        "address": person.address,
        "phone": person.phone,
        "member_number": person.member_number,
        "created_at": at,
        "purged_at": None,
    }


def _identity_row(
    request_id: str,
    subject: str,
    ident: IdentityInput,
    verdict: Verdict,
    actor: Actor,
    at: dt.datetime,
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "branch_code": actor.branch_code,
        "request_id": request_id,
        "subject": subject,
        "documents": [d.to_dict() for d in ident.documents],
        "address_differs": ident.address_differs_from_record,
        "passed": verdict.passed,
        "rule": verdict.rule,
        "reasons": list(verdict.reasons),
        "warnings": list(verdict.warnings),
        "warnings_confirmed": ident.warnings_confirmed,
        "checked_by": actor.staff_id,
        "checked_at": at,
    }


_INSERTS: dict[Any, Any] = {}


def _insert(uow: UnitOfWork, model: Any, rows: list[dict[str, Any]]) -> None:
    """Core INSERT (one statement per table, in foreign-key order): an intake writes about
    ten rows, and the ORM's unit-of-work bookkeeping would cost more than SQLite does."""
    if rows:
        statement = _INSERTS.get(model)
        if statement is None:
            statement = _INSERTS[model] = insert(model.__table__)
        session_of(uow).connection().execute(statement, rows)


Row = dict[str, Any]


@dataclass(frozen=True)
class IntakeNumbers:
    """The numbers an intake takes: its request number, and a receipt number when a fee line
    is charged."""

    request: AllocatedNumber
    receipt: AllocatedNumber | None


@dataclass(frozen=True)
class IntakeRows:
    """Every row one intake writes, table by table (in foreign-key order)."""

    people: list[Row]
    request: Row
    items: list[Row]
    identity_checks: list[Row]
    proxy_checks: list[Row]
    fee: Row
    receipt: Row | None


def register_intake(
    uow: UnitOfWork,
    actor: Actor,
    intake: IntakeInput,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> IntakeResult:
    """Check and store one intake in the caller's transaction (see the module docstring)."""
    now = now or now_utc()
    branch, checked = _check(uow, actor, intake, approver=approver, now=now)
    deadlines = _deadlines(checked)
    numbers = _allocate(uow, branch, checked)
    rows = _rows(branch, actor, approver, intake, checked, numbers, deadlines, now)
    _store(uow, rows)
    _audit(uow, actor, approver, intake, checked, rows, deadlines, now)
    return _result(intake, checked, rows, deadlines)


# -- the steps of register_intake ------------------------------------------------------------
def _check(
    uow: UnitOfWork,
    actor: Actor,
    intake: IntakeInput,
    *,
    approver: Actor | None,
    now: dt.datetime,
) -> tuple[str, CheckedIntake]:
    """May this actor take it (a fee adjustment: with an approver), every check of
    :func:`check_intake`, and the day it is received on (and today) still open; the branch."""
    require(actor, Permission.REGISTER_INTAKE)
    if intake.adjustment is not None:
        require(actor, Permission.WAIVE_FEE, approver=approver)
    branch = ensure_branch(uow, actor)
    checked = check_intake(intake, now=now)
    ensure_day_open(uow, branch, checked.received_on)
    if local_date(now) != checked.received_on:
        ensure_day_open(uow, branch, local_date(now))
    return branch, checked


def _deadlines(checked: CheckedIntake) -> Deadlines:
    """The request's deadlines, by the calendar and deadline rules of the version its fee was
    quoted with (the rules in force on its date)."""
    rules = rules_of_version(checked.rules_version)
    on = checked.received_on
    return compute_deadlines(on, calendar=rules.calendar, rules=rules.deadline_rules)


def _allocate(uow: UnitOfWork, branch: str, checked: CheckedIntake) -> IntakeNumbers:
    """The request number, then the receipt number when a fee line is charged (in the
    caller's transaction: a rollback returns them)."""
    session = session_of(uow)
    on = checked.received_on
    request = allocate(session, Series.REQUEST, branch, on)
    receipt = allocate(session, Series.RECEIPT, branch, on) if checked.quote.lines else None
    return IntakeNumbers(request=request, receipt=receipt)


def _rows(
    branch: str,
    actor: Actor,
    approver: Actor | None,
    intake: IntakeInput,
    checked: CheckedIntake,
    numbers: IntakeNumbers,
    deadlines: Deadlines,
    now: dt.datetime,
) -> IntakeRows:
    """Every row of the intake, built from what was checked (nothing is written here)."""
    principal = _person_row(branch, checked.requester, now)
    proxy = _person_row(branch, checked.proxy_person, now) if checked.proxy_person else None
    request = _request_row(
        branch, actor, intake, checked, numbers.request, principal, proxy, deadlines, now
    )
    items = _item_rows(branch, request["id"], intake.items, now)
    identity_checks = _identity_rows(actor, intake, checked, request["id"], now)
    proxy_checks = _proxy_check_rows(branch, actor, intake, checked, request["id"], now)
    fee = _fee_row(branch, actor, approver, intake, checked, request["id"], now)
    return IntakeRows(
        people=[principal, proxy] if proxy else [principal],
        request=request,
        items=items,
        identity_checks=identity_checks,
        proxy_checks=proxy_checks,
        fee=fee,
        receipt=(
            _receipt_row(branch, actor, approver, intake, checked, numbers.receipt, fee)
            if numbers.receipt is not None
            else None
        ),
    )


def _store(uow: UnitOfWork, rows: IntakeRows) -> None:
    """Insert the rows, one statement per table, in foreign-key order."""
    _insert(uow, Person, rows.people)
    _insert(uow, Request, [rows.request])
    _insert(uow, RequestItem, rows.items)
    _insert(uow, IdentityCheck, rows.identity_checks)
    _insert(uow, ProxyCheck, rows.proxy_checks)
    _insert(uow, FeeRecord, [rows.fee])
    _insert(uow, Receipt, [rows.receipt] if rows.receipt else [])


def _audit(
    uow: UnitOfWork,
    actor: Actor,
    approver: Actor | None,
    intake: IntakeInput,
    checked: CheckedIntake,
    rows: IntakeRows,
    deadlines: Deadlines,
    now: dt.datetime,
) -> None:
    """The audit rows: ``intake.register``, the fee adjustment, the receipt issued."""
    request_id = rows.request["id"]
    quote = checked.quote
    record(
        uow,
        actor,
        "intake.register",
        at=now,
        request_id=request_id,
        detail={
            "number": rows.request["number"],
            "received_on": checked.received_on.isoformat(),
            "types": [RequestType(i.request_type).value for i in intake.items],
            "identity_rule": checked.identity.rule if checked.identity else None,
            "proxy_kind": rows.request["proxy_kind"],
            "proxy_identity_rule": checked.proxy_identity.rule if checked.proxy_identity else None,
            "fee_total": quote.total,
            "schedule_version": quote.schedule_version,
            "target_on": deadlines.target.isoformat(),
            "settlement_pending": quote.settlement_pending,
        },
    )
    adjustment = quote.adjustment
    if adjustment is not None:
        record(
            uow,
            actor,
            f"fee.{adjustment.kind}",
            at=now,
            request_id=request_id,
            approver=approver if approver and not actor.may(Permission.WAIVE_FEE) else None,
            detail={"amount": adjustment.amount, "subtotal": quote.subtotal},
        )
    receipt = rows.receipt
    if receipt is not None:
        record(
            uow,
            actor,
            "receipt.issue",
            at=now,
            request_id=request_id,
            detail={
                "receipt_id": receipt["id"],
                "number": receipt["number"],
                "total": receipt["total"],
                "amount_received": receipt["amount_received"],
                "change": receipt["change"],
            },
        )


def _result(
    intake: IntakeInput, checked: CheckedIntake, rows: IntakeRows, deadlines: Deadlines
) -> IntakeResult:
    receipt = rows.receipt
    return IntakeResult(
        request_id=rows.request["id"],
        request_number=rows.request["number"],
        received_at=checked.received_at,
        received_on=checked.received_on,
        target_on=deadlines.target,
        lawsuit_possible_from=deadlines.lawsuit_possible_from,
        total=checked.quote.total,
        amount_received=intake.amount_received,
        change=checked.change,
        receipt_id=receipt["id"] if receipt else None,
        receipt_number=receipt["number"] if receipt else None,
        warnings=checked.warnings + (checked.identity.warnings if checked.identity else ()),
        settlement_pending=checked.quote.settlement_pending,
    )


# -- the rows --------------------------------------------------------------------------------
def _request_row(
    branch: str,
    actor: Actor,
    intake: IntakeInput,
    checked: CheckedIntake,
    number: AllocatedNumber,
    principal: Row,
    proxy: Row | None,
    deadlines: Deadlines,
    now: dt.datetime,
) -> Row:
    return {
        "id": new_id(),
        "branch_code": branch,
        "number": number.text,
        "fiscal_year": number.fiscal_year,
        "seq": number.seq,
        "terminal_no": number.terminal_no,
        "received_at": checked.received_at,
        "received_on": checked.received_on,
        "status": RequestStatus.RECEIVED.value,
        "principal_id": principal["id"],
        "proxy_id": proxy["id"] if proxy else None,
        "proxy_kind": intake.proxy.kind.value if intake.proxy else None,
        "disclosure_method": intake.disclosure_method.value if intake.disclosure_method else None,
        "delivery": Delivery(intake.delivery).value,
        "may_hand_to_proxy": bool(checked.proxy and checked.proxy.may_hand_to_proxy),
        "target_on": deadlines.target,
        "lawsuit_possible_from": deadlines.lawsuit_possible_from,
        "rules_version": checked.rules_version,
        "note": intake.note.strip(),
        "settlement_state": "pending" if checked.quote.settlement_pending else None,
        "created_by": actor.staff_id,
        "updated_at": now,
    }


def _item_rows(
    branch: str, request_id: str, items: tuple[RequestItemInput, ...], now: dt.datetime
) -> list[Row]:
    return [
        {
            "id": new_id(),
            "branch_code": branch,
            "request_id": request_id,
            "position": position,
            "request_type": RequestType(item.request_type).value,
            "details": item.details(),
            "outcome": None,
            "created_at": now,
        }
        for position, item in enumerate(items, start=1)
    ]


def _identity_rows(
    actor: Actor, intake: IntakeInput, checked: CheckedIntake, request_id: str, now: dt.datetime
) -> list[Row]:
    """The principal's identity check (when they showed documents), then the proxy's."""
    rows = []
    if checked.identity is not None:
        rows.append(
            _identity_row(request_id, "principal", intake.identity, checked.identity, actor, now)
        )
    if intake.proxy is not None and checked.proxy is not None and checked.proxy_identity:
        rows.append(
            _identity_row(
                request_id, "proxy", intake.proxy.identity, checked.proxy_identity, actor, now
            )
        )
    return rows


def _proxy_check_rows(
    branch: str,
    actor: Actor,
    intake: IntakeInput,
    checked: CheckedIntake,
    request_id: str,
    now: dt.datetime,
) -> list[Row]:
    p = intake.proxy
    if p is None or checked.proxy is None or not checked.proxy_identity:
        return []
    return [
        {
            "id": new_id(),
            "branch_code": branch,
            "request_id": request_id,
            "kind": p.kind.value,
            "inputs": {
                "power_of_attorney": _record(p.power_of_attorney),
                "seal_certificate": _record(p.seal_certificate),
                "relationship_document": _record(p.relationship_document),
                "warnings_confirmed": p.warnings_confirmed,
            },
            "passed": checked.proxy.passed,
            "reasons": list(checked.proxy.reasons),
            "warnings": list(checked.proxy.warnings),
            "may_hand_to_proxy": checked.proxy.may_hand_to_proxy,
            "checked_by": actor.staff_id,
            "checked_at": now,
        }
    ]


def _fee_row(
    branch: str,
    actor: Actor,
    approver: Actor | None,
    intake: IntakeInput,
    checked: CheckedIntake,
    request_id: str,
    now: dt.datetime,
) -> Row:
    quote = checked.quote
    adjustment = quote.adjustment
    return {
        "id": new_id(),
        "branch_code": branch,
        "request_id": request_id,
        "questions": checked.questions.to_dict(),
        "quote": quote.to_dict(),
        "schedule_version": quote.schedule_version,
        "total": quote.total,
        "adjustment_kind": adjustment.kind if adjustment else None,
        "adjustment_reason": adjustment.reason if adjustment else None,
        "approved_by": (approver or actor).staff_id if adjustment else None,
        "amount_received": intake.amount_received,
        "change": checked.change,
        "created_at": now,
    }


def _receipt_row(
    branch: str,
    actor: Actor,
    approver: Actor | None,
    intake: IntakeInput,
    checked: CheckedIntake,
    number: AllocatedNumber,
    fee: Row,
) -> Row:
    quote = checked.quote
    return {
        "id": new_id(),
        "branch_code": branch,
        "number": number.text,
        "fiscal_year": number.fiscal_year,
        "seq": number.seq,
        "terminal_no": number.terminal_no,
        "kind": "issued",
        "request_id": fee["request_id"],
        "voids_receipt_id": None,
        "issued_at": checked.received_at,
        "issued_on": checked.received_on,
        "total": quote.total,
        "taxable_10": quote.taxable_by_rate.get(10, 0),
        "tax_10": quote.tax_by_rate.get(10, 0),
        "quote": fee["quote"],
        "schedule_version": quote.schedule_version,
        "proviso": receipt_proviso(
            checked.questions.request_types,
            postage=any(line.is_postage and line.amount for line in quote.lines),
        ),
        "amount_received": intake.amount_received,
        "change": checked.change,
        "staff_id": actor.staff_id,
        "approver_id": approver.staff_id if (approver and quote.adjustment) else None,
        "void_reason": None,
    }


def _record(value: Any) -> dict[str, Any] | None:
    return None if value is None else value.to_dict()
