"""Opening the encrypted database: key handling, pragmas, refusals."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import text

from counter_app.errors import DiskFull
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER, load_key
from counter_app.services.database import open_database
from counter_app.store.errors import (
    AlreadyInitialised,
    CannotOpen,
    DatabaseLocked,
    DatabaseTooNew,
    DiskIOError,
    KeyMissing,
    KeyringUnavailable,
    NotInitialised,
    ReadOnlyStorage,
    WrongKey,
)
from counter_app.store.models import Person
from counter_app.store.sqlite.cipher import new_key
from counter_app.store.sqlite.errors import translate_db_error

NOW = dt.datetime(2025, 6, 2, 1, 0, tzinfo=dt.UTC)


def add_person(db, name="髙橋 一郎"):
    with db.unit_of_work() as uow:
        uow.session.add(
            Person(branch_code="BR01", name=name, name_key="タカハシイチロウ", created_at=NOW)
        )
        uow.commit()


def test_first_open_creates_key_in_keyring(tmp_path, isolated_environment):
    db = open_database(tmp_path / "d")
    db.close()
    stored = isolated_environment.store[(KEYRING_SERVICE, KEYRING_USER)]
    assert len(bytes.fromhex(stored)) == 32


def test_pragmas_are_set(db):
    with db.unit_of_work(read_only=True) as uow:
        pragma = {
            name: uow.session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 10000,
    }


def test_file_is_encrypted(db):
    add_person(db, "𠮷田 髙橋 葛\U000e0100")
    db.close()
    raw = b"".join(p.read_bytes() for p in db.folder.iterdir() if p.name.startswith("counter.db"))
    assert not raw.startswith(b"SQLite format 3")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert "髙橋".encode(encoding) not in raw
    assert b"people" not in raw


def test_wrong_key_is_refused(tmp_path):
    db = open_database(tmp_path / "d", key=new_key())
    add_person(db)
    db.close()
    with pytest.raises(WrongKey) as info:
        open_database(tmp_path / "d", key=new_key())
    assert "暗号鍵が一致しない" in info.value.user_text()


def test_plain_file_is_refused(tmp_path):
    load_key(create=True)
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "counter.db").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WrongKey) as info:
        open_database(folder)
    assert info.value.message == (
        f"{folder / 'counter.db'} を開けません: 暗号鍵が一致しないか、データベースファイルではありません。"
    )


def test_no_usable_keyring_refuses_to_open(tmp_path):
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable) as info:
        open_database(tmp_path / "d")
    assert "キーリング" in info.value.user_text()
    assert not (tmp_path / "d" / "counter.db").exists()


def test_key_missing_from_keyring_is_refused(tmp_path, isolated_environment):
    open_database(tmp_path / "d").close()
    isolated_environment.store.clear()
    with pytest.raises(KeyMissing) as info:
        open_database(tmp_path / "d")
    path = tmp_path / "d" / "counter.db"
    assert info.value.message == f"データベース {path} の暗号鍵がキーリングに見つかりません。"
    assert "作成した PC" in info.value.hint  # what to do about it
    assert isolated_environment.store == {}  # no new key was made for the existing file


def test_direct_key_needs_no_keyring(tmp_path):
    keyring.set_keyring(fail.Keyring())
    key = new_key()
    db = open_database(tmp_path / "d", key=key)
    add_person(db)
    db.close()
    db = open_database(tmp_path / "d", key=key)
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session.query(Person).count() == 1
    db.close()


def test_throwaway_key_without_keyring(tmp_path):
    keyring.set_keyring(fail.Keyring())
    db = open_database(tmp_path / "d", keyring_required=False, training=True)
    add_person(db)
    assert db.training
    db.close()


def test_create_false_refuses_missing_database(tmp_path):
    with pytest.raises(NotInitialised) as info:
        open_database(tmp_path / "d", create=False)
    assert "counter-app init" in info.value.user_text()


def test_must_be_new_refuses_existing_database(tmp_path):
    open_database(tmp_path / "d").close()
    with pytest.raises(AlreadyInitialised) as info:
        open_database(tmp_path / "d", must_be_new=True)
    path = tmp_path / "d" / "counter.db"
    assert info.value.message == f"データベースはすでに初期化されています ({path})。"


def test_database_from_newer_version_is_refused(db):
    with db.unit_of_work() as uow:
        uow.session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        uow.commit()
    db.close()
    with pytest.raises(DatabaseTooNew) as info:
        open_database(db.folder)
    assert "新しい版" in info.value.user_text()


def test_uncommitted_unit_of_work_rolls_back(db):
    with db.unit_of_work() as uow:
        uow.session.add(Person(branch_code="BR01", name="山田 花子", name_key="x", created_at=NOW))
        uow.flush()
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session.query(Person).count() == 0


def test_locked_database_gives_a_japanese_message_and_writes_nothing(tmp_path):
    key = new_key()
    holder = open_database(tmp_path / "d", key=key)
    waiter = open_database(tmp_path / "d", key=key, busy_timeout_ms=200)
    with holder.unit_of_work():  # BEGIN IMMEDIATE: holds the write lock
        with pytest.raises(DatabaseLocked) as info, waiter.unit_of_work() as uow:
            uow.session.add(
                Person(branch_code="BR01", name="山田 花子", name_key="x", created_at=NOW)
            )
            uow.commit()
        assert "他の処理で使用中" in info.value.user_text()
    with waiter.unit_of_work(read_only=True) as uow:
        assert uow.session.query(Person).count() == 0
    holder.close()
    waiter.close()


class _FakeSqliteError(Exception):
    def __init__(self, message, name):
        super().__init__(message)
        self.sqlite_errorname = name


@pytest.mark.parametrize(
    ("message", "name", "expected", "words"),
    [
        ("database or disk is full", "SQLITE_FULL", DiskFull, "空き容量"),
        (
            "attempt to write a readonly database",
            "SQLITE_READONLY",
            ReadOnlyStorage,
            "書き込めません",
        ),
        ("database is locked", "SQLITE_BUSY", DatabaseLocked, "使用中"),
        ("file is not a database", "SQLITE_NOTADB", WrongKey, "暗号鍵"),
        ("disk I/O error", "SQLITE_IOERR_WRITE", DiskIOError, "読み書き"),
        ("unable to open database file", "SQLITE_CANTOPEN", CannotOpen, "開けません"),
    ],
)
def test_environment_errors_are_translated(message, name, expected, words):
    translated = translate_db_error(_FakeSqliteError(message, name), "/x/counter.db")
    assert isinstance(translated, expected)
    assert words in translated.user_text()


def test_bugs_are_not_translated():
    class IntegrityError(Exception):
        pass

    assert translate_db_error(IntegrityError("UNIQUE constraint failed")) is None
    assert translate_db_error(_FakeSqliteError("no such table: x", "SQLITE_ERROR")) is None
