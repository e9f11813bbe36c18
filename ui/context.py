"""What every window of the counter program shares: the database, who is logged in, the mode.

One :class:`AppContext` is created by :mod:`ui.app` at start and handed to every window and
dialog (login, main window, intake wizard, detail, supervisor, administration). It holds no
business rule: the services behind ``db`` decide everything.

Attributes the other windows rely on:

``db``        the opened database handle (``counter_app.services`` ``open_database(...)``);
              use ``with context.db.unit_of_work() as uow: ...; uow.commit()``.
              ``None`` until the database is opened (the login window is shown first).
``actor``     the logged-in staff member (as returned by ``services.sign_in.sign_in``), or ``None``.
``training``  True in training mode (``counter-app --demo``): a throwaway database, every
              printed document marked 見本.
``settings``  display settings chosen at start (:class:`Settings`).
``data_dir``  the data folder in use (a temporary folder in training mode).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Time zone used for everything shown on screen (stored timestamps are UTC).
TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")


@dataclass
class Settings:
    """Display choices made at start (command-line options)."""

    language: str = "ja"  # "ja" (default) or "en"
    large_text: bool = False
    printer_name: str | None = None  # None: ask / the system default


def _now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class AppContext:
    """The shared state of one running counter program (see the module docstring)."""

    db: Any = None
    actor: Any = None
    training: bool = False
    settings: Settings = field(default_factory=Settings)
    data_dir: Path | None = None
    #: The clock; tests replace it to pin "today".
    clock: Callable[[], dt.datetime] = _now_utc
    #: Called with no argument after anything changed the list of requests (the main window
    #: connects its refresh here; the intake wizard's ``registered`` signal also refreshes).
    listeners: list[Callable[[], None]] = field(default_factory=list)

    def now(self) -> dt.datetime:
        """The current time, timezone-aware UTC."""
        return self.clock()

    def today(self) -> dt.date:
        """Today's date at the counter (Asia/Tokyo)."""
        return self.clock().astimezone(TOKYO).date()

    @property
    def logged_in(self) -> bool:
        return self.actor is not None

    def notify_changed(self) -> None:
        """Tell every listener that requests changed (after a registration, a decision...)."""
        for listener in list(self.listeners):
            listener()
