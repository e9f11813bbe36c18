"""Forms for the member to fill in or check and sign (A4 portrait): 開示等請求書 and 委任状.

The 開示等請求書 prints blank (filled by hand), or filled with what staff typed at intake
(``BlankFormData.entries``: the values in the rows, ✓ in the boxes ticked, the office box
completed) with a line for the member's signature under 「上記の内容に相違ありません。」.

The request form asks for the requester, the types (tick boxes), the data scopes and
period, the disclosure method, correction details, suspension grounds, a proxy's details,
and has a box for the office (受付番号, 本人確認 — the rule only, never a document number).
The 委任状 has the fields of domain.md section 3: the principal's address, 自署 signature,
birth date, phone and a seal circle; the proxy's name and address; the scope (請求, and
受領 of the result); the date.
"""

from __future__ import annotations

from counter_app.domain.requests import (
    DataScope,
    Delivery,
    DisclosureMethod,
    RequestType,
    SuspensionGround,
)
from counter_app.printables.blank_form import (
    PROXY_RELATION_LABELS,
    BlankFormData,
    BlankFormKind,
    RequestFormEntries,
)
from forms.base import A4, Document, postal, serialized, wareki

MARGIN = 40.0
DATE_BLANK = "令和　　　年　　　月　　　日"
BIRTH_BLANK = "大正・昭和・平成・令和　　　年　　　月　　　日"


@serialized
def render(data: BlankFormData) -> bytes:
    """The blank form named by ``data.kind`` as PDF bytes."""
    if data.kind == BlankFormKind.REQUEST_FORM:
        return render_request_form(data)
    return render_power_of_attorney(data)


def _row(
    doc: Document,
    x: float,
    y: float,
    w: float,
    h: float,
    label: str,
    label_w=96.0,
    hint="",
    value="",
):
    """A labelled box: the ``value`` typed at intake if any, else the ``hint`` for the hand."""
    doc.shaded_box(x, y, label_w, h)
    doc.box(x + label_w, y, w - label_w, h)
    doc.fit(label, x, y, label_w, h, 9, pad=4)
    if value:
        doc.fit(value, x + label_w + 4, y, w - label_w - 8, h, 10, pad=2, min_size=5)
    elif hint:
        doc.fit(hint, x + label_w + 4, y, w - label_w - 4, h, 8.5, pad=2)


def _section(doc: Document, x: float, y: float, title: str) -> float:
    doc.text(x, y - 11, title, 10, bold=True)
    return y - 15


def _checkbox_grid(
    doc: Document,
    x: float,
    y: float,
    w: float,
    labels: list[str],
    cols: int,
    size: float = 8.5,
    checked: frozenset[str] | set[str] = frozenset(),
) -> float:
    """Tick boxes in ``cols`` columns from top y, ✓ in those ``checked``; returns the y
    below them."""
    col_w = w / cols
    row_h = size + 6
    for i, label in enumerate(labels):
        cx = x + (i % cols) * col_w
        cy = y - (i // cols + 1) * row_h + 3
        doc.box(cx, cy - 1, size, size, width=0.6)
        if label in checked:
            doc.text(cx + size / 2, cy, "✓", size + 1, align="center", bold=True)
        doc.fit(
            label,
            cx + size + 2,
            cy - 3,
            col_w - size - 4,
            row_h,
            size,
            pad=1,
            wrap=False,
            min_size=5,
        )
    rows = (len(labels) + cols - 1) // cols
    return y - rows * row_h - 2


def _header(doc: Document, data: BlankFormData, title: str) -> float:
    W, H = doc.width, doc.height
    top = H - MARGIN
    if data.training:
        doc.stamp(MARGIN, top - 4, "見本", 10)
    day = wareki(data.entries.received_on) if data.entries else DATE_BLANK
    doc.text(W - MARGIN, top - 6, day, 10, align="right")
    doc.text(W / 2, top - 36, title, 18, align="center", bold=True, char_space=4)
    doc.fit(f"{data.issuer.name}　御中", MARGIN, top - 66, 320, 16, 11, pad=0, wrap=False)
    return top - 72


@serialized
def render_request_form(data: BlankFormData) -> bytes:
    """The 開示等請求書: blank, or filled from a request (``data.entries``)."""
    title = "個人情報開示等請求書"
    if data.entries is not None:
        title += f" {data.entries.request_number}"
    doc = Document(A4, title=title, author=data.issuer.name)
    W = doc.width
    left, right = MARGIN, W - MARGIN
    w = right - left
    e = data.entries
    y = _header(doc, data, "個人情報開示等請求書")
    intro = "個人情報の保護に関する法律に基づき、次のとおり請求します。"
    if e is not None:
        intro += "（窓口で伺った内容を印字しています。ご確認のうえ、末尾にご署名ください。）"
    doc.fit(intro, left, y - 16, w, 14, 9, pad=0, wrap=False, min_size=6)
    y -= 18

    y = _section(doc, left, y, "1. ご本人（請求者）")
    rows = [
        ("フリガナ", 16, "", e.furigana if e else ""),
        ("氏名" if e else "氏名（自署）", 26, "", e.name if e else ""),
        ("生年月日", 18, BIRTH_BLANK, wareki(e.birth_date) if e and e.birth_date else ""),
        (
            "住所",
            30,
            "〒　　　−",
            f"〒{postal(e.postal_code)}　{e.address}" if e and e.address else "",
        ),
        ("電話番号", 18, "", e.phone if e else ""),
        ("組合員番号", 18, "（わかる場合）", e.member_number if e else ""),
    ]
    for label, h, hint, value in rows:
        y -= h
        _row(doc, left, y, w, h, label, hint=hint, value=value)
    y -= 4

    y = _section(doc, left, y, "2. ご請求の種類（該当するものに✓）")
    labels = [f"{t.label}（{t.article}）" for t in RequestType]
    ticked = {f"{t.label}（{t.article}）" for t in e.request_types} if e else set()
    y = _checkbox_grid(doc, left + 6, y, w - 6, labels, 2, checked=ticked)

    y = _section(doc, left, y, "3. 対象となる個人データ（該当するものに✓）")
    scopes = list(data.scopes) or [s.label for s in DataScope]
    y = _checkbox_grid(
        doc, left + 6, y, w - 6, scopes, 3, size=8, checked=set(e.scopes if e else ())
    )
    y -= 16
    period_hint = f"{DATE_BLANK}　〜　{DATE_BLANK}"
    if e is not None and any(t.is_disclosure for t in e.request_types):
        period = e.period or "指定なし"
    else:
        period = ""
    _row(doc, left, y, w, 16, "対象期間", hint=period_hint, value=period)
    y -= 4

    y = _section(doc, left, y, "4. 開示の方法と回答の受取り（開示・通知の場合）")
    mail, counter = "郵送（登録住所あて）", "窓口で受取り"
    methods = [m.label for m in DisclosureMethod] + [mail, counter]
    chosen: set[str] = set()
    if e is not None:
        if e.method is not None:
            chosen.add(e.method.label)
        chosen.add(mail if e.delivery is Delivery.MAIL else counter)
    y = _checkbox_grid(doc, left + 6, y, w - 6, methods, 3, checked=chosen)

    y = _section(doc, left, y, "5. 訂正・追加・削除の内容（訂正等の場合）")
    corrections = (
        ("訂正する項目", e.correction_item if e else ""),
        ("現在の内容", e.current_value if e else ""),
        ("訂正後の内容", e.requested_value if e else ""),
    )
    for label, value in corrections:
        y -= 18
        _row(doc, left, y, w, 18, label, value=value)
    y -= 4

    y = _section(doc, left, y, "6. 利用停止・消去・第三者提供停止の理由（該当するものに✓）")
    grounds = {g.label for g in e.suspension_grounds} if e else set()
    y = _checkbox_grid(
        doc, left + 6, y, w - 6, [g.label for g in SuspensionGround], 2, size=7.5, checked=grounds
    )

    y = _section(doc, left, y, "7. 代理人によるご請求の場合")
    half = w / 2
    y -= 18
    _row(doc, left, y, half, 18, "代理人氏名", label_w=70, value=e.proxy_name if e else "")
    _row(doc, left + half, y, half, 18, "電話番号", label_w=70, value=e.proxy_phone if e else "")
    y -= 18
    _row(doc, left, y, w, 18, "代理人住所", label_w=70, value=e.proxy_address if e else "")
    y -= 16
    _row(doc, left, y, w, 16, "ご本人との関係", label_w=70)
    relation = PROXY_RELATION_LABELS.get(e.proxy_kind, "") if e else ""
    _checkbox_grid(
        doc,
        left + 76,
        y + 16,
        w - 80,
        list(PROXY_RELATION_LABELS.values()),
        4,
        checked={relation},
    )
    y -= 6
    if e is not None:
        y = _signature(doc, e, left, y, w)

    # office use
    box_h = y - MARGIN
    doc.box(left, MARGIN, w, box_h, width=0.9)
    doc.fit("当組合記入欄", left + 4, MARGIN + box_h - 15, 120, 14, 8.5, pad=1, bold=True)
    fy = MARGIN + box_h - 28
    if e is None:
        doc.text(left + 6, fy, "受付番号", 8)
        doc.text(left + 190, fy, "受付日　令和　　年　　月　　日", 8)
        doc.text(left + 380, fy, "受付担当", 8)
    else:
        doc.fit(f"受付番号 {e.request_number}", left + 6, fy - 3, 180, 11, 8, pad=0, wrap=False)
        doc.text(left + 190, fy, f"受付日　{wareki(e.received_on)}", 8)
        doc.fit(f"受付担当 {e.staff_name}", left + 380, fy - 3, w - 384, 11, 8, pad=0)
    doc.text(left + 6, fy - 16, "本人確認:", 8)
    _checkbox_grid(
        doc,
        left + 56,
        fy - 6,
        w - 62,
        ["写真付1点", "写真なし2点", "印鑑証明書+実印", "代理人確認済"],
        4,
        size=8,
        checked=set(e.id_rule.split("・")) if e else set(),
    )
    doc.text(
        left + 6,
        fy - 32,
        "※ 本人確認書類の番号・個人番号（マイナンバー）は記入しないでください。",
        7.5,
    )
    if fy - 48 > MARGIN + 3:  # (a filled form's signature line takes the room of 備考)
        doc.text(left + 6, fy - 48, "備考", 8)
    if data.training:
        doc.watermark("見本")
    return doc.finish()


def _signature(doc: Document, e: RequestFormEntries, left: float, y: float, w: float) -> float:
    """「上記の内容に相違ありません。」 and a box for the member's own signature."""
    del e
    h = 26.0
    y -= h
    _row(
        doc, left, y, w, h, "上記の内容に相違ありません。\nご署名（ご本人または代理人の自署）", 190
    )
    return y - 4


@serialized
def render_power_of_attorney(data: BlankFormData) -> bytes:
    doc = Document(A4, title="委任状", author=data.issuer.name)
    W = doc.width
    left, right = MARGIN + 10, W - MARGIN - 10
    w = right - left
    y = _header(doc, data, "委 任 状")
    y -= 10

    y = _section(doc, left, y, "代理人（受任者）")
    for label in ("住所", "氏名"):
        y -= 40
        _row(doc, left, y, w, 40, label, label_w=80, hint="〒　　　−" if label == "住所" else "")
    y -= 16
    doc.text(left, y, "私は、上記の者を代理人と定め、下記の事項を委任します。", 10.5)
    y -= 22
    doc.text(W / 2, y, "記", 10.5, align="center")
    y -= 10

    y = _section(doc, left, y, "委任事項（該当するものに✓）")
    y -= 2
    doc.checkbox(
        left + 6, y - 10, f"{data.issuer.name}に対する、次の個人情報に関する請求を行う権限", 9.5
    )
    y -= 18
    y = _checkbox_grid(
        doc, left + 26, y, w - 26, [f"{t.label}（{t.article}）" for t in RequestType], 2, size=8.5
    )
    y -= 4
    doc.checkbox(left + 6, y - 10, "上記の請求に対する回答（開示等の結果）を受領する権限", 9.5)
    y -= 24
    doc.text(right, y, "以上", 10.5, align="right")
    y -= 10

    y = _section(doc, left, y, "委任者（ご本人）")
    rows = [
        ("住所", 48, "〒　　　−"),
        ("氏名（自署）", 60, ""),
        ("生年月日", 30, BIRTH_BLANK),
        ("電話番号", 30, ""),
    ]
    for label, h, hint in rows:
        y -= h
        _row(doc, left, y, w, h, label, label_w=80, hint=hint)
        if label == "氏名（自署）":
            doc.seal_circle(right - 34, y + h / 2, 22, "実印")
    y -= 14
    notes = [
        "※ 委任者ご本人が自署し、実印を押印してください。",
        f"※ 発行から{data.seal_certificate_months}か月以内の委任者の印鑑登録証明書（原本）を"
        "添えてください。",
        "※ 委任状は、ご請求日以前に作成された、作成から"
        f"{data.power_of_attorney_months}か月以内のものに限ります。",
        "※ 代理人ご本人の本人確認書類（原本）をお持ちください。",
        "※ 回答は、受領の委任がない場合、ご本人の登録住所あてにお送りします。",
    ]
    for note in notes:
        doc.fit(note, left, y - 14, w, 14, 8.5, pad=0, wrap=False)
        y -= 14
    if data.training:
        doc.watermark("見本")
    return doc.finish()
