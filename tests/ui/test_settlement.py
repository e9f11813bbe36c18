"""精算 in the detail window: a request taken with the page count 未定 shows 精算待ち and offers
精算, which computes the difference for the count typed, takes the cash (or pays out), records
once and opens the 精算書 in the print preview; a supervisor voids it. Real widgets offscreen,
real key events, a real encrypted database, the PDF read back."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from ui.detail.window import RequestDetailDialog


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def take_undecided(opened, amount: int):
    intake = dataclasses.replace(
        sample_self_intake(), pages=0, pages_undecided=True, amount_received=amount
    )
    with opened.context.db.unit_of_work() as uow:
        result = register_intake(uow, opened.template.actors["staff"], intake)
        uow.commit()
    return result


@pytest.fixture
def pending(opened):
    """A disclosure taken today with the page count 未定 (handling fee 1,000円)."""
    return take_undecided(opened, 1000)


@pytest.fixture
def deposit_schedule(tmp_path, monkeypatch):
    """fees.toml with a 1,500円 postage deposit taken with 未定."""
    from counter_app import paths
    from counter_app.config.fees import clear_cache

    folder = tmp_path / "head-office"
    folder.mkdir()
    body = (paths.bundled_config_dir() / "fees.toml").read_text(encoding="utf-8")
    body = body.replace("postage_deposit = 0", "postage_deposit = 1500", 1)
    (folder / "fees.toml").write_text(body, encoding="utf-8")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(folder))
    clear_cache()
    yield
    clear_cache()


def settlements_in_store(opened) -> int:
    from sqlalchemy import func, select

    from counter_app.store.models import Settlement

    with opened.context.db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(Settlement))


def test_settle_from_the_detail_window_by_keyboard(opened, pending, qtbot, dialogs):
    opened.login_as("staff")
    window = RequestDetailDialog(opened.context, pending.request_id)
    qtbot.addWidget(window)
    window.show()
    assert window.fields["fee"].text() == "¥1,000 (精算待ち)"
    assert "精算待ち" in window.settlement_state.text()
    assert window.settle_button.isVisible() and window.settle_button.isEnabled()
    assert not window.settlements.isVisible()

    window.settle_button.click()
    dialog = window.settlement_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    assert dialog.pages.text().strip() == "" and not dialog.ok.isEnabled()  # no default
    dialog.pages.setFocus()
    QTest.keyClicks(dialog.pages, "12")
    qtbot.waitUntil(lambda: dialog.preview is not None)
    due = dialog.preview.figures.difference
    assert due > 0 and f"追加でいただく額 {due:,}円" == dialog.difference.text()
    assert pending.receipt_number in dialog.figures.text()
    assert not dialog.ok.isEnabled()  # the cash is still to be typed
    dialog.received.setFocus()
    QTest.keyClicks(dialog.received, "5")
    assert "不足しています" in dialog.message.text() and not dialog.ok.isEnabled()
    QTest.keyClicks(dialog.received, "000")
    assert dialog.change.text() == f"{5000 - due:,}円" and dialog.ok.isEnabled()
    QTest.keyClick(dialog.received, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    preview = window.previews[-1]
    text = pdf_text(preview.pdf_bytes)
    assert "精算領収書" in text and pending.receipt_number in text
    assert window.fields["fee"].text() == "¥1,000 (精算済み)"
    assert window.settlements.isVisible() and window.settlements.rowCount() == 1
    assert window.settlements.item(0, 1).text() == f"受領 ¥{due:,}"
    assert window.settlements.item(0, 3).text() == "12"
    assert not window.settle_button.isEnabled()
    events = [window.timeline.item(r, 1).text() for r in range(window.timeline.rowCount())]
    assert events[-1] == "精算 (精算書の発行)"
    # a reprint is counted and marked
    reprinted = window.reprint_settlement()
    assert reprinted is not None and "再発行" in pdf_text(reprinted.pdf_bytes)
    # nothing doubled: the window offers no second 精算, and the old dialog's OK is refused
    assert window.open_settlement() is None
    dialog.try_submit()
    assert "すでに精算されています" in dialog.message.text()
    assert settlements_in_store(opened) == 1


def test_a_refund_needs_no_cash_and_a_void_needs_a_supervisor(
    opened, deposit_schedule, qtbot, dialogs
):
    taken = take_undecided(opened, 2500)  # the handling fee and the 1,500円 deposit
    opened.login_as("staff")
    window = RequestDetailDialog(opened.context, taken.request_id)
    qtbot.addWidget(window)
    window.settle_button.click()
    dialog = window.settlement_dialog
    dialog.pages.setValue(2)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    back = -dialog.preview.figures.difference
    assert back > 0 and dialog.difference.text() == f"返金する額 {back:,}円"
    assert not dialog.received.isEnabled() and dialog.ok.isEnabled()
    dialog.try_submit()
    assert not dialog.isVisible()
    text = pdf_text(window.previews[-1].pdf_bytes)
    assert "返金精算書" in text and "返金額" in text
    assert window.settlements.item(0, 1).text() == f"返金 ¥{back:,}"

    dialogs.text_answer = "枚数の誤り"
    dialogs.approver = None
    assert window.void_settlement() is None  # no supervisor: nothing voided
    assert window.settlements.rowCount() == 1
    dialogs.approver = opened.template.actors["supervisor"]
    preview = window.void_settlement()
    assert preview is not None and "取消" in pdf_text(preview.pdf_bytes)
    assert window.settlements.rowCount() == 2
    assert window.settlements.item(0, 2).text() == "取消済"
    assert window.settlements.item(1, 2).text() == "取消伝票"
    assert window.fields["fee"].text() == "¥2,500 (精算待ち)"
    assert window.settle_button.isEnabled()  # to be settled anew


def test_the_supervisor_s_day_lists_the_refund_as_a_line_and_its_cash_adds_up(
    opened, qtbot, dialogs, deposit_schedule
):
    """The day's log on screen: the refund of a postage deposit is its own 精算 line (△), and
    the 受領額 column of the table sums to the cash expected shown under it."""
    from counter_app.printables.daily_log import DAILY_LOG_COLUMNS
    from counter_app.services.settlement import record_settlement
    from ui.supervisor import SupervisorWindow

    taken = take_undecided(opened, 2500)  # handling fee + the 1,500 yen deposit
    with opened.context.db.unit_of_work() as uow:
        done = record_settlement(uow, opened.template.actors["staff"], taken.request_id, 2)
        uow.commit()
    assert done.difference < 0
    opened.login_as("supervisor")
    w = SupervisorWindow(opened.context)
    qtbot.addWidget(w)
    keys = [k for k, _ in DAILY_LOG_COLUMNS]

    def column(key: str) -> list[str]:
        return [w.table.item(r, keys.index(key)).text() for r in range(w.table.rowCount())]

    row = column("receipt").index(done.number)
    assert column("marks")[row] == "精算"
    assert column("total")[row] == f"△{-done.difference:,}"

    def amount(text: str) -> int:
        return (
            -int(text[1:].replace(",", "")) if text.startswith("△") else int(text.replace(",", ""))
        )

    received = sum(amount(t) for t in column("total"))
    assert w.cash_expected.text() == f"¥{received:,}"
    assert f"受領額 ¥{received:,}" in w.totals_label.text()
