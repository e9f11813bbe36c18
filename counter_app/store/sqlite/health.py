"""Is the database file sound? Checked before the program opens it for writing.

SQLite only notices a damaged page when a statement happens to read it, so a damaged database
used to answer some commands, take new intakes on top of the damage, or fail with "an
unexpected problem". And it silently *ignores* a WAL it cannot verify: committed
transactions in it vanish, and the file is deleted when the last connection closes. So
:func:`check_database_file` looks at the files first, reading only:

1. ``counter.db`` of 0 bytes -> :class:`DatabaseEmpty`, shorter than one page ->
   :class:`WrongKey` (SQLite may build a new, empty database in either);
2. the WAL (``counter.db-wal``): its header and every frame's checksum are verified as SQLite
   does; a committed transaction that SQLite would drop (a bad frame followed by a commit of
   the same WAL generation, or fewer good frames than the wal-index says were committed) ->
   :class:`DatabaseDamaged`;
3. a read-only connection with the key: reading the schema (``SQLITE_NOTADB`` ->
   :class:`WrongKey`: wrong key, or page 1 damaged — the services tell the two apart with a
   backup), then ``PRAGMA cipher_integrity_check`` (SQLCipher's HMAC of every page of the
   file, and a torn last page) and, when the WAL holds pages, ``PRAGMA quick_check`` (reads
   every b-tree page, so the WAL's pages too).

A read-only connection never checkpoints or deletes the WAL (and without a WAL it is opened
"immutable": no -wal or -shm file is created), so a refused database is left exactly as it
was found, byte for byte. The cost is one pass over the file: 0.6 s for an
82 MB database on a shared 2-core machine (about 30 µs a 4 KB page), a few ms for a new one.
"""

from __future__ import annotations

import contextlib
import struct
import time
import urllib.parse
from pathlib import Path
from typing import Any

import sqlcipher3

from counter_app.store.errors import DatabaseDamaged, DatabaseEmpty, WrongKey
from counter_app.store.sqlite.cipher import key_pragma
from counter_app.store.sqlite.errors import translate_db_error

#: SQLCipher's page size (its default, which the database keeps).
PAGE_SIZE = 4096
WAL_MAGIC = 0x377F0682  # | 1 when the checksums are big-endian
WAL_HEADER = 32
FRAME_HEADER = 24
#: Seconds before the files are looked at again when a look found damage.
WAL_SECOND_LOOK_S = 0.2
#: Most looks while another program keeps writing (a second look is always made).
MAX_LOOKS = 6
#: The wal-index header (``-shm``): two identical 48-byte copies, native byte order.
SHM_HEADER = 48


def check_database_file(path: Path, key: bytes) -> None:
    """Raise DatabaseEmpty / DatabaseDamaged / WrongKey unless ``path`` is sound.

    Only reads: the files are byte for byte as they were, whatever the verdict.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise DatabaseEmpty(str(path))
    if size < PAGE_SIZE:
        # not one whole page: SQLite may take it for an empty database and build a new one.
        # Not a database this key reads (or one cut short: the services tell with a backup)
        raise WrongKey(str(path))
    looks = 0
    while True:
        before = _files_state(path)
        try:
            wal_pages = _check_wal(path)
            _check_pages(path, key, read_wal=wal_pages > 0)
            return
        except DatabaseDamaged:
            # a program writing at this very moment (a WAL frame half-appended, a checkpoint
            # copying pages into the file) can be caught half-way: look again, once in any
            # case and then as long as the files keep changing; damage stays as it is
            looks += 1
            still = _files_state(path) == before
            if looks >= MAX_LOOKS or (looks > 1 and still):
                raise
            time.sleep(WAL_SECOND_LOOK_S)


def _files_state(path: Path) -> tuple[object, ...]:
    """What changes when a program writes: the database's and the WAL's size and time, and
    the wal-index header."""

    def stat(file: Path) -> tuple[int, int] | None:
        try:
            info = file.stat()
        except FileNotFoundError:
            return None
        return info.st_size, info.st_mtime_ns

    return (
        stat(path),
        stat(path.with_name(path.name + "-wal")),
        _wal_index_header(path),
    )


# -- the WAL ---------------------------------------------------------------------------------
def _checksum(data: bytes, big_endian: bool, s1: int, s2: int) -> tuple[int, int]:
    """SQLite's WAL checksum (pairs of 32-bit words, Fibonacci-weighted) continued from s1, s2."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def _wal_index_header(path: Path) -> bytes:
    """The first bytes of the wal-index (``-shm``), or b"" if there is none."""
    try:
        with open(path.with_name(path.name + "-shm"), "rb") as fh:
            return fh.read(2 * SHM_HEADER)
    except OSError:
        return b""


def _committed_frames_in_index(head: bytes, salts: bytes) -> int:
    """How many WAL frames the wal-index says are committed (0 if it cannot say)."""
    if len(head) < 2 * SHM_HEADER or head[:SHM_HEADER] != head[SHM_HEADER:]:
        return 0  # being written, or never initialised: no claim
    is_init = head[12]
    if not is_init or head[32:40] != salts:
        return 0  # another generation of the WAL
    return int(struct.unpack("=I", head[16:20])[0])


def _check_wal(path: Path) -> int:
    """Raise DatabaseDamaged if SQLite would drop committed frames; the good frames' count."""
    wal = path.with_name(path.name + "-wal")
    # the wal-index before the WAL: a writer adds frames to the WAL before it counts them
    index_header = _wal_index_header(path)
    try:
        size = wal.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with open(wal, "rb") as fh:
        data = fh.read()
    header = data[:WAL_HEADER]
    if len(header) < WAL_HEADER:
        if any(header):
            raise DatabaseDamaged(str(path), "WAL ファイルの先頭が壊れています")
        return 0
    magic, _version, page_size, _seq = struct.unpack(">4I", header[:16])
    big_endian = bool(magic & 1)
    header_ok = magic & ~1 == WAL_MAGIC and page_size >= 512 and page_size & (page_size - 1) == 0
    if header_ok:
        s1, s2 = _checksum(header[:24], big_endian, 0, 0)
        header_ok = (s1, s2) == struct.unpack(">2I", header[24:32])
    if not header_ok:
        if any(data[WAL_HEADER:]):
            raise DatabaseDamaged(str(path), "WAL ファイルの先頭が壊れています")
        return 0
    salts = header[16:24]
    committed_in_index = _committed_frames_in_index(index_header, salts)
    frame_size = FRAME_HEADER + page_size
    good = 0
    last_commit = 0
    offset = WAL_HEADER
    while offset + frame_size <= len(data):
        frame = data[offset : offset + frame_size]
        if frame[8:16] != salts:
            break
        s1, s2 = _checksum(frame[:8], big_endian, s1, s2)
        s1, s2 = _checksum(frame[FRAME_HEADER:], big_endian, s1, s2)
        if (s1, s2) != struct.unpack(">2I", frame[16:24]):
            break
        good += 1
        if struct.unpack(">I", frame[4:8])[0]:
            last_commit = good
        offset += frame_size
    # after the good frames: a commit of this generation means a committed transaction lost
    while offset + FRAME_HEADER <= len(data):
        frame_head = data[offset : offset + FRAME_HEADER]
        if frame_head[8:16] == salts and struct.unpack(">I", frame_head[4:8])[0]:
            raise DatabaseDamaged(str(path), "WAL ファイルの途中が壊れています")
        offset += frame_size
    if committed_in_index > last_commit:
        raise DatabaseDamaged(str(path), "WAL ファイルの途中が壊れています")
    return last_commit


# -- the pages -------------------------------------------------------------------------------
def read_only_connection(path: Path, key: bytes, *, read_wal: bool) -> Any:
    """A connection that cannot change the database file or its WAL (``mode=ro``; without a
    WAL to read, ``immutable``: no -wal or -shm file is even created)."""
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro" + ("" if read_wal else "&immutable=1")
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(key))
    return conn


def _check_pages(path: Path, key: bytes, *, read_wal: bool) -> None:
    try:
        conn = read_only_connection(path, key, read_wal=read_wal)
    except sqlcipher3.DatabaseError as exc:
        raise translate_db_error(exc, str(path)) or exc from None
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise translate_db_error(exc, str(path)) or exc from None
        failed = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        if failed:
            raise DatabaseDamaged(str(path), _pages_detail(failed))
        if read_wal:
            try:
                verdict = [row[0] for row in conn.execute("PRAGMA quick_check")]
            except sqlcipher3.DatabaseError as exc:
                raise translate_db_error(exc, str(path)) or exc from None
            if verdict != ["ok"]:
                raise DatabaseDamaged(str(path), "ページの内容が正しくありません")
    finally:
        with contextlib.suppress(sqlcipher3.Error):
            conn.close()


def _pages_detail(failed: list[str]) -> str:
    import re

    pages = sorted({int(n) for line in failed for n in re.findall(r"page (\d+)", line)})
    if not pages:
        return "ファイルの長さが正しくありません"
    shown = "、".join(str(p) for p in pages[:5]) + (" ほか" if len(pages) > 5 else "")
    return f"{len(pages)} ページが検証できません: {shown}"
