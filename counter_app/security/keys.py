"""The database key: 256 random bits, created on first run, kept in the OS keyring.

Keyring entry: service ``counter-app`` (:data:`KEYRING_SERVICE`), user name
``database-key`` (:data:`KEYRING_USER`), value the key as 64 lowercase hex digits.
One key per OS user: every data folder of that user is encrypted with it.

The same keyring service also holds the small entries of the rollback anchor
(:mod:`counter_app.security.anchor`), read and written through :func:`read_entry` and
:func:`write_entry` here, so every keyring access of the program is in this module.

There is never a plaintext fallback: with no usable keyring backend
:class:`~counter_app.store.errors.KeyringUnavailable` is raised and the program refuses to
open the database. Training mode passes a throwaway key directly instead.

What a key is (256 random bits) and how SQLCipher is given one is the store's:
:mod:`counter_app.store.sqlite.cipher`. :func:`load_key` is the key source
(:class:`counter_app.store.engine.KeySource`) the services pass to ``open_database``.
"""

from __future__ import annotations

from counter_app.store.sqlite.cipher import KEY_BYTES, new_key

KEYRING_SERVICE = "counter-app"
KEYRING_USER = "database-key"


def _backend_usable(backend: object) -> bool:
    try:
        from keyring.backends import fail

        if isinstance(backend, fail.Keyring):
            return False
    except ImportError:  # pragma: no cover - keyring always ships fail
        pass
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):  # pragma: no cover
        return True


def load_key(*, create: bool) -> bytes | None:
    """The key from the keyring; created and stored if absent and ``create`` is true.

    Returns None when there is no key and ``create`` is false. Raises KeyringUnavailable
    when the keyring cannot be used at all.
    """
    import keyring
    from keyring.errors import KeyringError

    from counter_app.store.errors import KeyringUnavailable

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # keyring's backend discovery can fail in many ways
        raise KeyringUnavailable(type(exc).__name__) from None
    if not _backend_usable(backend):
        raise KeyringUnavailable(type(backend).__module__)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
        if stored:
            try:
                key = bytes.fromhex(stored)
            except ValueError:
                key = b""
            if len(key) != KEY_BYTES:
                raise KeyringUnavailable("保管されている鍵の形式が正しくありません")
            return key
        if not create:
            return None
        key = new_key()
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key.hex())
        if keyring.get_password(KEYRING_SERVICE, KEYRING_USER) != key.hex():
            raise KeyringUnavailable("鍵を保存できませんでした")
        return key
    except KeyringError as exc:
        raise KeyringUnavailable(type(exc).__name__) from None


def _keyring_call(action: str, user: str, value: str | None = None) -> str | None:
    """Get or set one entry of :data:`KEYRING_SERVICE`; KeyringUnavailable on any failure."""
    import keyring
    from keyring.errors import KeyringError

    from counter_app.store.errors import KeyringUnavailable

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # keyring's backend discovery can fail in many ways
        raise KeyringUnavailable(type(exc).__name__) from None
    if not _backend_usable(backend):
        raise KeyringUnavailable(type(backend).__module__)
    try:
        if action == "get":
            return keyring.get_password(KEYRING_SERVICE, user)
        keyring.set_password(KEYRING_SERVICE, user, value or "")
        return None
    except KeyringError as exc:
        raise KeyringUnavailable(type(exc).__name__) from None


def read_entry(user: str) -> str | None:
    """The value of the keyring entry ``user`` of :data:`KEYRING_SERVICE` (None: no entry)."""
    return _keyring_call("get", user)


def write_entry(user: str, value: str) -> None:
    """Store ``value`` (small: Windows caps a secret at 2,560 bytes) under ``user``."""
    _keyring_call("set", user, value)
