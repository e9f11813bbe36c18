"""Shared look-ups and guards of the write services: find a request, refuse a closed day,
check the acting staff belongs to this database's branch."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from counter_app.domain.invisible_chars import refused_character
from counter_app.domain.mynumber import guard_free_text
from counter_app.errors import DomainError, InputError, PermissionDenied
from counter_app.security.roles import Actor
from counter_app.store.models import ClosedDay, Request
from counter_app.store.uow import UnitOfWork


class DayClosed(DomainError):
    """The business day has been closed at this branch: nothing more may be dated on it."""

    def __init__(self, day: dt.date) -> None:
        super().__init__(
            f"{day.year}年{day.month}月{day.day}日の受付日報は締め済みのため、"
            "この日付で記録することはできません。",
            hint="締め済みの日の記録は変更できません。責任者に相談してください。",
        )
        self.day = day


class RequestNotFound(InputError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"請求「{ref}」が見つかりません。",
            hint="受付番号 (例: R-BR01-01-2025-000123) を確認してください。",
        )


def session_of(uow: UnitOfWork) -> Session:
    if uow.session is None:
        raise RuntimeError("the unit of work is not open")
    return uow.session


_CLOSED = select(ClosedDay.__table__.c.id).where(
    ClosedDay.__table__.c.branch_code == bindparam("c_branch"),
    ClosedDay.__table__.c.business_date == bindparam("c_day"),
)


def ensure_day_open(uow: UnitOfWork, branch_code: str, day: dt.date) -> None:
    """Raise DayClosed if ``day`` has been closed at ``branch_code``."""
    table = ClosedDay.__table__
    closed = (
        session_of(uow)
        .connection()
        .execute(
            select(table.c.id).where(
                table.c.branch_code == branch_code, table.c.business_date == day
            )
        )
        .first()
    )
    if closed is not None:
        raise DayClosed(day)


def ensure_branch(uow: UnitOfWork, actor: Actor) -> str:
    """The database's branch code; refuses an actor from another branch."""
    code = uow.branch_code
    if code is None:
        raise DomainError("支店がまだ登録されていません。最初に初期設定を行ってください。")
    if actor.branch_code != code:
        raise PermissionDenied(
            f"{actor.display_name} さんはこの支店 ({code}) の職員ではありません。"
        )
    return code


def find_request(uow: UnitOfWork, ref: str) -> Request:
    """A request by id or by number (R-BR01-01-2025-000123)."""
    ref = (ref or "").strip()
    request = session_of(uow).scalar(
        select(Request).where(or_(Request.id == ref, Request.number == ref.upper()))
    )
    if request is None:
        raise RequestNotFound(ref)
    return request


#: Longest accepted value per kind of field (characters).
MAX_NAME = 100
MAX_ADDRESS = 200
MAX_TEXT = 2000


def check_text(value: str, label: str, *, limit: int, multiline: bool = False) -> str:
    """The one check of every stored text: refuse a character that draws nothing or changes
    how the rest draws (control, format, direction, zero-width, unassigned, a lone surrogate;
    a line break and a tab only where ``multiline``: see
    :mod:`counter_app.domain.invisible_chars`), an overlong value and a 個人番号; return the
    value unchanged."""
    refused = refused_character(value, multiline=multiline)
    if refused is not None:
        raise InputError(
            f"「{label}」に{refused.kind}が含まれています: {refused.description} は入力できません。",
            hint=(
                f"{refused.index + 1}文字目です。画面では見えないことがあります。"
                "その文字を消して入力し直してください。"
            ),
        )
    if len(value) > limit:
        raise InputError(f"「{label}」が長すぎます ({len(value):,}文字、{limit:,}文字まで)。")
    guard_free_text(value, label)
    return value


def required_text(value: str | None, what: str) -> str:
    """A required free-text reason: trimmed, non-empty, sane and holding no 個人番号."""
    text = (value or "").strip()
    if not text:
        raise InputError(f"{what}を入力してください。")
    return check_text(text, what, limit=MAX_TEXT, multiline=True)
