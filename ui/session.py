"""The run of one counter program: which window is up, and the database behind them.

:class:`Session` shows the first window at once (first-run setup if the data folder has no
database yet, else the login), imports the services on a worker thread while the staff member
types (the ORM is slow to import), then opens the database on the UI thread. After a
successful login it shows the main window; logging out returns to the login window.

Training mode (``--demo``) opens a throwaway database in a temporary folder with a key passed
directly (no OS keyring), fills it with synthetic requests and a demo login.
"""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.context import AppContext

log = logging.getLogger(__name__)

#: The demo logins shown on the login screen in training mode: (username, role, name).
#: They share :data:`DEMO_PASSWORD`, so a newcomer can try a supervisor's approval too.
#: ``demo`` is the samples' demo login (``counter_app.services.samples``); the test
#: ``tests/ui/test_session.py`` checks these agree with it.
DEMO_ACCOUNTS = (
    ("demo", "supervisor", "研修 利用者"),
    ("madoguchi", "staff", "研修 窓口"),
    ("kanri", "admin", "研修 管理者"),
)
DEMO_USERNAME = DEMO_ACCOUNTS[0][0]
DEMO_PASSWORD = "demo-demo"
#: Idle-lock minutes when security.toml cannot be read.
DEFAULT_IDLE_MINUTES = 5
#: Milliseconds after the first window is shown before the services are imported.
WARM_UP_DELAY_MS = 30


def warm_up_services() -> None:
    """Import what opening the database, logging in and the main window need (the ORM is
    slow to import), so the first login does not pay for it."""
    from ui.facade import session

    session.import_services()
    importlib.import_module("ui.main_window")  # ahead of the first login


class Session(QObject):
    """Owns the windows and the database of one program run."""

    #: The database is open (or failed: ``database_failed`` with the Japanese message).
    database_ready = Signal()
    database_failed = Signal(str)
    #: Emitted from the worker thread when the services are imported.
    _services_imported = Signal(object)

    def __init__(self, context: AppContext, *, data_dir: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.explicit_data_dir = data_dir
        self.login_window: Any = None
        self.first_run_window: Any = None
        self.main_window: Any = None
        self.idle_lock: Any = None
        self._temp_dir: Any = None  # tempfile.TemporaryDirectory in training mode
        self._services_error: BaseException | None = None
        #: The Japanese message of the last failure to open the database, if any.
        self.failure: str | None = None
        self._services_imported.connect(self._after_import)
        self.database_failed.connect(self._remember_failure)
        self.database_ready.connect(self._forget_failure)

    # ----------------------------------------------------------------- start
    def start(self, *, background: bool = True) -> None:
        """Show the first window now; prepare the database behind it."""
        if self.context.training:
            import tempfile

            self._temp_dir = tempfile.TemporaryDirectory(prefix="counter-app-demo-")
            self.context.data_dir = Path(self._temp_dir.name)
            needs_setup = False
        else:
            from ui.locations import data_folder, database_exists

            self.context.data_dir = data_folder(self.explicit_data_dir)
            needs_setup = not database_exists(self.context.data_dir)
        if needs_setup:
            self.show_first_run()
        else:
            self.show_login()
        if background:
            # after the first paint, so the import does not slow the window's appearance
            QTimer.singleShot(WARM_UP_DELAY_MS, self._start_import_thread)
        else:
            self._import_in_background()

    def _start_import_thread(self) -> None:
        threading.Thread(target=self._import_in_background, daemon=True).start()

    def _import_in_background(self) -> None:
        error: BaseException | None = None
        try:
            warm_up_services()
        except BaseException as exc:  # reported on the UI thread
            error = exc
        self._services_imported.emit(error)

    def _remember_failure(self, message: str) -> None:
        self.failure = message

    def _forget_failure(self) -> None:
        self.failure = None

    def _after_import(self, error: BaseException | None) -> None:
        if error is not None:
            log.error("services could not be imported", exc_info=error)
            self.database_failed.emit(
                self.tr("プログラムの部品を読み込めませんでした: %1").replace("%1", str(error))
            )
            return
        if self.context.db is not None:  # opened already (tests, a second start)
            self.database_ready.emit()
            return
        if self.first_run_window is not None and self.login_window is None:
            # the database is created by the first-run form; nothing to open yet
            self.database_ready.emit()
            return
        self.open_database()

    def open_database(self) -> bool:
        """Open the database of the data folder (or the training one); report the outcome."""
        from ui.facade import session

        try:
            if self.context.training:
                session.open_training_database(self.context, DEMO_ACCOUNTS, DEMO_PASSWORD)
            else:
                session.open_database(self.context)
        except Exception as exc:
            from ui.error_text import user_text

            self.database_failed.emit(user_text(exc))
            return False
        self.database_ready.emit()
        return True

    def wait_until_ready(self, timeout_ms: int = 30_000) -> bool:
        """Process events until the database is open or failed (a login pressed early)."""
        from PySide6.QtCore import QEventLoop

        if self.context.db is None and self.failure is None:
            loop = QEventLoop()
            self.database_ready.connect(loop.quit)
            self.database_failed.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            self.database_ready.disconnect(loop.quit)
            self.database_failed.disconnect(loop.quit)
        return self.context.db is not None

    # --------------------------------------------------------------- windows
    def show_first_run(self) -> None:
        from ui.facade import session
        from ui.first_run import FirstRunWindow

        self.first_run_window = FirstRunWindow(self.context)
        self.first_run_window.submitted.connect(self._first_run_submitted)
        self.database_failed.connect(self.first_run_window.show_error)
        self.database_ready.connect(self._first_run_limits)
        problem = session.keyring_problem()  # before the form can be filled in
        if problem is not None:
            self.first_run_window.refuse(problem)
        self.first_run_window.show()

    def _first_run_limits(self) -> None:
        """The services are loaded: the form's counters learn their limits."""
        from ui.facade import session

        if self.first_run_window is not None:
            self.first_run_window.set_limits(session.text_limits())

    def _first_run_submitted(self, answers: object) -> None:
        from ui.facade import session

        window = self.first_run_window
        try:
            done = session.initialise(self.context, answers)
        except Exception as exc:
            from ui.error_text import user_text

            window.show_error(user_text(exc))
            return
        window.close()
        window.deleteLater()
        self.first_run_window = None
        self.show_login()
        self.database_ready.emit()
        if done.message:  # the enrolment with head office's file: done, or what to do
            from ui.dialogs import Dialogs

            say = Dialogs.error if done.problem else Dialogs.info
            say(self.login_window, done.message)

    def show_login(self) -> None:
        from ui.login import LoginWindow

        if self.login_window is None:
            self.login_window = LoginWindow(self.context)
            self.login_window.login_requested.connect(self.try_login)
            self.database_ready.connect(self._login_ready)
            self.database_failed.connect(self.login_window.show_error)
            if self.context.training:
                self.login_window.show_demo_login(
                    [(name, role) for name, role, _ in DEMO_ACCOUNTS], DEMO_PASSWORD
                )
        self.login_window.reset()
        if self.context.db is not None:
            self._login_ready()
        self.login_window.show()
        self.login_window.raise_()
        self.login_window.activateWindow()

    def _login_ready(self) -> None:
        if self.login_window is None:
            return
        from ui.facade import session

        self.login_window.set_ready(True, session.branch_name(self.context))

    def try_login(self, username: str, password: str) -> bool:
        """Log in and show the main window; on refusal the login window says why."""
        from ui.error_text import user_text
        from ui.facade import session

        if self.context.db is None and not self.wait_until_ready():
            self.login_window.show_error(
                self.failure or self.tr("データベースを開けませんでした。もう一度お試しください。")
            )
            return False
        try:
            self.context.actor = session.login(self.context, username, password)
        except Exception as exc:
            self.login_window.show_error(user_text(exc))
            return False
        self.show_main_window()
        self.login_window.hide()
        return True

    def show_main_window(self) -> None:
        from ui.main_window import MainWindow

        self.main_window = MainWindow(self.context)
        self.main_window.logout_requested.connect(self.logout)
        self.main_window.show()
        self.start_idle_lock()

    def start_idle_lock(self, minutes: float | None = None) -> None:
        """Lock the screen after the configured minutes without input (security.toml)."""
        from ui.facade import session
        from ui.idle_lock import IdleLock

        if self.idle_lock is not None:
            self.idle_lock.stop()
        if minutes is None:
            try:
                minutes = session.idle_lock_minutes()
            except Exception:
                log.exception("idle lock minutes unavailable; using %s", DEFAULT_IDLE_MINUTES)
                minutes = DEFAULT_IDLE_MINUTES
        self.idle_lock = IdleLock(self.context, minutes, self)
        self.idle_lock.logout_requested.connect(self.logout)

    def logout(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.stop()
            self.idle_lock = None
        self.context.actor = None
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        self.show_login()

    def shutdown(self) -> None:
        """Close the database and remove the training folder."""
        if self.idle_lock is not None:
            self.idle_lock.stop()
            self.idle_lock = None
        db = self.context.db
        self.context.db = None
        if db is not None and hasattr(db, "close"):
            db.close()
        if self._temp_dir is not None:
            self._temp_dir.cleanup()
            self._temp_dir = None
