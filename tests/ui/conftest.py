"""Fixtures of the UI tests: a real encrypted database with staff and sample requests, a
context logged in as a given role, and scripted answers for every modal dialog.

The database is built once per session (argon2 hashing and migrations are slow) and copied
into each test's tmp folder, so every test gets its own real file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TEST_KEY = bytes(range(32))

#: Qt's offscreen platform warns that it cannot do window-manager things; harmless here.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support setParent",
)


def pytest_collection_modifyitems(config, items):
    """Let the offscreen platform's window-manager warnings pass (qt_log_level_fail)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(
                pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
            )  # a fixed throwaway key: the template file is copied per test


@dataclass
class Template:
    folder: Path
    actors: dict[str, Any]
    request_ids: list[str]
    receipt_ids: list[str]
    day: dt.date


@pytest.fixture(scope="session")
def ui_font(qapp):
    """The bundled Japanese font as the application font (as ui.app does at start)."""
    from ui.appearance import application_font, load_fonts

    families = load_fonts()
    qapp.setFont(application_font(families, False))
    return families


#: The four ways the counter window is shown: language x text size (--lang, --large-text).
TEXT_MODES = [("ja", False), ("ja", True), ("en", False), ("en", True)]


@pytest.fixture(params=TEXT_MODES, ids=["ja", "ja-large", "en", "en-large"])
def text_mode(request, qapp, ui_font):
    """The application font and catalogue of one text mode, as ``ui.app`` sets them at start;
    widgets made after this fixture are in that mode. Yields ``(language, large_text)``."""
    from PySide6.QtCore import QTranslator

    from ui.appearance import application_font, resources_dir

    language, large_text = request.param
    qapp.setFont(application_font(ui_font, large_text))
    translator = None
    if language == "en":
        translator = QTranslator()
        assert translator.load("counter_app_en", str(resources_dir() / "translations"))
        qapp.installTranslator(translator)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)
    qapp.setFont(application_font(ui_font, False))


@pytest.fixture(scope="session")
def database_template(tmp_path_factory) -> Template:
    from counter_app.services import samples
    from counter_app.services.branch import initialise
    from counter_app.services.clock import now_utc, today
    from counter_app.services.intake import register_intake
    from counter_app.services.staff_accounts import create_staff
    from counter_app.store.engine import open_database

    folder = tmp_path_factory.mktemp("ui-template")
    db = open_database(folder, key=TEST_KEY)
    at = now_utc()
    actors: dict[str, Any] = {}
    request_ids: list[str] = []
    receipt_ids: list[str] = []
    with db.unit_of_work() as uow:
        admin = initialise(uow, samples.sample_branch(), samples.SAMPLE_ADMIN, at=at)
        actors["admin"] = admin
        actors["staff"] = create_staff(uow, "BR01", samples.SAMPLE_STAFF, at=at, by=admin)
        actors["supervisor"] = create_staff(uow, "BR01", samples.SAMPLE_SUPERVISOR, at=at, by=admin)
        for intake in (
            samples.sample_self_intake(),
            samples.sample_proxy_intake(),
            samples.sample_correction_intake(),
        ):
            result = register_intake(uow, actors["staff"], intake)
            request_ids.append(result.request_id)
            if result.receipt_id:
                receipt_ids.append(result.receipt_id)
        uow.commit()
    db.close()
    return Template(folder, actors, request_ids, receipt_ids, today())


@dataclass
class Opened:
    context: Any
    template: Template
    folder: Path

    def login_as(self, role: str) -> Any:
        self.context.actor = self.template.actors[role]
        return self.context.actor


@pytest.fixture
def opened(database_template, tmp_path, ui_font):
    """A copy of the template database, opened, in a context with nobody logged in."""
    from counter_app.store.engine import open_database
    from ui.context import AppContext

    folder = tmp_path / "data"
    shutil.copytree(database_template.folder, folder)
    db = open_database(folder, key=TEST_KEY, create=False)
    context = AppContext(db=db, data_dir=folder)
    yield Opened(context, database_template, folder)
    db.close()


@dataclass
class ScriptedDialogs:
    """What the user answers to the modal dialogs, and what they were shown."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    confirms: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    approvals: list[tuple[str, str | None]] = field(default_factory=list)
    confirm_answer: bool = True
    text_answer: str | None = "確認のため"
    integer_answer: int | None = 0
    password_answer: str | None = "new-pass-123"
    approver: Any = None
    save_path: str | None = None
    #: the question dialogs answered (``ask_reason``, ``ask_new_password``), still open
    #: when their answer was refused
    answer_dialogs: list[Any] = field(default_factory=list)


@pytest.fixture
def dialogs(monkeypatch) -> ScriptedDialogs:
    """Replace every modal dialog of ui.dialogs.Dialogs with scripted answers."""
    from ui.dialogs import Dialogs

    script = ScriptedDialogs()

    def error(cls, parent, text):
        script.errors.append(text)

    def info(cls, parent, text):
        script.infos.append(text)

    def confirm(cls, parent, text, *, yes=None, no=None, default_yes=False):
        script.confirms.append(text)
        return script.confirm_answer

    def ask_reason(
        cls, parent, title, label, submit, *, empty, limit=None, multiline=False, ok_text=None
    ):
        """The real question dialog, answered with ``text_answer`` and OK, never shown: a
        refusal is what it says in its message line (also in ``errors``)."""
        from ui.answer_dialogs import TextAnswerDialog
        from ui.dialogs import may_discard

        script.questions.append(label)
        if script.text_answer is None:
            return False
        dialog = TextAnswerDialog(
            title,
            label,
            submit,
            ask_discard=may_discard,
            empty=empty,
            limit=limit,
            multiline=multiline,
            ok_text=ok_text,
        )
        script.answer_dialogs.append(dialog)
        dialog.set_text(script.text_answer)
        if dialog.try_submit():
            return True
        script.errors.append(dialog.message.text())
        return False

    def ask_new_password(cls, parent, title, label, submit):
        from ui.answer_dialogs import NewPasswordDialog

        script.questions.append(label)
        if script.password_answer is None:
            return False
        dialog = NewPasswordDialog(title, label, submit)
        script.answer_dialogs.append(dialog)
        dialog.password.setText(script.password_answer)
        dialog.again.setText(script.password_answer)
        if dialog.try_submit():
            return True
        script.errors.append(dialog.message.text())
        return False

    def ask_integer(cls, parent, title, label, value=0):
        script.questions.append(label)
        return script.integer_answer

    def supervisor_approval(cls, parent, ctx, purpose="", permission=None):
        script.approvals.append((purpose, permission))
        return script.approver

    def save_file_name(cls, parent, title, suggested):
        return script.save_path

    for name, fn in (
        ("error", error),
        ("info", info),
        ("confirm", confirm),
        ("ask_reason", ask_reason),
        ("ask_new_password", ask_new_password),
        ("ask_integer", ask_integer),
        ("supervisor_approval", supervisor_approval),
        ("save_file_name", save_file_name),
    ):
        monkeypatch.setattr(Dialogs, name, classmethod(fn))
    return script
