"""Keyboard-only use: Enter goes on, Tab follows the page in reading order, Esc asks."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.intake import drive

pytestmark = drive.OFFSCREEN_NOISE


def test_enter_in_a_field_presses_next(wizard, qtbot):
    drive.fill_requester(wizard)
    wizard.activateWindow()
    wizard.requester_page.phone.setFocus()
    qtbot.keyClick(wizard.requester_page.phone, Qt.Key.Key_Return)
    drive.settle()
    assert wizard.currentId() == wizard.PAGE_TYPES


def test_enter_does_nothing_while_next_is_disabled(wizard, qtbot):
    page = wizard.requester_page
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    drive.settle()
    assert wizard.currentId() == wizard.PAGE_REQUESTER
    assert "氏名を入力してください" in page.blocker_label.text()


def test_tab_walks_the_requester_page_in_reading_order(wizard):
    page = wizard.requester_page
    wizard.activateWindow()
    order = [
        page.member_number,
        page.name,
        page.furigana,
        page.birth_date.era,
        page.birth_date.year,
        page.birth_date.month,
        page.birth_date.day,
        page.postal_code,
        page.address,
        page.phone,
    ]
    page.member_number.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(len(order) - 1):
        wizard.focusNextChild()
        seen.append(QApplication.focusWidget())
    assert seen == order


def test_escape_asks_before_cancelling(wizard, told, qtbot):
    drive.fill_requester(wizard)
    told.answers[:] = [False]
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert told[-1][0] == "confirm"


def test_the_fields_have_mnemonics(wizard):
    from PySide6.QtWidgets import QLabel

    labels = {label.text() for label in wizard.requester_page.findChildren(QLabel) if label.buddy()}
    assert {"氏名(&N)", "フリガナ(&F)", "生年月日(&B)", "郵便番号(&P)", "住所(&A)"} <= labels


def tab_chain(wizard, page, limit=200):
    """The widgets of ``page`` that Tab visits, in order, starting from its first one."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    inputs = (QLineEdit, QComboBox, QAbstractButton, QAbstractSpinBox)
    first = next(
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, inputs) and w.isVisibleTo(page) and w.isEnabled()
    )
    first.setFocus()
    seen = []
    widget = QApplication.focusWidget()
    while widget is not None and len(seen) < limit:
        if page.isAncestorOf(widget) and widget not in seen:
            seen.append(widget)
        elif seen and not page.isAncestorOf(widget):
            break  # left the page: the wizard's buttons come next
        wizard.focusNextChild()
        widget = QApplication.focusWidget()
    return seen


def positions(page, widgets):
    return [w.mapTo(page, QPoint(0, 0)) for w in widgets]


@pytest.mark.parametrize("page_id", ["requester", "types", "identity", "proxy"])
def test_tab_follows_reading_order_on_every_single_column_page(wizard, today, page_id):
    wizard.activateWindow()
    drive.fill_requester(wizard, proxy_visit=True)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    page = {
        "requester": wizard.requester_page,
        "types": wizard.types_page,
        "identity": wizard.identity_page,
        "proxy": wizard.proxy_page,
    }[page_id]
    if page_id in ("identity", "proxy"):
        drive.press_next(wizard)
        drive.fill_principal_papers_for_proxy(wizard.identity_page.panel, today)
    if page_id == "proxy":
        drive.press_next(wizard)
        drive.fill_voluntary_proxy(wizard, today)
    if page_id == "requester":
        wizard.back()
    drive.settle()
    chain = tab_chain(wizard, page)
    assert len(chain) >= 5
    points = positions(page, chain)
    for (a, wa), (b, wb) in itertools.pairwise(zip(points, chain, strict=True)):
        same_row = abs(a.y() - b.y()) < 12
        assert b.y() > a.y() or (same_row and b.x() > a.x()), (
            f"Tab goes from {wa.objectName() or type(wa).__name__} to "
            f"{wb.objectName() or type(wb).__name__} against the reading order"
        )


def test_tab_on_the_fee_page_goes_down_the_questions_then_to_the_cash(wizard, today):
    wizard.activateWindow()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    page = wizard.fee_page
    page.pages.setValue(12)  # the count is answered first (no default): the cash box opens
    drive.settle()
    names = [w.objectName() for w in tab_chain(wizard, page)]
    order = ["pages", "delivery", "mail_class", "adjust", "received"]
    assert [n for n in names if n in order] == order


def test_tab_reaches_the_original_tick_before_the_match_ticks(wizard, today):
    """The 原本 tick is keyboard-reachable: Tab visits it right before 氏名が一致 in each
    document block, and Space ticks it."""
    wizard.activateWindow()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    page = wizard.identity_page
    drive.fill_drivers_license(page.panel, today)
    row = page.panel.rows[0]
    row.original.setChecked(False)
    drive.settle()
    names = [w.objectName() for w in tab_chain(wizard, page)]
    assert names.index("doc1_original") + 1 == names.index("doc1_name")
    row.original.setFocus()
    QTest.keyClick(row.original, Qt.Key.Key_Space)
    drive.settle()
    assert row.original.isChecked()
    assert page.panel.verdict is not None and page.panel.verdict.passed
