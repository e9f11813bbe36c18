"""Shared by the store's commands: open the database, sign in, a supervisor's approval, JSON.

Same conventions as ``list`` / ``search`` / ``close-day``: ``--user`` (or COUNTER_APP_USER),
the password from ``--password-stdin`` (first line), COUNTER_APP_PASSWORD, or a prompt on a
terminal. A supervisor's approval (``--approver USER``) takes its password from the second
stdin line with ``--password-stdin``, COUNTER_APP_APPROVER_PASSWORD, or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from counter_app.errors import InputError

USER_ENV = "COUNTER_APP_USER"
PASSWORD_ENV = "COUNTER_APP_PASSWORD"
APPROVER_PASSWORD_ENV = "COUNTER_APP_APPROVER_PASSWORD"
NEW_PASSWORD_ENV = "COUNTER_APP_NEW_PASSWORD"
#: Longest line read as a password from standard input (security.toml allows up to 1,024).
MAX_SECRET_LINE = 1024


def add_login_arguments(parser: argparse.ArgumentParser, *, approver: bool = False) -> None:
    parser.add_argument(
        "--user",
        default=os.environ.get(USER_ENV),
        help=f"ログインする職員のユーザーID (既定: 環境変数 {USER_ENV})",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"パスワードを標準入力の1行目から読む (既定: 環境変数 {PASSWORD_ENV}、なければ入力を求める)",
    )
    if approver:
        parser.add_argument(
            "--approver",
            help="承認する責任者のユーザーID (窓口担当が操作するとき)。パスワードは標準入力の2行目、"
            f"環境変数 {APPROVER_PASSWORD_ENV}、または入力を求める",
        )
    add_json_argument(parser)


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="結果を JSON で出力する")


def read_secret(
    args: argparse.Namespace, env: str, prompt: str, *, what: str = "パスワード"
) -> str:
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline(MAX_SECRET_LINE + 3)  # never unbounded (/dev/zero)
        if len(line.rstrip("\r\n")) > MAX_SECRET_LINE:
            raise InputError(
                f"標準入力の{what}が長すぎます ({MAX_SECRET_LINE:,}文字まで)。",
                hint="1行目にパスワードだけを書いて渡してください。",
            )
        if line:
            return line.rstrip("\r\n")
    if os.environ.get(env):
        return os.environ[env]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise InputError(
        f"{what}が指定されていません。",
        hint=f"--password-stdin で標準入力から渡すか、環境変数 {env} を設定してください。",
    )


@contextmanager
def signed_in(
    args: argparse.Namespace, *, write: bool = False, approval: Any = None
) -> Iterator[tuple[Any, Any, Any]]:
    """Open the database, sign in (audited), and yield (unit of work, actor, approver).

    ``approval``: the Permission a ``--approver`` signs for (None: no approver asked).
    ``write=True``: the unit of work commits when the block ends without an error.
    """
    from counter_app.services.approval import approve_on_screen
    from counter_app.services.database import open_counter_database
    from counter_app.services.sign_in import sign_in

    if not args.user:
        raise InputError(
            "ログインする職員のユーザーIDを指定してください。",
            hint=f"--user ユーザーID (または環境変数 {USER_ENV}) で指定します。",
        )
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    approver_name = getattr(args, "approver", None)
    approver_password = (
        read_secret(args, APPROVER_PASSWORD_ENV, "承認者のパスワード: ", what="承認者のパスワード")
        if approver_name
        else None
    )
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        # through the lockout (issue 6): failed attempts are counted and audited
        actor = sign_in(db, args.user, password)
        approver = None
        if approver_name and approval is not None:
            approver = approve_on_screen(
                db, actor, approver_name, approver_password or "", approval
            )
        with db.unit_of_work(read_only=not write) as uow:
            yield uow, actor, approver
            if write:
                uow.commit()
    finally:
        db.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def yen(amount: int) -> str:
    return f"{amount:,}円"
