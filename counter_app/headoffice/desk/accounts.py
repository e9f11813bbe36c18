"""Desk accounts: each person at head office is a PostgreSQL login (member of ``hq_desk``)
listed in ``hq.desk_staff`` with a desk role; the desk signs in with that login over TLS.

- 本部担当 (``clerk``): works the list, assigns, drafts decisions;
- 本部責任者 (``lead``): also approves decisions (never their own refusal) and so publishes
  them to the branch;
- 管理者 (``admin``): sees everything, manages accounts; decides nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import psycopg
from psycopg import sql

from counter_app.errors import InputError
from counter_app.headoffice.desk.refusals import desk_call


class DeskRole(StrEnum):
    CLERK = "clerk"
    LEAD = "lead"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"clerk": "本部担当", "lead": "本部責任者", "admin": "管理者"}[self.value]


@dataclass(frozen=True)
class DeskAccount:
    login: str
    display_name: str
    role: DeskRole


_LOGIN = re.compile(r"^[a-z][a-z0-9_]{2,40}$")


def create_account(
    admin: psycopg.Connection, login: str, display_name: str, role: DeskRole, password: str
) -> DeskAccount:
    """A desk account (run by head office's administrator, ``hq_admin``): the login role,
    member of ``hq_desk``, with a SCRAM password, and its ``hq.desk_staff`` row."""
    if not _LOGIN.match(login) or login.startswith(("term_", "hq_", "pg_")):
        raise InputError(
            "ログイン名は英小文字で始まる英小文字・数字・_ の 3〜41 文字にしてください。",
            hint="term_・hq_・pg_ で始まる名前は使えません。",
        )
    name = display_name.strip()
    if not 1 <= len(name) <= 60:
        raise InputError("表示名は1〜60文字で入力してください。")
    if len(password) < 12:
        raise InputError("パスワードは12文字以上にしてください。")
    with admin.transaction():
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN IN ROLE hq_desk PASSWORD {}").format(
                sql.Identifier(login), sql.Literal(password)
            )
        )
        admin.execute(
            "INSERT INTO hq.desk_staff (login, display_name, desk_role) VALUES (%s, %s, %s)",
            (login, name, role.value),
        )
    return DeskAccount(login, name, role)


def current_account(conn: psycopg.Connection) -> DeskAccount:
    """The signed-in desk account, or PermissionDenied (not a desk account, or inactive)."""
    with desk_call():
        row = conn.execute("SELECT login, display_name, desk_role FROM hq.desk_actor()").fetchone()
    assert row is not None
    return DeskAccount(row[0], row[1], DeskRole(row[2]))


@dataclass(frozen=True)
class DeskServer:
    """Where head office's PostgreSQL is: the server is verified with ``ca_file``."""

    host: str
    port: int
    dbname: str
    ca_file: Path


def sign_in(
    server: DeskServer, login: str, password: str
) -> tuple[psycopg.Connection, DeskAccount]:
    """Connects as a desk account (``sslmode=verify-full``) and checks it is one."""
    from counter_app.headoffice.errors import HeadOfficeError

    try:
        conn = psycopg.connect(
            host=server.host,
            port=server.port,
            dbname=server.dbname,
            user=login,
            password=password,
            sslmode="verify-full",
            sslrootcert=str(server.ca_file),
            connect_timeout=5,
            autocommit=True,
            application_name="counter-app desk",
        )
    except psycopg.OperationalError as failure:
        text = str(failure)
        if "password authentication failed" in text or "no pg_hba.conf entry" in text:
            raise HeadOfficeError(
                "ログイン名またはパスワードが違います。", hint="入力し直してください。"
            ) from None
        raise HeadOfficeError(
            "本部のデータベースに接続できません。",
            hint="ネットワークと本部のサーバーの状態を確認してください。",
        ) from None
    try:
        return conn, current_account(conn)
    except BaseException:
        conn.close()
        raise
