"""What every facade module shares: the open database, the signed-in person, the clock.

Package-internal: the views never call these (the unit of work is the services' type, which
``ui`` may not name: ui never imports ``counter_app.store``).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from counter_app.errors import CounterAppError, PermissionDenied
from ui.context import AppContext

if TYPE_CHECKING:  # annotations only: the login window shows before anything else loads
    from counter_app.security.roles import Actor


def require_db(context: AppContext) -> None:
    if context.db is None:
        raise CounterAppError(
            "データベースがまだ開かれていません。しばらく待ってからやり直してください。"
        )


@contextmanager
def unit_of_work(context: AppContext, *, write: bool = True) -> Iterator[Any]:
    """A unit of work on the context's database, committed on success when ``write``."""
    require_db(context)
    if write:
        with context.db.unit_of_work() as uow:
            yield uow
            uow.commit()
    else:
        with context.db.unit_of_work(read_only=True) as uow:
            yield uow


def signed_in(context: AppContext) -> Actor:
    """The signed-in staff member (refused when nobody is)."""
    if context.actor is None:
        raise PermissionDenied("ログインしていません。", hint="ログインし直してください。")
    actor: Actor = context.actor
    return actor


def now(context: AppContext) -> dt.datetime:
    return context.now() if hasattr(context, "now") else dt.datetime.now(dt.UTC)


def render(document: str, data: object) -> bytes:
    """The PDF of ``forms.<document>`` for ``data`` (forms sit above the core)."""
    module = importlib.import_module(f"forms.{document}")
    return bytes(module.render(data))
