"""The program's log, ``<data folder>/logs/counter-app.log``: private, and no personal data.

The CLI (:func:`counter_app.cli.main`) and the window (``ui.app.run``) call
:func:`configure_logging`; a bug's traceback goes there and never to the screen. Rules:

* **Private.** The folder is created with mode 0700 and the files with 0600 (``os.open``
  with that mode, so the file is never readable by others, not even for a moment). A folder
  or file left wider by an older version is narrowed when the log is opened.
* **No personal data.** Every engine is created with ``hide_parameters=True``
  (:mod:`counter_app.store.engine`), so SQLAlchemy's errors say
  ``[SQL parameters hidden due to hide_parameters=True]`` instead of the values. On top of
  that, :class:`MaskingFormatter` masks every message and every exception message with
  :func:`mask`: quoted text, e-mail addresses, anything not ASCII (names, addresses,
  kana...) and every digit run (phones, postal codes, dates, amounts) become ``***`` or
  ``#``; the traceback's frames (file, line, function, the source line) are kept, since they
  hold code, not data. ASCII words outside quotes stay (exception and table names, SQL): a
  value written without quotes in ASCII (a name in rōmaji inside a message the program
  built itself) is the one thing the mask cannot tell from code, so the program's own
  messages must not carry values (they go to the screen, not the log).
"""

from __future__ import annotations

import logging
import os
import re
import stat
import traceback
from collections.abc import Iterable
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

__all__ = [
    "LOG_FILE",
    "MaskingFormatter",
    "PrivateRotatingFileHandler",
    "configure_logging",
    "log_path",
    "mask",
]

LOG_FOLDER = "logs"
LOG_FILE = "counter-app.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|「[^」\n]*」|『[^』\n]*』|“[^”\n]*”")
_EMAIL = re.compile(r"[^\s'\"<>()\[\]]+@[^\s'\"<>()\[\]]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_DIGITS = re.compile(r"[0-9]+")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def mask(text: str) -> str:
    """``text`` with what may be personal data masked (module docstring)."""
    text = _QUOTED.sub(lambda m: f"{m.group()[0]}***{m.group()[-1]}", text)
    text = _EMAIL.sub("***@***", text)
    text = _NOT_ASCII.sub("***", text)
    return _DIGITS.sub("#", text)


def _exception_lines(exc: traceback.TracebackException) -> Iterable[str]:
    if exc.__cause__ is not None:
        yield from _exception_lines(exc.__cause__)
        yield "\nThe above exception was the direct cause of the following exception:\n\n"
    elif exc.__context__ is not None and not exc.__suppress_context__:
        yield from _exception_lines(exc.__context__)
        yield "\nDuring handling of the above exception, another exception occurred:\n\n"
    if exc.stack:
        yield "Traceback (most recent call last):\n"
        yield from exc.stack.format()
    yield from (mask(line) for line in exc.format_exception_only())


#: One line of the log (the traceback, masked, follows on the next lines).
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class MaskingFormatter(logging.Formatter):
    """A formatter whose messages and exception texts pass through :func:`mask`."""

    def __init__(self) -> None:
        super().__init__(LINE_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        # Not logging's format(): it caches the exception text on the record, where another
        # handler may already have put the unmasked one.
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        text = LINE_FORMAT % {**record.__dict__, "message": mask(record.message)}
        if record.exc_info and record.exc_info[0] is not None:  # (None, None, None): none
            text += "\n" + self.formatException(record.exc_info)
        elif record.exc_text:
            text += "\n" + mask(record.exc_text)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return text

    # narrower than logging's (which also takes (None, None, None)): format() passes only a
    # real exception, and TracebackException needs one
    def formatException(self, ei: ExcInfo) -> str:  # type: ignore[override]
        exc = traceback.TracebackException(*ei, capture_locals=False)
        return "".join(_exception_lines(exc)).rstrip("\n")

    def formatStack(self, stack_info: str) -> str:
        return stack_info  # code locations only


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are created 0600 (and never follow a symbolic link)."""

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        # the handler owns the stream and closes it
        stream = open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115
        assert isinstance(stream, TextIOWrapper)  # the handler's mode is a text mode ("a")
        return stream


def _narrow(path: Path, mode: int) -> None:
    """Take group and other permissions off ``path`` if an older version left them."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(mode)


def log_path(data_folder: Path) -> Path:
    return Path(data_folder) / LOG_FOLDER / LOG_FILE


def configure_logging(
    data_dir: str | os.PathLike[str] | None, loggers: Iterable[str] = ("counter_app",)
) -> Path | None:
    """Send ``loggers`` to the private, masked log of the data folder (``data_dir`` as
    ``--data-dir`` gives it: None for the default); returns the file, or None if it cannot be
    opened (read-only disk...): a command must not fail because its log cannot be written.
    Calling it again for another folder moves the log there."""
    from counter_app.paths import data_dir as resolve_data_dir

    path = log_path(resolve_data_dir(data_dir))
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _narrow(path.parent, 0o700)
        for n in range(BACKUPS + 1):
            _narrow(path.with_name(path.name + (f".{n}" if n else "")), 0o600)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(MaskingFormatter())
    for name in loggers:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
            logger.removeHandler(old)
            old.close()
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path
