"""受付票: the acceptance slip handed to the requester (A5 portrait).

Request number, date and time received, the types asked with the scope and period of the
data asked about, how and by when the answer will come, the fee and its receipt, a 受付印
box for the counter's date stamp, and the counter's contact (domain.md section 6).
"""

from __future__ import annotations

from counter_app.domain.requests import Delivery, RequestType
from counter_app.printables.acceptance_slip import AcceptanceSlipData
from forms.base import A5, Document, contact_lines, date_pair, local, serialized, wareki_datetime

MARGIN = 30.0
#: About how many characters of the scope list fit on one line of the table's value column.
SCOPE_CHARS_PER_LINE = 26
#: The 受付印 box (the counter's date stamp), in points (~20 mm).
STAMP_BOX = 58.0
CONTACT_H = 78.0
#: Room kept for the notes between the table and the contact box.
NOTES_H = 52.0


def _rows(data: AcceptanceSlipData) -> list[tuple[str, str, int]]:
    """(label, value, lines of height) for the slip's table."""
    if data.principal_name:
        requester = f"{data.requester_name} 様（代理人）\n本人: {data.principal_name} 様"
    else:
        requester = f"{data.requester_name} 様（ご本人）"
    types = "\n".join(f"{t.label}（{t.article}）" for t in data.request_types)
    rows: list[tuple[str, str, int]] = [
        ("受付番号", data.request_number, 1),
        ("受付日時", wareki_datetime(data.received_at), 1),
        ("ご請求者", requester, 2 if data.principal_name else 1),
    ]
    if data.member_number:
        rows.append(("組合員番号", data.member_number, 1))
    rows.append(("ご請求の種類", types, max(1, len(data.request_types))))
    if data.scopes:
        scopes = "、".join(data.scopes)
        rows.append(("対象の情報", scopes, max(1, -(-len(scopes) // SCOPE_CHARS_PER_LINE))))
    if any(t.fee_allowed and t is not RequestType.PURPOSE_NOTICE for t in data.request_types):
        rows.append(("対象期間", data.period or "指定なし", 1))
    if data.disclosure_method is not None:
        rows.append(("開示の方法", data.disclosure_method.label, 1))
    rows.append(("回答のお届け", data.delivery.label, 1))
    rows.append(("回答予定日", f"{date_pair(data.answer_by)} までに", 1))
    if data.fee_total is not None:
        fee = f"¥{data.fee_total:,}"
        if data.receipt_number:
            fee += f"（領収書番号 {data.receipt_number}）"
        rows.append(("手数料", fee, 1))
    rows.append(("受付担当", data.staff_name, 1))
    return rows


@serialized
def render(data: AcceptanceSlipData) -> bytes:
    """The acceptance slip as PDF bytes."""
    local(data.received_at)
    doc = Document(A5, title=f"受付票 {data.request_number}", author=data.issuer.name)
    W, H = doc.width, doc.height
    left, right = MARGIN, W - MARGIN
    top = H - MARGIN

    x = left
    if data.reprint_count > 0:
        x += doc.stamp(x, top - 8, f"再発行 ({data.reprint_count}回目)", 9) + 4
    if data.training:
        doc.stamp(x, top - 8, "見本", 9)
    doc.text(right, top - 8, f"No. {data.request_number}", 9, align="right")
    doc.text(W / 2, top - 38, "受付票", 20, align="center", bold=True, char_space=6)
    doc.seal_boxes(right, top - 16 - STAMP_BOX - 12, ["受付印"], size=STAMP_BOX)

    name_y = top - 74
    doc.fit(data.requester_name, left, name_y, 220, 22, 14, min_size=8)
    doc.text(left + 226, name_y + 6, "様", 14)
    doc.hline(left, left + 246, name_y - 1, width=0.9)
    doc.fit(
        "個人情報に関する下記のご請求を受け付けました。この受付票は回答を受け取られるまで"
        "大切に保管してください。",
        left,
        name_y - 36,
        right - left - STAMP_BOX - 8,  # beside the 受付印 box, not under it
        28,
        8.5,
        prefer_shrink=False,
        valign="top",
        pad=0,
    )

    label_w = 78.0
    rows = _rows(data)
    y = name_y - 44
    # the rows shrink (never below 13 pt a line) when the request asks for much
    room = y - (MARGIN + CONTACT_H + NOTES_H)
    lines_needed = sum(1 if n == 1 else 0.75 * n + 4 / 17 for _, _, n in rows)
    unit = max(13.0, min(17.0, room / lines_needed))
    for label, value, lines in rows:
        h = unit if lines == 1 else unit * 0.75 * lines + 4
        y -= h
        doc.shaded_box(left, y, label_w, h)
        doc.box(left + label_w, y, right - left - label_w, h)
        doc.fit(label, left, y, label_w, h, 9, pad=4)
        doc.fit(value, left + label_w, y, right - left - label_w, h, 9.5, pad=4, min_size=6)

    notes = [
        "回答は上記の予定日までにお届けします。期日までに回答できない場合は、"
        "その理由と回答予定日を書面でお知らせします。",
    ]
    if data.delivery == Delivery.MAIL:
        how = f"{data.mail_class.label}で" if data.mail_class else ""
        notes.append(f"回答は、ご本人の登録住所あてに{how}お送りします。")
    else:
        notes.append("回答は窓口でお渡しします。この受付票と本人確認書類をお持ちください。")
    y -= 8
    for note in notes:
        fitted = doc.fit(
            "・" + note, left, y - 22, right - left, 22, 8, prefer_shrink=False, valign="top", pad=0
        )
        y -= 22 if len(fitted.lines) > 1 else 13

    # contact
    issuer = data.issuer
    box_h = CONTACT_H
    by = MARGIN
    doc.box(left, by, right - left, box_h, width=0.9)
    doc.text(left + 6, by + box_h - 13, "お問い合わせ先", 8.5, bold=True)
    lines = contact_lines(issuer)
    ly = by + box_h - 20
    for line in lines:
        doc.fit(line, left + 6, ly - 16, right - left - 12, 15, 8.5, pad=0, wrap=False, min_size=5)
        ly -= 17
    if data.training:
        doc.watermark("見本", size=100)
    return doc.finish()
