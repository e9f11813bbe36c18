"""The daily log adds up on paper: for every money column, the numbers a reader finds in the
column (read back from the PDF with pdftotext, every page) sum to the total printed under it.

Data-driven: the columns are :data:`counter_app.printables.daily_log.MONEY_COLUMNS` with their headers
from ``DAILY_LOG_COLUMNS``, and the lines are whatever rows the log holds, of every
:class:`~counter_app.printables.daily_log.LogRowKind` (a request, a 取消 line, a 精算 line — a refund
negative — and a 精算取消 line, and any kind added later: the strategy is checked to draw every
kind), so a new kind of line is summed by the same test.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from counter_app.printables.daily_log import (
    DAILY_LOG_COLUMNS,
    MONEY_COLUMNS,
    DailyLogData,
    DailyLogRow,
    DailyLogTotals,
    LogRowKind,
)
from forms import daily_log
from tests.forms import samples
from tests.forms.readback import words

AMOUNT = re.compile(r"^△?\d{1,3}(,\d{3})*$")


def _number(text: str) -> int:
    return -int(text[1:].replace(",", "")) if text.startswith("△") else int(text.replace(",", ""))


def column_figures(pdf: bytes) -> dict[str, tuple[list[int], int]]:
    """Per money column header: the amounts printed on its lines (all pages) and the total
    printed on the 合計 row under it."""
    headers = dict(DAILY_LOG_COLUMNS)
    found = words(pdf)
    lines: dict[str, list[int]] = {headers[k]: [] for k in MONEY_COLUMNS}
    totals: dict[str, int] = {}
    for page in sorted({w[0] for w in found}):
        on_page = [w for w in found if w[0] == page]
        first = next(w for w in on_page if w[5] == headers["number"])
        header_y = first[2]
        row = sorted(
            (w for w in on_page if abs(w[2] - header_y) < 1.5), key=lambda w: w[1]
        )  # the column headers, left to right
        centres = [((w[1] + w[3]) / 2, w[5]) for w in row]
        total_row = [w for w in on_page if w[5].startswith("合計") and w[1] < first[3]]
        footer = next(w for w in on_page if w[5] == "/")  # the page's "n / m"
        bottom = total_row[0][2] if total_row else footer[2] - 2

        for w in on_page:
            if not AMOUNT.match(w[5]) or w[2] <= header_y + 1:
                continue
            x = (w[1] + w[3]) / 2
            column = min(centres, key=lambda c: abs(c[0] - x))[1]  # the nearest header
            if column not in lines:
                continue
            if w[2] < bottom - 1:
                lines[column].append(_number(w[5]))
            elif abs(w[2] - bottom) < 3:
                totals[column] = _number(w[5])
    return {header: (lines[header], totals[header]) for header in lines}


def assert_reconciles(data: DailyLogData) -> dict[str, tuple[list[int], int]]:
    figures = column_figures(daily_log.render(data))
    totals = data.effective_totals
    headers = dict(DAILY_LOG_COLUMNS)
    for key in MONEY_COLUMNS:
        amounts, printed = figures[headers[key]]
        assert sum(amounts) == printed, (headers[key], amounts, printed)
        assert printed == totals.column(key)
        assert len(amounts) == len(data.rows)  # every line shows its amount, none is hidden
    return figures


def test_a_day_with_a_void_and_a_reprint_adds_up_on_paper():
    data = samples.closed_log(8)
    assert any(r.kind is LogRowKind.VOID for r in data.rows)
    assert any(r.reprint_count for r in data.rows)
    figures = assert_reconciles(data)
    # the voided receipt shows its 1,100 and the 取消 line △1,100: a reader's sum leaves it out
    assert figures["受領額"][1] == data.cash_expected == 5_320
    assert 1_100 in figures["受領額"][0] and -1_100 in figures["受領額"][0]


def test_a_day_with_a_settlement_a_refund_and_a_settlement_void_adds_up_on_paper():
    base = samples.closed_log(8)
    request = replace(samples.log_rows(1)[0], number="MT-20251118-001")
    collected = samples.settlement_line(
        request, samples.AT, "S-MT-2025-000011", fee=1_200, postage=0, tax=109
    )
    voided = samples.settlement_void_line(collected, samples.AT + timedelta(minutes=5))
    again = replace(collected, received_at=samples.AT + timedelta(minutes=9))
    refund = samples.settlement_line(
        replace(request, number="MT-20251118-002"),
        samples.AT + timedelta(hours=2),
        "S-MT-2025-000012",
        fee=80,
        postage=-1_040,
        tax=-88,
    )
    rows = tuple(
        sorted((*base.rows, collected, voided, again, refund), key=lambda r: r.received_at)
    )
    cash = base.cash_expected + 1_200 - 960
    data = replace(base, rows=rows, totals=None, cash_expected=cash, cash_counted=cash)
    figures = assert_reconciles(data)
    assert figures["受領額"][1] == data.cash_expected == 5_560
    assert -960 in figures["受領額"][0] and -1_040 in figures["郵送料"][0]
    assert data.effective_totals.settled_amount == 240


def test_a_day_that_only_refunded_says_its_negative_sums_with_a_triangle():
    from tests.forms.readback import poppler_text, squeeze

    refund = samples.settlement_line(
        samples.log_rows(1)[0], samples.AT, "S-MT-2025-000012", fee=80, postage=-1_040, tax=-88
    )
    data = samples.closed_log(0, rows=(refund,), cash_expected=-960, cash_counted=None)
    assert assert_reconciles(data)["受領額"][1] == -960
    text = squeeze(poppler_text(daily_log.render(data)))
    assert "手数料¥80郵送料△¥1,040受領額計△¥960" in text
    assert "消費税等△¥88" in text and "現金理論残高（受領額計）△¥960" in text
    assert "精算1件（追加受領¥80返金¥1,040" not in text  # the line's 受領額 is what moved
    assert "精算1件（追加受領¥0返金¥960差引△¥960、受領額計に含む）" in text


amounts = st.integers(min_value=0, max_value=20_000)


@st.composite
def log_lines(draw: st.DrawFn) -> tuple[DailyLogRow, ...]:
    n = draw(st.integers(min_value=0, max_value=45))
    rows = []
    for row in samples.log_rows(n):
        fee, postage = draw(amounts), draw(st.sampled_from((0, 460, 720)))
        tax = (fee + postage) * 10 // 110
        rows.append(
            replace(
                row,
                fee=fee,
                postage=postage,
                tax=tax,
                receipt_voided=draw(st.booleans()),
                reprint_count=draw(st.integers(0, 2)),
            )
        )
    lines = [
        samples.void_line(r, r.received_at + timedelta(minutes=draw(st.integers(1, 200))))
        for r in rows
        if r.receipt_voided
    ]
    # voids made today of receipts issued on an earlier day: a 取消 line without its row
    for i in range(draw(st.integers(0, 2))):
        earlier = replace(samples.log_rows(1)[0], number=f"MT-20251120-{i + 1:03d}")
        lines.append(
            samples.void_line(
                replace(earlier, fee=draw(amounts), postage=460, tax=100),
                samples.AT + timedelta(minutes=7 * i),
            )
        )
    # settlements (精算) made today of requests taken earlier: collected or refunded (every
    # column signed either way), some voided again (精算取消)
    for i in range(draw(st.integers(0, 3))):
        request = replace(samples.log_rows(1)[0], number=f"MT-20251118-{i + 1:03d}")
        fee, postage = draw(differences), draw(st.sampled_from((0, 460, -460, -1040)))
        settled_at = samples.AT + timedelta(minutes=draw(st.integers(0, 400)))
        line = samples.settlement_line(
            request,
            settled_at,
            f"S-MT-2025-{i + 1:06d}",
            fee=fee,
            postage=postage,
            tax=(fee + postage) * 10 // 110,
        )
        lines.append(line)
        if draw(st.booleans()):
            later = settled_at + timedelta(minutes=draw(st.integers(1, 60)))
            lines.append(samples.settlement_void_line(line, later))
    return tuple(sorted((*rows, *lines), key=lambda r: r.received_at))


differences = st.integers(min_value=-20_000, max_value=20_000)


def test_the_lines_drawn_include_every_kind_of_line():
    """The property below sums lines of every kind: a kind added to LogRowKind and not drawn
    here fails this test."""
    found = find(log_lines(), lambda rows: {r.kind for r in rows} == set(LogRowKind))
    assert {r.kind for r in found} == set(LogRowKind)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=log_lines())
def test_every_money_column_sums_to_its_total_whatever_the_lines(rows):
    totals = DailyLogTotals.from_rows(rows)
    data = samples.closed_log(0, rows=rows, cash_expected=totals.total, events=())
    figures = assert_reconciles(data)
    settled = [r.total for r in rows if r.kind.is_settlement]
    assert totals.settled_amount == sum(settled)
    # the 受領額 total is the cash: requests' receipts net of voids, settlements net of
    # refunds and of their voids
    receipts = sum(r.total for r in rows if r.kind in (LogRowKind.REQUEST, LogRowKind.VOID))
    assert figures["受領額"][1] == receipts + totals.settled_amount
