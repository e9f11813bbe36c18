"""The terminal the headless commands write to: always UTF-8.

A Windows console program whose output goes to a pipe, a file or an old console writes through
the ANSI code page (cp1252 on many PCs, cp932 on Japanese ones); a packaged (frozen) program
cannot be told otherwise with ``PYTHONUTF8`` or ``PYTHONIOENCODING``, and printing 山田 or 𠮷田
then raises ``UnicodeEncodeError``: the command would stop after its work was committed, with a
traceback instead of its answer. :func:`use_utf8_console` switches stdout and stderr to UTF-8
before anything is printed (the JSON output is documented as UTF-8, so scripts reading it get
what they expect on every system).
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO


def _is_utf8(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def reconfigure_to_utf8(stream: TextIO | None) -> bool:
    """Make ``stream`` encode UTF-8 if it is a text stream that can be switched.

    Returns True when the stream now writes UTF-8 (it already did, or was switched). A missing
    stream (``None``: a windowed program on Windows has no console) or one that cannot be
    reconfigured (a test's ``StringIO``) is left alone. The error handler is kept: stdout stays
    strict, stderr keeps ``backslashreplace``.
    """
    if stream is None:
        return False
    if _is_utf8(getattr(stream, "encoding", None)):
        return True
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return False
    try:
        stream.flush()
        # naming the encoding alone would reset the handler to "strict"
        reconfigure(encoding="utf-8", errors=getattr(stream, "errors", None) or "strict")
    except (OSError, ValueError):  # closed or detached stream: nothing sensible to do
        return False
    return _is_utf8(getattr(stream, "encoding", None))


def use_utf8_console() -> None:
    """Switch ``sys.stdout`` and ``sys.stderr`` to UTF-8 (see the module's docstring)."""
    reconfigure_to_utf8(sys.stdout)
    reconfigure_to_utf8(sys.stderr)
