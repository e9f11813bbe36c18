"""Keyboard-only use: Enter goes on, Tab follows the page in reading order, Esc asks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

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
