"""Facade of the first run, the login, a supervisor's approval, the idle lock's unlock and
the own-password screen (``ui.first_run``, ``ui.login``, ``ui.session``, ``ui.dialogs``,
``ui.idle_lock``, ``ui.own_password``).

Importing it costs nothing of the services: the login window uses it before they are loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.errors import CounterAppError
from ui.context import AppContext
from ui.facade._access import now, require_db, signed_in, unit_of_work

if TYPE_CHECKING:  # annotations only: the login window shows before anything else loads
    from counter_app.security.roles import Actor


@dataclass(frozen=True)
class FirstRunAnswers:
    """What the staff typed on the first-run form (passed to the services as is)."""

    branch_code: str
    branch_name: str
    postal_code: str
    address: str
    phone: str
    issuer_name: str
    registration_number: str
    admin_username: str
    admin_display_name: str
    admin_password: str
    #: the enrolment file from head office and its passphrase, when the staff chose
    #: 「本部から受け取った登録ファイルで設定する」 (None: a stand-alone counter)
    enrolment: EnrolmentChoice | None = None


@dataclass(frozen=True)
class EnrolmentChoice:
    """The enrolment file a person picked on the first-run form, and the passphrase typed."""

    path: str
    passphrase: str


@dataclass(frozen=True)
class EnrolmentPreview:
    """What an enrolment file says, once read and its passphrase checked."""

    branch_code: str
    terminal: str  # "BR01-02"
    hq_address: str  # host:port/dbname


@dataclass(frozen=True)
class TextLimits:
    """The services' longest accepted texts (characters), for the boxes' counters."""

    text: int  # a reason, an explanation
    name: int  # a staff member's name
    branch_text: int  # branch name, issuer
    branch_address: int  # printed on one line of the slip


def import_services() -> None:
    """Import the services a login needs (the slow part of startup). Thread-safe."""
    from counter_app.services import (  # noqa: F401
        branch,
        database,
        request_view,
        search,
        staff_accounts,
    )


def open_database(context: AppContext) -> None:
    """Open (and migrate) the data folder's database, the key from the OS keyring (a damaged
    or empty one is refused untouched, the newest good backup named)."""
    from counter_app.services import database

    context.db = database.open_counter_database(context.data_dir, create=True)


def keyring_problem() -> str | None:
    """Why the database key could not be kept in the OS keyring (None when it can).

    Asked before the first-run form is shown: the key is created and stored (or found) now,
    exactly as the first run would, so a missing or locked keyring is said before anything
    is typed rather than after the form is filled.
    """
    from counter_app.security.keys import load_key

    try:
        load_key(create=True)
    except CounterAppError as exc:
        return exc.user_text()
    return None


def open_training_database(
    context: AppContext, accounts: Sequence[tuple[str, str, str]], password: str
) -> None:
    """Training mode: a throwaway database (random key, no keyring) with the samples' branch,
    demo login and synthetic requests, plus the other demo accounts of ``accounts``."""
    from counter_app.security.roles import Role
    from counter_app.services import samples, staff_accounts

    db, demo = samples.create_training_database(context.data_dir)
    context.db = db
    with unit_of_work(context) as uow:
        for username, role, name in accounts:
            if username == samples.DEMO_USERNAME:
                continue
            staff_accounts.create_staff(
                uow,
                demo.branch_code,
                staff_accounts.NewStaff(username, name, Role(role), password),
                at=now(context),
                by=demo,
            )


#: an enrolment file is a few kB (the reader refuses more than 64 KiB)
MAX_ENROLMENT_BYTES = 64 * 1024


def _read_enrolment(choice: EnrolmentChoice) -> Any:
    """The parsed file, its passphrase checked (Japanese InputError otherwise), exactly as
    ``counter-app enrol --file`` reads it."""
    from counter_app.errors import InputError
    from counter_app.files.input import read_input_file
    from counter_app.sync.enrolment_file import check_passphrase, parse_enrolment

    if not choice.path.strip():
        raise InputError("本部から受け取った登録ファイルを選んでください。")
    if not choice.passphrase:
        raise InputError(
            "登録ファイルのパスフレーズを入力してください。",
            hint="本部から登録ファイルと一緒に受け取ったものです。",
        )
    raw = read_input_file(choice.path.strip(), limit=MAX_ENROLMENT_BYTES, what="登録ファイル")
    enrolment = parse_enrolment(raw)
    check_passphrase(enrolment, choice.passphrase)
    return enrolment


def read_enrolment(choice: EnrolmentChoice) -> EnrolmentPreview:
    """Read an enrolment file and check its passphrase (nothing is written): the first-run
    form shows the branch and terminal it is for, and takes the branch code from it."""
    enrolment = _read_enrolment(choice)
    return EnrolmentPreview(
        branch_code=enrolment.terminal.branch_code,
        terminal=enrolment.terminal.text,
        hq_address=f"{enrolment.host}:{enrolment.port}/{enrolment.dbname}",
    )


@dataclass(frozen=True)
class FirstRunDone:
    """What the first run says after it set the branch up (None: nothing to say)."""

    message: str | None = None
    problem: bool = False  # the branch is set up but the enrolment failed after it


def initialise(context: AppContext, answers: FirstRunAnswers) -> FirstRunDone:
    """First run: create the database, the branch and the first administrator; with an
    enrolment file, then make this installation head office's terminal
    (:func:`counter_app.sync.enrolment.enrol`, as ``counter-app enrol --file``).

    The file and its passphrase are read and checked, and the branch code compared, before
    anything is created: a wrong file leaves no half-made installation. If the enrolment
    itself fails afterwards (the OS keyring refuses the passphrase, the disk), the branch and
    administrator stay and the returned message says how to enrol later.
    """
    from counter_app.errors import InputError
    from counter_app.security.roles import Role
    from counter_app.services import branch, database, staff_accounts

    enrolment = _read_enrolment(answers.enrolment) if answers.enrolment else None
    if enrolment is not None and enrolment.terminal.branch_code != answers.branch_code.upper():
        raise InputError(
            f"登録ファイルは支店 {enrolment.terminal.branch_code} のものですが、"
            f"入力した支店コードは {answers.branch_code} です。",
            hint="支店コードを登録ファイルと同じにするか、この支店用の登録ファイルを選んでください。",
        )
    if context.db is None:
        open_database(context)
    with unit_of_work(context) as uow:
        admin = branch.initialise(
            uow,
            branch.BranchInput(
                code=answers.branch_code,
                name=answers.branch_name,
                postal_code=answers.postal_code,
                address=answers.address,
                phone=answers.phone,
                issuer_name=answers.issuer_name,
                registration_number=answers.registration_number,
            ),
            staff_accounts.NewStaff(
                answers.admin_username,
                answers.admin_display_name,
                Role.ADMIN,
                answers.admin_password,
            ),
        )
    if enrolment is None or answers.enrolment is None:
        return FirstRunDone()
    from counter_app.sync.enrolment import enrol

    folder = database.data_folder(context.data_dir)
    try:
        result = enrol(context.db, folder, enrolment, answers.enrolment.passphrase, admin)
    except CounterAppError as exc:
        return FirstRunDone(
            "支店と管理者は登録しましたが、本部への端末の登録はできませんでした。\n"
            f"{exc.user_text()}\n"
            "ログインしたあと、管理者が counter-app enrol --file で登録し直してください。",
            problem=True,
        )
    return FirstRunDone(f"端末 {result.terminal} として本部 ({result.hq_address}) に登録しました。")


def branch_name(context: AppContext) -> str:
    """The branch's name for the window titles ("" before the database is open)."""
    if context.db is None:
        return ""
    from counter_app.services import branch

    try:
        with unit_of_work(context, write=False) as uow:
            return str(branch.get_branch(uow).name)
    except CounterAppError:
        return ""


def login(context: AppContext, username: str, password: str) -> Actor:
    """Sign in (``counter_app.services.sign_in.sign_in``: lockout after repeated failures,
    every failure recorded). When the audit trail's end is broken, a supervisor or
    administrator is let in without the sign-in row, to run the 管理 tab's check
    (``counter_app.services.inspection``); every action that records refuses meanwhile."""
    from counter_app.services.inspection import sign_in_or_inspect

    require_db(context)
    return sign_in_or_inspect(context.db, username, password, at=now(context))


def authenticate(
    context: AppContext, username: str, password: str, permission: str | None = None
) -> Actor:
    """A supervisor approving on the logged-in person's screen; returns the approver.

    With no ``permission`` the approver must be able to approve supervisor actions in
    general (every approvable permission needs the same role). The approval is recorded
    with both people; wrong passwords count towards the supervisor's lockout.
    """
    from counter_app.security.roles import APPROVABLE, Permission
    from counter_app.services.approval import approve_on_screen

    require_db(context)
    wanted = Permission(permission) if permission else sorted(APPROVABLE)[0]
    return approve_on_screen(
        context.db, signed_in(context), username, password, wanted, at=now(context)
    )


def unlock(context: AppContext, password: str) -> Actor:
    """Unlock the screen after the idle lock: the signed-in person's own password."""
    from counter_app.services.screen_lock import reauthenticate

    require_db(context)
    context.actor = reauthenticate(context.db, signed_in(context), password, at=now(context))
    return signed_in(context)


def idle_lock_minutes() -> int:
    """Minutes without input before the screen locks (security.toml ``[session]``)."""
    from counter_app.services.screen_lock import idle_lock_minutes as minutes

    return int(minutes())


def text_limits() -> TextLimits:
    """The services' longest accepted texts, for the boxes' counters."""
    from counter_app.services.access import MAX_ADDRESS, MAX_NAME, MAX_TEXT
    from counter_app.services.branch import MAX_BRANCH_ADDRESS

    return TextLimits(
        text=MAX_TEXT, name=MAX_NAME, branch_text=MAX_ADDRESS, branch_address=MAX_BRANCH_ADDRESS
    )


def change_own_password(context: AppContext, current_password: str, new_password: str) -> None:
    """The logged-in person's own password (any role): the current one is checked like a
    sign-in (a wrong one counts towards the lockout)."""
    from counter_app.services.own_password import change_own_password as change

    require_db(context)
    change(context.db, signed_in(context), current_password, new_password, at=now(context))
