"""The window's open path with a damaged or empty database (issue 9, item 11): the login
window says the database is damaged (or empty) and names the newest good backup; the files
are left byte for byte as they were, and no login can go through."""

from __future__ import annotations

import shutil

import keyring
import pytest

from ui.context import AppContext
from ui.session import Session

from .conftest import TEST_KEY


def _xor(path, offset, mask):
    data = bytearray(path.read_bytes())
    for i, b in enumerate(mask):
        data[offset + i] ^= b
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda p: _xor(p, 5 * 4096 + 7, b"\x01\x02"), "壊れています"),
        (lambda p: _xor(p, 3, b"\x80"), "壊れています"),  # the salt: "wrong key" before
        (lambda p: p.write_bytes(p.read_bytes()[: 4096 * 3 + 10]), "壊れています"),
        (lambda p: p.write_bytes(b""), "空です"),
    ],
    ids=["middle-page", "salt", "cut-short", "empty"],
)
def test_the_login_window_says_the_database_is_damaged(
    database_template, tmp_path, qtbot, dialogs, ui_font, damage, words
):
    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
    from counter_app.services.backup.take import take_backup
    from counter_app.store.engine import open_database

    folder = tmp_path / "data"
    shutil.copytree(database_template.folder, folder)
    db = open_database(folder, key=TEST_KEY, create=False)
    backup = take_backup(db, None, key=TEST_KEY)
    db.close()
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEST_KEY.hex())
    damage(folder / "counter.db")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

    context = AppContext()
    session = Session(context, data_dir=str(folder))
    session.start(background=False)
    qtbot.addWidget(session.login_window)

    shown = session.login_window.message.text()
    assert context.db is None
    assert words in shown and backup.path.name in shown and "作成、控えと一致" in shown
    assert "予期しない" not in shown and "パスワード" not in shown.split("\n")[0]
    assert not session.try_login("tanaka", "staff-pass-1")
    assert session.main_window is None
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
