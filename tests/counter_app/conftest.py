"""Core tests hash passwords with argon2id at test-sized cost.

The production hasher (argon2-cffi's defaults, RFC 9106 low-memory profile: 64 MiB, t=3,
p=4) takes about 0.2 s per hash or check on these machines; the core tests sign in, approve
and add staff about 170 times, which cost some 35 s of a run. These tests are about who may
do what, lockouts, audit rows and hostile input, not about the hashing cost, so every test
under tests/counter_app runs with a cheap argon2id hasher: still real argon2id hashes and
checks, on every path. tests/counter_app/services/test_branch_auth_input.py checks the
production parameters themselves.

The hasher is swapped around each test of this folder only (setup and teardown hooks), so a
session-scoped template built during a test's setup holds cheap hashes, and tests elsewhere
(tests/ui, tests/forms) keep the production hasher.
"""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from counter_app.security import password_hashing

#: The production hasher, as the program builds it (checked by test_argon2id_hash).
PRODUCTION_HASHER = password_hashing._hasher

#: argon2id at the smallest cost argon2 allows (8 KiB, one pass, one lane).
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

_patch = pytest.MonkeyPatch()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures are set up (session templates included)."""
    _patch.setattr(password_hashing, "_hasher", TEST_HASHER)  # its own dummy hash is made once


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    _patch.undo()
