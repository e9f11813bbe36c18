"""The idle lock: how long without input before the window locks, and unlocking it.

Only the person who was signed in may unlock, with their own password, through
:func:`counter_app.services.sign_in.authenticate` (lockout applies; audited ``auth.unlock``;
the person is known, so a lock and its time are said: :class:`AccountLocked`). Another person
must sign out and sign in anew.
"""

from __future__ import annotations

import datetime as dt

from counter_app.config.security import security_settings
from counter_app.errors import InputError, PermissionDenied
from counter_app.security.roles import Actor
from counter_app.services.sign_in import Purpose, authenticate
from counter_app.services.staff_accounts import normalise_username, storable_text
from counter_app.store.engine import Database


class WrongUnlockUser(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            "画面のロックを解除できるのは、ロックされた時にログインしていた職員だけです。",
            hint="別の職員が使う場合は、いったんログアウトしてからログインしてください。",
        )


def idle_lock_minutes() -> int:
    """Minutes without input after which the UI locks the screen (``[session]`` of
    security.toml)."""
    return security_settings().idle_lock_minutes


def reauthenticate(
    db: Database, actor: Actor, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """Unlock the screen after the idle lock: ``actor``'s own password (lockout applies;
    audited ``auth.unlock``). Another person must sign in anew."""
    return authenticate(
        db, actor.username, password, purpose=Purpose.UNLOCK, at=at, reveal_lock=True
    )


def unlock_as(
    db: Database,
    locked_actor: Actor,
    username: str,
    password: str,
    *,
    at: dt.datetime | None = None,
) -> Actor:
    """Unlock with a typed username: only the person who was signed in may unlock."""
    try:
        same = storable_text(username) and normalise_username(username) == locked_actor.username
    except InputError:
        same = False
    if not same:
        raise WrongUnlockUser()
    return reauthenticate(db, locked_actor, password, at=at)


__all__ = ["WrongUnlockUser", "idle_lock_minutes", "reauthenticate", "unlock_as"]
