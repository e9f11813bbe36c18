"""The daily log adds up on paper: for every money column, the numbers a reader finds in the
column (read back from the PDF with pdftotext, every page) sum to the total printed under it.

Data-driven: the columns are :data:`counter_app.printables.MONEY_COLUMNS` with their headers
from ``DAILY_LOG_COLUMNS``, and the lines are whatever rows the log holds, of every
:class:`~counter_app.printables.LogRowKind` (a request, a 取消 line, and any kind added later),
so a new kind of line is summed by the same test.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.printables import (
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
    return tuple(sorted((*rows, *lines), key=lambda r: r.received_at))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=log_lines())
def test_every_money_column_sums_to_its_total_whatever_the_lines(rows):
    totals = DailyLogTotals.from_rows(rows)
    data = samples.closed_log(0, rows=rows, cash_expected=totals.total, events=())
    assert_reconciles(data)
