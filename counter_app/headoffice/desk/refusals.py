"""Head office's refusals of a desk call, as the Japanese errors a desk user reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from counter_app.errors import CounterAppError, PermissionDenied


class DeskRefused(CounterAppError):
    """Head office refused a desk operation (the message is head office's own sentence)."""


@contextmanager
def desk_call() -> Iterator[None]:
    """Turns head office's refusals (SQLSTATE CAxxx, a missing privilege) into Japanese errors;
    anything else (the server down, a bug) passes through."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege:
        raise PermissionDenied(
            "この操作は本部の窓口の担当者だけができます。",
            hint="本部の担当者のアカウントでサインインしてください。",
        ) from None
    except psycopg.Error as failure:
        state = failure.sqlstate or ""
        if not state.startswith("CA"):
            raise
        message = failure.diag.message_primary or "本部がこの操作を受け付けませんでした。"
        if state == "CA004":
            raise PermissionDenied(message) from None
        raise DeskRefused(message) from None
