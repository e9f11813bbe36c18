"""Plain data for the printed documents: the contract between the services and ``forms/``.

The services build these from the database; ``forms.<document>.render(data)`` turns one into
PDF bytes. Nothing here knows about reportlab, Qt or the store. Every value is already
decided (amounts, tax, deadlines, labels of the staff's choices): a form only lays it out.

Conventions: money is ``int`` yen; calendar dates are :class:`datetime.date`; timestamps are
timezone-aware (any zone; forms print them in Asia/Tokyo). Names are kept exactly as stored
— never NFC/NFKC-normalised (NFC would rewrite compatibility ideographs such as U+FA12), and
ideographic variation selectors (葛 + U+E0100) may be present. Private-use characters (a
branch's own 外字) cannot be printed: forms show 〓 in their place, and intake should warn the
staff with :func:`private_use_characters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

from counter_app.domain.cash_count import CashCount
from counter_app.domain.postage import MailClass
from counter_app.domain.requests import (
    Delivery,
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestStatus,
    RequestType,
    SuspensionGround,
)

#: Japan time for printing (no daylight saving: a fixed offset needs no tz database).
JST = timezone(timedelta(hours=9), "JST")

#: The placeholder printed for a character no font can show (JIS 〓 "geta").
GETA = "〓"


def is_private_use(ch: str) -> bool:
    """True for a code point of a Unicode private-use area (BMP or planes 15-16)."""
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def private_use_characters(text: str) -> list[str]:
    """The private-use characters of ``text`` in order, without repeats.

    They print as 〓: intake shows the staff a warning such as
    「氏名に印刷できない外字が含まれています (〓 で印刷されます)」 when this is not empty.
    """
    seen: list[str] = []
    for ch in text:
        if is_private_use(ch) and ch not in seen:
            seen.append(ch)
    return seen


@dataclass(frozen=True)
class Issuer:
    """The co-op and the branch that issue a document.

    - ``name``: the legal name, e.g. いばらきコープ生活協同組合.
    - ``branch_name``: the counter, e.g. 水戸宅配センター.
    - ``postal_code``: 7 digits, with or without the hyphen (printed 〒310-0000).
    - ``address``: the branch address, one line (forms wrap or shrink it).
    - ``phone``: the counter's phone number as printed.
    - ``registration_number``: 適格請求書発行事業者登録番号, "T" + 13 digits (validated by config).
    - ``contact_hours``: the counter's opening hours, e.g. 平日 9:00〜17:00 (optional).
    - ``notice_signatory``: who signs decision letters, e.g. 個人情報保護管理者 (title and name).
    """

    name: str
    branch_name: str
    postal_code: str
    address: str
    phone: str
    registration_number: str
    contact_hours: str | None = None
    notice_signatory: str = "個人情報保護管理者"


@dataclass(frozen=True)
class ReceiptLine:
    """One line of a receipt's breakdown (内訳): a label and a tax-inclusive amount in yen.

    A reduction or waiver is a line with a negative amount (e.g. 手数料減免 -1,100).
    ``counterfoil_label``: what the co-op's 控え says instead, when it says more than the
    member's copy (the envelope and weight behind a postage charge: 「郵送料 (角形2号・定形外
    (規格内)・約69.6 g・簡易書留)」 where the member reads 「郵送料 (簡易書留)」).
    """

    label: str
    amount: int
    counterfoil_label: str | None = None


@dataclass(frozen=True)
class ReceiptData:
    """A 領収書 and its counterfoil (控え), which carries the same number.

    - ``number``: the receipt serial, unique per branch, no gaps (e.g. R-MT-2025-000123).
    - ``issued_at``: when the cash was received (tz-aware; printed as a 和暦 date).
    - ``payer_name``: the payer's full name as stored (printed with 様).
    - ``lines``: the breakdown; their amounts must add up to ``total``.
    - ``total``: the amount received, tax included (0 for a waived fee).
    - ``taxable_10`` / ``tax_10``: the 10 % 対象 amount (tax included) and the tax in it,
      computed once per receipt by the fee service.
    - ``proviso``: 但し書き, e.g. 個人情報開示請求手数料として.
    - ``staff_name``: who received the cash (printed next to the seal box).
    - ``issuer``: the co-op and branch.
    - ``reprint_count``: 0 for the original; n > 0 prints 再発行 (n回目).
    - ``voided``: the receipt was voided (取消); a reprint of it is marked 取消.
    - ``training``: training data; every copy is marked 見本.
    - ``request_number``: the request the fee is for (optional).
    - ``member_number``: the payer's member number (optional).
    - ``note``: a remark such as 手数料免除 (理由: ...) (optional).
    - ``title``: 領収書, or 精算領収書 / 返金精算書 for a settlement (精算, domain.md
      section 10), whose breakdown ends with a line pointing at the first receipt.
    - ``refund``: a settlement that pays money back: ``total`` (and the lines' sum) is
      negative and the amount is printed as 返金額.
    - ``mark``: a stamp beside the title marks (e.g. 精算).
    """

    number: str
    issued_at: datetime
    payer_name: str
    lines: tuple[ReceiptLine, ...]
    total: int
    taxable_10: int
    tax_10: int
    proviso: str
    staff_name: str
    issuer: Issuer
    reprint_count: int = 0
    voided: bool = False
    training: bool = False
    request_number: str | None = None
    member_number: str | None = None
    note: str | None = None
    title: str = "領収書"
    refund: bool = False
    mark: str | None = None


@dataclass(frozen=True)
class AcceptanceSlipData:
    """The 受付票 handed to the requester at the end of intake.

    - ``request_number``: the request's number.
    - ``received_at``: date and time received (tz-aware).
    - ``requester_name``: who came to the counter (the principal or the proxy).
    - ``principal_name``: the principal when a proxy came (None when the principal came).
    - ``request_types``: what was asked (one visit may carry several).
    - ``disclosure_method``: how a disclosure will be given (None when none was asked).
    - ``delivery``: how the answer reaches the person (mail to the registered address or
      collection at the counter).
    - ``mail_class``: how a mailed answer is sent (簡易書留 by default; None when collected
      at the counter, or not known).
    - ``answer_by``: the date by which the answer will come (internal target).
    - ``staff_name``: who took the request.
    - ``issuer``: the counter (its phone and hours are the contact).
    - ``member_number``: optional.
    - ``fee_total`` / ``receipt_number``: the fee paid and its receipt, if any.
    - ``training``: training data (marked 見本).
    - ``reprint_count``: 0 for the original, n for the n-th reprint (再発行).
    - ``scopes``: the data asked about (labels of the scopes ticked for a disclosure or
      record disclosure), in the policy's order; ``period``: the period asked for, as typed
      ("" when none was given: the slip says 指定なし).
    """

    request_number: str
    received_at: datetime
    requester_name: str
    request_types: tuple[RequestType, ...]
    delivery: Delivery
    answer_by: date
    staff_name: str
    issuer: Issuer
    principal_name: str | None = None
    disclosure_method: DisclosureMethod | None = None
    member_number: str | None = None
    fee_total: int | None = None
    receipt_number: str | None = None
    training: bool = False
    reprint_count: int = 0
    mail_class: MailClass | None = None
    scopes: tuple[str, ...] = ()
    period: str = ""


#: The columns of the daily request log, in order: (key, header). The on-screen list of the
#: day uses the same keys and headers so that screen and paper match (domain.md section 8).
DAILY_LOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "受付番号"),
    ("time", "時刻"),
    ("staff", "担当"),
    ("types", "請求種類"),
    ("requester", "本人/代理"),
    ("id_rule", "本人確認"),
    ("proxy_docs", "代理書類"),
    ("fee", "手数料"),
    ("postage", "郵送料"),
    ("total", "受領額"),
    ("tax", "内消費税"),
    ("receipt", "領収書番号"),
    ("marks", "取消/再発行"),
    ("status", "状態"),
    ("target", "回答期限"),
    ("flags", "注意"),
)

#: The money columns of the log (keys of DAILY_LOG_COLUMNS): every one has a total printed
#: under it, and that total is the sum of the column as printed, lines of every kind
#: included (a void is a negative line). ``total`` = ``fee`` + ``postage``; ``tax`` is the
#: consumption tax included in ``total`` (on the fee and, when taxable, on the postage).
MONEY_COLUMNS: tuple[str, ...] = ("fee", "postage", "total", "tax")


class LogRowKind(StrEnum):
    """What a line of the daily log records. Every kind has the same money columns, signed:
    a line that gives money back is negative, so the columns add up to the day's totals."""

    REQUEST = "request"  # a request received that day, with the receipt issued at intake
    VOID = "void"  # a receipt voided that day (取消): its amounts negated, on its own line
    #: a 精算書 made that day (精算, domain.md section 10): the difference from the first
    #: receipt, positive when collected, negative when refunded
    SETTLEMENT = "settlement"
    #: a 精算書 voided that day (精算取消): the settlement's amounts negated
    SETTLEMENT_VOID = "settlement_void"

    @property
    def label(self) -> str:
        """The mark the line carries in the 取消/再発行 column (a request row: none needed)."""
        return {
            "request": "受付",
            "void": "取消",
            "settlement": "精算",
            "settlement_void": "精算取消",
        }[self.value]

    @property
    def is_settlement(self) -> bool:
        """A settlement line or a settlement void's line (their 受領額 is the 精算's cash)."""
        return self in (LogRowKind.SETTLEMENT, LogRowKind.SETTLEMENT_VOID)


#: Short labels of request types for narrow columns (the long ones are RequestType.label).
TYPE_SHORT_LABELS: dict[RequestType, str] = {
    RequestType.PURPOSE_NOTICE: "目的通知",
    RequestType.DISCLOSURE: "開示",
    RequestType.RECORD_DISCLOSURE: "記録開示",
    RequestType.CORRECTION: "訂正等",
    RequestType.SUSPENSION: "利用停止",
    RequestType.PROVISION_STOP: "提供停止",
}


@dataclass(frozen=True)
class DailyLogRow:
    """One request of the day (domain.md section 8). No ID document numbers, ever.

    - ``number``: request number; ``received_at``: tz-aware timestamp (time is printed).
    - ``staff_name``: who took it.
    - ``request_types``: the types asked.
    - ``requester_kind``: label of who came: 本人 / 任意代理人 / 法定代理人.
    - ``id_rule``: label of the identity rule that passed, e.g. 写真付1点, 写真なし2点,
      印鑑証明+実印 (never a document number).
    - ``proxy_docs``: label of the proxy documents checked, e.g. 委任状・印鑑証明 ("" if none).
    - ``fee`` / ``tax`` / ``postage``: yen (tax is the part of the fee that is tax).
    - ``receipt_number``: the receipt issued, if any.
    - ``receipt_voided``: that receipt was voided (取消); ``reprint_count``: times reprinted.
    - ``status``: the request's status now; ``target_date``: the answer target.
    - ``overdue``: past its target and still open; ``repeat``: the same person asked the
      same thing before (flagged for the supervisor).
    - ``kind``: a request (the default) or a void line (:class:`LogRowKind`). A void line
      (取消) is dated when the void was made; ``number`` / ``request_types`` are those of the
      voided receipt's request, ``receipt_number`` is the voided receipt, the money columns
      are its amounts negated, ``status`` / ``target_date`` are None. A settlement line
      (精算) or a settlement void's line (精算取消) is dated when it was made; ``number`` /
      ``request_types`` are the settled request's, ``receipt_number`` is the 精算書 (S-…),
      the money columns are the settlement's difference (fee, postage, tax; positive
      collected, negative refunded), a settlement void's the settlement's negated.
    """

    number: str
    received_at: datetime
    staff_name: str
    request_types: tuple[RequestType, ...]
    requester_kind: str
    id_rule: str
    proxy_docs: str
    fee: int
    tax: int
    postage: int
    receipt_number: str | None
    status: RequestStatus | None
    target_date: date | None
    receipt_voided: bool = False
    reprint_count: int = 0
    overdue: bool = False
    repeat: bool = False
    kind: LogRowKind = LogRowKind.REQUEST

    @property
    def total(self) -> int:
        """The money received on this line (fee + postage; negative when given back)."""
        return self.fee + self.postage


def table_amount(value: int) -> str:
    """A table amount: 1,100; a negative one with △ (△1,100), as Japanese ledgers do."""
    return f"△{-value:,}" if value < 0 else f"{value:,}"


def log_row_cells(row: DailyLogRow) -> dict[str, str]:
    """The texts of one row under the keys of :data:`DAILY_LOG_COLUMNS` (screen and paper)."""
    marks = []
    if row.kind is not LogRowKind.REQUEST:
        marks.append(row.kind.label)  # the line's kind: 取消
    elif row.receipt_voided:
        marks.append("取消済")
    if row.reprint_count:
        marks.append(f"再発行{row.reprint_count}")
    flags = []
    if row.overdue:
        flags.append("期限超過")
    if row.repeat:
        flags.append("再請求")
    return {
        "number": row.number,
        "time": row.received_at.astimezone(JST).strftime("%H:%M"),
        "staff": row.staff_name,
        "types": "・".join(TYPE_SHORT_LABELS[t] for t in row.request_types),
        "requester": row.requester_kind,
        "id_rule": row.id_rule,
        "proxy_docs": row.proxy_docs,
        "fee": table_amount(row.fee),
        "postage": table_amount(row.postage),
        "total": table_amount(row.total),
        "tax": table_amount(row.tax),
        "receipt": row.receipt_number or "",
        "marks": "・".join(marks),
        "status": row.status.label if row.status else "",
        "target": f"{row.target_date.month}/{row.target_date.day}" if row.target_date else "",
        "flags": "・".join(flags),
    }


@dataclass(frozen=True)
class ReceiptEvent:
    """A void or a reprint of a receipt, or a settlement (精算) or its void, during the day,
    listed under the table.

    - ``kind``: "void" (取消), "reprint" (再発行), "settlement" (精算: ``amount`` is the cash,
      positive collected, negative refunded) or "settlement_void" (精算取消: ``amount`` is the
      cash of the void, the settlement's negated; ``receipt_number`` the settlement's).
    - ``receipt_number``: the receipt concerned; ``at``: tz-aware timestamp.
    - ``amount``: the receipt's total (refunded for a void).
    - ``staff_name``: who did it; ``supervisor_name``: who approved (voids need one).
    - ``reason``: the recorded reason.
    """

    kind: str
    receipt_number: str
    at: datetime
    amount: int
    staff_name: str
    supervisor_name: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class DailyLogTotals:
    """The day's totals as the close-of-day service computed them.

    - ``requests``: number of requests taken (request lines); ``fee`` / ``tax`` /
      ``postage``: sums of every line, a void line being negative (so a voided receipt's
      line and its 取消 line cancel out), settlement lines signed (a refund negative);
      ``voided_amount``: money given back for voids (of receipts);
      ``settled_amount``: the net cash of the settlement (精算) lines and their voids' lines
      (positive: collected), i.e. the sum of their 受領額.
    """

    requests: int
    fee: int
    tax: int
    postage: int
    voided_amount: int = 0
    settled_amount: int = 0

    @property
    def total(self) -> int:
        """Money received net (fee + postage), the total of the 受領額 column."""
        return self.fee + self.postage

    def column(self, key: str) -> int:
        """The total printed under the money column ``key`` (see :data:`MONEY_COLUMNS`)."""
        return {"fee": self.fee, "postage": self.postage, "total": self.total, "tax": self.tax}[key]

    @classmethod
    def from_rows(cls, rows: tuple[DailyLogRow, ...] | list[DailyLogRow]) -> DailyLogTotals:
        """Sum every line (void lines are negative); only request lines count as requests."""
        return cls(
            requests=sum(1 for r in rows if r.kind is LogRowKind.REQUEST),
            fee=sum(r.fee for r in rows),
            tax=sum(r.tax for r in rows),
            postage=sum(r.postage for r in rows),
            voided_amount=-sum(r.total for r in rows if r.kind is LogRowKind.VOID),
            settled_amount=sum(r.total for r in rows if r.kind.is_settlement),
        )


class LogState(StrEnum):
    """Whether the day is still open (中間) or closed by the supervisor (締め済)."""

    INTERIM = "interim"
    CLOSED = "closed"


@dataclass(frozen=True)
class DailyLogData:
    """The 受付日報 of one branch and day.

    - ``issuer``: the branch; ``day``: the business day.
    - ``rows``: the lines in time order (requests, voids, settlements; see
      :class:`LogRowKind`); ``events``: voids, reprints and settlements of the day.
    - ``totals``: see :class:`DailyLogTotals` (``DailyLogTotals.from_rows(rows)`` by default).
    - ``cash_expected``: cash that should be in the drawer from these receipts;
      ``cash_counted``: what the staff counted (None if not counted yet);
      ``cash_count``: the 金種表 it was counted with (None: not recorded, e.g. a day closed
      before the 金種表 existed); ``variance_note``: the reason given for a difference.
    - ``state``: interim (printed as 中間出力) or closed.
    - ``close_number`` / ``closed_at`` / ``closed_by``: the close record (closed days).
    - ``copy``: a reprint of a closed day's log (marked 写し).
    - ``printed_at``: when this copy is printed (tz-aware).
    - ``training``: training data (marked 見本).
    - ``terminal``: the terminal of the branch whose log it is (``BR01-02``), printed after
      the branch name.
    """

    issuer: Issuer
    day: date
    rows: tuple[DailyLogRow, ...]
    cash_expected: int
    printed_at: datetime
    totals: DailyLogTotals | None = None
    events: tuple[ReceiptEvent, ...] = ()
    cash_counted: int | None = None
    cash_count: CashCount | None = None
    variance_note: str = ""
    state: LogState = LogState.INTERIM
    close_number: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    copy: bool = False
    training: bool = False
    #: the terminal whose log it is (``BR01-02``; a log and its close are per terminal)
    terminal: str = ""

    @property
    def effective_totals(self) -> DailyLogTotals:
        """The given totals, or the sums of the rows."""
        return self.totals if self.totals is not None else DailyLogTotals.from_rows(self.rows)


class NoticeKind(StrEnum):
    """Which letter to the principal."""

    DISCLOSURE = "disclosure"  # also purpose notice and record disclosure (request_type says)
    CORRECTION = "correction"
    SUSPENSION = "suspension"  # also provision stop (request_type says)
    EXTENSION = "extension"  # the answer date is extended (once)


@dataclass(frozen=True)
class NoticeData:
    """A letter to the principal: a decision or an extension (domain.md section 7).

    - ``kind``: see :class:`NoticeKind`; ``request_type``: the type decided.
    - ``outcome``: the decision (None for an extension).
    - ``ground``: the statutory ground of a (partial) refusal: Art. 33(2)
      (:class:`RefusalGround`) for a disclosure, required when it is refused in whole or
      part; Art. 32(2) (:class:`PurposeNoticeGround`) for a purpose notice the co-op decided
      not to give, required then (a purpose notice refused before the Art. 32(2) grounds were
      recorded carries the Art. 33(2) ground it was decided with).
    - ``explanation``: the reason explained to the person (Art. 36), free text.
    - ``details``: what is disclosed / what was corrected / the measure taken (free text).
    - ``recipient_name`` / ``recipient_postal_code`` / ``recipient_address``: the principal,
      addressed like a Japanese letter (〒, address, name 様).
    - ``request_number``; ``received_on``: the date the request arrived.
    - ``issued_on``: the letter's date; ``document_number``: its reference (optional).
    - ``method``: how the disclosure is given; ``requested_method``: what the person asked
      for (for a change to paper).
    - ``extended_until`` / ``extension_reason``: for an extension notice.
    - ``issuer``: the co-op (the counter is the contact).
    - ``training``: training data (marked 見本).
    - ``scopes`` / ``period``: what a disclosure asked about (scope labels, the period as
      typed), restated in the letter; ``enclosed``: what comes with a disclosure letter
      (「同封の写し 12 枚」, 「別添 電磁的記録媒体 (CD-R) 1 枚」; "" when nothing).
    """

    kind: NoticeKind
    request_type: RequestType
    recipient_name: str
    recipient_postal_code: str
    recipient_address: str
    request_number: str
    received_on: date
    issued_on: date
    issuer: Issuer
    outcome: Outcome | None = None
    ground: RefusalGround | PurposeNoticeGround | None = None
    explanation: str = ""
    details: str = ""
    document_number: str | None = None
    method: DisclosureMethod | None = None
    requested_method: DisclosureMethod | None = None
    extended_until: date | None = None
    extension_reason: str = ""
    training: bool = False
    scopes: tuple[str, ...] = ()
    period: str = ""
    enclosed: str = ""
    #: 手数料の精算 (domain.md section 10): the amount due or refunded, or that it is pending
    settlement: str | None = None


class BlankFormKind(StrEnum):
    """Forms printed empty for people to fill in by hand."""

    REQUEST_FORM = "request_form"  # 開示等請求書
    POWER_OF_ATTORNEY = "power_of_attorney"  # 委任状


#: The tick boxes of 「ご本人との関係」 on the request form, by proxy kind (value).
PROXY_RELATION_LABELS: dict[str, str] = {
    "voluntary": "任意代理人（委任状）",
    "parent": "親権者",
    "minor_guardian": "未成年後見人",
    "adult_guardian": "成年後見人",
}


@dataclass(frozen=True)
class RequestFormEntries:
    """What staff typed at intake, printed on the 開示等請求書 for the member to check and
    sign (instead of a blank form filled by hand and typed again).

    - ``request_number`` / ``received_on`` / ``staff_name``: the office box.
    - the principal: ``name``, ``furigana``, ``birth_date``, ``postal_code``, ``address``,
      ``phone``, ``member_number`` (as stored; "" / None when not given).
    - ``request_types``; ``scopes`` (labels) and ``period`` of a disclosure; ``method`` and
      ``delivery``; a correction's ``correction_item`` / ``current_value`` /
      ``requested_value``; the suspension grounds claimed (``suspension_grounds``).
    - a proxy: ``proxy_name``, ``proxy_address``, ``proxy_phone``, ``proxy_kind`` (a key of
      :data:`PROXY_RELATION_LABELS`, "" without a proxy).
    - ``id_rule``: the identity rule that passed (a label of the office box), never a number.
    """

    request_number: str
    received_on: date
    staff_name: str
    name: str
    request_types: tuple[RequestType, ...]
    delivery: Delivery
    furigana: str = ""
    birth_date: date | None = None
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    member_number: str = ""
    scopes: tuple[str, ...] = ()
    period: str = ""
    method: DisclosureMethod | None = None
    correction_item: str = ""
    current_value: str = ""
    requested_value: str = ""
    suspension_grounds: tuple[SuspensionGround, ...] = ()
    proxy_name: str = ""
    proxy_address: str = ""
    proxy_phone: str = ""
    proxy_kind: str = ""
    id_rule: str = ""


@dataclass(frozen=True)
class BlankFormData:
    """A blank form: which one, for which co-op (its name heads the form).

    - ``scopes``: the data scopes offered as tick boxes (labels), in order; empty means
      the privacy policy's list (DataScope labels).
    - ``power_of_attorney_months`` / ``seal_certificate_months``: how recent a 委任状 and
      the principal's 印鑑登録証明書 must be (proxy.toml, default 3 each), printed in the
      instructions.
    """

    kind: BlankFormKind
    issuer: Issuer
    training: bool = False
    scopes: tuple[str, ...] = field(default_factory=tuple)
    power_of_attorney_months: int = 3
    seal_certificate_months: int = 3
    #: a request form filled from a request (see :class:`RequestFormEntries`); None: blank
    entries: RequestFormEntries | None = None
