"""The main window's 白紙の用紙 (a blank 委任状 / 開示等請求書 in the print preview) and
パスワード変更 (one's own password, any role, with the current one; refusals in the dialog)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.config.documents import proxy_rules
from counter_app.services.samples import SAMPLE_ADMIN
from tests.ui.modals import ModalScript
from ui.main_window import MainWindow
from ui.own_password import OwnPasswordDialog


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def main(opened, qtbot, dialogs):
    def make(role: str) -> MainWindow:
        opened.login_as(role)
        window = MainWindow(opened.context)
        qtbot.addWidget(window)
        return window

    return make


def test_blank_forms_are_on_a_keyboard_menu_of_every_role(main, qtbot):
    window = main("staff")
    button = window.blank_button
    assert button.isVisibleTo(window) and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "&B" in button.text()  # Alt+B
    labels = [a.text().replace("&", "") for a in button.menu().actions()]
    assert labels[0].startswith("委任状") and labels[1].startswith("開示等請求書")


def test_a_blank_power_of_attorney_prints_the_configured_months(main):
    window = main("staff")
    window.blank_actions["power_of_attorney"].trigger()
    preview = window.blank_preview
    assert preview is not None and preview.allow_print and preview.page_count >= 1
    text = pdf_text(preview.pdf_bytes).replace(" ", "")
    rules = proxy_rules()
    assert "委任状" in text
    assert f"{rules.power_of_attorney_months}か月" in text
    assert f"{rules.seal_certificate_months}か月" in text
    assert "見本" not in text  # not in training mode


def test_a_blank_request_form(main):
    window = main("supervisor")
    preview = window.open_blank_form("request_form")
    assert "請求書" in pdf_text(preview.pdf_bytes)


def test_blank_forms_in_training_mode_are_marked(main, opened):
    opened.context.db.training = True  # as the training database is
    window = main("staff")
    preview = window.open_blank_form("power_of_attorney")
    assert "見本" in pdf_text(preview.pdf_bytes)


def own_dialog(opened, qtbot, role: str) -> OwnPasswordDialog:
    opened.login_as(role)
    dialog = OwnPasswordDialog(opened.context)
    qtbot.addWidget(dialog)
    return dialog


def fill(dialog: OwnPasswordDialog, current: str, new: str, again: str | None = None) -> None:
    dialog.current.setText(current)
    dialog.password.setText(new)
    dialog.again.setText(new if again is None else again)


def test_own_password_refusals_are_said_in_the_dialog(opened, qtbot):
    from ui.facade import session

    dialog = own_dialog(opened, qtbot, "staff")
    for edit in (dialog.current, dialog.password, dialog.again):
        assert edit.echoMode() == edit.EchoMode.Password
    fill(dialog, "guess-1234", "a-new-pass-9")
    assert not dialog.try_submit()
    assert dialog.message.text().startswith("現在のパスワードが違います。")
    assert dialog.current.text() == ""  # the wrong one is typed again
    assert dialog.password.text() == dialog.again.text() == "a-new-pass-9"

    fill(dialog, "staff-pass-1", "a-new-pass-9", "a-new-pass-8")
    assert not dialog.try_submit()
    assert "一致しません" in dialog.message.text()
    assert dialog.again.text() == "" and dialog.current.text() == "staff-pass-1"

    fill(dialog, "staff-pass-1", "staff-pass-1")
    assert not dialog.try_submit()
    assert "現在のパスワードと同じ" in dialog.message.text()

    fill(dialog, "staff-pass-1", "short")
    assert not dialog.try_submit()
    assert "8文字以上" in dialog.message.text()
    assert dialog.current.text() == "staff-pass-1"  # only the refused new boxes are emptied
    assert session.login(opened.context, "tanaka", "staff-pass-1").username == "tanaka"

    fill(dialog, "staff-pass-1", "a-new-pass-9")
    assert dialog.try_submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.login(opened.context, "tanaka", "a-new-pass-9").username == "tanaka"


def test_every_role_changes_their_password_from_the_main_window(main, opened):
    from ui.facade import session

    for role in ("staff", "supervisor", "admin"):
        window = main(role)
        assert window.password_button.isVisibleTo(window)
    window = main("supervisor")

    def answer(dialog):
        assert isinstance(dialog, OwnPasswordDialog)
        fill(dialog, "super-pass-1", "super-pass-2")
        dialog.buttons.accepted.emit()

    assert ModalScript([answer]).run(window.password_button.click) is None
    assert QApplication.activeModalWidget() is None
    assert "変更しました" in window.statusBar().currentMessage()
    assert session.login(opened.context, "suzuki", "super-pass-2").username == "suzuki"


def test_an_admin_resetting_their_own_password_gives_the_current_one(opened, qtbot, dialogs):
    from ui.admin import AdminWindow
    from ui.facade import session

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    staff = window.staff_tab
    row = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())].index("admin")
    staff.table.selectRow(row)
    seen: list[str] = []

    def wrong_then_right(dialog):
        assert isinstance(dialog, OwnPasswordDialog)
        fill(dialog, "not-my-password", "admin-pass-2")
        assert not dialog.try_submit()
        seen.append(dialog.message.text())
        fill(dialog, SAMPLE_ADMIN.password, "admin-pass-2")
        assert dialog.try_submit()

    assert ModalScript([wrong_then_right]).run(staff.reset_password)
    assert seen and seen[0].startswith("現在のパスワードが違います。")
    assert dialogs.questions == []  # not the reset question without the current password
    assert session.login(opened.context, "admin", "admin-pass-2").username == "admin"
