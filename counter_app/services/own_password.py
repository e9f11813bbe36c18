"""One's own password (any role): the current one checked like a sign-in, the new one stored.

A 管理者 setting someone else's password is
:func:`counter_app.services.staff_accounts.change_password` (no current password asked).
"""

from __future__ import annotations

import datetime as dt

from counter_app.errors import InputError
from counter_app.security.roles import Actor
from counter_app.services.clock import aware_utc
from counter_app.services.sign_in import LoginFailed, Purpose, authenticate
from counter_app.services.staff_accounts import staff_row, store_password
from counter_app.store.engine import Database
from counter_app.store.uow import UnitOfWork


class WrongCurrentPassword(InputError):
    """One's own password changed with a current password that is not the one stored."""

    def __init__(self) -> None:
        super().__init__(
            "現在のパスワードが違います。",
            hint="いまログインに使っているパスワードを入力してください。"
            "忘れた場合は管理者に再設定を依頼してください。",
        )


def change_own_password(
    db: Database,
    actor: Actor,
    current_password: str,
    new_password: str,
    *,
    at: dt.datetime | None = None,
) -> None:
    """``actor`` changes their own password (any role): the current one is checked like a
    sign-in — a locked account is refused (:class:`AccountLocked`), a wrong current password
    counts towards the lockout (audited ``auth.login_failed``, context ``password_change``)
    and is refused with 「現在のパスワードが違います。」. The new one must differ from the
    current one and meet the policy."""
    now = aware_utc(at)
    try:
        authenticate(
            db,
            actor.username,
            current_password,
            purpose=Purpose.PASSWORD_CHANGE,
            at=now,
            reveal_lock=True,
        )
    except LoginFailed:
        raise WrongCurrentPassword() from None
    with db.unit_of_work() as uow:
        set_own_password(uow, actor, current_password, new_password, at=now)
        uow.commit()


def set_own_password(
    uow: UnitOfWork,
    actor: Actor,
    current_password: str,
    new_password: str,
    *,
    at: dt.datetime | None = None,
) -> None:
    """Store ``actor``'s new password once ``current_password`` has been checked by
    :func:`counter_app.services.sign_in.authenticate` (the caller's duty; nothing here checks
    a password). The new one must differ and meet the policy."""
    row = staff_row(uow, actor.username)
    if new_password == current_password:
        raise InputError(
            "新しいパスワードが現在のパスワードと同じです。別のパスワードにしてください。"
        )
    store_password(uow, actor, row, new_password, at=at)


__all__ = ["WrongCurrentPassword", "change_own_password", "set_own_password"]
