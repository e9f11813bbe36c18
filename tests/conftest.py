"""Test-wide settings: offscreen Qt, an in-memory keyring, and no real profile touched.

Every test gets ``COUNTER_APP_HOME`` pointed at its own tmp folder, so nothing reads or
writes the user's real data folder, and the keyring is an in-memory backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Asia/Tokyo")

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory for one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """Point the data folder at tmp and install a fresh in-memory keyring."""
    home = tmp_path / "counter-home"
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    monkeypatch.delenv("COUNTER_APP_CONFIG_DIR", raising=False)
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
