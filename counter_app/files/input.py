"""Reading a file a person named: only a regular file, never larger than the caller's limit.

The file is opened without waiting (a named pipe with no writer would otherwise block the
open forever) and checked on the open descriptor (``fstat``), so what is checked is what is
read: a folder, a device (``/dev/zero``, ``/dev/random``), a named pipe, a socket or a
symbolic link to any of them is refused before a byte is read, and so is a file larger than
the limit. The reading itself also stops at the limit, for a file that grows meanwhile.
``-`` means standard input, read up to the same limit.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from counter_app.files.paths import FileRefused, check_path_text, path_label, refusal_for

#: A JSON file a command reads (an intake, a verify-id request): a few KB in real use.
MAX_JSON_BYTES = 1024 * 1024
#: A backup file (``backup verify``, ``restore``): far above a branch's database.
MAX_BACKUP_BYTES = 4 * 1024**3

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _size_text(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:,.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size:,} バイト"


def too_large(path: str, limit: int, what: str) -> FileRefused:
    return FileRefused(
        f"{what}{path_label(path)}は大きすぎます (上限 {_size_text(limit)})。",
        hint="指定したファイルが正しいか確かめてください。",
    )


def _open_regular(path: str, limit: int, what: str) -> int:
    """An open descriptor on ``path`` once it is known to be a regular file within ``limit``."""
    text = check_path_text(path, what)
    try:
        fd = os.open(text, _OPEN_FLAGS)
    except OSError as exc:
        raise refusal_for(exc, text, what, "読み込め") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{path_label(text)}はフォルダです。ファイルを指定してください。")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(
                f"{what}{path_label(text)}は通常のファイルではありません "
                "(装置・名前付きパイプ・ソケットなど)。",
                hint="保存されたファイルを指定してください。",
            )
        if info.st_size > limit:
            raise too_large(text, limit, what)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_input_file(path: str, *, limit: int, what: str = "ファイル") -> Path:
    """``path`` as a Path once it is known to be a readable regular file within ``limit``
    bytes (for a caller that opens it itself, e.g. a backup read by SQLite)."""
    os.close(_open_regular(path, limit, what))
    return Path(path)


def read_input_file(path: str, *, limit: int, what: str = "ファイル") -> bytes:
    """The bytes of ``path`` (``-``: standard input), refused unless a regular file (or a
    stream) of at most ``limit`` bytes."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is not None:
            data: bytes = stream.read(limit + 1)
        else:  # a text stream put in place of stdin (an embedding program, a test)
            data = sys.stdin.read(limit + 1).encode("utf-8")
        if len(data) > limit:
            raise too_large("標準入力", limit, "入力")
        return data
    fd = _open_regular(path, limit, what)
    chunks: list[bytes] = []
    total = 0
    try:
        with contextlib.suppress(AttributeError, OSError):
            os.set_blocking(fd, True)
        while total <= limit:
            try:
                chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            except OSError as exc:
                raise refusal_for(exc, path, what, "読み込め") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise too_large(path, limit, what)
    return b"".join(chunks)
