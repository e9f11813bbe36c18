"""Letters to the principal (A4 portrait): a decision on a request, or an extension notice.

Addressed like a Japanese letter: 〒, address and name 様 at the top left, the date and
reference at the top right, the sender below them, a title "…について（通知）", an opening
sentence, 記, numbered items, 以上, and the counter as contact. A refusal (whole or part)
states the statutory ground (Art. 33(2)) and the explanation (Art. 36); a change of method
to paper states the method asked for and why (Art. 33(3)).
"""

from __future__ import annotations

from counter_app.domain.requests import (
    OUTCOMES_BY_TYPE,
    DisclosureMethod,
    Outcome,
    RequestType,
)
from counter_app.printables import NoticeData, NoticeKind
from forms.base import A4, Document, date_pair, postal, wareki, wrap_text

MARGIN = 56.0
LABEL_W = 118.0

KIND_TYPES = {
    NoticeKind.DISCLOSURE: {
        RequestType.DISCLOSURE,
        RequestType.RECORD_DISCLOSURE,
        RequestType.PURPOSE_NOTICE,
    },
    NoticeKind.CORRECTION: {RequestType.CORRECTION},
    NoticeKind.SUSPENSION: {RequestType.SUSPENSION, RequestType.PROVISION_STOP},
    NoticeKind.EXTENSION: set(RequestType),
}


def check(data: NoticeData) -> None:
    """Refuse a notice that cannot be right (a bug upstream: never send it)."""
    if data.request_type not in KIND_TYPES[data.kind]:
        raise ValueError(f"{data.kind} notice for a {data.request_type} request")
    if data.kind == NoticeKind.EXTENSION:
        if data.extended_until is None or not data.extension_reason.strip():
            raise ValueError("an extension notice needs the new date and the reason")
        return
    if data.outcome is None or data.outcome not in OUTCOMES_BY_TYPE[data.request_type]:
        raise ValueError(f"outcome {data.outcome} does not fit {data.request_type}")
    if data.outcome.needs_ground and not data.explanation.strip():
        raise ValueError("a refusal (whole or part) needs an explanation (Art. 36)")
    if (
        data.request_type.is_disclosure
        and data.outcome
        in (
            Outcome.REFUSED,
            Outcome.DISCLOSED_PARTIAL,
        )
        and data.ground is None
    ):
        raise ValueError("a disclosure refusal needs its Art. 33(2) ground")


def _subject(data: NoticeData) -> str:
    t = data.request_type
    if data.kind == NoticeKind.EXTENSION:
        return f"{t.label}のご請求に対する回答期限の延長"
    o = data.outcome
    data_name = "第三者提供記録" if t == RequestType.RECORD_DISCLOSURE else "保有個人データ"
    if t == RequestType.PURPOSE_NOTICE:
        return (
            "保有個人データの利用目的の通知"
            if o == Outcome.NOTIFIED
            else "利用目的を通知しない旨の決定"
        )
    table = {
        Outcome.DISCLOSED_FULL: f"{data_name}の開示決定",
        Outcome.DISCLOSED_PARTIAL: f"{data_name}の一部開示決定",
        Outcome.REFUSED: f"{data_name}の不開示決定",
        Outcome.NOT_HELD: f"ご請求に係る{data_name}が存在しないこと",
        Outcome.METHOD_CHANGED_TO_PAPER: f"{data_name}の開示方法の変更",
        Outcome.CORRECTED: "保有個人データの訂正等の実施",
        Outcome.NOT_CORRECTED: "保有個人データの訂正等を行わない旨の決定",
        Outcome.SUSPENDED: (
            "第三者提供の停止の実施"
            if t == RequestType.PROVISION_STOP
            else "保有個人データの利用停止等の実施"
        ),
        Outcome.ALTERNATIVE_MEASURE: "利用停止等に代わる措置の実施",
        Outcome.NOT_SUSPENDED: (
            "第三者提供の停止を行わない旨の決定"
            if t == RequestType.PROVISION_STOP
            else "保有個人データの利用停止等を行わない旨の決定"
        ),
    }
    return table[o]  # type: ignore[index]


def _items(data: NoticeData) -> list[tuple[str, str]]:
    t = data.request_type
    items: list[tuple[str, str]] = [
        ("受付番号", data.request_number),
        ("ご請求の内容", f"{t.label}（個人情報の保護に関する法律 {t.article}）"),
        ("受付日", wareki(data.received_on)),
    ]
    if data.kind == NoticeKind.EXTENSION:
        items.append(("延長後の回答期限", date_pair(data.extended_until)))  # type: ignore[arg-type]
        items.append(("延長の理由", data.extension_reason))
        return items
    o = data.outcome
    assert o is not None
    items.append(("決定の内容", o.label))
    if o in (Outcome.DISCLOSED_FULL, Outcome.DISCLOSED_PARTIAL, Outcome.METHOD_CHANGED_TO_PAPER):
        if data.details:
            items.append(("開示する内容", data.details))
        if o == Outcome.METHOD_CHANGED_TO_PAPER:
            asked = data.requested_method.label if data.requested_method else "ご指定の方法"
            items.append(("ご指定の方法", asked))
            items.append(("開示の方法", DisclosureMethod.PAPER.label))
        elif data.method is not None:
            items.append(("開示の方法", data.method.label))
    elif o == Outcome.NOTIFIED and data.details:
        items.append(("利用目的", data.details))
    elif data.details:
        label = {
            Outcome.CORRECTED: "訂正等の内容",
            Outcome.SUSPENDED: "実施した措置",
            Outcome.ALTERNATIVE_MEASURE: "代わりに実施した措置",
        }.get(o, "内容")
        items.append((label, data.details))
    if data.ground is not None:
        items.append(("根拠", f"個人情報の保護に関する法律 {data.ground.label}"))
    if data.explanation:
        items.append(("理由", data.explanation))
    return items


def _opening(data: NoticeData) -> str:
    received = wareki(data.received_on)
    what = data.request_type.label
    if data.kind == NoticeKind.EXTENSION:
        return (
            f"{received}に受け付けました{what}のご請求について、下記の理由により回答期限を"
            "延長させていただきますので、お知らせいたします。ご迷惑をおかけし申し訳ございません。"
        )
    return (
        f"{received}に受け付けました{what}のご請求について、下記のとおり決定しましたので"
        "通知いたします。"
    )


def _closing(data: NoticeData) -> str:
    if data.outcome is not None and data.outcome.needs_ground:
        return (
            "この決定についてご不明な点やご意見がございましたら、下記の窓口までお申し出ください。"
        )
    return "ご不明な点がございましたら、下記の窓口までお問い合わせください。"


def render(data: NoticeData) -> bytes:
    """The letter as PDF bytes."""
    check(data)
    subject = _subject(data)
    doc = Document(A4, title=f"{subject}について（通知）", author=data.issuer.name)
    W, H = doc.width, doc.height
    left, right = MARGIN, W - MARGIN
    top = H - MARGIN
    issuer = data.issuer

    if data.training:
        doc.stamp(left, top + 14, "見本", 10)
    # reference and date (top right)
    y = top
    if data.document_number:
        doc.fit(data.document_number, right - 220, y - 12, 220, 13, 10, align="right", pad=0)
        y -= 15
    doc.text(right, y - 10, wareki(data.issued_on), 10, align="right")

    # addressee (top left)
    ay = top - 8
    doc.text(left, ay, f"〒{postal(data.recipient_postal_code)}", 10)
    addr = doc.fit(
        data.recipient_address,
        left,
        ay - 40,
        260,
        34,
        10.5,
        valign="top",
        prefer_shrink=False,
        pad=0,
    )
    del addr
    doc.fit(data.recipient_name, left, ay - 74, 230, 26, 15, min_size=8, pad=0)
    doc.text(left + 238, ay - 66, "様", 15)

    # sender (right)
    sx, sw = right - 230, 230.0
    sy = ay - 96
    for line, size in (
        (issuer.name, 10.5),
        (issuer.branch_name, 9.5),
        (issuer.notice_signatory, 9.5),
    ):
        doc.fit(line, sx, sy, sw, 14, size, pad=0, wrap=False, min_size=6)
        sy -= 14
    doc.text(right, sy + 2, "（公印省略）", 8, align="right")

    # title
    ty = sy - 30
    doc.fit(
        f"{subject}について（通知）",
        left,
        ty,
        right - left,
        22,
        14,
        align="center",
        bold=True,
        wrap=True,
    )

    # body, items, closing, contact — shrink together if the explanation is long
    contact_h = 74.0
    floor = MARGIN + contact_h + 12
    body_top = ty - 16
    items = _items(data)
    for size in (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6):
        if _body_height(data, items, right - left, size) <= body_top - floor:
            break
    _draw_body(doc, data, items, left, right, body_top, size, floor)

    # contact box
    doc.box(left, MARGIN, right - left, contact_h, width=0.9)
    doc.text(left + 8, MARGIN + contact_h - 14, "お問い合わせ先", 9, bold=True)
    contact = [
        f"{issuer.name}　{issuer.branch_name}",
        f"〒{postal(issuer.postal_code)} {issuer.address}",
        f"TEL {issuer.phone}"
        + (f"（受付時間 {issuer.contact_hours}）" if issuer.contact_hours else ""),
    ]
    cy = MARGIN + contact_h - 22
    for line in contact:
        doc.fit(line, left + 8, cy - 15, right - left - 16, 15, 9, pad=0, wrap=False, min_size=5)
        cy -= 16
    if data.training:
        doc.watermark("見本")
    return doc.finish()


def _lines(text: str, width: float, size: float) -> list[str]:
    return wrap_text(text, width, size)


def _body_height(
    data: NoticeData, items: list[tuple[str, str]], width: float, size: float
) -> float:
    lead = size * 1.6
    h = len(_lines(_opening(data), width - size, size)) * lead + lead * 2.2
    for _, value in items:
        h += max(1, len(_lines(value, width - LABEL_W, size))) * lead + 4
    h += lead * 1.5 + len(_lines(_closing(data), width - size, size)) * lead
    return h


def _draw_body(
    doc: Document,
    data: NoticeData,
    items: list[tuple[str, str]],
    left: float,
    right: float,
    top: float,
    size: float,
    floor: float,
) -> None:
    lead = size * 1.6
    width = right - left
    y = top - size
    for i, line in enumerate(_lines(_opening(data), width - size, size)):
        doc.text(left + (size if i == 0 else 0), y, line, size)
        y -= lead
    y -= lead * 0.6
    doc.text((left + right) / 2, y, "記", size, align="center")
    y -= lead * 1.6
    for n, (label, value) in enumerate(items, start=1):
        doc.text(left, y, f"{n}. {label}", size)
        for line in _lines(value, width - LABEL_W, size) or [""]:
            if y < floor:
                break
            doc.text(left + LABEL_W, y, line, size)
            y -= lead
        y -= 4
    doc.text(right, y, "以上", size, align="right")
    y -= lead * 1.5
    for line in _lines(_closing(data), width - size, size):
        if y < floor:
            break
        doc.text(left, y, line, size)
        y -= lead
