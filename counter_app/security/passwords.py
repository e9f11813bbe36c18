"""Password hashing with argon2id (argon2-cffi defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.errors import InputError

MIN_LENGTH = 8

_hasher = PasswordHasher()  # argon2id


def check_password_policy(password: str) -> None:
    """Refuse a password that is too short or only spaces (Japanese message)."""
    if len(password) < MIN_LENGTH or not password.strip():
        raise InputError(
            f"パスワードは{MIN_LENGTH}文字以上にしてください。",
            hint="推測されにくい文字列を使ってください。",
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
