"""A time limit for tests that could wait for ever (a reader or writer stuck on a FIFO)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def time_limit(seconds: int, what: str) -> Iterator[None]:
    """Raise TimeoutError(``what``) in the ``with`` block after ``seconds`` (SIGALRM);
    the previous handler is put back afterwards."""

    def timeout(signum, frame):
        raise TimeoutError(what)

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
