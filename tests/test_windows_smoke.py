"""The Windows smoke program (tools/windows_smoke.py) on Linux, with the test keyring.

CI runs it for real under Wine with Windows Credential Manager (scripts/wine-smoke.sh); here
its steps are run on every test run so that a change to the commands or the receipt that
breaks it shows up in the ordinary suite, not only in the Wine job.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _smoke_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("windows_smoke", ROOT / "tools/windows_smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["windows_smoke"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_every_step_passes_and_leaves_nothing_behind(
    capsys, isolated_environment, monkeypatch, tmp_path
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the smoke's folder goes here
    smoke = _smoke_module()
    assert smoke.run(require_winvault=False) == 0, capsys.readouterr().out
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == [name for name, _ in smoke.STEPS]
    assert all(line.startswith("OK  ") for line in lines[:-1])
    assert lines[-1] == "windows-smoke: OK (𠮷田 太郎)"
    assert isolated_environment.store == {}  # the key it made is removed
    assert list(tmp_path.glob("counter-app-smoke-*")) == []  # and its folder


def test_it_refuses_an_account_that_already_holds_a_counter_key(
    capsys, isolated_environment, monkeypatch, tmp_path
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    isolated_environment.set_password("counter-app", "database-key", "ab" * 32)
    smoke = _smoke_module()
    assert smoke.run(require_winvault=False) == 1
    out = capsys.readouterr().out
    assert "NG  keyring: this account already holds a counter-app database key" in out
    assert isolated_environment.store == {("counter-app", "database-key"): "ab" * 32}


def test_it_wants_windows_credential_manager(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert _smoke_module().run() == 1  # the test keyring is not WinVaultKeyring
    assert "not Windows Credential Manager" in capsys.readouterr().out
