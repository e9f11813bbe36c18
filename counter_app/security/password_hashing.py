"""Password hashing with argon2id (argon2-cffi defaults, RFC 9106 low-memory profile).

A primitive: hash, verify, and spend the time of one verification. Nothing here decides whether
someone may act. ``verify_password`` is called in one place only,
:func:`counter_app.services.sign_in.authenticate`, which applies the lockout and audits (a
source scan in tests/counter_app/trust/test_sign_in_paths.py fails on any other caller). What
a new password must look like is :mod:`counter_app.security.password_policy`.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id

#: An argon2id hash of a random secret nobody kept, made with the hasher's own parameters
#: (tests/counter_app/services/test_branch_auth_input.py checks it needs no rehash). A sign-in
#: whose answer is "no" before any password is looked at (unknown user, disabled account,
#: account locked) verifies against it, so it costs the same time as a real check: a constant,
#: not a hash built when first needed (that cost ~120 ms more in one-process-per-attempt use
#: and told unknown users apart, issue 9 item 5).
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$WM8SdHPQZPykO4kHKCgRVg$"
    "B+GyAN2YqVSMg8MTjIZIQGVtZXlAg2nikBfL1oRtdLQ"
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError, UnicodeError):  # lone surrogates: no match
        return False


#: Dummy hashes for a hasher whose parameters are not DUMMY_HASH's (the core tests' cheap
#: one): made once per parameter set. The program's own hasher never needs one.
_other_dummies: dict[tuple[int, int, int], str] = {}


def _dummy_hash() -> str:
    if not _hasher.check_needs_rehash(DUMMY_HASH):
        return DUMMY_HASH
    params = (_hasher.time_cost, _hasher.memory_cost, _hasher.parallelism)
    if params not in _other_dummies:
        _other_dummies[params] = _hasher.hash(secrets.token_urlsafe(24))
    return _other_dummies[params]


def spend_a_verification(password: str) -> None:
    """Take the time of one real verification, for an attempt already known to fail."""
    verify_password(_dummy_hash(), password)


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
