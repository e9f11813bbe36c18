"""Login window and session: refusals in the window, success opens the main window,
training mode's demo logins, and the data-folder rule agreeing with the store's."""

from __future__ import annotations

import pytest

from ui.context import AppContext
from ui.login import LoginWindow
from ui.session import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_USERNAME, Session


@pytest.fixture
def session(opened, qtbot, dialogs):
    s = Session(opened.context, data_dir=str(opened.folder))
    s.start(background=False)
    qtbot.addWidget(s.login_window)
    yield s
    if s.main_window is not None:
        s.main_window.close()


def test_login_window_is_shown_for_an_existing_database(session):
    assert session.first_run_window is None
    assert session.login_window.isVisible()
    assert session.login_window.branch.text() == "水戸宅配センター"


def test_wrong_password_is_refused_in_the_window(session, qtbot):
    window = session.login_window
    window.username.setText("tanaka")
    window.password.setText("wrong-password")
    window.login_button.click()
    assert session.main_window is None
    assert "ユーザーIDまたはパスワードが違うか" in window.message.text()
    assert window.password.text() == ""  # cleared, the user name kept
    assert window.username.text() == "tanaka"
    assert window.isVisible()


def test_unknown_user_gets_the_same_refusal(session):
    window = session.login_window
    window.username.setText("nobody")
    window.password.setText("whatever-1")
    window.submit()
    assert "ユーザーIDまたはパスワードが違うか" in window.message.text()


def test_empty_fields_are_named(session):
    window = session.login_window
    window.submit()
    assert "ユーザーIDを入力してください" in window.message.text()
    window.username.setText("tanaka")
    window.submit()
    assert "パスワードを入力してください" in window.message.text()


def test_successful_login_opens_the_main_window_and_logout_returns(session, opened):
    window = session.login_window
    window.username.setText("tanaka")
    window.password.setText("staff-pass-1")
    window.password.returnPressed.emit()
    assert session.main_window is not None
    assert session.main_window.isVisible()
    assert not window.isVisible()
    assert opened.context.actor.username == "tanaka"
    assert "田中 窓口" in session.main_window.actor_label.text()
    session.main_window.logout_button.click()
    assert opened.context.actor is None
    assert session.main_window is None
    assert window.isVisible()
    assert window.password.text() == ""


def test_first_run_form_is_shown_when_the_folder_has_no_database(tmp_path, qtbot):
    context = AppContext()
    s = Session(context, data_dir=str(tmp_path / "empty"))
    s.start(background=False)
    qtbot.addWidget(s.first_run_window)
    assert s.login_window is None
    assert s.first_run_window.isVisible()


def test_demo_accounts_match_the_training_database():
    from counter_app.services import samples

    assert DEMO_USERNAME == samples.DEMO_USERNAME
    assert DEMO_PASSWORD == samples.DEMO_PASSWORD
    assert {role for _, role, _ in DEMO_ACCOUNTS} == {"staff", "supervisor", "admin"}


def test_training_mode_shows_the_demo_logins(qtbot):
    window = LoginWindow(AppContext(training=True))
    qtbot.addWidget(window)
    window.show_demo_login([(n, r) for n, r, _ in DEMO_ACCOUNTS], DEMO_PASSWORD)
    assert window.demo_band.isVisibleTo(window)
    assert "研修モード" in window.demo_heading.text()
    assert DEMO_PASSWORD in window.demo_password.text()
    assert window.username.text() == DEMO_USERNAME


def test_training_band_lists_each_demo_login_in_two_columns(qtbot, ui_font):
    from PySide6.QtCore import Qt

    from counter_app.security.roles import Role

    window = LoginWindow(AppContext(training=True))
    qtbot.addWidget(window)
    accounts = [(n, r) for n, r, _ in DEMO_ACCOUNTS]
    window.show_demo_login(accounts, DEMO_PASSWORD)
    window.show_demo_login(accounts, DEMO_PASSWORD)  # shown again after a logout: no duplicates
    window.show()
    qtbot.waitExposed(window)
    listed = [(name.text(), role.text()) for name, role in window.demo_logins]
    assert listed == [(n, Role(r).label) for n, r in accounts]
    shown = window.demo_band.findChildren(type(window.demo_heading), "demo_username")
    assert len([label for label in shown if label.isVisibleTo(window)]) == 3
    # a column of IDs, a column of roles to their right, every line left-aligned
    names = {name.mapTo(window, name.rect().topLeft()).x() for name, _ in window.demo_logins}
    roles = {role.mapTo(window, role.rect().topLeft()).x() for _, role in window.demo_logins}
    assert len(names) == 1 and len(roles) == 1 and roles.pop() > names.pop()
    for label in (window.demo_heading, window.demo_password, *window.demo_logins[0]):
        assert label.alignment() & Qt.AlignmentFlag.AlignLeft
        assert label.isVisibleTo(window)
    # the heading is one line: a glance reads it
    heading = window.demo_heading
    assert heading.height() < 2 * heading.fontMetrics().lineSpacing()


def test_training_session_logs_in_with_the_demo_account(qtbot, dialogs, ui_font):
    context = AppContext(training=True)
    s = Session(context)
    s.start(background=False)
    qtbot.addWidget(s.login_window)
    try:
        assert context.db is not None and context.db.training
        assert s.try_login(DEMO_USERNAME, DEMO_PASSWORD)
        assert context.actor.role.value == "supervisor"
        assert s.main_window.training_band.isVisibleTo(s.main_window)
        assert s.try_login("madoguchi", DEMO_PASSWORD)  # the staff demo account works too
    finally:
        folder = context.data_dir
        if s.main_window is not None:
            s.main_window.close()
        s.shutdown()
    assert not folder.exists()  # the throwaway folder is gone


def test_data_folder_rule_agrees_with_the_store(tmp_path, monkeypatch):
    from counter_app import paths
    from counter_app.store import location
    from ui import locations

    assert locations.DATABASE_FILE == location.DATABASE_FILE
    assert locations.HOME_ENV == paths.HOME_ENV
    assert locations.data_folder(str(tmp_path)) == paths.data_dir(str(tmp_path))
    assert locations.data_folder() == paths.data_dir()
    monkeypatch.delenv("COUNTER_APP_HOME")
    assert locations.data_folder() == paths.data_dir()


def test_no_usable_keyring_is_explained_in_the_login_window(
    database_template, tmp_path, qtbot, dialogs, ui_font
):
    """The real start-up path: the key must come from the OS keyring; without one, the
    program refuses to open the database and says how to fix it (never plaintext)."""
    import shutil

    import keyring
    from keyring.backends import fail

    folder = tmp_path / "data"
    shutil.copytree(database_template.folder, folder)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        context = AppContext()
        s = Session(context, data_dir=str(folder))
        s.start(background=False)
        qtbot.addWidget(s.login_window)
        assert context.db is None
        assert "キーリング" in s.login_window.message.text()
        assert "--demo" in s.login_window.message.text()  # the way to practise anyway
        s.login_window.username.setText("tanaka")
        s.login_window.password.setText("staff-pass-1")
        assert not s.try_login("tanaka", "staff-pass-1")
        assert s.main_window is None
        assert "キーリング" in s.login_window.message.text()
    finally:
        keyring.set_keyring(previous)


def test_repeated_failures_lock_the_account(session):
    from counter_app.config.security import security_settings

    window = session.login_window
    free = security_settings().lockout.free_attempts
    for _ in range(free + 1):
        window.username.setText("tanaka")
        window.password.setText("wrong-password")
        window.submit()
    assert "ロック" in window.message.text()
    window.password.setText("staff-pass-1")  # even the right password waits now
    window.submit()
    assert session.main_window is None
    assert "ロック" in window.message.text()
