"""A counter for the UI benches: the real main window's context on a real encrypted database
in a given folder (an in-memory keyring), and a printer that records its jobs.

Used by bench/bench_actions.py and bench/bench_intake_ui.py.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


def open_counter(home: Path):  # -> (app, context)
    """The QApplication and an AppContext signed in as a staff member, on a new database
    in ``home``/data (COUNTER_APP_HOME is set to ``home``)."""
    os.environ["COUNTER_APP_HOME"] = str(home)
    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    try:
        from ui.appearance import application_font, load_fonts

        app.setFont(application_font(load_fonts(), False))
    except ImportError:
        pass
    from counter_app.services.branch import initialise
    from counter_app.services.samples import SAMPLE_ADMIN, sample_branch
    from counter_app.services.staff_accounts import create_staff
    from counter_app.store.engine import open_database
    from counter_app.store.sqlite.cipher import new_key
    from tests.ui.intake.conftest import STAFF
    from ui.context import AppContext

    db = open_database(home / "data", key=new_key())
    now = dt.datetime.now(dt.UTC)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=now)
        staff = create_staff(uow, admin.branch_code, STAFF, at=now, by=admin)
        uow.commit()
    return app, AppContext(db=db, actor=staff, data_dir=home / "data")


def no_printer(printed: list[str]) -> None:
    """Record print jobs instead of sending them to a printer."""
    import ui.printing
    from ui.printing import PrintResult

    def print_pdf(pdf: bytes, printer: str | None = None, *, title: str = "", **_: object):
        printed.append(title)
        return PrintResult(True, f"{title}: 印刷しました (bench)", "bench", "bench-1")

    ui.printing.print_pdf = print_pdf
