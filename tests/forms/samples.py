"""Synthetic data for the form tests and bench/bench_forms.py (no real person anywhere)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from counter_app.domain.requests import (
    Delivery,
    DisclosureMethod,
    Outcome,
    RefusalGround,
    RequestStatus,
    RequestType,
)
from counter_app.printables.acceptance_slip import AcceptanceSlipData
from counter_app.printables.blank_form import BlankFormData, BlankFormKind
from counter_app.printables.daily_log import (
    DailyLogData,
    DailyLogRow,
    LogRowKind,
    LogState,
    ReceiptEvent,
)
from counter_app.printables.issuer import Issuer
from counter_app.printables.notice import NoticeData, NoticeKind
from counter_app.printables.receipt import ReceiptData, ReceiptLine

ISSUER = Issuer(
    name="いばらきコープ生活協同組合",
    branch_name="水戸宅配センター 個人情報相談窓口",
    postal_code="3100000",
    address="茨城県水戸市試験町一丁目2番3号",
    phone="029-000-0000",
    registration_number="T1234567890123",
    contact_hours="平日 9:00〜17:00",
)

#: 2025-11-26 14:05 Japan time.
AT = datetime(2025, 11, 26, 5, 5, tzinfo=UTC)


def receipt(**changes) -> ReceiptData:
    values = dict(
        number="R-MT-2025-000123",
        issued_at=AT,
        payer_name="髙橋 一郎",
        lines=(
            ReceiptLine("開示請求手数料", 1_100),
            ReceiptLine("郵送料 (簡易書留)", 460),
        ),
        total=1_560,
        taxable_10=1_100,
        tax_10=100,
        proviso="個人情報開示請求手数料として",
        staff_name="山田 花子",
        issuer=ISSUER,
        member_number="1234567",
        request_number="MT-20251126-003",
    )
    values.update(changes)
    return ReceiptData(**values)


def slip(**changes) -> AcceptanceSlipData:
    values = dict(
        request_number="MT-20251126-003",
        received_at=AT,
        requester_name="𠮷田 太郎",
        request_types=(RequestType.DISCLOSURE, RequestType.CORRECTION),
        delivery=Delivery.MAIL,
        answer_by=date(2025, 12, 10),
        staff_name="山田 花子",
        issuer=ISSUER,
        disclosure_method=DisclosureMethod.PAPER,
        member_number="7654321",
        fee_total=1_560,
        receipt_number="R-MT-2025-000123",
    )
    values.update(changes)
    return AcceptanceSlipData(**values)


NAMES = ("髙橋 一郎", "﨑山 次郎", "𠮷田 太郎", "山田 花子", "葛\U000e0100城 三郎", "德永 さくら")
KINDS = ("本人", "任意代理人", "本人", "法定代理人")
TYPES = (
    (RequestType.DISCLOSURE,),
    (RequestType.PURPOSE_NOTICE, RequestType.DISCLOSURE),
    (RequestType.CORRECTION,),
    (RequestType.SUSPENSION, RequestType.PROVISION_STOP),
    (RequestType.RECORD_DISCLOSURE,),
)


def log_rows(n: int) -> tuple[DailyLogRow, ...]:
    rows = []
    for i in range(n):
        types = TYPES[i % len(TYPES)]
        paid = any(t.fee_allowed for t in types)
        kind = KINDS[i % len(KINDS)]
        rows.append(
            DailyLogRow(
                number=f"MT-20251126-{i + 1:03d}",
                received_at=AT + timedelta(minutes=3 * i),
                staff_name=NAMES[i % len(NAMES)],
                request_types=types,
                requester_kind=kind,
                id_rule=("写真付1点", "写真なし2点", "印鑑証明+実印")[i % 3],
                proxy_docs="委任状・印鑑証明" if kind == "任意代理人" else "",
                fee=1_100 if paid else 0,
                tax=100 if paid else 0,
                postage=460 if paid and i % 2 else 0,
                receipt_number=f"R-MT-2025-{i + 100:06d}" if paid else None,
                status=RequestStatus.RECEIVED,
                target_date=date(2025, 12, 10),
                receipt_voided=(i == 4),
                reprint_count=1 if i == 1 else 0,
                overdue=(i == 2),
                repeat=(i == 3),
            )
        )
    return tuple(rows)


#: When the samples' voided receipt was voided (its event in daily_log()).
VOIDED_AT = AT + timedelta(minutes=30)


def void_line(row: DailyLogRow, at: datetime) -> DailyLogRow:
    """The 取消 line of ``row``'s receipt, voided at ``at``: its amounts negated."""
    return replace(
        row,
        received_at=at,
        requester_kind="",
        id_rule="",
        proxy_docs="",
        fee=-row.fee,
        tax=-row.tax,
        postage=-row.postage,
        status=None,
        target_date=None,
        receipt_voided=False,
        reprint_count=0,
        overdue=False,
        repeat=False,
        kind=LogRowKind.VOID,
    )


def settlement_line(
    row: DailyLogRow, at: datetime, number: str, *, fee: int, postage: int, tax: int
) -> DailyLogRow:
    """The 精算 line of ``row``'s request, settled at ``at`` on the 精算書 ``number``: the
    difference from its first receipt (negative amounts: a refund)."""
    return replace(
        void_line(row, at),
        receipt_number=number,
        fee=fee,
        postage=postage,
        tax=tax,
        kind=LogRowKind.SETTLEMENT,
    )


def settlement_void_line(line: DailyLogRow, at: datetime) -> DailyLogRow:
    """The 精算取消 line of the settlement ``line``, voided at ``at``: its amounts negated."""
    return replace(
        line,
        received_at=at,
        fee=-line.fee,
        postage=-line.postage,
        tax=-line.tax,
        kind=LogRowKind.SETTLEMENT_VOID,
    )


def with_void_lines(rows: tuple[DailyLogRow, ...]) -> tuple[DailyLogRow, ...]:
    """``rows`` with the 取消 line of each voided receipt (voided at 14:35, as the sample
    events say), in time order."""
    lines = [void_line(r, VOIDED_AT) for r in rows if r.receipt_voided]
    return tuple(sorted((*rows, *lines), key=lambda r: r.received_at))


def daily_log(n: int = 12, **changes) -> DailyLogData:
    rows = with_void_lines(log_rows(n))
    values = dict(
        issuer=ISSUER,
        day=date(2025, 11, 26),
        rows=rows,
        cash_expected=sum(r.total for r in rows),
        printed_at=AT + timedelta(hours=4),
        events=(
            ReceiptEvent(
                "void",
                "R-MT-2025-000104",
                VOIDED_AT,
                1_100,
                "山田 花子",
                "德永 さくら",
                "金額誤り",
            ),
            ReceiptEvent(
                "reprint",
                "R-MT-2025-000101",
                AT + timedelta(minutes=40),
                1_560,
                "山田 花子",
                None,
                "汚損",
            ),
        ),
    )
    values.update(changes)
    return DailyLogData(**values)


def closed_log(n: int = 12, **changes) -> DailyLogData:
    values = dict(
        state=LogState.CLOSED,
        close_number="C-MT-2025-0087",
        closed_at=AT + timedelta(hours=3),
        closed_by="德永 さくら",
    )
    values.update(changes)
    values.setdefault("cash_counted", daily_log(n).cash_expected)
    return daily_log(n, **values)


def notice(**changes) -> NoticeData:
    values = dict(
        kind=NoticeKind.DISCLOSURE,
        request_type=RequestType.DISCLOSURE,
        recipient_name="𠮷田 太郎",
        recipient_postal_code="310-0001",
        recipient_address="茨城県水戸市試験町二丁目4番5号 コーポ試験101号室",
        request_number="MT-20251126-003",
        received_on=date(2025, 11, 26),
        issued_on=date(2025, 12, 5),
        issuer=ISSUER,
        outcome=Outcome.DISCLOSED_FULL,
        method=DisclosureMethod.PAPER,
        details="組合員名簿に記録された氏名・住所・電話番号・出資金の額",
        document_number="いばコ個第25-0042号",
    )
    values.update(changes)
    return NoticeData(**values)


def refusal(**changes) -> NoticeData:
    values = dict(
        outcome=Outcome.REFUSED,
        ground=RefusalGround.BUSINESS_INTERFERENCE,
        explanation="請求の対象が過去10年分の全ての通話録音であり、開示により業務の適正な実施に著しい支障を及ぼすおそれがあるため。",
        details="",
    )
    values.update(changes)
    return notice(**values)


def blank(kind: BlankFormKind, **changes) -> BlankFormData:
    return BlankFormData(kind=kind, issuer=ISSUER, **changes)
