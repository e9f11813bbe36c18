"""Every form outside the intake wizard, given what the services refuse: a Japanese message
says what is wrong, and every value typed is still in its box (nothing cleared, the window
not closed). One table of bad inputs per form: first run, login, staff account, branch
settings, the decision dialog, the day's close, a supervisor's approval.

Passwords are the one thing emptied on purpose, and only when they were *wrong* (login, lock
screen, approval): a wrong password is of no use to correct. A password the policy refuses
stays.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from tests.ui.cash import count_out
from ui.context import AppContext
from ui.session import Session

MY_NUMBER = "1234-5678-9018"  # a 12-digit run with a valid check digit


def is_japanese_message(text: str) -> bool:
    """Japanese, and not a programmer's message."""
    return (
        any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)
        and "Traceback" not in text
        and "Error" not in text
    )


def values(widget: QWidget) -> dict[str, object]:
    """What every box of ``widget`` holds, by object name."""
    found: dict[str, object] = {}
    for edit in widget.findChildren(QLineEdit):
        if edit.objectName() and not edit.objectName().startswith("qt_"):
            found[edit.objectName()] = edit.text()
    for edit in widget.findChildren(QPlainTextEdit):
        found[edit.objectName()] = edit.toPlainText()
    for combo in widget.findChildren(QComboBox):
        if combo.objectName():
            found[combo.objectName()] = combo.currentData()
    return found


# -- first run ------------------------------------------------------------------------------
FIRST_RUN = {
    "branch_code": "BR09",
    "branch_name": "水戸宅配センター",
    "postal_code": "310-0000",
    "address": "茨城県水戸市見本町1-2-3",
    "phone": "029-000-0000",
    "issuer_name": "いばらきコープ生活協同組合",
    "registration_number": "T7123456789012",
    "admin_username": "kanri",
    "admin_display_name": "管理 花子",
    "admin_password": "admin-pass-1",
    "admin_password_again": "admin-pass-1",
}

FIRST_RUN_REFUSALS = [
    ({key: "" for key in FIRST_RUN}, "未入力の項目があります"),
    ({"address": "茨城県水戸市見本町" + "一丁目二番地" * 13}, "80文字まで"),
    ({"address": f"茨城県水戸市 {MY_NUMBER}"}, "個人番号"),
    ({"branch_name": "水戸\x07センター"}, "制御文字"),
    ({"issuer_name": "生協" * 101}, "長すぎます"),
    ({"phone": "でんわ"}, "電話番号"),
    ({"registration_number": "T1234567890123"}, "チェックディジット"),
    ({"admin_username": "山田"}, "ユーザーID"),
    ({"admin_display_name": f"管理 {MY_NUMBER}"}, "個人番号"),
    ({"admin_password": "short", "admin_password_again": "short"}, "8文字以上"),
]


@pytest.fixture
def first_run(tmp_path, qtbot, dialogs, ui_font):
    session = Session(AppContext(), data_dir=str(tmp_path / "new"))
    session.start(background=False)  # the services are imported: the limits are known
    qtbot.addWidget(session.first_run_window)
    yield session
    session.shutdown()


@pytest.mark.parametrize(
    ("bad", "word"), FIRST_RUN_REFUSALS, ids=[w for _, w in FIRST_RUN_REFUSALS]
)
def test_first_run_refusals_keep_every_value(first_run, bad, word):
    window = first_run.first_run_window
    typed = {**FIRST_RUN, **bad}
    for name, value in typed.items():
        getattr(window, name).setText(value)
    window.submit_button.click()
    message = window.message.text()
    assert word in message and is_japanese_message(message), message
    assert first_run.login_window is None and window.isVisible()
    assert {name: getattr(window, name).text() for name in typed} == typed


def test_first_run_says_the_address_is_too_long_before_ok(first_run):
    window = first_run.first_run_window
    counter = window.findChild(QWidget, "address_counter")
    assert counter is not None and counter.isVisibleTo(window)  # 80 is tight: always shown
    window.address.setText("茨城県水戸市見本町1-2-3")
    assert counter.text() == "14 / 80文字"
    window.address.setText("あ" * 85)  # pasted: nothing is cut
    assert window.address.text() == "あ" * 85
    assert "5文字多すぎます" in counter.text()


# -- login ------------------------------------------------------------------------------------
LOGIN_REFUSALS = [
    ("", "whatever-1", "ユーザーIDを入力"),
    ("tanaka", "", "パスワードを入力"),
    ("tanaka", "wrong-password", "違うか"),
    ("tana\x07ka", "staff-pass-1", "違うか"),
    (MY_NUMBER, "staff-pass-1", "違うか"),
    ("た" * 200, "staff-pass-1", "違うか"),
]


@pytest.fixture
def login(opened, qtbot, dialogs):
    s = Session(opened.context, data_dir=str(opened.folder))
    s.start(background=False)
    qtbot.addWidget(s.login_window)
    yield s
    if s.main_window is not None:
        s.main_window.close()


@pytest.mark.parametrize(("username", "password", "word"), LOGIN_REFUSALS)
def test_login_refusals_keep_the_user_id(login, username, password, word):
    window = login.login_window
    window.username.setText(username)
    window.password.setText(password)
    window.login_button.click()
    assert login.main_window is None
    message = window.message.text()
    assert word in message and is_japanese_message(message), message
    assert window.username.text() == username[: window.username.maxLength()]


# -- staff account ----------------------------------------------------------------------------
NEW_STAFF = {"new_username": "sato", "new_display_name": "佐藤 次郎", "new_password": "sato-pass-1"}
STAFF_REFUSALS = [
    ({"new_username": "山田"}, "ユーザーID"),
    ({"new_username": MY_NUMBER}, "個人番号"),
    ({"new_username": "tanaka"}, "すでに使われています"),
    ({"new_display_name": ""}, "氏名を入力"),
    ({"new_display_name": "佐" * 101}, "長すぎます"),
    ({"new_display_name": f"佐藤 {MY_NUMBER}"}, "個人番号"),
    ({"new_display_name": "佐藤\x07次郎"}, "制御文字"),
    ({"new_password": "short"}, "8文字以上"),
    ({"new_password": "password1"}, "推測されやすい"),
    ({"new_password": " sato-pass-1"}, "前後に空白"),
]


@pytest.fixture
def admin_window(opened, qtbot, dialogs):
    from ui.admin import AdminWindow

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(("bad", "word"), STAFF_REFUSALS, ids=[w for _, w in STAFF_REFUSALS])
def test_staff_account_refusals_keep_every_value(admin_window, bad, word):
    staff = admin_window.staff_tab
    typed = {**NEW_STAFF, **bad}
    for name, value in typed.items():
        staff.findChild(QLineEdit, name).setText(value)
    staff.role.setCurrentIndex(staff.role.findData("supervisor"))
    rows = staff.table.rowCount()
    assert not staff.add_staff()
    message = staff.message.text()
    assert word in message and is_japanese_message(message), message
    assert "#b00020" in staff.message.styleSheet()  # in red, as a refusal
    assert {name: staff.findChild(QLineEdit, name).text() for name in typed} == typed
    assert staff.role.currentData() == "supervisor"
    assert staff.table.rowCount() == rows


def test_the_new_staff_name_counts_towards_its_limit(admin_window):
    staff = admin_window.staff_tab
    counter = staff.findChild(QWidget, "new_display_name_counter")
    staff.display_name.setText("佐藤 次郎")
    assert not counter.isVisibleTo(staff)  # far from 100 characters: nothing to say
    staff.display_name.setText("佐" * 101)
    assert counter.isVisibleTo(staff) and "1文字多すぎます" in counter.text()


# -- branch settings --------------------------------------------------------------------------
BRANCH_REFUSALS = [
    ({"address": "茨城県水戸市見本町" + "一丁目二番地" * 13}, "80文字まで"),
    ({"address": f"茨城県水戸市 {MY_NUMBER}"}, "個人番号"),
    ({"name": ""}, "支店名を入力"),
    ({"name": "水戸\x07センター"}, "制御文字"),
    ({"issuer_name": "生協" * 101}, "長すぎます"),
    ({"phone": "でんわ"}, "電話番号"),
    ({"postal_code": "31-0"}, "郵便番号"),
    ({"registration_number": "T1234567890123"}, "チェックディジット"),
]


@pytest.mark.parametrize(("bad", "word"), BRANCH_REFUSALS, ids=[w for _, w in BRANCH_REFUSALS])
def test_branch_refusals_keep_every_value(admin_window, bad, word):
    from ui.facade import admin

    branch = admin_window.tabs.widget(1)
    before = admin.branch_info(admin_window.context)
    for key, value in bad.items():
        branch.edits[key].setText(value)
    typed = {key: edit.text() for key, edit in branch.edits.items()}
    assert not branch.save()
    message = branch.message.text()
    assert word in message and is_japanese_message(message), message
    assert {key: edit.text() for key, edit in branch.edits.items()} == typed
    assert admin.branch_info(admin_window.context) == before  # nothing stored


def test_the_branch_address_counter_warns_before_saving(admin_window):
    branch = admin_window.tabs.widget(1)
    counter = branch.findChild(QWidget, "branch_address_counter")
    assert counter.isVisibleTo(branch)
    assert counter.text() == f"{len(branch.edits['address'].text())} / 80文字"
    branch.edits["address"].setText("茨" * 81)
    assert branch.edits["address"].text() == "茨" * 81  # not cut
    assert "1文字多すぎます" in counter.text()


# -- the decision dialog ----------------------------------------------------------------------
DECISION_REFUSALS = [
    ("", "理由の説明"),
    ("業務に支障があるためです。" * 160, "長すぎます"),
    (f"ご提示の通知カード ({MY_NUMBER}) は記録できません。", "個人番号"),
    ("業務に\x07支障", "制御文字"),
]


@pytest.mark.parametrize(
    ("explanation", "word"), DECISION_REFUSALS, ids=[w for _, w in DECISION_REFUSALS]
)
def test_decision_refusals_keep_the_explanation(opened, qtbot, dialogs, explanation, word):
    from ui.detail.window import RequestDetailDialog

    opened.login_as("supervisor")
    window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
    qtbot.addWidget(window)
    decision = window.open_decision()
    combo = decision.outcomes["disclosure"]
    combo.setCurrentIndex(combo.findData("refused"))
    decision.ground.setCurrentIndex(decision.ground.findData("business_interference"))
    decision.explanation.setPlainText(explanation)
    typed = values(decision)
    decision.confirm_button.click()
    message = decision.reason.text()
    assert word in message and is_japanese_message(message), message
    assert decision.isVisible() and values(decision) == typed
    assert window.detail.status == "received"
    decision.preview_button.click()  # the preview refuses it the same way
    assert word in decision.reason.text() and values(decision) == typed
    assert not window.previews


def test_the_explanation_counter_warns_before_confirming(opened, qtbot, dialogs):
    from ui.detail.window import RequestDetailDialog

    opened.login_as("supervisor")
    window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
    qtbot.addWidget(window)
    decision = window.open_decision()
    counter = decision.findChild(QWidget, "decision_explanation_counter")
    decision.explanation.setPlainText("短い説明です。")
    assert not counter.isVisibleTo(decision)
    decision.explanation.setPlainText("あ" * 2005)
    assert counter.isVisibleTo(decision) and "5文字多すぎます" in counter.text()


# -- the day's close --------------------------------------------------------------------------
@pytest.fixture
def supervisor_window(opened, qtbot, dialogs):
    from ui.supervisor import SupervisorWindow

    opened.login_as("supervisor")
    window = SupervisorWindow(opened.context)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("note", "word"),
    [("", "過不足の理由"), (f"釣銭の誤り {MY_NUMBER}", "個人番号")],
    ids=["no reason", "my number"],
)
def test_close_refusals_keep_the_count_and_the_note(supervisor_window, dialogs, note, word):
    w = supervisor_window
    count_out(w, w.log.cash_expected + 10)
    w.variance_note.setText(note)
    assert not w.close_day()
    assert any(word in e and is_japanese_message(e) for e in dialogs.errors), dialogs.errors
    assert w.cash_counted.value() == w.log.cash_expected + 10  # the 金種表 is kept
    assert w.variance_note.text() == note
    assert "未締め" in w.state_label.text()


def commit_text(widget: QWidget, text: str) -> None:
    """Text as a Japanese input method commits it (full-width digits...)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_a_cash_count_typed_in_full_width_digits_is_taken(supervisor_window):
    """An input method left in full-width mode types 「１２」: the spin box ignored it
    without a word (the count stayed 0)."""
    box = supervisor_window.cash_count.boxes[3]  # 1,000 yen notes
    box.lineEdit().selectAll()
    commit_text(box.lineEdit(), "１２枚")
    assert box.value() == 12
    assert supervisor_window.cash_counted.value() == 12_000


def test_a_cash_count_that_is_not_a_number_is_said(supervisor_window):
    box = supervisor_window.cash_count.boxes[4]  # 500 yen coins
    box.setValue(5)
    box.lineEdit().selectAll()
    commit_text(box.lineEdit(), "五枚")
    assert box.value() == 5  # what was there stays
    message = supervisor_window.findChild(QWidget, "cash_message").text()
    assert "500円の枚数" in message and "「五枚」" in message, message
    assert is_japanese_message(message), message
    box.lineEdit().selectAll()
    commit_text(box.lineEdit(), "6")
    assert box.value() == 6
    assert supervisor_window.findChild(QWidget, "cash_message").text() == ""


# -- a supervisor's approval ------------------------------------------------------------------
def test_a_wrong_approval_keeps_the_supervisor_id(opened, qtbot):
    from ui.dialogs import SupervisorApprovalDialog

    opened.login_as("staff")
    dialog = SupervisorApprovalDialog(opened.context, "領収書の取消", None, "void_receipt")
    qtbot.addWidget(dialog)
    for username, password, word in (
        ("suzuki", "wrong-password", "違うか"),
        ("", "super-pass-1", "違うか"),
        ("tanaka", "staff-pass-1", "本人以外"),
    ):
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.try_approve()
        message = dialog.message.text()
        assert word in message and is_japanese_message(message), message
        assert dialog.username.text() == username and dialog.approver is None


# -- closing a window with something typed ----------------------------------------------------
# Esc, the window's close box or 閉じる / キャンセル used to close these at once: a long
# explanation, a reason, a new staff account or a cash count typed and not recorded was gone.
def test_closing_the_decision_dialog_asks_before_dropping_the_explanation(opened, qtbot, dialogs):
    from ui.detail.window import RequestDetailDialog

    opened.login_as("supervisor")
    window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
    qtbot.addWidget(window)
    decision = window.open_decision()
    decision.reject()  # nothing typed: closes without a question
    assert not decision.isVisible() and dialogs.confirms == []

    decision = window.open_decision()
    decision.explanation.setPlainText(
        "第三者の権利利益を害するおそれがあるため、一部を開示しません。"
    )
    dialogs.confirm_answer = False  # 「入力に戻る」
    decision.reject()  # Esc / キャンセル
    assert "破棄" in dialogs.confirms[-1]
    assert decision.isVisible()
    assert decision.explanation.toPlainText().startswith("第三者の権利利益")
    dialogs.confirm_answer = True
    decision.reject()
    assert not decision.isVisible()


def test_closing_a_reason_question_asks_before_dropping_the_reason(opened, qtbot, dialogs):
    from ui.answer_dialogs import TextAnswerDialog
    from ui.dialogs import may_discard

    dialog = TextAnswerDialog(
        "取下げ",
        "理由:",
        lambda text: None,
        ask_discard=may_discard,
        empty="理由を入力してください。",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_text("ご本人の申し出")
    dialogs.confirm_answer = False
    dialog.reject()
    assert dialog.isVisible() and dialog.text() == "ご本人の申し出"
    assert "破棄" in dialogs.confirms[-1]
    dialogs.confirm_answer = True
    dialog.reject()
    assert not dialog.isVisible()


def test_closing_the_admin_window_asks_before_dropping_what_was_typed(admin_window, dialogs):
    admin_window.show()
    branch = admin_window.tabs.widget(1)
    admin_window.accept()  # 閉じる with nothing changed: no question
    assert dialogs.confirms == [] and not admin_window.isVisible()

    admin_window.show()
    branch.edits["phone"].setText("029-111-2222")
    dialogs.confirm_answer = False
    admin_window.accept()
    assert admin_window.isVisible() and branch.edits["phone"].text() == "029-111-2222"
    assert "破棄" in dialogs.confirms[-1]
    assert branch.save()  # saved: nothing left to lose
    assert branch.edits["phone"].text() == "0291-11-2222"  # shown as stored (numbering plan)
    admin_window.reject()
    assert not admin_window.isVisible() and len(dialogs.confirms) == 1

    admin_window.show()
    admin_window.staff_tab.display_name.setText("佐藤 次郎")
    admin_window.reject()
    assert admin_window.isVisible() and len(dialogs.confirms) == 2


def test_closing_the_day_window_asks_before_dropping_the_count(supervisor_window, dialogs):
    w = supervisor_window
    w.show()
    w.accept()
    assert dialogs.confirms == [] and not w.isVisible()
    w.show()
    count_out(w, 12_340)
    w.variance_note.setText("釣銭の渡し誤り")
    dialogs.confirm_answer = False
    w.accept()
    assert w.isVisible() and w.variance_note.text() == "釣銭の渡し誤り"
    assert w.cash_counted.value() == 12_340
    assert "破棄" in dialogs.confirms[-1]


def test_staff_actions_on_nobody_or_on_oneself_are_refused_in_red(admin_window, dialogs):
    staff = admin_window.staff_tab
    staff.table.clearSelection()
    for action in (staff.toggle_selected, staff.reset_password, staff.unlock_selected):
        assert not action()
        assert "一覧から職員を選んでください" in staff.message.text()
        assert "#b00020" in staff.message.styleSheet()
    staff.display_name.setText("佐藤 次郎")  # a new account half typed meanwhile
    row = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())].index("admin")
    staff.table.selectRow(row)
    assert not staff.toggle_selected()  # the administrator disabling their own account
    message = staff.message.text()
    assert "自分自身" in message and is_japanese_message(message), message
    assert "#b00020" in staff.message.styleSheet()
    assert staff.table.item(row, 3).text() == "有効"
    assert staff.display_name.text() == "佐藤 次郎"
