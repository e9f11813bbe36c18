"""The window's sync status (未送信 n 件 / 最終送信 HH:MM / the last error) and the background
worker that pushes and pulls every few minutes when the terminal is enrolled.

Every database read and every exchange with head office runs on Qt's global thread pool,
never on the UI thread: a head office that does not answer (connect timeout) cannot freeze
the counter, which keeps taking requests meanwhile. One job at a time; the result comes back
to the UI thread as a queued signal carrying a :class:`SyncView`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.services.clock import JST

log = logging.getLogger(__name__)

# how often an enrolled terminal pushes and pulls
EXCHANGE_INTERVAL_MS = 3 * 60 * 1000
# the status is read again this long after a local change (several changes: one read)
STATUS_DELAY_MS = 1500


@dataclass(frozen=True)
class SyncView:
    enrolled: bool
    pending: int
    last_push: str | None  # "HH:MM" (Japan), None before the first push
    error: str | None  # the last error's Japanese sentence


def read_view(database: Any) -> SyncView:
    """The status as the status bar shows it (runs on a pool thread)."""
    from counter_app.sync.state import sync_status

    status = sync_status(database)
    last = status.last_push_at.astimezone(JST).strftime("%H:%M") if status.last_push_at else None
    return SyncView(status.enrolled, status.pending, last, status.last_error)


def exchange(database: Any, data_dir: Any, transport_factory: Callable[[], Any] | None) -> None:
    """Push, then pull (runs on a pool thread). A SyncError is recorded by push/pull for the
    status; nothing is raised from here."""
    from counter_app.sync.enrolment import open_transport
    from counter_app.sync.protocol import SyncError
    from counter_app.sync.pull import pull
    from counter_app.sync.push import push

    try:
        transport = transport_factory() if transport_factory else open_transport(database, data_dir)
    except SyncError as error:
        from counter_app.sync.state import record_error

        record_error(database, error, _now())
        return
    try:
        push(database, transport)
        pull(database, transport)
    except SyncError:
        pass  # recorded: the status shows it
    finally:
        transport.close()


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC)


class _Signals(QObject):
    done = Signal(object)  # SyncView, or None when the status could not be read


class _Job(QRunnable):
    def __init__(self, work: Callable[[], SyncView | None], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            view = self._work()
        except Exception:  # the window must go on whatever happens here
            log.exception("sync job failed")
            view = None
        self._signals.done.emit(view)


# the error's first line is cut after this many characters in the status bar (the large
# text mode must still fit the window's 1180 pixels)
ERROR_CHARS = 24
# set apart from the signed-in staff's name by a rule; an error in dark red (7:1 on white)
_STYLE = "QLabel { border-left: 1px solid #8a8a8a; padding-left: 8px; margin-left: 8px; }"
_ERROR = " QLabel { color: #a00000; }"


class SyncIndicator(QLabel):
    """未送信 n 件 ・ 最終送信 HH:MM, and the last error (red) when there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_indicator")
        self.view: SyncView | None = None
        self.setText(self.tr("同期: 確認中…"))
        self.setStyleSheet(_STYLE)

    def show_view(self, view: SyncView | None) -> None:
        self.view = view
        if view is None:
            self.setText(self.tr("同期の状態を読めませんでした"))
            self.setStyleSheet(_STYLE + _ERROR)
            return
        parts = [self.tr("未送信 %n 件", "", view.pending)]
        if not view.enrolled:
            parts.append(self.tr("本部未登録 (単独運用)"))
        else:
            parts.append(
                self.tr("最終送信 %1").replace("%1", view.last_push)
                if view.last_push
                else self.tr("未送信のまま")
            )
        text = " ・ ".join(parts)
        if view.error:
            first_line = view.error.splitlines()[0]
            if len(first_line) > ERROR_CHARS:  # the whole sentence is in the tooltip
                first_line = first_line[: ERROR_CHARS - 1] + "…"
            text += " ・ " + first_line
            self.setStyleSheet(_STYLE + _ERROR)
        else:
            self.setStyleSheet(_STYLE)
        self.setText(text)
        self.setToolTip(view.error or "")


class SyncWorker(QObject):
    """Reads the status after local changes and, when enrolled, exchanges with head office
    every :data:`EXCHANGE_INTERVAL_MS` — all on the thread pool."""

    view_changed = Signal(object)

    def __init__(
        self,
        context: Any,
        parent: QObject | None = None,
        *,
        interval_ms: int = EXCHANGE_INTERVAL_MS,
        transport_factory: Callable[[], Any] | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._transport_factory = transport_factory
        self._pool = pool or QThreadPool.globalInstance()
        self._busy = False
        self._again: str | None = None
        self._signals = _Signals()
        self._signals.done.connect(self._finished)
        self._exchange_timer = QTimer(self)
        self._exchange_timer.setInterval(interval_ms)
        self._exchange_timer.timeout.connect(self.exchange_now)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self.refresh_now)

    def start(self) -> None:
        """Exchange once now (a stand-alone terminal only reads its status), then every
        interval."""
        self._exchange_timer.start()
        self.exchange_now()

    def stop_timers(self) -> None:
        """No more jobs (a job already running finishes on its own: it holds no lock while
        it waits for head office, and its result is dropped with the window)."""
        self._exchange_timer.stop()
        self._status_timer.stop()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Wait for the running job (tests; the program's shutdown)."""
        return self._pool.waitForDone(timeout_ms)

    def changed_locally(self) -> None:
        """A request was registered or changed: read the status again soon."""
        self._status_timer.start()

    def refresh_now(self) -> None:
        self._run("status")

    def exchange_now(self) -> None:
        self._run("exchange")

    # -- internals ---------------------------------------------------------------------
    def _run(self, kind: str) -> None:
        database = getattr(self.context, "db", None)
        if database is None:
            return
        if self._busy:
            self._again = "exchange" if "exchange" in (kind, self._again) else kind
            return
        self._busy = True
        data_dir = getattr(self.context, "data_dir", None)
        factory = self._transport_factory

        def work() -> SyncView:
            if kind == "exchange" and (factory is not None or read_view(database).enrolled):
                exchange(database, data_dir, factory)
            return read_view(database)

        self._pool.start(_Job(work, self._signals))

    def _finished(self, view: SyncView | None) -> None:
        self._busy = False
        self.view_changed.emit(view)
        if self._again is not None:
            kind, self._again = self._again, None
            self._run(kind)
