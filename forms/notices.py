"""Letters to the principal (A4 portrait): a decision on a request, or an extension notice.

Addressed like a Japanese letter: 〒, address and name 様 at the top left, the date and
reference at the top right, the sender below them, a title "…について（通知）", an opening
sentence, 記, numbered items, 以上, and the counter as contact. A disclosure refused (whole or
part) states the statutory ground (Art. 33(2)) and the explanation (Art. 36); a purpose notice
the co-op decided not to give says so, with the Art. 32(2) ground and the explanation (Art.
32(3), Art. 36); a change of method to paper states the method asked for and why (Art. 33(3)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.domain.requests import (
    OUTCOMES_BY_TYPE,
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RequestType,
)
from counter_app.printables.notice import NoticeData, NoticeKind
from forms.base import (
    A4,
    Document,
    contact_lines,
    date_pair,
    postal,
    serialized,
    wareki,
    wrap_text,
)
from forms.fonts import text_width

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
    if data.ground is not None and data.outcome not in (Outcome.REFUSED, Outcome.DISCLOSED_PARTIAL):
        raise ValueError("a statutory ground on a letter that refuses nothing")
    if (
        isinstance(data.ground, PurposeNoticeGround)
        and data.request_type is not RequestType.PURPOSE_NOTICE
    ):
        raise ValueError("an Art. 32(2) ground on a letter that is not about a purpose notice")
    if _not_notified(data) and data.ground is None:
        # (an old decision's Art. 33(2) ground still prints: it is what was decided then)
        raise ValueError("a purpose notice not given needs its Art. 32(2) ground (Art. 32(3))")
    if data.outcome is Outcome.METHOD_CHANGED_TO_PAPER:
        if data.requested_method in (None, DisclosureMethod.PAPER):
            raise ValueError("a change to paper needs the method asked for (not paper)")
        if not data.explanation.strip():
            raise ValueError("a change to paper needs its reason (Art. 33(3), Art. 36)")
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


def _not_notified(data: NoticeData) -> bool:
    """A purpose notice the co-op decided not to give (Art. 32(2), told per Art. 32(3))."""
    return data.request_type is RequestType.PURPOSE_NOTICE and data.outcome is Outcome.REFUSED


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
    if t.is_disclosure and data.kind != NoticeKind.EXTENSION:
        if data.scopes:
            items.append(("ご請求の対象", "、".join(data.scopes)))
        if t is not RequestType.PURPOSE_NOTICE:
            items.append(("対象期間", data.period or "指定なし"))
    if data.kind == NoticeKind.EXTENSION:
        items.append(("延長後の回答期限", date_pair(data.extended_until)))  # type: ignore[arg-type]
        items.append(("延長の理由", data.extension_reason))
        return items
    o = data.outcome
    assert o is not None
    if _not_notified(data):
        items.append(("決定の内容", "利用目的を通知しないこととしました"))
    else:
        items.append(("決定の内容", o.label))
    if o in (Outcome.DISCLOSED_FULL, Outcome.DISCLOSED_PARTIAL, Outcome.METHOD_CHANGED_TO_PAPER):
        if data.details:
            items.append(("開示する内容", data.details))
        if o == Outcome.METHOD_CHANGED_TO_PAPER:
            assert data.requested_method is not None  # check() refuses a letter without
            items.append(("ご指定の方法", data.requested_method.label))
            items.append(("開示の方法", DisclosureMethod.PAPER.label))
        elif data.method is not None:
            items.append(("開示の方法", data.method.label))
        if data.enclosed:
            items.append(("同封・別添", data.enclosed))
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
    if data.settlement:
        items.append(("手数料の精算", data.settlement))
    return items


def _opening(data: NoticeData) -> str:
    received = wareki(data.received_on)
    what = data.request_type.label
    if data.kind == NoticeKind.EXTENSION:
        return (
            f"{received}に受け付けました{what}のご請求について、下記の理由により回答期限を"
            "延長させていただきますので、お知らせいたします。ご迷惑をおかけし申し訳ございません。"
        )
    if _not_notified(data):
        return (
            f"{received}に受け付けました{what}のご請求について、下記の理由により、保有個人データ"
            "の利用目的を通知しないことと決定しましたので、個人情報の保護に関する法律第32条第3項"
            "に基づき通知いたします。"
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


@serialized
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
    # 様 follows the name (a long name shrinks with it), as on an envelope
    doc.fit(f"{data.recipient_name}　様", left, ay - 74, 300, 26, 15, min_size=8, pad=0)

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

    # body, items, closing: shrink a little to stay on one page, else continue on more
    contact_h = 74.0
    contact_floor = MARGIN + contact_h + 12
    page_floor = MARGIN + 24
    body_top = ty - 16
    cont_top = H - MARGIN - 34
    items = _items(data)
    for size in (10.5, 10, 9.5, 9):
        lines = _flow(data, items, left, right, size)
        placed, pages = _place(lines, body_top, cont_top, contact_floor, size)
        if pages == 1:
            break
    else:
        size = 9.5
        lines = _flow(data, items, left, right, size)
        placed, pages = _place(lines, body_top, cont_top, page_floor, size)
        last_y = placed[-1][1] if placed else body_top
        if last_y - size * 1.6 < contact_floor:
            pages += 1  # the contact box goes on a page of its own
    page = 0
    for index, y, line in placed:
        while index > page:
            _finish_page(doc, data, page + 1, pages)
            doc.new_page()
            page += 1
            _continuation_header(doc, data, subject, left, right)
        for x, text, align in line.parts:
            doc.text(x, y, text, size, align=align)
    while page < pages - 1:
        _finish_page(doc, data, page + 1, pages)
        doc.new_page()
        page += 1
        _continuation_header(doc, data, subject, left, right)

    # contact box (last page)
    doc.box(left, MARGIN, right - left, contact_h, width=0.9)
    doc.text(left + 8, MARGIN + contact_h - 14, "お問い合わせ先", 9, bold=True)
    contact = contact_lines(issuer)
    cy = MARGIN + contact_h - 22
    for line in contact:
        doc.fit(line, left + 8, cy - 15, right - left - 16, 15, 9, pad=0, wrap=False, min_size=5)
        cy -= 16
    _finish_page(doc, data, pages, pages)
    return doc.finish()


@dataclass(frozen=True)
class _Line:
    """One line of the letter's body: its parts (x, text, align) and the space above it."""

    parts: tuple[tuple[float, str, str], ...]
    space_before: float = 0.0


def _flow(
    data: NoticeData, items: list[tuple[str, str]], left: float, right: float, size: float
) -> list[_Line]:
    lead = size * 1.6
    width = right - left
    lines = [
        _Line(((left + (size if i == 0 else 0), text, "left"),))
        for i, text in enumerate(wrap_text(_opening(data), width - size, size))
    ]
    lines.append(_Line((((left + right) / 2, "記", "center"),), space_before=lead * 0.6))
    for n, (label, value) in enumerate(items, start=1):
        value_lines = hanging_lines(value, width - LABEL_W, size) or [(0.0, "")]
        for i, (indent, text) in enumerate(value_lines):
            parts = [(left + LABEL_W + indent, text, "left")]
            if i == 0:
                parts.insert(0, (left, f"{n}. {label}", "left"))
            gap = (lead * 0.6 if n == 1 else 4.0) if i == 0 else 0.0
            lines.append(_Line(tuple(parts), space_before=gap))
    lines.append(_Line(((right, "以上", "right"),), space_before=4.0))
    for i, text in enumerate(wrap_text(_closing(data), width - size, size)):
        lines.append(_Line(((left, text, "left"),), space_before=lead * 0.5 if i == 0 else 0.0))
    return lines


#: A numbered or bulleted paragraph: "1. ", "12．", "（3）", "(3) ", "・".
NUMBERED = re.compile(r"^(\d+[.．]\s*|[（(]\d+[)）]\s*|・)")


def hanging_lines(text: str, width: float, size: float) -> list[tuple[float, str]]:
    """``text`` broken into lines no wider than ``width``, each with its indent: a numbered
    paragraph (「1. …」) wraps with a hanging indent, its continuation lines starting under
    its text, not under its number."""
    out: list[tuple[float, str]] = []
    for paragraph in text.split("\n"):
        mark = NUMBERED.match(paragraph)
        if not mark:
            out += [(0.0, line) for line in wrap_text(paragraph, width, size)]
            continue
        indent = text_width(mark.group(0), size)
        body = wrap_text(paragraph[mark.end() :], width - indent, size) or [""]
        out.append((0.0, mark.group(0) + body[0]))
        out += [(indent, line) for line in body[1:]]
    return out


def _place(
    lines: list[_Line], first_top: float, cont_top: float, floor: float, size: float
) -> tuple[list[tuple[int, float, _Line]], int]:
    """Baselines for the lines, page by page: [(page index, y, line)], page count."""
    lead = size * 1.6
    placed = []
    page, y = 0, first_top - size
    for line in lines:
        y -= line.space_before
        if y < floor:
            page, y = page + 1, cont_top - size
        placed.append((page, y, line))
        y -= lead
    return placed, page + 1


def _continuation_header(
    doc: Document, data: NoticeData, subject: str, left: float, right: float
) -> None:
    top = doc.height - MARGIN
    doc.fit(f"{subject}について（通知）（続き）", left, top - 14, right - left - 150, 14, 9, pad=0)
    doc.fit(f"{data.recipient_name} 様", right - 150, top - 14, 150, 14, 9, pad=0, align="right")
    doc.hline(left, right, top - 20, width=0.5)


def _finish_page(doc: Document, data: NoticeData, n: int, m: int) -> None:
    if m > 1:
        doc.text(doc.width / 2, MARGIN / 2, f"{n} / {m}", 9, align="center")
    if data.training:
        doc.watermark("見本")
