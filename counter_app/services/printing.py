"""Plain data for the printed documents (``counter_app.printables``), built from the store.

- :func:`issuer` — the branch as printed on every document;
- :func:`receipt_data` — a 領収書 as issued (lines from the stored quote JSON, so it always
  reproduces), with its reprint count and 取消 mark; call ``reprint_receipt`` first when
  printing a copy, so the count includes it;
- :func:`slip_data` — the 受付票 (with the mail class of a mailed answer);
- :func:`notice_data` / :func:`extension_notice_data` — letters to the principal: a change to
  paper names the method asked for, a purpose notice states the purposes of use;
- :func:`blank_form_data` — the blank 開示等請求書 and 委任状, with proxy.toml's months;
- :func:`settlement_receipt_data` — a 精算書 (精算領収書 / 返金精算書) on the receipt's
  layout: the actual fee's lines, then 「受領済み (当初の領収書 No. …)」 taken off; a notice
  letter states the settlement (:func:`settlement_statement`).

Names are passed exactly as stored. Training databases mark everything 見本.
"""

from __future__ import annotations

import dataclasses
from typing import cast

from sqlalchemy import select

from counter_app.config.disclosure import joint_use_statement, purposes_of_use
from counter_app.domain.decision_grounds import stored_ground
from counter_app.domain.fees import FeeQuote
from counter_app.domain.postage import MailClass
from counter_app.domain.requests import (
    DataScope,
    Delivery,
    DisclosureMethod,
    Outcome,
    RequestType,
    SuspensionGround,
)
from counter_app.domain.wareki import wareki
from counter_app.errors import DomainError, InputError
from counter_app.printables.acceptance_slip import AcceptanceSlipData
from counter_app.printables.blank_form import BlankFormData, BlankFormKind, RequestFormEntries
from counter_app.printables.issuer import Issuer
from counter_app.printables.notice import NoticeData, NoticeKind
from counter_app.printables.receipt import ReceiptData, ReceiptLine
from counter_app.services.access import find_request, session_of
from counter_app.services.clock import today
from counter_app.services.receipts import find_receipt, reprint_count, void_of
from counter_app.services.rules import rules_in_force, rules_of_version
from counter_app.services.settlement import (
    PENDING,
    active_settlement,
    find_settlement,
    settlement_reprint_count,
)
from counter_app.services.staff_accounts import staff_name
from counter_app.store.models import (
    Branch,
    FeeRecord,
    IdentityCheck,
    ProxyCheck,
    Receipt,
    Request,
    Settlement,
)
from counter_app.store.uow import UnitOfWork

_NOTICE_KIND = {
    RequestType.PURPOSE_NOTICE: NoticeKind.DISCLOSURE,
    RequestType.DISCLOSURE: NoticeKind.DISCLOSURE,
    RequestType.RECORD_DISCLOSURE: NoticeKind.DISCLOSURE,
    RequestType.CORRECTION: NoticeKind.CORRECTION,
    RequestType.SUSPENSION: NoticeKind.SUSPENSION,
    RequestType.PROVISION_STOP: NoticeKind.SUSPENSION,
}


def issuer(uow: UnitOfWork) -> Issuer:
    branch = session_of(uow).scalar(select(Branch).limit(1))
    if branch is None:
        raise DomainError("支店がまだ登録されていません。")
    return Issuer(
        name=branch.issuer_name,
        branch_name=branch.name,
        postal_code=branch.postal_code,
        address=branch.address,
        phone=branch.phone,
        registration_number=branch.registration_number,
    )


def _training(uow: UnitOfWork) -> bool:
    return bool(getattr(uow.database, "training", False))


def receipt_lines(quote: FeeQuote) -> tuple[ReceiptLine, ...]:
    """The breakdown of a receipt: the quote's lines, the adjustment, exclusive tax. The
    postage line reads 「郵送料 (簡易書留)」 on the member's copy; the envelope, size class and
    weight it was computed from are for the 控え only."""
    lines = [
        ReceiptLine(f"郵送料 ({quote.postage.mail_class.label})", line.amount, line.label)
        if line.code == "postage" and quote.postage is not None
        else ReceiptLine(line.label, line.amount)
        for line in quote.lines
    ]
    if quote.adjustment is not None and quote.adjustment.amount:
        lines.append(ReceiptLine(f"手数料{quote.adjustment.label}", -quote.adjustment.amount))
    if quote.total != sum(line.amount for line in lines):  # tax added on top (exclusive)
        lines.append(ReceiptLine("消費税", quote.total - sum(line.amount for line in lines)))
    return tuple(lines)


def receipt_data(uow: UnitOfWork, ref: str) -> ReceiptData:
    """The receipt (by id or number) as issued. A void record gives its original, marked 取消."""
    receipt = find_receipt(uow, ref)
    if receipt.kind == "void" and receipt.voids_receipt_id:
        original = session_of(uow).get(Receipt, receipt.voids_receipt_id)
        assert original is not None
        receipt = original
    request = session_of(uow).get(Request, receipt.request_id)
    assert request is not None
    quote = FeeQuote.from_dict(receipt.quote)
    void = void_of(uow, receipt.id)
    note = None
    if quote.adjustment is not None:
        note = f"手数料{quote.adjustment.label} (理由: {quote.adjustment.reason})"
    if quote.settlement_pending:
        pending = "写しの枚数が未定のため、写しの代金と郵送料は回答時に精算します"
        note = f"{note} / {pending}" if note else pending
    if void is not None:
        note = f"取消済み (取消番号 {void.number})" + (f" / {note}" if note else "")
    return ReceiptData(
        number=receipt.number,
        issued_at=receipt.issued_at,
        payer_name=request.principal.name,
        lines=receipt_lines(quote),
        total=receipt.total,
        taxable_10=receipt.taxable_10,
        tax_10=receipt.tax_10,
        proviso=receipt.proviso,
        staff_name=staff_name(uow, receipt.staff_id),
        issuer=issuer(uow),
        reprint_count=reprint_count(uow, receipt.id),
        voided=void is not None,
        training=_training(uow),
        request_number=request.number,
        member_number=request.principal.member_number or None,
        note=note,
    )


def slip_data(uow: UnitOfWork, ref: str) -> AcceptanceSlipData:
    """The 受付票 of a request (by id or number)."""
    request = find_request(uow, ref)
    receipt = session_of(uow).scalar(
        select(Receipt).where(Receipt.request_id == request.id, Receipt.kind == "issued")
    )
    proxy = request.proxy
    delivery = Delivery(request.delivery)
    return AcceptanceSlipData(
        request_number=request.number,
        received_at=request.received_at,
        requester_name=proxy.name if proxy else request.principal.name,
        principal_name=request.principal.name if proxy else None,
        request_types=tuple(RequestType(i.request_type) for i in request.items),
        disclosure_method=DisclosureMethod(request.disclosure_method)
        if request.disclosure_method
        else None,
        delivery=delivery,
        mail_class=_mail_class(uow, request) if delivery is Delivery.MAIL else None,
        answer_by=request.extended_target_on or request.target_on,
        staff_name=staff_name(uow, request.created_by),
        issuer=issuer(uow),
        member_number=request.principal.member_number or None,
        fee_total=receipt.total if receipt else None,
        receipt_number=receipt.number if receipt else None,
        training=_training(uow),
        scopes=asked_scopes(request),
        period=asked_period(request),
    )


def asked_scopes(request: Request) -> tuple[str, ...]:
    """The labels of the data scopes a request's items asked about, in the policy's order."""
    ticked = {s for item in request.items for s in (item.details or {}).get("scopes") or ()}
    return tuple(scope.label for scope in DataScope if scope.value in ticked)


def asked_period(request: Request) -> str:
    """The period the request asked about, as typed ("" when none); two items asking for
    different periods are both named (「開示: … / 第三者提供記録の開示: …」)."""
    periods = [
        (RequestType(item.request_type), str((item.details or {}).get("period") or "").strip())
        for item in request.items
    ]
    given = [(kind, period) for kind, period in periods if period]
    if len({period for _, period in given}) <= 1:
        return given[0][1] if given else ""
    return " / ".join(f"{kind.label}: {period}" for kind, period in given)


def _mail_class(uow: UnitOfWork, request: Request) -> MailClass:
    """How a mailed answer travels: the class charged (or chosen) at intake, else the
    default of postage.toml (簡易書留), e.g. for a free request."""
    fee = session_of(uow).scalar(select(FeeRecord).where(FeeRecord.request_id == request.id))
    if fee is not None:
        postage = (fee.quote or {}).get("postage") or {}
        chosen = postage.get("mail_class") or (fee.questions or {}).get("mail_class")
        if chosen:
            return MailClass(chosen)
    return rules_of_version(request.rules_version).postage.default_mail_class


def purposes_text(scopes: tuple[DataScope, ...] = ()) -> str:
    """The purposes of use stated by a 利用目的の通知, numbered, one a line: the scopes the
    request ticked, or every purpose of the policy (disclosure.toml's wording); then the
    policy's statement of joint use, when the file has one."""
    wording = purposes_of_use()
    chosen = [s for s in DataScope if s in scopes] or list(DataScope)
    text = "\n".join(f"{n}. {wording[s]}" for n, s in enumerate(chosen, start=1))
    joint_use = joint_use_statement()
    return f"{text}\n\n共同利用について: {joint_use}" if joint_use else text


def _item_details(request_type: RequestType, outcome: Outcome, details: dict[str, object]) -> str:
    if request_type is RequestType.PURPOSE_NOTICE:
        if outcome is not Outcome.NOTIFIED:
            return ""
        # the outcome's details as lifecycle.decide wrote them: "scopes" is a list of values
        scopes = cast("list[str]", details.get("scopes") or [])
        return purposes_text(tuple(DataScope(s) for s in scopes))
    if request_type is RequestType.CORRECTION:
        return (
            f"訂正の項目: {details.get('correction_item', '')}\n"
            f"訂正後の内容: {details.get('requested_value', '')}"
        )
    return str(details.get("detail", "") or "")


#: Outcomes whose letter carries the decision's reason (Art. 36; Art. 33(3) for paper).
_EXPLAINED = frozenset({o for o in Outcome if o.needs_ground} | {Outcome.METHOD_CHANGED_TO_PAPER})


def notice_data(
    uow: UnitOfWork, ref: str, request_type: RequestType | str | None = None
) -> NoticeData:
    """The decision letter for one request type of a decided request (the first by default).

    One decision covers every type of the request, with one explanation and the grounds of
    the types refused: the Art. 33(2) ground goes on the letter of a disclosure refused (in
    whole or part), the Art. 32(2) ground on the letter of a purpose notice not given (Art.
    32(3)); the explanation goes on the letters of the types refused or changed to paper, not
    on a letter that grants its type; when nothing was refused, an explanation given goes on
    every letter."""
    request = find_request(uow, ref)
    items = list(request.items)
    if request_type is not None:
        items = [i for i in items if i.request_type == RequestType(request_type).value]
        if not items:
            raise InputError("この請求にその種類はありません。")
    item = items[0]
    kind = RequestType(item.request_type)
    decided = _decision_of(uow, request)
    if kind not in decided.outcomes:
        raise DomainError("まだ回答が記録されていません。先に回答を登録してください。")
    outcome = decided.outcomes[kind]
    outcomes = set(decided.outcomes.values())
    explained = outcome in _EXPLAINED or not (outcomes & _EXPLAINED)
    principal = request.principal
    method = requested = None
    if kind.is_disclosure and request.disclosure_method:
        asked = DisclosureMethod(request.disclosure_method)
        if outcome is Outcome.METHOD_CHANGED_TO_PAPER:
            method, requested = DisclosureMethod.PAPER, asked
        else:
            method = asked
    return NoticeData(
        kind=_NOTICE_KIND[kind],
        request_type=kind,
        recipient_name=principal.name,
        recipient_postal_code=principal.postal_code,
        recipient_address=principal.address,
        request_number=request.number,
        received_on=request.received_on,
        issued_on=today(),
        issuer=issuer(uow),
        outcome=outcome,
        ground=stored_ground(kind, outcome, decided.decision_ground, decided.purpose_notice_ground),
        explanation=decided.explanation if explained else "",
        details=_item_details(kind, outcome, dict(item.details)),
        method=method,
        requested_method=requested,
        training=_training(uow),
        document_number=decided.document_number or document_number(request, item.position),
        scopes=asked_scopes(request) if kind.is_disclosure else (),
        period=asked_period(request) if kind.is_disclosure else "",
        enclosed=_enclosed(uow, request, method) if outcome in _DISCLOSED else "",
        settlement=settlement_statement(uow, request) if kind.fee_allowed else None,
    )


@dataclasses.dataclass(frozen=True)
class _Decided:
    outcomes: dict[RequestType, Outcome]
    decision_ground: str | None
    purpose_notice_ground: str | None
    explanation: str
    #: head office's 文書番号 for a decision made there (else the counter numbers the letter)
    document_number: str | None = None


def _decision_of(uow: UnitOfWork, request: Request) -> _Decided:
    """The decision a notice prints: the counter's own, or, for a request the counter has not
    decided, head office's pulled decision (issue 12; the request row stays as it is)."""
    own = {RequestType(i.request_type): Outcome(i.outcome) for i in request.items if i.outcome}
    if own:
        return _Decided(
            own,
            request.decision_ground,
            request.purpose_notice_ground,
            request.decision_explanation or "",
        )
    from counter_app.sync.pull import decision_for

    hq = decision_for(uow, request.id)
    if hq is None:
        return _Decided({}, None, None, "")
    return _Decided(
        dict(hq.outcomes),
        hq.decision_ground,
        hq.purpose_notice_ground,
        hq.explanation,
        hq.document_number,
    )


#: Outcomes whose letter comes with what is disclosed.
_DISCLOSED = frozenset(
    {Outcome.DISCLOSED_FULL, Outcome.DISCLOSED_PARTIAL, Outcome.METHOD_CHANGED_TO_PAPER}
)


def document_number(request: Request, position: int | str) -> str:
    """The 文書番号 of a letter about a request: the request number and the letter's place
    (the item's position, or 延長 for the extension notice) — the same on every reprint."""
    return f"個情第{request.number}-{position}号"


#: What a disclosure letter says comes with it while the page count is still 未定 (精算待ち).
ENCLOSED_PENDING = "同封の写し（枚数は精算時に確定します）"


def _enclosed(uow: UnitOfWork, request: Request, method: DisclosureMethod | None) -> str:
    """What comes with a disclosure letter, from the counts answered at intake; with the
    page count 未定, the count of the settlement in force (none while 精算待ち)."""
    fee = session_of(uow).scalar(select(FeeRecord).where(FeeRecord.request_id == request.id))
    questions = (fee.questions or {}) if fee is not None else {}
    pages = int(questions.get("pages") or 0)
    media = int(questions.get("media_count") or 0)
    if method is DisclosureMethod.PAPER and questions.get("pages_undecided"):
        if request.settlement_state == PENDING:
            return ENCLOSED_PENDING
        settled = active_settlement(uow, request.id)
        pages = settled.pages if settled is not None else 0
    if method is DisclosureMethod.PAPER and pages:
        return f"同封の写し {pages} 枚"
    if method is DisclosureMethod.ELECTRONIC_MEDIUM and media:
        lines = (fee.quote or {}).get("lines") or [] if fee is not None else []
        label = next((x["label"] for x in lines if x.get("code") == "medium"), "電磁的記録媒体")
        return f"別添 {label} {media} 枚"
    return ""


def extension_notice_data(uow: UnitOfWork, ref: str) -> NoticeData:
    """The letter telling the principal the answer date was extended (once)."""
    request = find_request(uow, ref)
    if request.extended_target_on is None:
        raise DomainError("この請求の回答期限は延長されていません。")
    principal = request.principal
    return NoticeData(
        kind=NoticeKind.EXTENSION,
        request_type=RequestType(request.items[0].request_type),
        recipient_name=principal.name,
        recipient_postal_code=principal.postal_code,
        recipient_address=principal.address,
        request_number=request.number,
        received_on=request.received_on,
        issued_on=today(),
        issuer=issuer(uow),
        extended_until=request.extended_target_on,
        extension_reason=request.extension_reason or "",
        training=_training(uow),
        document_number=document_number(request, "延長"),
    )


def blank_form_data(uow: UnitOfWork, kind: BlankFormKind | str) -> BlankFormData:
    """A blank 開示等請求書 or 委任状 for this branch: the scopes in the policy's order and the
    months of proxy.toml that the 委任状's instructions print."""
    try:
        form = BlankFormKind(kind)
    except ValueError:
        raise InputError(
            f"白紙の書式「{kind}」はありません。",
            hint="使える値: " + "、".join(k.value for k in BlankFormKind),
        ) from None
    rules = rules_in_force(today()).proxy_rules
    return BlankFormData(
        kind=form,
        issuer=issuer(uow),
        training=_training(uow),
        scopes=tuple(s.label for s in DataScope),
        power_of_attorney_months=rules.power_of_attorney_months,
        seal_certificate_months=rules.seal_certificate_months,
    )


#: The office box's identity ticks of the request form, by identity rule.
_ID_RULE_TICKS = {"photo_1": "写真付1点", "non_photo_2": "写真なし2点"}


def request_form_data(uow: UnitOfWork, ref: str) -> BlankFormData:
    """The 開示等請求書 of a request (by id or number), filled with what staff typed at intake
    (:class:`RequestFormEntries`), for the member to check and sign."""
    request = find_request(uow, ref)
    blank = blank_form_data(uow, BlankFormKind.REQUEST_FORM)
    principal, proxy = request.principal, request.proxy
    details = [dict(item.details or {}) for item in request.items]
    correction = next(
        (d for i, d in zip(request.items, details, strict=True) if i.request_type == "correction"),
        {},
    )
    session = session_of(uow)
    checks = list(
        session.scalars(select(IdentityCheck).where(IdentityCheck.request_id == request.id))
    )
    principal_check = next((c for c in checks if c.subject == "principal" and c.passed), None)
    rule = principal_check.rule if principal_check is not None else None
    proxy_checked = session.scalar(select(ProxyCheck).where(ProxyCheck.request_id == request.id))
    ticks = [_ID_RULE_TICKS[rule]] if rule in _ID_RULE_TICKS else []
    if proxy_checked is not None:
        ticks.append("代理人確認済")
    entries = RequestFormEntries(
        request_number=request.number,
        received_on=request.received_on,
        staff_name=staff_name(uow, request.created_by),
        name=principal.name,
        furigana=principal.furigana,
        birth_date=principal.birth_date,
        postal_code=principal.postal_code,
        address=principal.address,
        phone=principal.phone,
        member_number=principal.member_number,
        request_types=tuple(RequestType(i.request_type) for i in request.items),
        scopes=asked_scopes(request),
        period=asked_period(request),
        method=DisclosureMethod(request.disclosure_method) if request.disclosure_method else None,
        delivery=Delivery(request.delivery),
        correction_item=str(correction.get("correction_item", "")),
        current_value=str(correction.get("current_value", "")),
        requested_value=str(correction.get("requested_value", "")),
        suspension_grounds=tuple(
            SuspensionGround(d["suspension_ground"]) for d in details if d.get("suspension_ground")
        ),
        proxy_name=proxy.name if proxy else "",
        proxy_address=proxy.address if proxy else "",
        proxy_phone=proxy.phone if proxy else "",
        proxy_kind=request.proxy_kind or "",
        id_rule="・".join(ticks),
    )
    return dataclasses.replace(blank, entries=entries)


# -- 精算 (domain.md section 10) ---------------------------------------------------------------
def settlement_statement(uow: UnitOfWork, request: Request) -> str | None:
    """What a letter says of the fee's settlement: the amount due or refunded (with the
    精算書's number), that it is still to be settled, or None when there is nothing to settle."""
    if request.settlement_state == PENDING:
        return (
            "写しの枚数と郵送料に応じた手数料の精算がまだ済んでいません。"
            "精算額は窓口または別途ご案内します。"
        )
    row = active_settlement(uow, request.id)
    if row is None:
        return None
    actual = row.charged + row.total
    base = f"実費 {_yen(actual)} − 受付時にお預かりした額 {_yen(row.charged)}"
    if row.total > 0:
        head = f"精算により追加でお支払いいただいた額 {_yen(row.total)}"
    elif row.total < 0:
        head = f"精算により返金した額 {_yen(-row.total)}"
    else:
        head = "精算による過不足はありません"
    return f"{head}（{base}、精算書 No. {row.number}）"


def _yen(amount: int) -> str:
    return f"{amount:,}円"


def settlement_receipt_data(uow: UnitOfWork, ref: str) -> ReceiptData:
    """The 精算書 of a settlement (by id or number; a void record gives its settlement,
    marked 取消), printed on the receipt's layout."""
    row = find_settlement(uow, ref)
    session = session_of(uow)
    if row.kind == "void" and row.voids_settlement_id:
        original = session.get(Settlement, row.voids_settlement_id)
        assert original is not None
        row = original
    request = session.get(Request, row.request_id)
    assert request is not None
    first = session.get(Receipt, row.receipt_id) if row.receipt_id else None
    actual = FeeQuote.from_dict(row.quote)
    lines = list(receipt_lines(actual))
    if row.charged:
        pointer = f"受領済み (当初の領収書 No. {first.number})" if first else "受領済み"
        lines.append(ReceiptLine(pointer, -row.charged))
    void = session.scalar(select(Settlement).where(Settlement.voids_settlement_id == row.id))
    refund = row.total < 0
    notes = [f"実際の写し {row.pages}枚"]
    if first is not None:
        notes.append(f"当初の領収書 No. {first.number} ({wareki(first.issued_on)}) の精算")
    if void is not None:
        notes.insert(0, f"取消済み (取消番号 {void.number}: {void.void_reason or ''})")
    postage = any(line.is_postage and line.amount for line in actual.lines)
    proviso = receipt_proviso_for_settlement(request, refund, postage=postage)
    return ReceiptData(
        number=row.number,
        issued_at=row.settled_at,
        payer_name=request.principal.name,
        lines=tuple(lines),
        total=row.total,
        taxable_10=row.taxable_10,
        tax_10=row.tax_10,
        proviso=proviso,
        staff_name=staff_name(uow, row.staff_id),
        issuer=issuer(uow),
        voided=void is not None,
        reprint_count=settlement_reprint_count(uow, row.id),
        training=_training(uow),
        request_number=request.number,
        member_number=request.principal.member_number or None,
        note=" / ".join(notes),
        title="返金精算書" if refund else "精算領収書",
        refund=refund,
        mark="精算",
    )


def receipt_proviso_for_settlement(request: Request, refund: bool, *, postage: bool = False) -> str:
    """The 精算書's 但し書き: the receipt's, settled (「…及び郵送料の精算として」 when the actual
    fee has postage)."""
    from counter_app.services.intake import receipt_proviso

    types = tuple(RequestType(i.request_type) for i in request.items)
    base = receipt_proviso(types, postage=postage)
    subject = base.removesuffix("として")
    return f"{subject}の精算 (返金) として" if refund else f"{subject}の精算として"
