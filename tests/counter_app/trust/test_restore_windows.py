"""Restore on Windows: the live database open in another program cannot be renamed over.

Windows refuses ``os.replace`` onto a file another handle keeps open (the window, a second copy
of the program, an antivirus scan) with ERROR_ACCESS_DENIED (5) or ERROR_SHARING_VIOLATION
(32). The restore must say that, leave the database as it was and remove its staging copy —
not tell the administrator the folder is read-only. (Seen for real under Wine by
tools/windows_smoke.py; here Windows' answer is reproduced on Linux.)
"""

from __future__ import annotations

import os

import pytest

from counter_app.services.backup.restore import restore_backup
from counter_app.services.backup.take import take_backup
from counter_app.services.samples import sample_proxy_intake, sample_self_intake
from counter_app.store.errors import DatabaseLocked, ReadOnlyStorage

from .conftest import register


class WindowsPermissionError(PermissionError):
    """PermissionError as Windows raises it: with the Windows error code."""

    def __init__(self, winerror: int) -> None:
        super().__init__(13, "Access is denied")
        self.winerror = winerror


def _refuse_replacing(monkeypatch, live, error: PermissionError) -> None:
    real_replace = os.replace

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(live):
            raise error
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def _refuse_deleting_shared_memory(monkeypatch, live, error: PermissionError) -> None:
    """The -shm file of a database open in the window cannot be deleted either."""
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if os.fspath(path) == os.fspath(live) + "-shm":
            raise error
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)


@pytest.mark.parametrize("winerror", [5, 32], ids=["access-denied", "sharing-violation"])
@pytest.mark.parametrize(
    "held", [_refuse_replacing, _refuse_deleting_shared_memory], ids=["database", "shm"]
)
def test_restore_says_the_database_is_open_elsewhere(counter, monkeypatch, winerror, held):
    register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    register(counter, sample_proxy_intake())  # after the backup: a restore would drop it
    folder, live = counter.db.folder, counter.db.path
    counter.db.close()
    before = live.read_bytes()
    held(monkeypatch, live, WindowsPermissionError(winerror))

    with pytest.raises(DatabaseLocked) as refused:
        restore_backup(folder, info.path)

    assert (
        "他の画面やプログラムで開かれているため、置き換えられませんでした" in refused.value.message
    )
    assert "今のデータベースはそのままです" in refused.value.message
    assert live.read_bytes() == before
    assert not (folder / "counter.db.restoring").exists()
    assert list(folder.glob("replaced-*")) == []  # nothing replaced: no copy kept


def test_a_permission_error_without_a_windows_code_is_still_a_read_only_folder(
    counter, monkeypatch
):
    register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    folder, live = counter.db.folder, counter.db.path
    counter.db.close()
    _refuse_replacing(monkeypatch, live, PermissionError(13, "Permission denied"))

    with pytest.raises(ReadOnlyStorage):
        restore_backup(folder, info.path)
    assert not (folder / "counter.db.restoring").exists()
