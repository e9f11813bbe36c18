"""Numbers typed with the input method on (full-width 「１２」) are read on the fee page: the
pages and media counts (NumberSpinBox, as the cash count's box), the cash received and a
reduction; what is no number is said in Japanese under its box and the quote stays right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from counter_app.domain.requests import DisclosureMethod
from tests.ui.intake import drive


def to_fee_page(wizard, today) -> None:
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_FEE


def type_text(box, text: str) -> None:
    """What the input method commits: a key event carrying the text, then Enter."""
    edit = box.lineEdit()
    edit.selectAll()
    for char in text:
        QApplication.sendEvent(
            edit, QKeyEvent(QKeyEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        )
    box.editingFinished.emit()
    drive.settle()


def paper_line(page) -> tuple[int, int]:
    line = next(li for li in page.quote.lines if li.quantity != 1 or "複写" in li.label)
    return line.quantity, line.amount


def test_full_width_pages_are_read_and_the_quote_follows(wizard, today):
    to_fee_page(wizard, today)
    page = wizard.fee_page
    page.pages.setValue(1)
    drive.settle()
    before = page.quote.total
    type_text(page.pages, "１２")
    assert page.pages.value() == 12
    assert page.quote.total > before
    assert page.pages_reason.text() == ""
    quantity, _ = paper_line(page)
    assert quantity == 12


def test_full_width_text_through_set_text_and_editing_finished(wizard, today):
    to_fee_page(wizard, today)
    page = wizard.fee_page
    page.pages.lineEdit().setText("２０枚")
    page.pages.interpretText()
    page.pages.editingFinished.emit()
    drive.settle()
    assert page.pages.value() == 20
    assert paper_line(page)[0] == 20


def test_a_letter_is_said_under_the_box_and_the_count_kept(wizard, today):
    to_fee_page(wizard, today)
    page = wizard.fee_page
    page.pages.setValue(5)
    drive.settle()
    total = page.quote.total
    type_text(page.pages, "x")
    assert page.pages.value() == 5 and page.quote.total == total
    assert "複写の枚数は数字で入力してください" in page.pages_reason.text()
    assert page.pages_reason.isVisibleTo(page)
    type_text(page.pages, "７")
    assert page.pages.value() == 7 and page.pages_reason.text() == ""


def test_full_width_media_count(wizard, today):
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.choose(wizard.types_page.method, DisclosureMethod.ELECTRONIC_MEDIUM.value)
    drive.settle()
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    page = wizard.fee_page
    assert page.media.isVisibleTo(page)
    type_text(page.media, "２")
    assert page.media.value() == 2
    assert page.questions().media_count == 2
    type_text(page.media, "ふたつ")
    assert page.media.value() == 2
    assert "媒体の数は数字で入力してください" in page.media_reason.text()


def test_full_width_cash_and_reduction(wizard, today):
    to_fee_page(wizard, today)
    page = wizard.fee_page
    page.pages.setValue(12)
    drive.settle()
    due = page.quote.total
    page.received.setText("５，０００円")
    drive.settle()
    assert page.received_amount() == 5000
    assert page.change_label.text() == drive_yen(5000 - due)
    page.received.setText("ごせん")
    drive.settle()
    assert "数字" in page.cash_reason.text()
    page.adjust.setChecked(True)
    page.reduce.setChecked(True)
    page.reduce_amount.setText("１００")
    page.adjust_reason.setText("生活保護を受けているため")
    drive.settle()
    assert page.adjustment().amount == 100


def drive_yen(amount: int) -> str:
    from ui.intake.fee import yen

    return yen(amount)
