"""``counter-app hq desk-account``: a head-office desk account (docs/headoffice.md "Desk").

    counter-app hq desk-account --dsn DSN --login tanaka --name "田中 一郎" --role clerk \\
        [--password-file F]

Run by head office's administrator (``hq_admin``). The role is ``clerk`` (本部担当), ``lead``
(本部責任者) or ``admin`` (管理者). The password is read from ``--password-file`` or asked twice
on the terminal; it is never an argument.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from counter_app.errors import InputError


def register(sub: Any) -> None:
    p = sub.add_parser("desk-account", help="本部の窓口担当者のアカウントを作る")
    p.add_argument("--dsn", required=True, help="本部データベースへの接続 (hq_admin)")
    p.add_argument("--login", required=True, help="ログイン名 (英小文字・数字・_)")
    p.add_argument("--name", required=True, help="表示名 (例: 田中 一郎)")
    p.add_argument(
        "--role", required=True, choices=("clerk", "lead", "admin"),
        help="clerk: 本部担当 / lead: 本部責任者 / admin: 管理者",
    )  # fmt: skip
    p.add_argument("--password-file", type=Path, help="パスワードを書いたファイル")
    p.set_defaults(handler=run)


def _password(args: argparse.Namespace) -> str:
    if args.password_file:
        try:
            text: str = args.password_file.read_text(encoding="utf-8")
            return text.strip()
        except (OSError, UnicodeDecodeError):
            raise InputError(
                f"パスワードのファイルを読み込めません: {args.password_file}"
            ) from None
    first = getpass.getpass("パスワード (12文字以上): ")
    if getpass.getpass("もう一度: ") != first:
        raise InputError("2回入力したパスワードが一致しません。")
    return first


def run(args: argparse.Namespace) -> int:
    import psycopg

    from counter_app.headoffice.desk.accounts import DeskRole, create_account
    from counter_app.headoffice.errors import connection_failed

    password = _password(args)
    try:
        with psycopg.connect(args.dsn, autocommit=True, connect_timeout=10) as admin:
            account = create_account(admin, args.login, args.name, DeskRole(args.role), password)
    except psycopg.errors.DuplicateObject:
        raise InputError(f"ログイン名「{args.login}」はすでに使われています。") from None
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    print(
        f"本部のアカウントを作りました: {account.login} ({account.display_name}、{account.role.label})"
    )
    return 0
