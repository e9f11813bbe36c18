"""The intake draft: what the staff has typed so far, kept encrypted on disk.

A draft holds personal data (the requester's name, birth date, address...), so it never sits
in plaintext. It is a JSON document encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from
``cryptography``) and written atomically (a temporary file in the same folder, then
``os.replace``) to ``<data folder>/drafts/intake-<staff>.draft``. One draft per staff member:
it is offered back only to the person who typed it.

The Fernet key is kept in the OS keyring, service :data:`KEYRING_SERVICE`, user
:data:`KEYRING_USER` (created on first use). With no usable keyring the draft is not written
and :class:`DraftUnavailable` says why in Japanese; the wizard keeps working. Training mode
(``--demo``) never touches the OS keyring: its drafts use a key held in memory for the run
(the throwaway data folder is deleted at exit anyway).

Nothing in the draft is a business decision: it is the state of the widgets (texts, ticks,
choices), restored as typed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
from cryptography.fernet import Fernet, InvalidToken
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication

from counter_app.errors import StorageError

KEYRING_SERVICE = "counter-app"
KEYRING_USER = "intake-draft-key"
DRAFT_VERSION = 1


class DraftUnavailable(StorageError):
    """The draft cannot be written or read (no keyring, unreadable file...)."""


def keyring_key() -> bytes:
    """The draft key from the OS keyring, created on first use."""
    try:
        value = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
        if value is None:
            value = Fernet.generate_key().decode("ascii")
            keyring.set_password(KEYRING_SERVICE, KEYRING_USER, value)
    except KeyringError as exc:
        raise DraftUnavailable(
            QCoreApplication.translate(
                "Drafts", "入力途中の内容を保存する鍵を OS の資格情報ストアから読めません。"
            ),
            hint=str(exc),
        ) from exc
    return value.encode("ascii")


_TRAINING_KEY = Fernet.generate_key()


def training_key() -> bytes:
    """A key that lives only as long as this process (training mode)."""
    return _TRAINING_KEY


def default_data_dir() -> Path:
    """The data folder when the context does not name one (COUNTER_APP_HOME, else the user's)."""
    home = os.environ.get("COUNTER_APP_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app"))


def staff_key(actor: Any) -> str:
    """A file-name-safe token for the staff member (no name in the file name)."""
    ident = None
    for attr in ("id", "staff_id", "username", "login"):
        ident = getattr(actor, attr, None)
        if ident:
            break
    if ident is None and isinstance(actor, dict):
        ident = actor.get("id") or actor.get("username")
    return hashlib.sha256(str(ident or "anonymous").encode("utf-8")).hexdigest()[:16]


class DraftStore:
    """Reads, writes and deletes one staff member's intake draft."""

    def __init__(self, folder: Path, owner: str, key_provider: Callable[[], bytes]) -> None:
        self.folder = Path(folder)
        self.path = self.folder / f"intake-{owner}.draft"
        self._key_provider = key_provider
        self._fernet: Fernet | None = None

    @classmethod
    def for_context(cls, context: Any) -> DraftStore:
        data_dir = getattr(context, "data_dir", None) or default_data_dir()
        provider = training_key if getattr(context, "training", False) else keyring_key
        return cls(Path(data_dir) / "drafts", staff_key(getattr(context, "actor", None)), provider)

    def _cipher(self) -> Fernet:
        if self._fernet is None:
            self._fernet = Fernet(self._key_provider())
        return self._fernet

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, payload: dict[str, Any]) -> None:
        """Encrypt and write the draft atomically (temp file + os.replace)."""
        document = {"version": DRAFT_VERSION, "payload": payload}
        token = self._cipher().encrypt(
            json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(self.folder, 0o700)
            fd, tmp = tempfile.mkstemp(prefix=".intake-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(token)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise DraftUnavailable(
                QCoreApplication.translate(
                    "Drafts",
                    "入力途中の内容を保存できません (ディスクの空き・書込み権限を確認してください)。",
                ),
                hint=str(exc),
            ) from exc

    def load(self) -> dict[str, Any] | None:
        """The saved payload, or None when there is none or it cannot be read."""
        try:
            token = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return None
        try:
            document = json.loads(self._cipher().decrypt(token).decode("utf-8"))
        except (InvalidToken, ValueError):
            return None
        if not isinstance(document, dict) or document.get("version") != DRAFT_VERSION:
            return None
        payload = document.get("payload")
        return payload if isinstance(payload, dict) else None

    def delete(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
