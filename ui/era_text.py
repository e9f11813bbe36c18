"""和暦 dates as the window shows them, in the catalogue's language.

The Japanese text is the domain's own (``counter_app.domain.wareki.wareki_with_seireki``:
令和6年(2024年)4月1日); the word order is the catalogue's, so the English window reads
"1 April 2024 (Reiwa 6)" instead of the Japanese order with English words in it. Only what is
*shown* goes through here: a period stored on a request (and printed on its forms) stays as
written, in Japanese (``ui.intake.submission.period_text``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain import wareki


def era_label(name: str) -> str:
    """The era name (or 西暦, the Western calendar) as the window shows it: 令和 / Reiwa."""
    labels = {  # literal calls, so that lupdate finds them
        "令和": QCoreApplication.translate("Era", "令和"),
        "平成": QCoreApplication.translate("Era", "平成"),
        "昭和": QCoreApplication.translate("Era", "昭和"),
        "大正": QCoreApplication.translate("Era", "大正"),
        "明治": QCoreApplication.translate("Era", "明治"),
        "西暦": QCoreApplication.translate("Era", "西暦"),
    }
    return labels.get(name, name)


def era_date_text(value: dt.date) -> str:
    """``value`` in 和暦 with the 西暦 year: 令和6年(2024年)4月1日 / 1 April 2024 (Reiwa 6).

    The pattern's fields: ``era`` (shown name), ``era_year`` (元 for the first year),
    ``era_number`` (always a number), ``year``, ``month``, ``day`` and ``month_name`` (the
    month's English name, for catalogues whose order spells it out)."""
    name, number = wareki.era_of(value)
    return QCoreApplication.translate(
        "EraDate", "{era}{era_year}年({year}年){month}月{day}日"
    ).format(
        era=era_label(name),
        era_year="元" if number == 1 else str(number),
        era_number=number,
        year=value.year,
        month=value.month,
        day=value.day,
        month_name=QLocale(QLocale.Language.English).monthName(value.month),
    )
