"""Parallel sign-ins cannot beat the lockout (issue 9 item 4).

Real processes (``multiprocessing``, fork) sign in at once on a real SQLCipher file. Each
child counts, in a shared counter, the checks made against the account's real password hash
(argon2's ``verify`` is wrapped in the child; checks against the dummy hash of a refused
attempt are not checks of the password). With ``free_attempts`` = 3 the limit is 4 checks:

- 16 wrong passwords at once: exactly 4 checks, all 16 refused alike, the account locked;
- 15 wrong and the right one, the right one sent once the 4th check has begun: still 4
  checks, and the right one is refused — it came after the lock.

The account's hash is made with the program's own argon2 parameters here (about 0.2 s a
check), as in use, and each child pauses 50 ms after every transaction, as a loaded machine
does: the old code read the count in one transaction and recorded the failure in another, and
the others checked their passwords in between.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.config.security import security_settings
from counter_app.errors import CounterAppError
from counter_app.security.lockout import failed_attempts
from counter_app.services.samples import SAMPLE_STAFF
from counter_app.services.sign_in import LoginFailed, sign_in
from counter_app.store.engine import open_database
from counter_app.store.models import Staff
from tests.counter_app.conftest import PRODUCTION_HASHER

from .conftest import TEMPLATE_KEY

CONTEXT = multiprocessing.get_context("fork")
#: The pause after each transaction in a child (see _attempt).
PAUSE_SECONDS = 0.05


def _attempt(
    folder: str,
    password: str,
    real_hash: str,
    checks,  # multiprocessing.Value: checks of the real hash so far
    fourth_check,  # multiprocessing.Event: set when a check of the real hash reaches the limit
    start,  # multiprocessing.Barrier: every child opens the database, then all go at once
    wait_for_fourth: bool,
    limit: int,
    results,  # multiprocessing.Queue
) -> None:
    from argon2 import PasswordHasher

    original = PasswordHasher.verify

    def counted(self, stored, typed):
        if stored == real_hash:
            with checks.get_lock():
                checks.value += 1
                if checks.value >= limit:
                    fourth_check.set()
        return original(self, stored, typed)

    PasswordHasher.verify = counted
    # a loaded machine: a pause after every transaction ends, before the process goes on
    # (whatever is decided between two transactions is open to the others meanwhile)
    from counter_app.store.uow import UnitOfWork

    closing = UnitOfWork.__exit__

    def slow_exit(self, *exc):
        try:
            return closing(self, *exc)
        finally:
            time.sleep(PAUSE_SECONDS)

    UnitOfWork.__exit__ = slow_exit
    db = open_database(Path(folder), key=TEMPLATE_KEY)
    try:
        start.wait(timeout=120)
        if wait_for_fourth:
            fourth_check.wait(timeout=120)
        try:
            sign_in(db, SAMPLE_STAFF.username, password)
            results.put((password, "signed in"))
        except CounterAppError as exc:
            results.put((password, exc.message))
    finally:
        db.close()


def _run_in_parallel(folder: Path, passwords: list[tuple[str, bool]], real_hash: str):
    limit = security_settings().lockout.free_attempts + 1
    checks = CONTEXT.Value("i", 0)
    fourth = CONTEXT.Event()
    start = CONTEXT.Barrier(len(passwords))
    results = CONTEXT.Queue()
    children = [
        CONTEXT.Process(
            target=_attempt,
            args=(str(folder), pw, real_hash, checks, fourth, start, late, limit, results),
        )
        for pw, late in passwords
    ]
    for child in children:
        child.start()
    answers = [results.get(timeout=300) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    return checks.value, answers


@pytest.fixture
def slow_hash_counter(counter, monkeypatch):
    """The template counter, tanaka's password hashed with the program's own parameters."""
    with counter.db.unit_of_work() as uow:
        row = uow.session.scalar(select(Staff).where(Staff.username == SAMPLE_STAFF.username))
        row.password_hash = PRODUCTION_HASHER.hash(SAMPLE_STAFF.password)
        real_hash = row.password_hash
        uow.commit()
    folder = counter.db.folder
    counter.db.close()  # the children open their own connections
    return folder, real_hash


def _failures(folder: Path) -> int:
    db = open_database(folder, key=TEMPLATE_KEY)
    try:
        with db.unit_of_work(read_only=True) as uow:
            staff_id = uow.session.scalar(
                select(Staff.id).where(Staff.username == SAMPLE_STAFF.username)
            )
            return failed_attempts(uow.session, staff_id)
    finally:
        db.close()


def test_sixteen_parallel_wrong_passwords_get_four_checks(slow_hash_counter):
    folder, real_hash = slow_hash_counter
    limit = security_settings().lockout.free_attempts + 1
    checks, answers = _run_in_parallel(folder, [("wrong-pass-1", False)] * 16, real_hash)
    assert checks == limit
    assert {message for _, message in answers} == {LoginFailed().message}
    assert _failures(folder) == limit
    db = open_database(folder, key=TEMPLATE_KEY)
    try:  # locked: the right password now is refused
        with pytest.raises(LoginFailed):
            sign_in(db, SAMPLE_STAFF.username, SAMPLE_STAFF.password)
    finally:
        db.close()


def test_the_right_password_among_fifteen_wrong_is_refused_once_locked(slow_hash_counter):
    folder, real_hash = slow_hash_counter
    limit = security_settings().lockout.free_attempts + 1
    attempts = [("wrong-pass-1", False)] * 15 + [(SAMPLE_STAFF.password, True)]
    checks, answers = _run_in_parallel(folder, attempts, real_hash)
    assert "signed in" not in {message for _, message in answers}
    assert checks == limit  # the right one was not even checked
    assert dict(answers)[SAMPLE_STAFF.password] == LoginFailed().message
