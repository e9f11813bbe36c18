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
    assert {"氏名(&E)", "フリガナ(&F)", "生年月日(&Y)", "郵便番号(&P)", "住所(&A)"} <= labels


def visible_mnemonics(wizard):
    """Alt+letter -> the visible widgets that answer it (labels with a buddy, buttons)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.ui.intake.counter_keys import mnemonic_of

    owners = {}
    for widget in wizard.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            letter = mnemonic_of(widget.text())
            if letter:
                owners.setdefault(letter, []).append(widget.text())
    return owners


@pytest.mark.parametrize("proxy_visit", [False, True])
def test_every_mnemonic_on_every_page_belongs_to_one_widget(wizard, today, proxy_visit):
    """An ambiguous Alt+letter only moves the focus between its owners: Alt+N was both 次へ
    and 氏名 (and 代理人の氏名), so it did not go on."""
    wizard.activateWindow()
    drive.fill_requester(wizard, proxy_visit=proxy_visit)
    pages = []
    while wizard.currentId() != wizard.PAGE_DONE:
        drive.settle()
        owners = visible_mnemonics(wizard)
        pages.append(wizard.currentId())
        shared = {k: v for k, v in owners.items() if len(v) > 1}
        assert not shared, f"page {wizard.currentId()}: {shared}"
        if wizard.currentId() == wizard.PAGE_TYPES:
            drive.fill_types_disclosure(wizard)
        elif wizard.currentId() == wizard.PAGE_IDENTITY and not proxy_visit:
            drive.fill_drivers_license(wizard.identity_page.panel, today)
        elif wizard.currentId() == wizard.PAGE_PROXY:
            drive.fill_voluntary_proxy(wizard, today)
        elif wizard.currentId() == wizard.PAGE_FEE:
            drive.fill_fee(wizard)
        drive.press_next(wizard)
    assert len(pages) >= 5


def test_alt_n_goes_on(wizard, qtbot):
    drive.fill_requester(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.requester_page.name.setFocus()
    QTest.keyClick(wizard.requester_page.name, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.PAGE_TYPES, timeout=2000)


def test_each_page_opens_with_the_focus_in_its_first_field(wizard, qtbot, today):
    """The first keystrokes land in a field: never on a radio button or a frame."""
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.requester_page.member_number)
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    first_type = next(iter(wizard.types_page.type_checks.values()))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first_type)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    doc_type = wizard.identity_page.panel.rows[0].doc_type
    qtbot.waitUntil(lambda: QApplication.focusWidget() is doc_type)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    # the copy count is still to answer (no default): the page opens on it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.fee_page.pages)


def test_a_pick_key_chooses_the_document_and_moves_to_its_date(wizard, qtbot, today):
    wizard.activateWindow()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    row = wizard.identity_page.panel.rows[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is row.doc_type)
    assert row.doc_type.itemText(1).startswith("1 運転免許証")
    QTest.keyClick(row.doc_type, Qt.Key.Key_1)
    drive.settle()
    assert row.doc_type.currentData() == "drivers_license"
    assert QApplication.focusWidget() is row.expiry.era
    # the arrows still browse the list without leaving it
    row.doc_type.setFocus()
    QTest.keyClick(row.doc_type, Qt.Key.Key_Down)
    drive.settle()
    assert QApplication.focusWidget() is row.doc_type


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


def test_the_confirmation_is_reached_by_tab_right_after_the_date_and_ticked_by_space(wizard, today):
    """The one confirmation is keyboard-reachable: Tab visits it right after the document's
    date, before the mismatch marks, and Space ticks it."""
    wizard.activateWindow()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    page = wizard.identity_page
    drive.fill_drivers_license(page.panel, today)
    row = page.panel.rows[0]
    row.confirmed.setChecked(False)
    drive.settle()
    names = [w.objectName() for w in tab_chain(wizard, page)]
    assert names.index("doc1_confirmed") + 1 == names.index("doc1_name_differs")
    row.confirmed.setFocus()
    QTest.keyClick(row.confirmed, Qt.Key.Key_Space)
    drive.settle()
    assert row.confirmed.isChecked()
    assert page.panel.verdict is not None and page.panel.verdict.passed
