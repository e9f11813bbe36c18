"""和暦 dates in the window's language: the Japanese window shows exactly what it showed (the
domain's 令和6年(2024年)4月1日, 「[日付] から [日付] まで」 on one line); the English one reads
in English order ("1 April 2024 (Reiwa 6)", a From / To label pair, "year [6] month [4]"),
where it read "6 year 4 month 1 day (year 2024) from … 31 day to" and was cut at the right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from counter_app.domain.wareki import wareki_with_seireki
from tests.ui.intake import drive
from ui.era_text import era_date_text
from ui.intake.fields import EraDateInput

#: The wizard's size on the branch PC's 1366 x 768 screen (normal, large text).
WIZARD_SIZE = {False: (960, 700), True: (1306, 708)}

DATES = {
    dt.date(2024, 4, 1): "1 April 2024 (Reiwa 6)",
    dt.date(2025, 3, 31): "31 March 2025 (Reiwa 7)",
    dt.date(2019, 5, 1): "1 May 2019 (Reiwa 1)",  # 令和元年: the number in English
    dt.date(2019, 4, 30): "30 April 2019 (Heisei 31)",
    dt.date(1989, 1, 7): "7 January 1989 (Showa 64)",
    dt.date(1980, 4, 1): "1 April 1980 (Showa 55)",
}


def at(widget: QWidget, ancestor: QWidget) -> QPoint:
    return widget.mapTo(ancestor, QPoint(0, 0))


def middle(widget: QWidget, ancestor: QWidget) -> int:
    return at(widget, ancestor).y() + widget.height() // 2


def test_a_date_reads_in_the_windows_language(text_mode):
    language, _ = text_mode
    for value, english in DATES.items():
        expected = wareki_with_seireki(value) if language == "ja" else english
        assert era_date_text(value) == expected


def test_the_date_input_puts_its_units_where_the_language_does(text_mode, qtbot):
    language, _ = text_mode
    box = EraDateInput(default_era="令和")
    qtbot.addWidget(box)
    box.set_parts(drive.date_to_parts(dt.date(2024, 4, 1), "令和"))
    box.show()
    qtbot.waitExposed(box)
    units = {label.text(): label for label in box.unit_labels}
    fields = (box.year, box.month, box.day)
    if language == "ja":
        assert list(units) == ["年", "月", "日"]
        for field, unit in zip(fields, units.values(), strict=True):
            assert at(field, box).x() < at(unit, box).x()  # 6 年 4 月 1 日
        assert box.era.currentText() == "令和"
        assert box.echo.text() == "(西暦2024年)"
    else:
        assert list(units) == ["year", "month", "day"]
        for field, unit in zip(fields, units.values(), strict=True):
            assert at(unit, box).x() < at(field, box).x()  # year 6 month 4 day 1
        assert box.era.currentText() == "Reiwa"
        assert box.echo.text() == "(2024)"
    # what the box holds does not depend on the language it is shown in
    assert box.parts().era == "令和" and box.value() == dt.date(2024, 4, 1)
    assert box.state()["era"] == "令和"  # drafts stay readable in either language
    box.set_parts(drive.DateParts("西暦", "2024", "4", "1"))
    assert box.echo.text() == ("(令和6年)" if language == "ja" else "(Reiwa 6)")


def test_the_period_reads_from_to_and_fits_the_page(text_mode, qtbot, context, told):
    from ui.intake.wizard import IntakeWizard

    language, large_text = text_mode
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.resize(*WIZARD_SIZE[large_text])
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    page = wizard.types_page
    page.period_check.setChecked(True)
    drive.type_date(page.period_from, dt.date(2024, 4, 1))
    drive.type_date(page.period_to, dt.date(2025, 3, 31))
    drive.settle()
    assert page.period() == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))

    row = page.period_widget
    words = {label.text(): label for label in page.period_words}
    start, end = page.period_from, page.period_to
    if language == "ja":  # as before: one line, 「[日付] から [日付] まで」
        assert list(words) == ["から", "まで"]
        order = [start, words["から"], end, words["まで"]]
        assert [at(w, row).x() for w in order] == sorted(at(w, row).x() for w in order)
        assert len({middle(w, row) for w in order}) == 1
    else:  # "From [date]" over "To [date]": a label column, the dates at one x
        assert list(words) == ["From", "To"]
        assert at(words["From"], row).x() == at(words["To"], row).x() < at(start, row).x()
        assert at(start, row).x() == at(end, row).x()
        assert middle(words["From"], row) == middle(start, row)
        assert middle(words["To"], row) == middle(end, row) > middle(start, row)

    # nothing is cut at the right of the page (the scroll area never scrolls sideways)
    viewport = row.parentWidget()
    while viewport.objectName() != "qt_scrollarea_viewport":
        viewport = viewport.parentWidget()
    shown: list[QWidget] = [*page.period_words, start.echo, end.echo]
    for widget in shown:
        right = widget.mapTo(viewport, QPoint(widget.sizeHint().width(), 0)).x()
        assert right <= viewport.width(), (widget.text(), right, viewport.width())


def test_the_confirmation_shows_dates_in_the_windows_language(text_mode, qtbot, context, told):
    from ui.intake.wizard import IntakeWizard

    language, _ = text_mode
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    page = wizard.types_page
    page.period_check.setChecked(True)
    drive.type_date(page.period_from, dt.date(2024, 4, 1))
    drive.type_date(page.period_to, dt.date(2025, 3, 31))
    drive.settle()
    html = wizard.confirm_page.summary_html()
    if language == "ja":  # exactly as before
        assert "昭和55年(1980年)4月1日" in html
        assert "(期間: 令和6年(2024年)4月1日 〜 令和7年(2025年)3月31日)" in html
        assert "まで</td>" in html
    else:
        assert "1 April 1980 (Showa 55)" in html
        assert "(period: from 1 April 2024 (Reiwa 6) to 31 March 2025 (Reiwa 7))" in html
        assert "年" not in html  # no date in the Japanese order is left
        assert ">by " not in html  # the row is "Answer expected by": not "by by"

    # one end of the period only
    page.period_to.set_parts(drive.DateParts("令和", "", "", ""))
    drive.settle()
    html = wizard.confirm_page.summary_html()
    if language == "ja":
        assert "(期間: 令和6年(2024年)4月1日 〜 )" in html
    else:
        assert "(period: from 1 April 2024 (Reiwa 6))" in html


def test_the_stored_period_stays_japanese_in_the_english_window(text_mode):
    """The period goes on the request and its printed forms as written, in Japanese."""
    from ui.intake.submission import period_text

    start, end = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    assert period_text(start, end) == "令和6年(2024年)4月1日〜令和7年(2025年)3月31日"


def test_every_era_label_is_translated(text_mode):
    from ui.era_text import era_label

    language, _ = text_mode
    names = ("令和", "平成", "昭和", "大正", "明治", "西暦")
    shown = [era_label(name) for name in names]
    if language == "ja":
        assert shown == list(names)
    else:
        assert shown == ["Reiwa", "Heisei", "Showa", "Taisho", "Meiji", "Gregorian"]
