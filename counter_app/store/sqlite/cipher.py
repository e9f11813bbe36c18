"""SQLCipher keying: the database key is 256 random bits, given raw (no passphrase KDF).

Where the key is kept (the OS keyring) is the security layer's business
(:mod:`counter_app.security.keys`); the store only needs a key of the right length and the
statement that hands it to a new connection before anything else is read.
"""

from __future__ import annotations

import secrets

#: Length of a database key (SQLCipher's raw key: 256 bits).
KEY_BYTES = 32


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return secrets.token_bytes(KEY_BYTES)


def key_pragma(key: bytes) -> str:
    """The ``PRAGMA key`` statement giving SQLCipher the raw key (no passphrase KDF)."""
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""
