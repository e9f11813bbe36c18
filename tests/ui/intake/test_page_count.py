"""The fee page's page count (domain.md section 10): a deliberate answer, a number or
「未定 (回答時に精算)」 (Alt+U), never a default of 0; a flat schedule does not ask it. Driven
with real key events on the real wizard and a real encrypted database."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter_app import paths
from counter_app.config.fees import clear_cache
from tests.ui.intake import drive
from tests.ui.intake.test_flow import stored


def to_fee(wizard, today):
    wizard.activateWindow()
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_FEE
    return wizard.fee_page


def next_enabled(wizard) -> bool:
    return wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_the_count_starts_unanswered_and_blocks_until_answered(wizard, today):
    page = to_fee(wizard, today)
    assert page.pages.text().strip() == ""  # no 0 shown, none assumed
    assert page.quote is None
    assert "複写の枚数を入力するか、「未定 (回答時に精算)」を選んでください" in (
        page.blocker_label.text()
    )
    assert not page.received.isEnabled() and not next_enabled(wizard)
    # a deliberate 0, typed: the quote has no copy line and nothing to settle
    page.pages.setFocus()
    QTest.keyClick(page.pages, Qt.Key.Key_0)
    drive.settle()
    assert page.pages.value() == 0
    assert page.quote is not None and not page.quote.settlement_pending
    assert "copy" not in [line.code for line in page.quote.lines]


def test_alt_u_chooses_undecided_in_one_action(wizard, today):
    page = to_fee(wizard, today)
    page.pages.setFocus()
    QTest.keyClick(page.pages, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(300)  # a mnemonic clicks the box after Qt's animated click
    drive.settle()
    assert page.pages_undecided.isChecked() and not page.pages.isEnabled()
    quote = page.quote
    assert quote is not None and quote.settlement_pending and quote.total == 1000
    assert [line.code for line in quote.lines] == ["handling:disclosure"]
    items = [label.text() for label in page.breakdown.item_labels]
    assert any("枚数未定" in item for item in items)
    assert "精算待ち" in page.totals.text()
    page.received.setText("1000")
    drive.settle()
    assert next_enabled(wizard)
    # Alt+U again: the box is open again and waits for an answer (it is not 0)
    QTest.keyClick(page.pages_undecided, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(300)
    drive.settle()
    assert not page.pages_undecided.isChecked() and page.pages.isEnabled()
    assert page.quote is None and not next_enabled(wizard)


def test_an_undecided_intake_is_stored_pending_and_the_draft_keeps_the_answer(
    wizard, context, today, qtbot
):
    page = to_fee(wizard, today)
    page.pages_undecided.setChecked(True)
    page.received.setText("1000")
    drive.settle()
    state = page.draft_state()
    assert state["pages_undecided"] is True
    page.pages_undecided.setChecked(False)
    page.apply_draft(state)
    assert page.pages_undecided.isChecked()
    # a draft from before 未定 with the box's old default 0: restored unanswered
    old = dict(state)
    old.pop("pages_undecided")
    old["pages"] = 0
    page.apply_draft(old)
    assert not page.pages_undecided.isChecked() and page.pages.text().strip() == ""
    page.apply_draft(state)
    drive.settle()
    drive.press_next(wizard)
    assert "回答時に精算" in wizard.confirm_page.summary.text()
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.press_next(wizard)
    view = stored(context, signal.args[0])
    assert view.settlement_state == "pending" and view.fee_total == 1000
    drive.wait_documents(qtbot, wizard)  # drawn and printed while the fake printer is in place


@pytest.fixture
def flat_schedule(tmp_path, monkeypatch):
    folder = tmp_path / "head-office"
    folder.mkdir()
    body = (paths.bundled_config_dir() / "fees.toml").read_text(encoding="utf-8")
    body = body.replace(
        "# 改定の例",
        '[[schedule]]\neffective_from = 2025-05-01\nkind = "flat"\n'
        "handling_fee = { purpose_notice = 500, disclosure = 1800, record_disclosure = 1800 }\n"
        "tax_rate = 10\n# 改定の例",
        1,
    )
    (folder / "fees.toml").write_text(body, encoding="utf-8")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(folder))
    clear_cache()
    yield
    clear_cache()


def test_a_flat_schedule_does_not_ask_the_count(flat_schedule, wizard, today):
    page = to_fee(wizard, today)
    assert not page.pages_row.isVisibleTo(page)
    quote = page.quote
    assert quote is not None and quote.total == 1800 and not quote.settlement_pending
    assert [line.code for line in quote.lines] == ["flat:disclosure"]
    assert "複写の枚数" not in page.blocker_label.text()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(count=st.integers(min_value=0, max_value=9999))
def test_a_count_typed_digit_by_digit_into_the_empty_box_is_read_whole(wizard, today, qtbot, count):
    """The box opens empty (unanswered) with the focus in it: every digit typed lands on the
    number (the cursor once jumped after 「枚」, so 「12」 was read as 1 and the 2 refused)."""
    from ui.intake.fee import UNANSWERED

    page = wizard.fee_page if wizard.currentId() == wizard.PAGE_FEE else to_fee(wizard, today)
    page.pages_undecided.setChecked(False)
    page.pages.setValue(UNANSWERED)
    page.pages.setFocus()
    drive.settle()
    QTest.keyClicks(page.pages, str(count))
    drive.settle()
    assert page.pages_answer() == (count, False)
    assert page.pages_reason.text() == ""
