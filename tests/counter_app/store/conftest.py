"""Fixtures for store tests: a real encrypted database in a tmp folder (keyring in memory)."""

from __future__ import annotations

import pytest

from counter_app.services.database import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "data")
    yield database
    database.close()
