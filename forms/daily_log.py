"""受付日報: the daily request log of one branch (A4 landscape, paged "n / m").

One row per request with the columns of domain.md section 8 (the same keys and texts as
the on-screen list: :data:`counter_app.printables.daily_log.DAILY_LOG_COLUMNS` and
:func:`counter_app.printables.daily_log.log_row_cells`), a 取消 line (amounts △) per void made that
day among them, a 精算 line per settlement (a refund △) and a 精算取消 line per settlement
void, a totals row whose every money column (手数料, 郵送料, 受領額, 内消費税) is the sum of
the column as printed, the day's voids, reprints and settlements (with approver and reason)
and a 精算 line in the summary, cash expected vs counted
with the difference said as 不足 / 過剰 and its reason, the 金種表 of the count, and seal
boxes 担当 / 責任者. An interim log is stamped 中間出力; a
closed day's log carries its close number and time; a reprint of it is marked 写し.

The layout is a flow of fixed-height blocks paginated before drawing, so the page count m
is known when page n is drawn. The end of the flow (the last request rows, the totals row,
the voids and reprints, the summary with cash and seal boxes) is kept together: the summary
never stands alone on the last page, it keeps the last :data:`ROWS_KEPT_WITH_SUMMARY` request
rows above it (all of them on a shorter day; the last few voids/reprints instead when those
alone fill a page), moving them to the next page when they do not fit ("keep with next").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.cash_count import denomination_label, variance_text
from counter_app.domain.wareki import weekday_ja
from counter_app.printables.daily_log import (
    DAILY_LOG_COLUMNS,
    MONEY_COLUMNS,
    DailyLogData,
    DailyLogRow,
    LogRowKind,
    LogState,
    ReceiptEvent,
    log_row_cells,
)
from forms.base import (
    A4_LANDSCAPE,
    Document,
    amount,
    local,
    serialized,
    time_ja,
    wareki,
    wareki_datetime,
)

MARGIN = 28.0
HEADER_H = 74.0
FOOTER_H = 22.0
ROW_H = 15.0
CELL_SIZE = 7.5

#: Column widths in points (sum = page width - 2 margins), keyed like DAILY_LOG_COLUMNS.
WIDTHS: dict[str, float] = {
    "number": 78,
    "time": 28,
    "staff": 52,
    "types": 74,
    "requester": 46,
    "id_rule": 56,
    "proxy_docs": 54,
    "fee": 42,
    "postage": 40,
    "total": 44,
    "tax": 40,
    "receipt": 78,
    "marks": 40,
    "status": 42,
    "target": 32,
    "flags": 40,
}
RIGHT_ALIGNED = frozenset(MONEY_COLUMNS)
CENTERED = frozenset({"time", "target", "requester", "marks", "status"})

EVENT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("種別", 60),
    ("領収書番号", 100),
    ("時刻", 40),
    ("金額", 70),
    ("担当", 90),
    ("承認者", 90),
    ("理由", 336),
)
EVENT_KINDS = {
    "void": "取消",
    "reprint": "再発行",
    "settlement": "精算",
    "settlement_void": "精算取消",
}


@dataclass(frozen=True)
class Block:
    """A slice of the flow: its height, how to draw it from a top y, and its section.

    ``item``: a request row (or the empty day's line) or a void/reprint line, i.e. what the
    summary keeps above it on its page."""

    height: float
    draw: Callable[[Document, float], None]
    section: str
    keep_with_next: bool = False
    item: bool = False


@serialized
def render(data: DailyLogData) -> bytes:
    """The daily log as PDF bytes."""
    local(data.printed_at)
    doc = Document(
        A4_LANDSCAPE,
        title=f"受付日報 {data.day.isoformat()} {data.issuer.branch_name}",
        author=data.issuer.name,
    )
    x0 = MARGIN
    blocks = _blocks(data, x0)
    top = doc.height - MARGIN - HEADER_H
    bottom = MARGIN + FOOTER_H
    pages = _paginate(blocks, top - bottom)
    for n, page in enumerate(pages, start=1):
        if n > 1:
            doc.new_page()
        _page_header(doc, data, first=(n == 1))
        _page_footer(doc, data, n, len(pages))
        y = top
        table_top: float | None = None
        prev = None
        for block in page:
            if block.section != prev:
                if prev == "rows" and table_top is not None:
                    _column_lines(doc, table_top, y)
                y = _section_header(doc, block.section, y, x0)
                if block.section == "rows":
                    table_top = y + ROW_H
            block.draw(doc, y)
            y -= block.height
            prev = block.section
        if prev == "rows" and table_top is not None:
            _column_lines(doc, table_top, y)
    return doc.finish()


# --- pagination ---------------------------------------------------------------------------
SECTION_HEADER_H = {"rows": ROW_H, "events": 18 + ROW_H, "summary": 10}
#: Request rows the summary keeps above it on its page (fewer only on a day with fewer).
ROWS_KEPT_WITH_SUMMARY = 3


def _run_height(blocks: list[Block], prev: str | None) -> float:
    """Height of ``blocks`` laid one after the other below a block of section ``prev``
    (None: at the top of a page), section headers included."""
    height = 0.0
    for block in blocks:
        if block.section != prev:
            height += SECTION_HEADER_H[block.section]
        height += block.height
        prev = block.section
    return height


def _tail_start(blocks: list[Block], avail: float) -> int:
    """Index of the first block of the flow's end that must share the summary's page: the
    last ROWS_KEPT_WITH_SUMMARY request rows and everything after them, or, if that is more
    than a page, fewer rows; if even one row does not fit with the voids and reprints, the
    last of those (the summary is never alone unless nothing else can go with it)."""
    rows = [i for i, b in enumerate(blocks) if b.item and b.section == "rows"]
    events = [i for i, b in enumerate(blocks) if b.item and b.section == "events"]
    candidates = rows[-ROWS_KEPT_WITH_SUMMARY:] + events[-ROWS_KEPT_WITH_SUMMARY:]
    for start in candidates:
        if _run_height(blocks[start:], None) <= avail:
            return start
    return len(blocks) - 1


def _paginate(blocks: list[Block], avail: float) -> list[list[Block]]:
    tail = _tail_start(blocks, avail)
    pages: list[list[Block]] = [[]]
    used = 0.0
    prev: str | None = None
    for i, block in enumerate(blocks):
        head = SECTION_HEADER_H[block.section] if block.section != prev else 0.0
        need = head + block.height
        if i == tail:
            need = _run_height(blocks[i:], prev)  # the end of the flow goes on one page
        elif block.keep_with_next and i + 1 < len(blocks):
            nxt = blocks[i + 1]
            need += nxt.height + (
                SECTION_HEADER_H[nxt.section] if nxt.section != block.section else 0
            )
        if pages[-1] and used + need > avail:
            pages.append([])
            used = 0.0
            head = SECTION_HEADER_H[block.section]
        pages[-1].append(block)
        used += head + block.height
        prev = block.section
    return pages


# --- blocks ---------------------------------------------------------------------------------
#: Height of the summary: three lines, the cash box (4 rows) and the 金種表 beside it.
SUMMARY_H = 134.0
#: Height of one line of the summary's text.
SUMMARY_LINE_H = 15.0


def _has_settlements(data: DailyLogData) -> bool:
    return any(r.kind.is_settlement for r in data.rows)


def summary_height(data: DailyLogData) -> float:
    """The summary's height: a fourth line (精算) on a day with settlement lines."""
    return SUMMARY_H + (SUMMARY_LINE_H if _has_settlements(data) else 0.0)


def _blocks(data: DailyLogData, x0: float) -> list[Block]:
    blocks: list[Block] = [
        Block(ROW_H, _row_drawer(row, x0, i), "rows", item=True) for i, row in enumerate(data.rows)
    ]
    if not data.rows:
        blocks.append(Block(ROW_H, _empty_row(x0), "rows", item=True))
    # the totals row stays with what follows it (the first void/reprint, or the summary)
    blocks.append(Block(ROW_H + 2, _totals_row(data, x0), "rows", keep_with_next=True))
    for event in data.events:
        blocks.append(Block(ROW_H, _event_drawer(event, x0), "events", item=True))
    blocks.append(Block(summary_height(data), _summary(data, x0), "summary"))
    return blocks


def _row_drawer(row: DailyLogRow, x0: float, index: int) -> Callable[[Document, float], None]:
    def draw(doc: Document, y_top: float) -> None:
        y = y_top - ROW_H
        if row.overdue or row.repeat:
            doc.c.saveState()
            doc.c.setFillGray(0.9)
            doc.c.rect(x0, y, sum(WIDTHS.values()), ROW_H, stroke=0, fill=1)
            doc.c.restoreState()
        cells = log_row_cells(row)
        batch: list = []
        x = x0
        for key, _ in DAILY_LOG_COLUMNS:
            w = WIDTHS[key]
            text = cells[key]
            if text:
                align = "right" if key in RIGHT_ALIGNED else "center" if key in CENTERED else "left"
                doc.fit(
                    text,
                    x,
                    y,
                    w,
                    ROW_H,
                    CELL_SIZE,
                    align=align,
                    pad=2,
                    wrap=False,
                    bold=(
                        key == "flags" or (key == "marks" and row.kind is not LogRowKind.REQUEST)
                    ),
                    min_size=4,
                    batch=batch,
                )
            x += w
        doc.draw_batch(batch)
        doc.hline(x0, x, y, width=0.3)

    return draw


def _empty_row(x0: float) -> Callable[[Document, float], None]:
    def draw(doc: Document, y_top: float) -> None:
        y = y_top - ROW_H
        doc.fit("本日の受付はありません", x0, y, sum(WIDTHS.values()), ROW_H, 8, align="center")
        doc.hline(x0, x0 + sum(WIDTHS.values()), y, width=0.3)

    return draw


def _totals_row(data: DailyLogData, x0: float) -> Callable[[Document, float], None]:
    totals = data.effective_totals

    def draw(doc: Document, y_top: float) -> None:
        y = y_top - ROW_H - 2
        width = sum(WIDTHS.values())
        doc.hline(x0, x0 + width, y_top - 1, width=0.3)
        doc.hline(x0, x0 + width, y_top, width=0.9)
        x = x0
        positions = {}
        for key, _ in DAILY_LOG_COLUMNS:
            positions[key] = x
            x += WIDTHS[key]
        label_w = positions["fee"] - x0
        doc.fit(f"合計　{totals.requests}件", x0, y, label_w, ROW_H, 8, pad=3, bold=True)
        for key in MONEY_COLUMNS:
            doc.fit(
                amount(totals.column(key)),
                positions[key],
                y,
                WIDTHS[key],
                ROW_H,
                8,
                align="right",
                pad=2,
                wrap=False,
            )
        doc.hline(x0, x0 + width, y, width=0.9)

    return draw


def _event_drawer(event: ReceiptEvent, x0: float) -> Callable[[Document, float], None]:
    def draw(doc: Document, y_top: float) -> None:
        y = y_top - ROW_H
        values = (
            EVENT_KINDS.get(event.kind, event.kind),
            event.receipt_number,
            time_ja(event.at),
            amount(-event.amount if event.kind == "void" else event.amount),
            event.staff_name,
            event.supervisor_name or "",
            event.reason,
        )
        x = x0
        for (_, w), value in zip(EVENT_COLUMNS, values, strict=True):
            doc.box(x, y, w, ROW_H, width=0.3)
            if value:
                doc.fit(value, x, y, w, ROW_H, CELL_SIZE, pad=2, wrap=False, min_size=4)
            x += w

    return draw


def _summary(data: DailyLogData, x0: float) -> Callable[[Document, float], None]:
    totals = data.effective_totals

    def draw(doc: Document, y_top: float) -> None:
        voids = sum(1 for e in data.events if e.kind == "void")
        reprints = sum(1 for e in data.events if e.kind == "reprint")
        overdue = sum(1 for r in data.rows if r.overdue)
        repeat = sum(1 for r in data.rows if r.repeat)
        lines = [
            f"受付件数 {totals.requests}件　手数料 {_signed_yen(totals.fee)}"
            f"　郵送料 {_signed_yen(totals.postage)}　受領額 計 {_signed_yen(totals.total)}",
            f"受領額に含まれる消費税等 {_signed_yen(totals.tax)}（手数料と郵送料の合計に対する額）",
            f"取消 {voids}件（返金 ¥{totals.voided_amount:,}）　再発行 {reprints}件"
            f"　期限超過 {overdue}件　再請求 {repeat}件",
        ]
        if _has_settlements(data):
            lines.append(_settlement_summary(data))
        y = y_top
        for line in lines:
            doc.fit(line, x0, y - 14, 470, 14, 9, pad=0, wrap=False)
            y -= SUMMARY_LINE_H
        # cash
        bx, bw, rh, lw = x0, 470.0, 17.0, 170.0
        expected = data.cash_expected
        counted = data.cash_counted
        rows = [("現金 理論残高（受領額 計）", _signed_yen(expected))]
        if counted is None:
            rows.append(("現金 実査額", "未実査"))
            rows.append(("過不足", "—"))
        else:
            rows.append(("現金 実査額", f"¥{counted:,}"))
            rows.append(("過不足（実査額 − 理論残高）", variance_text(counted - expected)))
        y -= 4
        for label, value in rows:
            y -= rh
            doc.shaded_box(bx, y, lw, rh)
            doc.box(bx + lw, y, bw - lw, rh)
            doc.fit(label, bx, y, lw, rh, 8.5, pad=4)
            doc.fit(value, bx + lw, y, bw - lw, rh, 9, pad=4, align="right", bold=True)
        y -= rh + 6
        doc.shaded_box(bx, y, lw, rh + 6)
        doc.box(bx + lw, y, bw - lw, rh + 6)
        doc.fit("過不足の理由", bx, y, lw, rh + 6, 8.5, pad=4)
        if data.variance_note:
            doc.fit(data.variance_note, bx + lw, y, bw - lw, rh + 6, 8.5, pad=3, min_size=5)
        _denominations(doc, data, bx + bw + 12, y_top)
        # seals
        right = x0 + sum(WIDTHS.values())
        doc.seal_boxes(right, y_top - 66, ["担当", "責任者"], size=54)

    return draw


def _settlement_summary(data: DailyLogData) -> str:
    """The 精算 line: how many settlements and voids, the cash taken and paid back on their
    lines (each the sum of those lines' 受領額) and the net, which is in the 受領額 total."""
    lines = [r for r in data.rows if r.kind.is_settlement]
    settled = sum(1 for r in lines if r.kind is LogRowKind.SETTLEMENT)
    voided = len(lines) - settled
    collected = sum(r.total for r in lines if r.total > 0)
    refunded = -sum(r.total for r in lines if r.total < 0)
    net = sum(r.total for r in lines)
    count = f"精算 {settled}件" + (f"・精算取消 {voided}件" if voided else "")
    return (
        f"{count}（追加受領 ¥{collected:,}　返金 ¥{refunded:,}　差引 {_signed_yen(net)}、"
        "受領額 計に含む）"
    )


def _signed_yen(value: int) -> str:
    """¥1,100, or △¥1,100 for a negative sum (a day that gave back more than it took)."""
    return f"△¥{-value:,}" if value < 0 else f"¥{value:,}"


#: The 金種表's columns: (caption, width).
DENOMINATION_COLUMNS: tuple[tuple[str, float], ...] = (("金種", 46), ("枚数", 40), ("金額", 62))
DENOMINATION_ROW_H = 10.0


def _denominations(doc: Document, data: DailyLogData, x: float, y_top: float) -> None:
    """The 金種表: pieces and amount per denomination, the total being the cash counted."""
    rh = DENOMINATION_ROW_H
    width = sum(w for _, w in DENOMINATION_COLUMNS)
    doc.text(x, y_top - 9, "金種表", 8.5, bold=True)
    y = y_top - 12
    cx = x
    for caption, w in DENOMINATION_COLUMNS:
        doc.shaded_box(cx, y - rh, w, rh)
        doc.fit(caption, cx, y - rh, w, rh, 7, align="center", pad=1)
        cx += w
    y -= rh
    count = data.cash_count
    if count is None:
        doc.box(x, y - rh * 2, width, rh * 2, width=0.3)
        text = "記録なし" if data.state == LogState.CLOSED else "締めるときに数えます"
        doc.fit(text, x, y - rh * 2, width, rh * 2, 7.5, align="center")
        return
    for yen, pieces, value in count.lines():
        texts = (denomination_label(yen), f"{pieces:,}", f"{value:,}")
        cx = x
        for (_, w), text in zip(DENOMINATION_COLUMNS, texts, strict=True):
            doc.box(cx, y - rh, w, rh, width=0.3)
            doc.fit(text, cx, y - rh, w, rh, 7, align="right", pad=2, wrap=False)
            cx += w
        y -= rh
    doc.box(x, y - rh, width, rh, width=0.6)
    label_w = DENOMINATION_COLUMNS[0][1] + DENOMINATION_COLUMNS[1][1]
    doc.fit("合計（実査額）", x, y - rh, label_w, rh, 7, pad=2, wrap=False)
    doc.fit(
        f"{count.total:,}",
        x + label_w,
        y - rh,
        width - label_w,
        rh,
        7.5,
        align="right",
        pad=2,
        bold=True,
        wrap=False,
    )


# --- page furniture -----------------------------------------------------------------------
def _section_header(doc: Document, section: str, y: float, x0: float) -> float:
    if section == "rows":
        width = sum(WIDTHS.values())
        doc.shaded_box(x0, y - ROW_H, width, ROW_H)
        x = x0
        for key, header in DAILY_LOG_COLUMNS:
            doc.fit(header, x, y - ROW_H, WIDTHS[key], ROW_H, 7.5, align="center", pad=1)
            x += WIDTHS[key]
        return y - ROW_H
    if section == "events":
        y -= 8
        doc.text(x0, y - 8, "領収書の取消・再発行・精算", 9, bold=True)
        y -= 10
        x = x0
        for label, w in EVENT_COLUMNS:
            doc.shaded_box(x, y - ROW_H, w, ROW_H)
            doc.fit(label, x, y - ROW_H, w, ROW_H, 7.5, align="center", pad=1)
            x += w
        return y - ROW_H
    return y - SECTION_HEADER_H[section]


def _column_lines(doc: Document, top: float, bottom: float) -> None:
    x = MARGIN
    doc.vline(x, top, bottom, width=0.5)
    for key, _ in DAILY_LOG_COLUMNS:
        x += WIDTHS[key]
        doc.vline(x, top, bottom, width=0.3 if x < MARGIN + sum(WIDTHS.values()) - 1 else 0.5)


def _page_header(doc: Document, data: DailyLogData, *, first: bool) -> None:
    W, H = doc.width, doc.height
    top = H - MARGIN
    right = W - MARGIN
    doc.text(W / 2, top - 20, "受付日報", 18, align="center", bold=True, char_space=4)
    day = f"{wareki(data.day)}（{weekday_ja(data.day)}）　{data.day.isoformat()}"
    doc.text(MARGIN, top - 10, data.issuer.name, 9)
    doc.fit(_branch_and_terminal(data), MARGIN, top - 28, 300, 14, 10, pad=0, wrap=False)
    doc.text(MARGIN, top - 42, day, 10)
    x = MARGIN
    sy = top - 62
    if data.state == LogState.INTERIM:
        x += doc.stamp(x, sy, "中間出力（締め前）", 9) + 6
    if data.copy:
        x += doc.stamp(x, sy, "写し", 9) + 6
    if data.training:
        x += doc.stamp(x, sy, "見本", 9) + 6
    if data.state == LogState.CLOSED:
        closed = wareki_datetime(data.closed_at) if data.closed_at else ""
        text = f"締め番号 {data.close_number or ''}　締め日時 {closed}"
        if data.closed_by:
            text += f"　責任者 {data.closed_by}"
        doc.fit(text, x, sy - 4, 420, 14, 8.5, pad=0, wrap=False)
    doc.text(right, top - 10, f"出力日時 {wareki_datetime(data.printed_at)}", 8, align="right")
    if data.copy:
        doc.watermark("写し", size=150, cx=doc.width / 2 - (160 if data.training else 0))
    if data.training:
        doc.watermark("見本", size=150, cx=doc.width / 2 + (160 if data.copy else 0))
    del first


def _branch_and_terminal(data: DailyLogData) -> str:
    """水戸宅配センター　端末 BR01-02 (the branch name alone for a log without a terminal)."""
    if not data.terminal:
        return data.issuer.branch_name
    return f"{data.issuer.branch_name}　端末 {data.terminal}"


def _page_footer(doc: Document, data: DailyLogData, n: int, m: int) -> None:
    y = MARGIN - 6
    doc.text(MARGIN, y, f"受付日報 {wareki(data.day)} {_branch_and_terminal(data)}", 7)
    doc.text(doc.width / 2, y, f"{n} / {m}", 9, align="center")
    mark = "中間出力" if data.state == LogState.INTERIM else f"締め番号 {data.close_number or ''}"
    doc.text(doc.width - MARGIN, y, mark, 7, align="right")
