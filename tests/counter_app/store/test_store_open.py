"""The store opens a database with what its caller gives it: a key or a key source, and
optionally a rollback anchor check (the store imports nothing of the security layer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from counter_app.errors import StorageError
from counter_app.store.engine import open_database
from counter_app.store.errors import DatabaseEmpty, KeyMissing, NotInitialised
from counter_app.store.numbering import Series, allocate
from counter_app.store.sqlite.cipher import new_key
from counter_app.store.uow import APPENDED_KEY


class RecordingKeySource:
    """A key source that remembers every question (``create``) it was asked."""

    def __init__(self, key: bytes | None) -> None:
        self.key = key
        self.asked: list[bool] = []

    def __call__(self, *, create: bool) -> bytes | None:
        self.asked.append(create)
        return self.key


def test_the_key_source_is_asked_only_once_the_open_can_go_ahead(tmp_path):
    source = RecordingKeySource(new_key())
    with pytest.raises(NotInitialised):
        open_database(tmp_path / "missing", key=source, create=False)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "counter.db").write_bytes(b"")
    with pytest.raises(DatabaseEmpty):
        open_database(tmp_path / "empty", key=source)
    assert source.asked == []  # a refused open never makes a key

    open_database(tmp_path / "d", key=source).close()
    open_database(tmp_path / "d", key=source, create=False).close()
    assert source.asked == [True, False]  # made on first run, read back after


def test_no_key_from_the_source_is_key_missing(tmp_path):
    open_database(tmp_path / "d", key=new_key()).close()
    with pytest.raises(KeyMissing) as info:
        open_database(tmp_path / "d", key=RecordingKeySource(None), create=False)
    assert "暗号鍵がキーリングに見つかりません" in info.value.user_text()


class Refused(StorageError):
    """What the fake anchor refuses numbers with."""


@dataclass
class FakeAnchor:
    problem: StorageError | None = None
    advanced: list[tuple[int, str, dict[str, int] | None]] = field(default_factory=list)
    flushed: int = 0

    def advance(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None:
        self.advanced.append((seq, hash_, numbers))

    def reset(self, conn: Any) -> object:
        self.problem = None
        return conn.execute("SELECT count(*) FROM number_counters").fetchone()[0]

    def flush(self, timeout: float = 30.0) -> bool:
        self.flushed += 1
        return True


@dataclass(frozen=True)
class Appended:
    seq: int
    hash: str


def test_the_anchor_loader_sees_the_migrated_database_and_follows_its_commits(tmp_path):
    anchor = FakeAnchor()
    seen: list[tuple[Any, Path]] = []

    def load(conn: Any, folder: Path) -> FakeAnchor:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        seen.append(("number_counters" in tables, folder))
        return anchor

    db = open_database(tmp_path / "d", key=new_key(), anchor=load)
    assert seen == [(True, tmp_path / "d")]  # after the migrations, once
    with db.unit_of_work() as uow:
        number = allocate(uow.session, Series.REQUEST, "BR01", dt.date(2026, 4, 1))
        uow.session.info[APPENDED_KEY] = Appended(7, "ab" * 32)
        uow.commit()
    assert number.text == "R-BR01-01-2026-000001"
    assert anchor.advanced == [(7, "ab" * 32, {"request:BR01:2026": 1})]

    anchor.problem = Refused("番号を発行しません。")
    with db.unit_of_work() as uow, pytest.raises(Refused):
        allocate(uow.session, Series.REQUEST, "BR01", dt.date(2026, 4, 1))
    assert db.reset_anchor() == 1
    with db.unit_of_work() as uow:
        assert allocate(uow.session, Series.REQUEST, "BR01", dt.date(2026, 4, 1)).seq == 2
    db.close()
    assert anchor.flushed == 1  # closing waits for the anchor


def test_without_an_anchor_loader_nothing_is_refused(tmp_path):
    db = open_database(tmp_path / "d", key=new_key())
    assert db.anchor is None and db.numbers_refused() is None
    assert db.reset_anchor() is None
    db.close()
