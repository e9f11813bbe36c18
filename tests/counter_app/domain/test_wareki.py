"""和暦 dates: era boundaries, 元年, and the 西暦 companion form."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from counter_app.domain.wareki import (
    era_of,
    era_spans,
    from_wareki,
    wareki,
    wareki_with_seireki,
    wareki_year,
    weekday_ja,
)
from counter_app.errors import InputError


def test_a_reiwa_date():
    assert wareki(date(2025, 11, 26)) == "令和7年11月26日"


def test_heisei_ends_on_2019_04_30_and_reiwa_starts_with_gannen():
    assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(date(2019, 12, 31)) == "令和元年12月31日"
    assert wareki(date(2020, 1, 1)) == "令和2年1月1日"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1975, 3, 3), "昭和50年3月3日"),
    ],
)
def test_older_era_boundaries(day, expected):
    assert wareki(day) == expected


def test_year_and_seireki_forms():
    assert wareki_year(date(2025, 1, 1)) == "令和7年"
    assert era_of(date(2019, 5, 1)) == ("令和", 1)
    assert wareki_with_seireki(date(2025, 11, 26)) == "令和7年(2025年)11月26日"
    assert weekday_ja(date(2025, 11, 26)) == "水"


def test_before_meiji_is_refused():
    with pytest.raises(ValueError, match="和暦"):
        wareki(date(1868, 1, 24))


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "expected"),
    [
        ("令和", 1, 5, 1, date(2019, 5, 1)),
        ("令和", 7, 11, 26, date(2025, 11, 26)),
        ("平成", 31, 4, 30, date(2019, 4, 30)),
        ("平成", 1, 1, 8, date(1989, 1, 8)),
        ("昭和", 64, 1, 7, date(1989, 1, 7)),
        ("昭和", 60, 6, 16, date(1985, 6, 16)),
    ],
)
def test_from_wareki_reads_era_dates(era, year, month, day, expected):
    assert from_wareki(era, year, month, day) == expected
    assert wareki(expected).startswith(era)


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "says"),
    [
        ("平成", 32, 1, 1, "期間外"),  # 平成 ended in its 31st year
        ("令和", 1, 4, 30, "期間外"),  # 令和 began on 5/1
        ("昭和", 64, 1, 8, "期間外"),
        ("令和", 7, 2, 30, "存在しない日付"),
        ("令和", 0, 1, 1, "元年"),
        ("天平", 1, 1, 1, "元号"),
    ],
)
def test_from_wareki_refuses_dates_never_written(era, year, month, day, says):
    with pytest.raises(InputError, match=says):
        from_wareki(era, year, month, day)


def test_era_spans_touch_without_gaps():
    spans = era_spans()
    assert spans[0][2] is None  # the current era is open-ended
    for (_, start, _), (_, _, previous_last) in itertools.pairwise(spans):
        assert previous_last is not None and previous_last.toordinal() + 1 == start.toordinal()
