"""Fixtures for the intake wizard tests: a real encrypted database, staff, a pinned clock."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool

from counter_app.security.roles import Role
from counter_app.services.branch import initialise
from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_SUPERVISOR, sample_branch
from counter_app.services.staff_accounts import NewStaff, create_staff
from counter_app.store.engine import open_database
from counter_app.store.sqlite.cipher import new_key
from ui.context import AppContext
from ui.dialogs import Dialogs

#: Monday 2025-06-02 10:30 in Tokyo.
NOW = dt.datetime(2025, 6, 2, 1, 30, tzinfo=dt.UTC)
STAFF = NewStaff("tanaka", "田中 窓口", Role.STAFF, "staff-pass-1")


@pytest.fixture(scope="session", autouse=True)
def japanese_font(qapp):
    try:
        from ui.appearance import load_fonts

        load_fonts()
    except ImportError:  # the shell is not there: the system font will do
        pass


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """One initialised database (branch, staff, supervisor) copied for every test: the
    password hashing and migrations are paid once. It is opened with a direct key, as
    training mode does, so the copies do not depend on any test's keyring."""
    folder = tmp_path_factory.mktemp("intake-template") / "data"
    key = new_key()
    db = open_database(folder, key=key)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=NOW)
        staff = create_staff(uow, admin.branch_code, STAFF, at=NOW, by=admin)
        supervisor = create_staff(uow, admin.branch_code, SAMPLE_SUPERVISOR, at=NOW, by=admin)
        uow.commit()
    db.close()
    return folder, key, staff, supervisor


@pytest.fixture
def database(tmp_path, database_template):
    template, key, staff, supervisor = database_template
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    db = open_database(folder, key=key, create=False)
    db.test_staff = staff
    db.test_supervisor = supervisor
    yield db
    db.close()


@pytest.fixture
def context(database, tmp_path):
    return AppContext(
        db=database,
        actor=database.test_staff,
        data_dir=tmp_path / "data",
        clock=lambda: NOW,
    )


@pytest.fixture
def today(context):
    return context.today()


@pytest.fixture
def told(monkeypatch):
    """Every modal message, recorded; confirm answers from ``told.answers`` (default yes)."""

    class Told(list):
        answers: list[bool]

    messages = Told()
    messages.answers = []

    def error(cls, parent, text):
        messages.append(("error", text))

    def confirm(cls, parent, text, *, yes=None, no=None, default_yes=False):
        messages.append(("confirm", text))
        return messages.answers.pop(0) if messages.answers else True

    monkeypatch.setattr(Dialogs, "error", classmethod(error))
    monkeypatch.setattr(Dialogs, "confirm", classmethod(confirm))
    return messages


@pytest.fixture(autouse=True)
def printed(monkeypatch):
    """Print jobs recorded (their titles), never sent to a printer: 「登録して印刷」 prints as
    soon as the documents are drawn, so every registration here would otherwise reach the
    machine's printer. A test that needs another answer replaces ``ui.printing.print_pdf``
    itself."""
    import ui.printing
    from ui.printing import PrintResult

    jobs: list[str] = []

    def print_pdf(pdf, printer=None, *, title="", **_):
        jobs.append(title)
        return PrintResult(
            True, "プリンター「test」で印刷を開始しました。", "test", f"test-{len(jobs)}"
        )

    monkeypatch.setattr(ui.printing, "print_pdf", print_pdf)
    return jobs


@pytest.fixture
def wizard(qtbot, context, told):
    from ui.intake.wizard import IntakeWizard

    w = IntakeWizard(context)
    qtbot.addWidget(w)
    w.show()
    yield w
    # A registration, or the drawing of its papers, may still run on a worker thread when the
    # test ends (a loaded machine): let it finish and deliver its answer now, while the printer
    # and the messages are still the test's — after the test it would print for real and open
    # a real message box, which aborts the run.
    assert QThreadPool.globalInstance().waitForDone(30000)
    QCoreApplication.processEvents()
