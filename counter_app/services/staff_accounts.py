"""Staff accounts: create, list, enable/disable, a 管理者 setting someone's password or lifting
a lockout, and the look-ups of a staff member by user name or id.

Passwords are hashed with argon2id (:mod:`counter_app.security.password_hashing`) and must meet
the policy (:mod:`counter_app.security.password_policy`). Nothing here checks a password: every
path that does (sign-in, unlock, approval, one's own password, restore) goes through
:func:`counter_app.services.sign_in.authenticate`, which applies the lockout and audits. A
sign-in returns an :class:`~counter_app.security.roles.Actor`, which every service takes.
Managing accounts needs the 管理者 role.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from counter_app.config.security import security_settings
from counter_app.errors import DomainError, InputError
from counter_app.security.lockout import clear_attempts
from counter_app.security.password_hashing import hash_password
from counter_app.security.password_policy import check_new_password
from counter_app.security.roles import Actor, Permission, Role, require
from counter_app.services.access import MAX_NAME, check_text, ensure_branch, session_of
from counter_app.services.clock import aware_utc, now_utc
from counter_app.services.trail import record
from counter_app.store.engine import Database
from counter_app.store.models import Staff
from counter_app.store.uow import UnitOfWork

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


@dataclass(frozen=True)
class NewStaff:
    username: str
    display_name: str
    role: Role
    password: str


@dataclass(frozen=True)
class StaffInfo:
    id: str
    username: str
    display_name: str
    role: Role
    active: bool
    branch_code: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "role_label": self.role.label,
            "active": self.active,
            "branch_code": self.branch_code,
        }


def storable_text(*values: object) -> bool:
    """Whether every value is text that can be stored and hashed (argv or JSON may carry
    lone surrogates)."""
    for value in values:
        if not isinstance(value, str):
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def normalise_username(value: str) -> str:
    name = unicodedata.normalize("NFKC", value or "").strip().lower()
    if not _USERNAME.match(name):
        raise InputError(
            f"ユーザーID「{value}」は使えません。",
            hint="英小文字・数字・「.」「_」「-」で2〜32文字にしてください (例: yamada)。",
        )
    return name


def _actor(row: Staff) -> Actor:
    return Actor(
        staff_id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        branch_code=row.branch_code,
    )


def _info(row: Staff) -> StaffInfo:
    return StaffInfo(
        row.id, row.username, row.display_name, Role(row.role), row.active, row.branch_code
    )


def create_staff(
    uow: UnitOfWork, branch_code: str, new: NewStaff, *, at: dt.datetime, by: Actor | None = None
) -> Actor:
    """Insert an account (no permission check: used by initialise and add_staff).

    ``by`` is who creates it (the audit row's actor); None for the first administrator,
    who is recorded as creating their own account."""
    session = session_of(uow)
    check_text(new.username or "", "ユーザーID", limit=MAX_NAME)  # 1234-5678-9018 has the shape
    username = normalise_username(new.username)
    display_name = (new.display_name or "").strip()
    if not display_name:
        raise InputError("職員の氏名を入力してください。")
    check_text(display_name, "職員の氏名", limit=MAX_NAME)
    try:
        role = Role(new.role)
    except ValueError:
        raise InputError(
            f"役割「{new.role}」は使えません。",
            hint="使える値: " + "、".join(f"{r.value} ({r.label})" for r in Role),
        ) from None
    check_new_password(new.password, policy=security_settings().password, username=username)
    exists = session.scalar(
        select(func.count()).select_from(Staff).where(Staff.username == username)
    )
    if exists:
        raise DomainError(f"ユーザーID「{username}」はすでに使われています。")
    row = Staff(
        branch_code=branch_code,
        username=username,
        display_name=display_name,
        role=role.value,
        password_hash=hash_password(new.password),
        active=True,
        created_at=at,
        updated_at=at,
    )
    session.add(row)
    session.flush()
    actor = _actor(row)
    record(
        uow,
        by or actor,
        "staff.add",
        at=at,
        branch_code=branch_code,
        detail={"staff_id": row.id, "role": role.value},
    )
    return actor


def add_staff(
    uow: UnitOfWork, actor: Actor, new: NewStaff, *, at: dt.datetime | None = None
) -> StaffInfo:
    """Create a staff account (管理者 only)."""
    require(actor, Permission.MANAGE_STAFF)
    code = ensure_branch(uow, actor)
    at = at or now_utc()
    created = create_staff(uow, code, new, at=at, by=actor)
    row = session_of(uow).get(Staff, created.staff_id)
    assert row is not None
    return _info(row)


def list_staff(uow: UnitOfWork, actor: Actor) -> list[StaffInfo]:
    require(actor, Permission.MANAGE_STAFF)
    rows = session_of(uow).scalars(select(Staff).order_by(Staff.username))
    return [_info(r) for r in rows]


def staff_row(uow: UnitOfWork, username: str) -> Staff:
    """The staff row of ``username``; refuses an unknown one (Japanese)."""
    row = session_of(uow).scalar(
        select(Staff).where(Staff.username == normalise_username(username))
    )
    if row is None:
        raise InputError(f"ユーザー「{username}」が見つかりません。")
    return row


def set_active(
    uow: UnitOfWork, actor: Actor, username: str, active: bool, *, at: dt.datetime | None = None
) -> StaffInfo:
    """Enable or disable an account (管理者 only; never one's own)."""
    require(actor, Permission.MANAGE_STAFF)
    at = at or now_utc()
    row = staff_row(uow, username)
    if row.id == actor.staff_id and not active:
        raise DomainError("自分自身のアカウントは無効にできません。")
    row.active = active
    row.updated_at = at
    record(
        uow,
        actor,
        "staff.enable" if active else "staff.disable",
        at=at,
        detail={"staff_id": row.id},
    )
    return _info(row)


def change_password(
    uow: UnitOfWork,
    actor: Actor,
    username: str,
    new_password: str,
    *,
    at: dt.datetime | None = None,
) -> None:
    """A 管理者 sets another staff member's password (no current password: it is not looked
    at). One's own password, any role, goes through
    :func:`counter_app.services.own_password.change_own_password`, which checks the current one
    like a sign-in (lockout, audit)."""
    row = staff_row(uow, username)
    if row.id == actor.staff_id:
        raise InputError("自分のパスワードを変更するには、現在のパスワードを入力してください。")
    require(actor, Permission.MANAGE_STAFF)
    store_password(uow, actor, row, new_password, at=at)


def store_password(
    uow: UnitOfWork, actor: Actor, row: Staff, new_password: str, *, at: dt.datetime | None
) -> None:
    """Hash and store ``row``'s new password once it meets the policy (audited
    ``staff.password`` by ``actor``). Whoever calls this has checked who may set it."""
    check_new_password(new_password, policy=security_settings().password, username=row.username)
    at = at or now_utc()
    row.password_hash = hash_password(new_password)
    row.updated_at = at
    record(uow, actor, "staff.password", at=at, detail={"staff_id": row.id})


def staff_by_username(uow: UnitOfWork, username: str) -> Staff | None:
    """The staff row of a typed user name (NFKC, case-folded), or None: unknown or not a
    user name at all."""
    try:
        name = normalise_username(username)
    except InputError:
        return None
    return session_of(uow).scalar(select(Staff).where(Staff.username == name))


def actor_by_id(uow: UnitOfWork, staff_id: str) -> Actor:
    row = session_of(uow).get(Staff, staff_id)
    if row is None:
        raise InputError("職員が見つかりません。")
    return _actor(row)


def staff_name(uow: UnitOfWork, staff_id: str | None) -> str:
    if not staff_id:
        return ""
    row = session_of(uow).get(Staff, staff_id)
    return row.display_name if row else ""


def unlock_account(
    db: Database, admin: Actor, username: str, *, at: dt.datetime | None = None
) -> None:
    """An administrator lifts a lockout at once (audited ``auth.lockout_cleared``)."""
    require(admin, Permission.MANAGE_STAFF)
    now = aware_utc(at)
    with db.unit_of_work() as uow:
        row = staff_by_username(uow, username) if storable_text(username) else None
        if row is None:
            raise InputError(f"ユーザー「{username}」が見つかりません。")
        clear_attempts(session_of(uow), row.id)
        record(uow, admin, "auth.lockout_cleared", at=now, detail={"staff_id": row.id})
        uow.commit()
