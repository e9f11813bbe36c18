"""First run (branch + first administrator, refusals from the services in the form) and the
administration window (staff accounts, branch, fee schedule in force), with role guards."""

from __future__ import annotations

import pytest

from counter_app.errors import CounterAppError
from ui.admin import AdminWindow
from ui.context import AppContext
from ui.session import Session


def fill_first_run(window, **overrides):
    values = {
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
    values.update(overrides)
    for name, value in values.items():
        getattr(window, name).setText(value)


def test_first_run_creates_the_branch_then_shows_the_login(tmp_path, qtbot, dialogs, ui_font):
    context = AppContext()
    session = Session(context, data_dir=str(tmp_path / "new"))
    session.start(background=False)
    window = session.first_run_window
    qtbot.addWidget(window)
    try:
        window.submit()
        assert "未入力の項目があります" in window.message.text()

        fill_first_run(window, admin_password_again="different-1")
        window.submit()
        assert "一致しません" in window.message.text()
        assert window.branch_name.text() == "水戸宅配センター"  # nothing typed is lost

        fill_first_run(window, registration_number="T1234567890123")
        window.submit_button.click()
        assert "チェックディジット" in window.message.text()  # the service's check, shown
        assert session.login_window is None

        fill_first_run(window)
        window.submit_button.click()
        assert session.first_run_window is None
        assert session.login_window is not None and session.login_window.isVisible()
        qtbot.addWidget(session.login_window)
        assert session.login_window.branch.text() == "水戸宅配センター"
        assert (tmp_path / "new" / "counter.db").is_file()
        assert session.try_login("kanri", "admin-pass-1")
        assert context.actor.role.value == "admin"
        assert session.main_window.admin_button.isVisibleTo(session.main_window)
    finally:
        if session.main_window is not None:
            session.main_window.close()
        session.shutdown()


def enrolment_file(tmp_path, branch: str, terminal_no: int, passphrase: str):
    """A real enrolment file as ``counter-app hq enrol-terminal`` writes it (a throwaway CA,
    the terminal's certificate and its key encrypted with ``passphrase``)."""
    import datetime as dt

    import trustme

    from counter_app.headoffice.certificates import issue_client_certificate
    from counter_app.sync.enrolment_file import EnrolmentFile
    from counter_app.sync.protocol import TerminalId

    ca = trustme.CA()
    terminal = TerminalId(branch, terminal_no)
    credentials = issue_client_certificate(
        ca.cert_pem.bytes(), ca.private_key_pem.bytes(), terminal.role, passphrase
    )
    path = tmp_path / f"{terminal.text}.json"
    path.write_text(
        EnrolmentFile(
            terminal,
            "hq.example.coop",
            5432,
            "hq",
            ca.cert_pem.bytes().decode(),
            credentials.certificate_pem.decode(),
            credentials.encrypted_key_pem.decode(),
            "2026-12-02T15:00:00Z",
            dt.datetime.now(dt.UTC),
        ).to_json(),
        encoding="utf-8",
    )
    return path


def test_first_run_with_head_offices_enrolment_file_makes_the_terminal(
    tmp_path, qtbot, dialogs, ui_font, isolated_environment
):
    """「本部から受け取った登録ファイルで設定する」: the same enrolment as counter-app enrol
    --file, from the first-run window; a wrong passphrase or another branch's file is refused
    in Japanese before anything is created."""
    from counter_app.security.keys import KEYRING_SERVICE
    from counter_app.sync.enrolment import CA_FILE, CERT_FILE, KEY_FILE, PASSPHRASE_ENTRY

    good = enrolment_file(tmp_path, "BR09", 2, "tsukuba-kasumi-2026")
    other = enrolment_file(tmp_path, "BR02", 1, "tsukuba-kasumi-2026")
    context = AppContext()
    session = Session(context, data_dir=str(tmp_path / "new"))
    session.start(background=False)
    window = session.first_run_window
    qtbot.addWidget(window)
    try:
        fill_first_run(window)
        window.enrol_box.setChecked(True)
        window.submit()
        assert "未入力の項目があります: 登録ファイル、パスフレーズ" in window.message.text()

        window.enrol_file.setText(str(good))
        window.enrol_passphrase.setText("wrong-passphrase")
        window.enrol_check.click()
        assert "パスフレーズが正しくありません" in window.enrol_status.text()

        window.enrol_file.setText(str(other))
        window.enrol_passphrase.setText("tsukuba-kasumi-2026")
        window.submit_button.click()
        assert "登録ファイルは支店 BR02 のものですが、入力した支店コードは BR09 です" in (
            window.message.text()
        )
        assert session.login_window is None  # nothing was created

        window.enrol_file.setText(str(good))
        window.branch_code.setText("")
        window.enrol_check.click()
        assert window.enrol_status.text() == (
            "支店 BR09・端末 BR09-02 の登録ファイルです。\n本部: hq.example.coop:5432/hq"
        )
        assert window.branch_code.text() == "BR09"  # taken from the file
        window.submit_button.click()
        assert session.first_run_window is None and session.login_window is not None
        qtbot.addWidget(session.login_window)
        assert dialogs.infos == [
            "端末 BR09-02 として本部 (hq.example.coop:5432/hq) に登録しました。"
        ]
        assert isolated_environment.get_password(KEYRING_SERVICE, PASSPHRASE_ENTRY) == (
            "tsukuba-kasumi-2026"
        )
        for name in (CA_FILE, CERT_FILE, KEY_FILE):
            assert (tmp_path / "new" / "sync" / name).is_file()
        from counter_app.sync.state import sync_status

        status = sync_status(context.db)
        assert status.terminal == "BR09-02" and status.enrolled
    finally:
        if session.main_window is not None:
            session.main_window.close()
        session.shutdown()


def test_first_run_fields_line_up_in_both_boxes(qtbot, ui_font):
    from ui.first_run import FirstRunWindow

    window = FirstRunWindow(AppContext())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    fields = ("branch_code", "registration_number", "admin_username", "admin_password_again")
    lefts = {
        name: getattr(window, name).mapTo(window, getattr(window, name).rect().topLeft()).x()
        for name in fields
    }
    assert len(set(lefts.values())) == 1, lefts


def test_the_first_run_intro_breaks_between_sentences_only(qtbot, text_mode):
    """One sentence a line, each as wide as it is: no word split at the window's edge
    (「くださ/い。」), in both languages and text sizes."""
    from ui.first_run import FirstRunWindow

    window = FirstRunWindow(AppContext())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    intro = window.intro
    lines = intro.text().split("\n")
    assert len(lines) == 3 and all(line.endswith(("。", ".")) for line in lines), lines
    assert not intro.wordWrap()  # Qt breaks Japanese between any two characters
    room = intro.contentsRect().width()
    assert max(intro.fontMetrics().horizontalAdvance(line) for line in lines) <= room
    assert intro.mapTo(window, intro.rect().topRight()).x() <= window.width()


def test_admin_window_lists_and_adds_staff(opened, qtbot, dialogs):
    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    staff = window.staff_tab
    names = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())]
    assert names == ["admin", "suzuki", "tanaka"]
    staff.username.setText("sato")
    staff.display_name.setText("佐藤 次郎")
    staff.role.setCurrentIndex(staff.role.findData("staff"))
    staff.password.setText("short")
    assert not staff.add_staff()
    assert "8文字以上" in staff.message.text()
    assert staff.username.text() == "sato"  # kept for correction
    staff.password.setText("sato-pass-1")
    assert staff.add_staff()
    assert staff.table.rowCount() == 4
    assert "佐藤 次郎" in staff.message.text()

    row = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())].index("sato")
    staff.table.selectRow(row)
    assert staff.toggle_selected()
    assert staff.table.item(row, 3).text() == "無効"


def test_admin_window_shows_branch_and_fee_schedule(opened, qtbot, dialogs):
    from PySide6.QtWidgets import QLabel, QTableWidget

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    branch = window.tabs.widget(1)
    assert branch.edits["registration_number"].text() == "T7123456789012"
    fees = window.tabs.widget(2).findChild(QTableWidget, "fee_table")
    rows = {fees.item(r, 0).text(): fees.item(r, 1).text() for r in range(fees.rowCount())}
    assert rows["保有個人データの開示 手数料"] == "1,000円"
    assert rows["訂正・追加・削除 手数料"].startswith("無料")
    heading = window.tabs.widget(2).findChild(QLabel, "fee_heading").text()
    assert "施行" in heading
    # plain Japanese for the counter: no config words such as "floor", no "無料 0 枚"
    assert rows["消費税"] == "10% (内税、端数は切り捨て)"
    assert rows["写しの交付 (白黒複写)"] == "1枚 10円"
    assert not any(c.isascii() and c.isalpha() for text in rows.values() for c in text)


def test_the_branch_code_is_a_read_only_value_in_the_label_column(opened, text_mode, qtbot):
    """「支店コード (変更不可)」 ran into its value (plain text BR01 right after the label, the
    form's default 6 px): the code is now a read-only field starting where the other fields
    do, half an em after the widest label (ui/label_column.py), in every text mode."""
    from PySide6.QtCore import QPoint, Qt

    from ui.label_column import label_gap

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    qtbot.waitExposed(window)
    branch = window.tabs.widget(1)

    def left(widget):
        return widget.mapTo(branch, QPoint(0, 0)).x()

    code = branch.code
    assert code.text() == "BR01" and code.isReadOnly()
    assert code.focusPolicy() == Qt.FocusPolicy.ClickFocus  # not a Tab stop: nothing to type
    assert {left(edit) for edit in branch.edits.values()} == {left(code)}
    label = branch.code_label
    assert label.sizeHint().width() <= label.width()  # the label is not cut
    text_end = left(label) + label.fontMetrics().horizontalAdvance(label.text())
    assert left(code) - text_end >= label_gap(branch) >= 6
    before = {key: edit.text() for key, edit in branch.edits.items()}
    assert branch.save()  # the code is not among what is saved, and saving still works
    assert {key: edit.text() for key, edit in branch.edits.items()} == before


def test_staff_management_is_refused_to_a_supervisor(opened, qtbot, dialogs):
    opened.login_as("supervisor")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    assert window.staff_tab.table.rowCount() == 0
    assert "管理者" in window.staff_tab.message.text()


def test_branch_correction_is_checked_by_the_service(opened, qtbot, dialogs):
    from ui.facade import admin

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    branch = window.tabs.widget(1)
    branch.edits["registration_number"].setText("T1234567890123")
    assert not branch.save()
    assert "チェックディジット" in branch.message.text()
    branch.edits["registration_number"].setText("T7123456789012")
    branch.edits["phone"].setText("0298641111")
    assert branch.save()
    # stored hyphenated by the numbering plan
    assert admin.branch_info(opened.context)["phone"] == "029-864-1111"


def test_password_reset_and_lockout_release(opened, qtbot, dialogs):
    from counter_app.services.sign_in import LoginFailed
    from ui.facade import session

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    staff = window.staff_tab
    row = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())].index("tanaka")
    staff.table.selectRow(row)

    dialogs.password_answer = "new-pass-123"
    assert staff.reset_password()
    assert session.login(opened.context, "tanaka", "new-pass-123").username == "tanaka"

    from counter_app.config.security import security_settings

    for _ in range(security_settings().lockout.free_attempts + 1):  # lock tanaka out
        with pytest.raises(CounterAppError):
            session.login(opened.context, "tanaka", "wrong-password")
    with pytest.raises(LoginFailed):  # locked: the right password is refused too
        session.login(opened.context, "tanaka", "new-pass-123")
    assert staff.unlock_selected()
    assert session.login(opened.context, "tanaka", "new-pass-123").username == "tanaka"


def test_admin_checks_the_audit_trail_and_sees_tampering(opened, qtbot, dialogs):
    from sqlalchemy import text

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    assert window.audit_tab.check()
    assert "操作記録は正常です" in window.audit_tab.result.text()

    # someone with the key edits one audit row behind the program's back
    with opened.context.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET action = 'auth.logout' WHERE seq = 2"))
    assert not window.audit_tab.check()
    assert "番号 2" in window.audit_tab.result.text()
