"""和暦 dates: era boundaries, 元年, and the 西暦 companion form."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.wareki import era_of, wareki, wareki_with_seireki, wareki_year, weekday_ja


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
