"""Supervisor window: the day's log on screen with the printed log's columns, its PDF, and
closing the day with the cash count (difference needs a reason; a closed day is final)."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from tests.ui.cash import count_out
from ui.supervisor import SupervisorWindow


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def window(opened, qtbot, dialogs):
    def make(role: str) -> SupervisorWindow:
        opened.login_as(role)
        w = SupervisorWindow(opened.context)
        qtbot.addWidget(w)
        return w

    return make


def test_the_days_log_matches_the_printed_columns(window):
    from counter_app.printables.daily_log import DAILY_LOG_COLUMNS

    w = window("supervisor")
    headers = [w.table.horizontalHeaderItem(c).text() for c in range(w.table.columnCount())]
    # the same words as the printed log (a two-word header may break after its slash)
    assert [h.replace("\n", "") for h in headers] == [h for _, h in DAILY_LOG_COLUMNS]
    assert w.table.rowCount() == 3
    assert "未締め" in w.state_label.text()
    assert w.cash_expected.text().startswith("¥")
    assert "件数 3 件" in w.totals_label.text()


def test_interim_log_preview(window):
    w = window("supervisor")
    preview = w.preview()
    text = pdf_text(preview.pdf_bytes)
    assert "受付日報" in text.replace(" ", "")
    assert w.table.item(0, 0).text() in text


def test_a_cash_difference_needs_a_reason(window, dialogs):
    w = window("supervisor")
    count_out(w, w.log.cash_expected + 10)
    assert "過剰" in w.difference.text()
    assert not w.close_day()
    assert any("過不足の理由" in e for e in dialogs.errors)
    assert "未締め" in w.state_label.text()


def test_close_the_day(window, dialogs):
    w = window("supervisor")
    count_out(w, w.log.cash_expected)
    assert "過不足なし" in w.difference.text()
    assert w.close_day()
    assert "締め済" in w.state_label.text()
    assert not w.close_day_button.isEnabled()
    assert not w.cash_counted.isEnabled()
    closed_pdf = w.previews[-1].pdf_bytes
    assert "C-BR01-" in pdf_text(closed_pdf)
    # the automatic day-close backup was taken and the supervisor was told where
    assert "自動バックアップを作成しました" in dialogs.infos[-1]
    backup_path = dialogs.infos[-1].split(": ", 1)[1]
    assert os.path.getsize(backup_path) > 0
    # nothing more can be dated that day: a reprint is refused by the services
    from ui.facade import payments

    with pytest.raises(Exception, match="締め済"):
        payments.reprint_receipt(
            w.context, next(r.receipt_number for r in w.log.rows if r.receipt_number)
        )


def test_staff_closing_asks_a_supervisor(window, dialogs, opened):
    w = window("staff")
    count_out(w, w.log.cash_expected)
    dialogs.approver = None
    assert not w.close_day()
    assert dialogs.approvals[-1][1] == "close_day"
    dialogs.approver = opened.template.actors["supervisor"]
    assert w.close_day()
    assert "締め済" in w.state_label.text()


def _shown_at(w: SupervisorWindow, qtbot, width: int) -> None:
    w.resize(width, 640)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()  # the header settles after the layout


def _section_widths(w: SupervisorWindow) -> int:
    header = w.table.horizontalHeader()
    return sum(header.sectionSize(c) for c in range(header.count()))


def test_the_log_fills_the_table_without_side_scrolling_at_1340_px(window, qtbot):
    """1340 px: the window's own width (the log gained the 受領額 column with the 金種表)."""
    from ui.supervisor import STRETCH_COLUMN

    w = window("supervisor")
    _shown_at(w, qtbot, 1340)
    assert w.width() == 1340
    scroll = w.table.horizontalScrollBar()
    assert scroll.maximum() == 0 and not scroll.isVisible()
    # no empty strip at the right: the columns end where the table does
    assert _section_widths(w) == w.table.viewport().width()
    # every text is whole: each column at least as wide as its texts
    header = w.table.horizontalHeader()
    for c in range(header.count()):
        assert header.sectionSize(c) >= w.table.sizeHintForColumn(c), w.columns[c]
    assert w.columns.index(STRETCH_COLUMN) == w.columns.index("types")


def test_a_narrow_window_scrolls_sideways_rather_than_cutting_a_column(window, qtbot):
    w = window("supervisor")
    _shown_at(w, qtbot, 700)
    header = w.table.horizontalHeader()
    for c in range(header.count()):
        assert header.sectionSize(c) >= w.table.sizeHintForColumn(c), w.columns[c]
    assert w.table.horizontalScrollBar().maximum() > 0
    _shown_at(w, qtbot, 1340)  # wide again: filled, no side scroll
    assert w.table.horizontalScrollBar().maximum() == 0
    assert _section_widths(w) == w.table.viewport().width()


def test_looking_at_another_day_keeps_what_was_typed_for_each(window):
    w = window("supervisor")
    today = w.selected_day()
    count_out(w, w.log.cash_expected + 10)
    w.variance_note.setText("釣銭の渡し誤り 10円")
    w.day.setDate(w.day.date().addDays(-1))  # another day: its own (empty) count and note
    assert w.selected_day() != today and w.log is not None
    assert w.cash_counted.value() == 0 and w.variance_note.text() == ""
    count_out(w, 500)
    w.day.setDate(w.day.date().addDays(1))  # back: what was typed for today is there
    assert w.selected_day() == today
    assert w.cash_counted.value() == w.log.cash_expected + 10
    assert w.variance_note.text() == "釣銭の渡し誤り 10円"
    w.day.setDate(w.day.date().addDays(-1))  # and the other day's count too
    assert w.cash_counted.value() == 500


def test_the_cash_is_counted_by_keyboard_in_the_denomination_table_and_printed(
    window, dialogs, qtbot
):
    """Digits and Enter only: each Enter goes to the next denomination; the total is the cash
    counted; after the close the table shows the stored counts and the log prints them."""
    from PySide6.QtCore import Qt

    w = window("supervisor")
    w.show()
    qtbot.waitExposed(w)
    expected = w.log.cash_expected
    wanted = count_out(w, expected)  # the pieces that make the expected cash
    w.cash_count.set_pieces(None)
    assert w.cash_counted.value() == 0
    w.activateWindow()
    boxes = w.cash_count.boxes
    boxes[0].setFocus()
    qtbot.waitUntil(lambda: boxes[0].hasFocus())
    for i, n in enumerate(wanted):
        assert boxes[i].hasFocus(), i  # Enter went on to this denomination
        boxes[i].selectAll()
        qtbot.keyClicks(boxes[i], str(n))
        qtbot.keyClick(boxes[i], Qt.Key.Key_Return)
    assert w.cash_count.pieces() == wanted
    assert w.cash_counted.value() == expected and "過不足なし" in w.difference.text()
    assert not w.cash_counted.focusPolicy() & Qt.FocusPolicy.TabFocus  # shown, not typed
    assert w.close_day()
    assert not any(box.isEnabled() for box in w.cash_count.boxes)
    assert w.cash_count.pieces() == wanted  # the stored 金種表, as closed
    text = pdf_text(w.previews[-1].pdf_bytes).replace(" ", "")
    assert "金種表" in text and f"合計（実査額）{expected:,}" in text
