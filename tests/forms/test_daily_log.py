"""受付日報: columns, totals, voids and reprints, paging "n / m", interim / closed / copy, and
the summary that never stands alone on the last page."""

from __future__ import annotations

import re

import pytest

from counter_app.domain.cash_count import CashCount
from counter_app.printables.daily_log import (
    DAILY_LOG_COLUMNS,
    DailyLogTotals,
    LogRowKind,
    log_row_cells,
)
from forms import daily_log
from forms.fonts import printed_text
from tests.forms import samples
from tests.forms.readback import page_count, page_sizes, poppler_text, pypdf_text, squeeze


def test_one_page_log_has_every_column_row_total_and_seal_box():
    data = samples.daily_log(12)
    pdf = daily_log.render(data)
    assert page_count(pdf) == 1
    width, height = page_sizes(pdf)[0]
    assert width > height  # landscape
    for text in (squeeze(poppler_text(pdf)), squeeze(pypdf_text(pdf))):
        assert "受付日報" in text
        assert "令和7年11月26日（水）2025-11-26" in text
        assert "".join(header for _, header in DAILY_LOG_COLUMNS) in text
        for row in data.rows:
            cells = log_row_cells(row)
            assert squeeze(printed_text(cells["number"] + cells["time"] + cells["staff"])) in text
        assert "𠮷田太郎" in text and "髙橋一郎" in text and "﨑山次郎" in text
        assert "葛城三郎" in text  # variation selector dropped at print time
        totals = data.effective_totals
        assert f"合計{totals.requests}件" in text
        assert f"{totals.fee:,}{totals.postage:,}{totals.total:,}{totals.tax:,}" in text
        assert "取消R-MT-2025-000104" in text and "再発行R-MT-2025-000101" in text
        assert "△1,1000△1,100△100R-MT-2025-000104" in text  # the void's own line
        assert "期限超過" in text and "再請求" in text
        assert f"現金理論残高（受領額計）¥{data.cash_expected:,}" in text
        assert f"受領額計¥{totals.total:,}" in text and totals.total == data.cash_expected
        assert f"受領額に含まれる消費税等¥{totals.tax:,}" in text
        assert "未実査" in text
        assert "担当責任者" in text
        assert "1/1" in text


def test_interim_log_says_so_and_has_no_close_number():
    text = squeeze(poppler_text(daily_log.render(samples.daily_log(3))))
    assert "中間出力（締め前）" in text
    assert "締め番号" not in text and "写し" not in text and "見本" not in text


def test_closed_log_carries_its_close_number_and_time_and_a_copy_says_so():
    original = squeeze(poppler_text(daily_log.render(samples.closed_log(3))))
    assert "締め番号C-MT-2025-0087" in original
    assert "締め日時令和7年11月26日17:05" in original
    assert "中間出力" not in original and "写し" not in original
    assert "過不足（実査額−理論残高）過不足なし" in original
    copy = daily_log.render(samples.closed_log(3, copy=True))
    for text in (squeeze(poppler_text(copy)), squeeze(pypdf_text(copy))):
        assert "写し" in text and "締め番号C-MT-2025-0087" in text


def test_cash_difference_is_said_as_shortage_or_excess_with_its_reason():
    data = samples.closed_log(5)
    short = samples.closed_log(5, cash_counted=data.cash_expected - 100, variance_note="釣銭誤り")
    text = squeeze(poppler_text(daily_log.render(short)))
    assert "不足100円" in text and "過不足の理由釣銭誤り" in text
    over = samples.closed_log(5, cash_counted=data.cash_expected + 10, variance_note="未確認")
    assert "過剰10円" in squeeze(poppler_text(daily_log.render(over)))


def test_the_cash_count_is_printed_denomination_by_denomination_with_its_total():
    count = CashCount.of({10_000: 1, 1_000: 2, 500: 1, 100: 3, 10: 4, 1: 7})
    data = samples.closed_log(5, cash_counted=count.total, cash_count=count)
    text = squeeze(poppler_text(daily_log.render(data)))
    assert "金種表金種枚数金額" in text
    assert "10,000円110,000" in text and "1,000円22,000" in text and "1円77" in text
    assert "5,000円00" in text
    assert f"合計（実査額）{count.total:,}" in text
    # a day closed before the 金種表 existed says so; an open day says when it is counted
    assert "記録なし" in squeeze(poppler_text(daily_log.render(samples.closed_log(5))))
    assert "締めるときに数えます" in squeeze(poppler_text(daily_log.render(samples.daily_log(5))))


def test_long_log_is_paged_n_of_m_with_headers_on_every_page():
    data = samples.daily_log(100)
    pdf = daily_log.render(data)
    m = page_count(pdf)
    assert m >= 4
    headers = "".join(header for _, header in DAILY_LOG_COLUMNS)
    seen_numbers = []
    for n in range(1, m + 1):
        text = squeeze(poppler_text(pdf, first=n))
        assert f"{n}/{m}" in text
        assert "受付日報" in text
        on_page = [r.number for r in data.rows if r.number in text]
        if on_page:
            assert headers in text
        seen_numbers += on_page
    assert seen_numbers == [r.number for r in data.rows]  # every row once, in order
    assert "合計100件" in squeeze(poppler_text(pdf))


def test_training_log_and_empty_day():
    data = samples.daily_log(0, events=(), training=True, cash_expected=0)
    text = squeeze(poppler_text(daily_log.render(data)))
    assert "本日の受付はありません" in text and "見本" in text and "合計0件" in text


def test_totals_add_every_line_and_a_void_line_cancels_its_receipt():
    rows = samples.with_void_lines(samples.log_rows(6))
    totals = DailyLogTotals.from_rows(rows)
    voided = [r for r in rows if r.receipt_voided]
    assert totals.requests == 6 and len(rows) == 7
    assert (
        totals.fee
        == sum(r.fee for r in rows)
        == sum(r.fee for r in rows if r.kind is LogRowKind.REQUEST and not r.receipt_voided)
    )
    assert totals.voided_amount == sum(r.fee + r.postage for r in voided)


# -- the summary keeps the last rows with it ("keep with next") -------------------------------
FOOTER_PAGE = re.compile(r"(\d+) / (\d+)")


def pages_read_back(pdf: bytes) -> list[str]:
    """Each page's text as pdftotext reads it (one process per PDF, pages split at the form
    feeds; pypdf reads the same text about six times slower, and these tests read 70 logs)."""
    pages = poppler_text(pdf).split("\f")
    assert pages[-1] == "", "pdftotext ends every page with a form feed"
    assert len(pages) - 1 == page_count(pdf)
    return pages[:-1]


def check_summary_has_rows_above_it(data, *, at_least: int) -> tuple[int, int]:
    """Render ``data``: pages numbered "n / m" with m the real page count, every row once and
    in order, the summary on the last page only, with ``at_least`` request rows on that page.
    Returns (pages, rows on the summary page)."""
    pages = pages_read_back(daily_log.render(data))
    m = len(pages)
    numbers = list(dict.fromkeys(r.number for r in data.rows))  # a void line repeats one
    seen: list[str] = []
    for n, text in enumerate(pages, start=1):
        assert FOOTER_PAGE.findall(text) == [(str(n), str(m))], (len(data.rows), n)
        seen += [number for number in numbers if number in text and number not in seen]
    assert seen == numbers  # every row, in order
    with_summary = [n for n, text in enumerate(pages, start=1) if "現金 理論残高" in text]
    assert with_summary == [m], (len(data.rows), with_summary, m)
    on_summary_page = [number for number in numbers if number in pages[-1]]
    assert len(on_summary_page) >= at_least, (len(data.rows), m, on_summary_page)
    assert "担当 責任者" in pages[-1]
    assert f"合計 {data.effective_totals.requests}件" in pages[-1]
    return m, len(on_summary_page)


def test_summary_page_always_carries_request_rows_across_two_page_breaks():
    """10..60 rows with the sample's void and reprint: the page breaks fall after about 28 and
    56 rows; 16-28 and 44-56 rows used to leave the summary alone on the last page."""
    page_counts = set()
    for n in range(10, 61):
        pages, _ = check_summary_has_rows_above_it(samples.daily_log(n), at_least=min(3, n))
        page_counts.add(pages)
    assert page_counts == {1, 2, 3}  # two page breaks covered


@pytest.mark.parametrize("rows", [19, 20, 28, 29, 47, 48, 56, 57])
def test_summary_keeps_rows_on_a_day_without_voids_or_reprints(rows):
    check_summary_has_rows_above_it(samples.daily_log(rows, events=()), at_least=3)


def test_rows_are_moved_forward_only_when_the_summary_would_be_alone():
    # 20 rows used to fill page 1 with rows, totals and events, and put the summary alone on
    # page 2: now the last 3 rows go with it
    assert check_summary_has_rows_above_it(samples.daily_log(20), at_least=3) == (2, 3)
    # 12 rows: everything fits on one page, nothing moves
    assert check_summary_has_rows_above_it(samples.daily_log(12), at_least=12) == (1, 12)


def test_a_day_with_a_page_of_voids_keeps_the_last_of_them_with_the_summary():
    """When voids and reprints alone fill a page, no request row can share the summary's page:
    the last voids/reprints do instead, and nothing is lost."""
    void, reprint = samples.daily_log().events
    events = tuple((void, reprint)[i % 2] for i in range(40))
    data = samples.daily_log(10, events=events)
    pages = pages_read_back(daily_log.render(data))
    m = len(pages)
    for n, text in enumerate(pages, start=1):
        assert FOOTER_PAGE.findall(text) == [(str(n), str(m))]
    assert "現金 理論残高" in pages[-1]
    assert len(re.findall(r"^(取消|再発行) R-MT-", pages[-1], re.M)) >= 3
    event_lines = sum(len(re.findall(r"^(取消|再発行) R-MT-", t, re.M)) for t in pages)
    assert event_lines == 40


def test_the_log_names_its_terminal_on_every_page():
    """A log and its close are per terminal (issue 12): the branch name is followed by the
    terminal in the header and in every page's footer."""
    import dataclasses

    data = dataclasses.replace(samples.daily_log(60), terminal="MT-02")
    pdf = daily_log.render(data)
    assert page_count(pdf) > 1
    text = squeeze(poppler_text(pdf))
    assert text.count("端末MT-02") == 2 * page_count(pdf)  # each page's header and footer
    alone = squeeze(poppler_text(daily_log.render(samples.daily_log(3))))
    assert "端末" not in alone
