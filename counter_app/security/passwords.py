"""Password hashing with argon2id (argon2-cffi defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.errors import InputError

MIN_LENGTH = 8

_hasher = PasswordHasher()  # argon2id


def check_password_policy(password: str, username: str | None = None) -> None:
    """Refuse a password that breaks the policy (Japanese message).

    The policy is configurable (security.toml ``[password]``, see
    :func:`counter_app.security.sessions.check_password`): at least ``MIN_LENGTH`` characters
    by default, two character classes, no control characters, not a common password, not
    containing the user name.
    """
    if not isinstance(password, str) or len(password) < MIN_LENGTH or not password.strip():
        raise InputError(
            f"パスワードは{MIN_LENGTH}文字以上にしてください。",
            hint="推測されにくい文字列を使ってください。",
        )
    from counter_app.security.sessions import check_password  # issue 6 policy

    check_password(password, username=username)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError, UnicodeError):  # lone surrogates: no match
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
