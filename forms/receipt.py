"""領収書: the payer's receipt (upper half of an A4 sheet) and the co-op's counterfoil (控え,
lower half, same number), separated by a cut line.

Both halves carry: serial number, 和暦 date, payer's full name + 様, ¥X,XXX- , 但し書き,
the breakdown, the 10 % 対象 amount and its tax, the issuer's name, address and registration
number with room for the co-op's 角印 beside it, the staff name and a seal box. The member's
copy says what a line is for; the 控え also says how it was computed (a line's
``counterfoil_label``: the envelope and weight behind the postage). A reprint is stamped 再発行 (n回目); a voided receipt
is stamped and watermarked 取消; training data is watermarked 見本. A 収入印紙 box appears from
50,000 yen (domain.md section 6).

A settlement (精算, domain.md section 10) prints on the same layout under its own title
(精算領収書, or 返金精算書 when money is paid back: the amount is then 返金額), stamped 精算,
its breakdown ending with the line 「受領済み (当初の領収書 No. …)」 that points at the first
receipt.
"""

from __future__ import annotations

from counter_app.printables.receipt import ReceiptData
from forms.base import A4, Document, amount, local, postal, serialized, wareki, yen

STAMP_DUTY_THRESHOLD = 50_000
MARGIN = 40.0
#: The square left for the co-op's 角印 (company seal) beside the issuer, in points (~19 mm).
KAKUIN_SIZE = 54.0


def check(data: ReceiptData) -> None:
    """Refuse a receipt whose figures do not add up (a bug upstream: never print it)."""
    if sum(line.amount for line in data.lines) != data.total:
        raise ValueError(f"receipt {data.number}: lines do not add up to the total")
    sign = -1 if data.refund else 1
    if data.refund and data.total >= 0:
        raise ValueError(f"receipt {data.number}: a refund pays back a negative total")
    if not (0 <= sign * data.tax_10 <= sign * data.taxable_10 <= sign * data.total):
        raise ValueError(f"receipt {data.number}: inconsistent total / taxable / tax")
    local(data.issued_at)


@serialized
def render(data: ReceiptData) -> bytes:
    """The receipt and its counterfoil on one A4 page, as PDF bytes."""
    check(data)
    doc = Document(
        A4,
        title=f"{data.title} {data.number}",
        author=data.issuer.name,
        subject=data.title,
    )
    half = doc.height / 2
    _draw_half(doc, data, bottom=half, counterfoil=False)
    _draw_half(doc, data, bottom=0, counterfoil=True)
    doc.hline(MARGIN - 20, doc.width - MARGIN + 20, half, width=0.5, dash=(4, 3))
    doc.c.saveState()
    doc.c.setFillGray(1)
    doc.c.rect(doc.width / 2 - 36, half - 5, 72, 10, stroke=0, fill=1)
    doc.c.restoreState()
    doc.text(doc.width / 2, half - 3, "切り取り線", 7, align="center")
    return doc.finish()


def _marks(data: ReceiptData, counterfoil: bool) -> list[str]:
    marks = []
    if counterfoil:
        marks.append("控")
    if data.mark:
        marks.append(data.mark)
    if data.reprint_count > 0:
        marks.append(f"再発行 ({data.reprint_count}回目)")
    if data.voided:
        marks.append("取消")
    if data.training:
        marks.append("見本")
    return marks


def _draw_half(doc: Document, data: ReceiptData, *, bottom: float, counterfoil: bool) -> None:
    W = doc.width
    left, right = MARGIN, W - MARGIN
    top = bottom + doc.height / 2 - 30
    issued = local(data.issued_at)

    # title, number, date, marks
    title = f"{data.title}（控）" if counterfoil else data.title
    spacing = 6 if len(data.title) <= 3 else 2
    doc.text(W / 2, top - 22, title, 22, align="center", bold=True, char_space=spacing)
    doc.text(right, top - 6, f"No. {data.number}", 10, align="right")
    doc.text(right, top - 20, wareki(issued.date()), 10, align="right")
    doc.text(right, top - 31, f"({issued:%Y-%m-%d %H:%M})", 7, align="right")
    x = left
    for mark in _marks(data, counterfoil):
        x += doc.stamp(x, top - 16, mark, 11) + 6

    # payer
    name_y = top - 70
    doc.fit(data.payer_name, left, name_y, 268, 28, 16, align="left", min_size=9)
    doc.text(left + 276, name_y + 8, "様", 16)
    doc.hline(left, left + 300, name_y - 1, width=0.9)
    sub = []
    if data.member_number:
        sub.append(f"組合員番号 {data.member_number}")
    if data.request_number:
        sub.append(f"受付番号 {data.request_number}")
    if sub:
        doc.fit("　".join(sub), left, name_y - 14, 300, 12, 8, pad=0)

    # amount
    amt_y = top - 132
    doc.shaded_box(left, amt_y, 330, 38, gray=0.94)
    doc.text(left + 8, amt_y + 14, "返金額" if data.refund else "金額", 11)
    shown = abs(data.total)
    box_x = left + (58 if data.refund else 46)
    doc.fit(
        yen(shown), box_x, amt_y, 324 - box_x + left, 38, 24, align="center", bold=True, wrap=False
    )
    if not data.refund and data.total >= STAMP_DUTY_THRESHOLD:
        doc.c.saveState()
        doc.c.setDash(2, 2)
        doc.box(left + 345, amt_y - 10, 56, 56)
        doc.c.restoreState()
        doc.fit("収入印紙", left + 345, amt_y - 10, 56, 56, 8, align="center")

    # proviso
    doc.text(left, amt_y - 18, "但し", 10)
    doc.fit(data.proviso, left + 26, amt_y - 24, 304, 16, 10, min_size=6, wrap=False)
    statement = "上記の金額を返金いたしました。" if data.refund else "上記正に領収いたしました。"
    doc.text(left, amt_y - 36, statement, 9)

    # breakdown
    _draw_breakdown(doc, data, left, amt_y - 46, bottom + 36, counterfoil=counterfoil)

    # issuer and staff
    ix, iw = left + 345, right - (left + 345)
    iy_top = amt_y - 20
    issuer = data.issuer
    # the co-op's 角印 goes beside its name (a dotted square, left blank to be stamped)
    seal = KAKUIN_SIZE
    doc.c.saveState()
    doc.c.setDash(1, 2)
    doc.box(right - seal, iy_top - seal + 4, seal, seal, width=0.4)
    doc.c.restoreState()
    doc.text(
        right - seal / 2, iy_top - seal / 2 - 2, "印", 9, align="center", color=(0.7, 0.7, 0.7)
    )
    tw = iw - seal - 4  # the issuer's lines stop short of the seal
    doc.fit(issuer.name, ix, iy_top - 14, tw, 14, 10, bold=True, pad=0, wrap=False, min_size=6)
    doc.fit(issuer.branch_name, ix, iy_top - 28, tw, 13, 9, pad=0, wrap=False, min_size=6)
    doc.fit(
        f"〒{postal(issuer.postal_code)} {issuer.address}",
        ix,
        iy_top - 54,
        tw,
        25,
        8,
        pad=0,
        valign="top",
        prefer_shrink=False,
    )
    if issuer.phone:
        doc.fit(f"TEL {issuer.phone}", ix, iy_top - 66, iw, 11, 8, pad=0, wrap=False)
    doc.fit(f"登録番号 {issuer.registration_number}", ix, iy_top - 78, iw, 11, 8, pad=0)
    seal_y = bottom + 24
    left_edge = doc.seal_boxes(right, seal_y, ["担当印"], size=44)
    doc.text(ix, seal_y + 46, "担当", 8)
    doc.fit(data.staff_name, ix, seal_y + 26, left_edge - ix - 4, 16, 10, pad=0, min_size=6)
    if counterfoil:
        doc.text(ix, seal_y + 4, "（当組合保管用）", 7)

    # big marks over the half
    cx, cy = W / 2, bottom + doc.height / 4
    if data.voided:
        doc.watermark("取消", cx=cx, cy=cy, size=90)
    if data.training:
        doc.watermark("見本", cx=cx + (60 if data.voided else 0), cy=cy - 20, size=90)


def _draw_breakdown(
    doc: Document, data: ReceiptData, x: float, top: float, floor: float, *, counterfoil: bool
) -> None:
    """内訳 table: lines, 合計, 10% 対象 and tax; rows shrink when there are many lines."""
    label_w, amount_w = 220.0, 110.0
    rows = len(data.lines) + 3  # header, lines, total, tax
    row_h = min(14.0, (top - floor) / rows)
    size = min(9.0, row_h * 0.68)
    y = top - row_h
    doc.shaded_box(x, y, label_w + amount_w, row_h)
    doc.fit("内訳", x, y, label_w, row_h, size, pad=3, wrap=False)
    doc.fit("金額 (税込・円)", x + label_w, y, amount_w, row_h, size, pad=3, align="right")
    for line in data.lines:
        y -= row_h
        doc.box(x, y, label_w, row_h)
        doc.box(x + label_w, y, amount_w, row_h)
        label = (line.counterfoil_label or line.label) if counterfoil else line.label
        doc.fit(label, x, y, label_w, row_h, size, pad=3, wrap=False)
        doc.fit(amount(line.amount), x + label_w, y, amount_w, row_h, size, pad=3, align="right")
    y -= row_h
    doc.box(x, y, label_w, row_h, width=1.0)
    doc.box(x + label_w, y, amount_w, row_h, width=1.0)
    doc.fit("差引 返金" if data.refund else "合計", x, y, label_w, row_h, size, pad=3, bold=True)
    doc.fit(amount(data.total), x + label_w, y, amount_w, row_h, size, pad=3, align="right")
    y -= row_h
    if data.refund:
        tax_text = f"10%対象 返金 ¥{-data.taxable_10:,}　(内消費税等 ¥{-data.tax_10:,})"
    else:
        tax_text = f"10%対象 ¥{data.taxable_10:,}　(内消費税等 ¥{data.tax_10:,})"
    doc.fit(tax_text, x, y, label_w + amount_w, row_h, size, pad=3, wrap=False)
    if data.note:
        doc.fit(f"備考: {data.note}", x, floor - 16, label_w + amount_w, 14, 7.5, pad=0)
