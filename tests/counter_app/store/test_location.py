"""The data folder: --data-dir > COUNTER_APP_HOME > the platform's user data folder."""

from __future__ import annotations

from pathlib import Path

from counter_app.paths import data_dir
from counter_app.store.location import database_path


def test_explicit_folder_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path / "env"))
    assert data_dir(str(tmp_path / "cli")) == tmp_path / "cli"


def test_environment_variable_next(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path / "env"))
    assert data_dir(None) == tmp_path / "env"


def test_platform_folder_last(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv("COUNTER_APP_HOME", raising=False)
    assert data_dir(None) == Path(user_data_dir("counter-app", appauthor=False))


def test_database_file_name(tmp_path):
    assert database_path(tmp_path) == tmp_path / "counter.db"
