"""The checks a path given by a person passes before the program opens it.

A path comes from a command line or a dialog, so it may be anything: empty, holding a NUL
character (which no system call accepts), thousands of characters long. Each is refused
with a Japanese message that names the path (cut to a readable length by
:func:`counter_app.echo.shown`), instead of failing deep inside the system call.
"""

from __future__ import annotations

import errno
import os

from counter_app.echo import shown
from counter_app.errors import InputError

#: Longest path the program opens, in bytes of the file system's encoding (Linux PATH_MAX - 1).
MAX_PATH_BYTES = 4095
#: Longest single name in a path, in bytes (NAME_MAX of the common file systems).
MAX_NAME_BYTES = 255


class FileRefused(InputError):
    """A file named by the user cannot be used as asked; the message names it."""


def path_label(path: str | os.PathLike[str]) -> str:
    """``path`` as a message shows it: in 「」, cut to a readable length, made printable."""
    return f"「{shown(os.fspath(path))}」"


def check_path_text(path: str | os.PathLike[str], what: str = "ファイル") -> str:
    """``path`` as text if it is one the system can open; otherwise :class:`FileRefused`."""
    text = os.fspath(path)
    if not text:
        raise FileRefused(f"{what}が指定されていません。", hint="ファイル名を指定してください。")
    if "\x00" in text:
        raise FileRefused(
            f"{what}の名前{path_label(text)}に NUL 文字 (\\x00) が含まれています。",
            hint="ファイル名を確かめて、もう一度指定してください。",
        )
    encoded = os.fsencode(text)
    if os.name == "nt":
        encoded = encoded.replace(b"\\", b"/")
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if len(encoded) > MAX_PATH_BYTES or longest > MAX_NAME_BYTES:
        raise too_long(text, what)
    return text


def too_long(path: str, what: str = "ファイル") -> FileRefused:
    """The refusal of a path longer than the system allows."""
    return FileRefused(
        f"{what}のパス{path_label(path)}が長すぎます ({len(path):,}文字)。",
        hint=f"パス全体は{MAX_PATH_BYTES:,}バイト、フォルダ名・ファイル名はそれぞれ"
        f"{MAX_NAME_BYTES}バイトまでです。短い場所とファイル名を指定してください。",
    )


def refusal_for(exc: OSError, path: str, what: str, action: str) -> FileRefused:
    """A Japanese refusal for an OSError met while opening ``path`` (``action``: 読み込め/書き込め)."""
    label = path_label(path)
    code = exc.errno
    if code == errno.ENAMETOOLONG:
        return too_long(path, what)
    if code == errno.ENOENT:
        return FileRefused(
            f"{what}{label}が見つかりません。",
            hint="ファイル名と、その途中のフォルダがあることを確かめてください。",
        )
    if code == errno.ENOTDIR:
        return FileRefused(
            f"{what}{label}の途中に、フォルダではないものがあります。",
            hint="途中のフォルダ名を確かめてください。",
        )
    if code == errno.EISDIR:
        return FileRefused(f"{label}はフォルダです。ファイルを指定してください。")
    if code in (errno.EACCES, errno.EPERM):
        return FileRefused(
            f"{what}{label}を{action}ません (権限がありません)。",
            hint="ファイルとフォルダの権限を確かめてください。",
        )
    if code == errno.EROFS:
        return FileRefused(
            f"{what}{label}を{action}ません (読み取り専用の場所です)。",
            hint="書き込める場所を指定してください。",
        )
    if code in (errno.ENXIO, errno.ENODEV):
        return FileRefused(
            f"{what}{label}は通常のファイルではありません (装置・ソケットなど)。",
            hint="保存されたファイルを指定してください。",
        )
    if code == errno.ELOOP:
        return FileRefused(f"{what}{label}のシンボリックリンクが循環しています。")
    detail = exc.strerror or type(exc).__name__
    return FileRefused(f"{what}{label}を{action}ません ({detail})。")
