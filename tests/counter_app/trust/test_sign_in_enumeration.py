"""A sign-in never tells whether a user name exists (issue 9 item 5).

The choice (docs/trust.md, "Sign-in"): where a user name is typed, the lock is revealed to
nobody — a wrong password, an unknown name, a disabled account and a locked account all get
the same sentence — and every attempt costs exactly one argon2 check with the same
parameters (unknown, disabled and locked accounts are checked against a dummy hash that is a
constant, not built per process). So an unknown name gets exactly the message sequence of a
known one with wrong passwords, past the lock too, and the same work.

Hypothesis draws the user names: valid-looking ones, any text, names that fold (NFKC, case)
onto nothing known. The time itself is measured by bench/bench_login_timing.py (no timed
assertions here); what is asserted is the work: one check, same parameters, no hash built.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.config.security import security_settings
from counter_app.errors import CounterAppError
from counter_app.security import password_hashing
from counter_app.services.samples import SAMPLE_STAFF
from counter_app.services.sign_in import sign_in
from counter_app.services.staff_accounts import unlock_account

from .conftest import NOW

T0 = NOW.astimezone(dt.UTC)
KNOWN = {"admin", "tanaka", "suzuki"}
ATTEMPTS = security_settings().lockout.free_attempts + 3  # past the lock, and on


def _folds_to_known(name: str) -> bool:
    try:
        folded = unicodedata.normalize("NFKC", name).strip().lower()
    except (TypeError, ValueError):
        return False
    return folded in KNOWN


user_names = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9._-]{1,31}", fullmatch=True),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["ＴＡＮＡＫＡ2", "tanaka ", "admin.", "suzuki-1", "山田"]),
).filter(lambda name: not _folds_to_known(name))


class Work:
    """Counts argon2 checks (with the parameters of the hash checked) and hashes made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # These tests run with a cheap hasher (tests/counter_app/conftest.py), whose dummy
        # hash is made once on first use; the program's own hasher uses the DUMMY_HASH
        # constant (test_branch_auth_input.py checks its parameters). Made before counting:
        password_hashing.spend_a_verification("")
        self.checks: list[str] = []
        self.hashes = 0
        verify, make = PasswordHasher.verify, PasswordHasher.hash

        def counted_verify(hasher, stored, password):
            self.checks.append(str(stored).rsplit("$", 2)[0])  # $argon2id$v=19$m=..,t=..,p=..
            return verify(hasher, stored, password)

        def counted_hash(hasher, password, **kwargs):
            self.hashes += 1
            return make(hasher, password, **kwargs)

        monkeypatch.setattr(PasswordHasher, "verify", counted_verify)
        monkeypatch.setattr(PasswordHasher, "hash", counted_hash)

    def take(self) -> tuple[list[str], int]:
        taken = (self.checks, self.hashes)
        self.checks, self.hashes = [], 0
        return taken


def _sequence(db, name: str, work: Work) -> list[tuple[str, str, int, int]]:
    """Each attempt's refusal (message, hint) and its work (checks, hashes made)."""
    answers = []
    for n in range(ATTEMPTS):
        try:
            sign_in(db, name, "wrong-pass-1", at=T0 + dt.timedelta(seconds=n))
            raise AssertionError("a wrong password signed in")
        except CounterAppError as exc:
            checks, hashes = work.take()
            answers.append((exc.message, exc.hint or "", len(checks), hashes))
    return answers


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=user_names)
def test_an_unknown_user_gets_the_known_users_answers(counter, monkeypatch, name):
    work = Work(monkeypatch)
    unlock_account(counter.db, counter.admin, SAMPLE_STAFF.username)
    work.take()
    known = _sequence(counter.db, SAMPLE_STAFF.username, work)
    unknown = _sequence(counter.db, name, work)
    assert unknown == known
    assert all(checks == 1 and hashes == 0 for _, _, checks, hashes in known)


def test_every_refusal_costs_one_check_with_the_real_hashs_parameters(counter, monkeypatch):
    """Known and wrong, unknown, disabled, locked: one check each, all with the parameters
    of the stored hashes, two writes each (the attempt, then its outcome) — so the same
    time — and no hash built on the way."""
    from counter_app.services.staff_accounts import set_active

    work = Work(monkeypatch)
    with counter.db.unit_of_work() as uow:
        set_active(uow, counter.admin, "suzuki", False)
        uow.commit()
    for _ in range(ATTEMPTS):  # tanaka ends locked
        with pytest.raises(CounterAppError):
            sign_in(counter.db, "tanaka", "wrong-pass-1", at=T0)
    work.take()
    seen = []
    for name, password in (
        ("tanaka", "wrong-pass-1"),  # locked
        ("tanaka", SAMPLE_STAFF.password),  # locked, the right password
        ("nobody", "wrong-pass-1"),  # unknown
        ("suzuki", "super-pass-1"),  # disabled, the right password
        ("admin", "wrong-pass-1"),  # known, wrong
    ):
        before = audit_count(counter.db)
        with pytest.raises(CounterAppError) as refused:
            sign_in(counter.db, name, password, at=T0)
        checks, hashes = work.take()
        writes = audit_count(counter.db) - before
        seen.append((refused.value.user_text(), tuple(checks), hashes, writes))
    assert len(set(seen)) == 1, seen
    assert len(seen[0][1]) == 1 and seen[0][2:] == (0, 2)


def audit_count(db) -> int:
    from sqlalchemy import func, select

    from counter_app.store.models import AuditEntry

    with db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry))


def test_the_cli_answers_unknown_and_known_users_alike(counter, capsys, monkeypatch):
    folder = counter.db.folder
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "wrong-pass-1")

    def answers(name: str) -> list[tuple[int, str]]:
        seen = []
        for _ in range(ATTEMPTS):
            code = main(["--data-dir", str(folder), "list", "--user", name])
            seen.append((code, capsys.readouterr().err))
        return seen

    assert answers("nobody") == answers("tanaka")
