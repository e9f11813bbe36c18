"""The 受付日報 (daily request log): its columns (shared by the screen and the paper), its
lines of every kind, the events of the day, its totals and its state (interim, closed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from counter_app.domain.cash_count import CashCount
from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.printables.issuer import JST, Issuer

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
