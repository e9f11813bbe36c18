"""Numbers per branch and fiscal year: format, April boundary, gapless under rollback."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.store.numbering import Series, allocate, fiscal_year, format_number


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2025, 12, 31), 2025),
        (dt.date(2026, 1, 1), 2025),
    ],
)
def test_fiscal_year_starts_in_april(day, year):
    assert fiscal_year(day) == year


def test_formats():
    assert format_number(Series.REQUEST, "BR01", 2025, 123, 1) == "R-BR01-01-2025-000123"
    assert format_number(Series.RECEIPT, "BR01", 2025, 45, 1) == "BR01-01-2025-000045"
    assert format_number(Series.DAY_CLOSE, "BR01", 2025, 7, 1) == "C-BR01-01-2025-0007"


def take(db, series, branch, on, *, commit=True):
    with db.unit_of_work() as uow:
        number = allocate(uow.session, series, branch, on)
        if commit:
            uow.commit()
    return number.text


def test_sequence_is_per_series_branch_and_year_and_gapless(db):
    on = dt.date(2026, 3, 31)
    assert take(db, Series.REQUEST, "BR01", on) == "R-BR01-01-2025-000001"
    assert take(db, Series.REQUEST, "BR01", on, commit=False) == "R-BR01-01-2025-000002"
    # the rolled-back number is handed out again: no gap
    assert take(db, Series.REQUEST, "BR01", on) == "R-BR01-01-2025-000002"
    assert take(db, Series.RECEIPT, "BR01", on) == "BR01-01-2025-000001"
    assert take(db, Series.REQUEST, "BR02", on) == "R-BR02-01-2025-000001"
    assert take(db, Series.REQUEST, "BR01", dt.date(2026, 4, 1)) == "R-BR01-01-2026-000001"
