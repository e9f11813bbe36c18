"""Writing a file where a person asked: the one guarded way for every command and window.

:func:`write_output_file` is used by ``export-csv --output`` and by the window's 「PDF保存」
(through :func:`counter_app.services.output_files.save_output_file`, which names the folders
to protect). It

- refuses any path inside a protected folder (the data folder: the database, its ``-wal`` and
  ``-shm``, the logs, drafts and replaced copies; the backup folder: backups and manifests),
  whether named directly, through ``..``, through a symbolic link, in other letter case or
  through a bind mount (folders are also compared by device and inode);
- refuses to replace an existing file unless ``force`` is given, and never replaces a folder,
  a device, a named pipe or anything else that is not a regular file;
- writes a temporary file beside the target, syncs it, and moves it into place in one step
  (a failure or a power cut leaves the old file or none, never half a file); without
  ``force`` the move cannot replace a file that appeared meanwhile;
- reports a full disk (ENOSPC) with the disk-full message and every other failure with a
  Japanese message naming the path.

The file is created readable by its owner only (it usually holds personal data).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from counter_app.errors import DiskFull
from counter_app.files.paths import FileRefused, check_path_text, path_label, refusal_for


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _forms(path: Path) -> set[Path]:
    """``path`` as written (made absolute, ``..`` folded) and with its links resolved."""
    absolute = Path(os.path.abspath(path))
    forms = {absolute}
    with contextlib.suppress(OSError, RuntimeError):
        forms.add(absolute.resolve())
    return forms


def _same_folder(path: Path, folders: list[os.stat_result]) -> bool:
    """Whether ``path`` or one of its folders *is* one of ``folders`` (same device and inode):
    catches what no spelling shows — a case-insensitive disk (macOS, Windows), a bind mount,
    a second drive letter for the same share."""
    for ancestor in (path, *path.parents):
        try:
            info = os.stat(ancestor)
        except (OSError, ValueError):
            continue
        if any(os.path.samestat(info, folder) for folder in folders):
            return True
    return False


def check_not_protected(target: Path, protected: Iterable[Path], what: str) -> None:
    """Refuse ``target`` if it is in (or is) one of the ``protected`` folders, by its path
    (``..`` folded, links resolved) or by the identity of the folders it is in."""
    targets = _forms(target)
    for folder in protected:
        try:
            identity = [os.stat(folder)]
        except (OSError, ValueError):
            identity = []
        by_path = any(_inside(t, form) for t in targets for form in _forms(Path(folder)))
        if by_path or any(_same_folder(t, identity) for t in targets):
            raise FileRefused(
                f"{what}{path_label(target)}はデータフォルダ{path_label(folder)}の中です。"
                "データベース・バックアップ・控えを守るため、ここには書き込みません。",
                hint="データフォルダの外の場所を指定してください。",
            )


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _existing(target: Path, text: str, what: str) -> os.stat_result | None:
    """The stat of what ``target`` names now (links followed), None if nothing is there."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        if os.path.lexists(target):  # a symbolic link to nothing: still something to replace
            return os.lstat(target)
        return None
    except OSError as exc:
        raise refusal_for(exc, text, what, "書き込め") from None


def _write_failure(exc: OSError, text: str, what: str) -> Exception:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(
            f"{path_label(text)}を書き込めませんでした (書きかけのファイルは残していません)"
        )
    return refusal_for(exc, text, what, "書き込め")


def _move_new(partial: str, target: Path, text: str, what: str) -> None:
    """Move ``partial`` to ``target`` only if nothing is there (a hard link cannot replace)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise exists(text, what) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
        # a file system without hard links (FAT on a USB stick): check, then rename
        if os.path.lexists(target):
            raise exists(text, what) from None
        os.replace(partial, target)
        return
    os.unlink(partial)


def exists(text: str, what: str) -> FileRefused:
    return FileRefused(
        f"{what}{path_label(text)}はすでにあります。上書きしませんでした。",
        hint="別の名前を指定するか、上書きしてよいときは --force を付けてください。",
    )


def check_output_file(
    target: str | os.PathLike[str],
    *,
    protected: Iterable[Path] = (),
    force: bool = False,
    what: str = "出力先",
) -> Path:
    """Refuse ``target`` now if :func:`write_output_file` would refuse it (a command checks
    before it signs in and does the work); the path."""
    text = check_path_text(target, what)
    path = Path(text)
    check_not_protected(path, protected, what)
    found = _existing(path, text, what)
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise FileRefused(
                f"{what}{path_label(text)}はフォルダです。ファイル名を指定してください。"
            )
        if not stat.S_ISREG(found.st_mode) and not stat.S_ISLNK(found.st_mode):
            raise FileRefused(
                f"{what}{path_label(text)}は通常のファイルではありません "
                "(装置・名前付きパイプなど)。ここには書き込みません。",
                hint="保存するファイルの名前を指定してください。",
            )
        if not force:
            raise exists(text, what)
    folder = Path(os.path.abspath(path)).parent
    if not folder.is_dir():
        raise FileRefused(
            f"{what}のフォルダ{path_label(folder)}がありません。",
            hint="あるフォルダを指定してください (フォルダは作りません)。",
        )
    return path


def write_output_file(
    target: str | os.PathLike[str],
    data: bytes,
    *,
    protected: Iterable[Path] = (),
    force: bool = False,
    what: str = "出力先",
) -> Path:
    """Write ``data`` to ``target`` under the guard described in the module; the path."""
    path = check_output_file(target, protected=protected, force=force, what=what)
    text = os.fspath(path)
    folder = Path(os.path.abspath(path)).parent
    try:
        fd, partial = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".partial")
    except OSError as exc:
        raise _write_failure(exc, text, what) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(partial, path)
        else:
            _move_new(partial, path, text, what)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise _write_failure(exc, text, what) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    _fsync_folder(folder)
    return path
