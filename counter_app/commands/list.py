"""``counter-app list``: the requests of a day, a status, or the overdue ones (masked).

Also holds what the search / close-day / export-csv commands share: signing in from the
command line (``--user``; the password from ``COUNTER_APP_PASSWORD``, ``--password-stdin`` or
a prompt) and printing rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from counter_app.errors import InputError

PASSWORD_ENV = "COUNTER_APP_PASSWORD"
USER_ENV = "COUNTER_APP_USER"


# -- shared by the search / close-day / export-csv commands ------------------------------------
def add_login_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        default=os.environ.get(USER_ENV),
        help=f"ログインする職員のユーザー名 (既定: 環境変数 {USER_ENV})",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"パスワードを標準入力の1行目から読む (既定: 環境変数 {PASSWORD_ENV}、なければ入力を求める)",
    )
    parser.add_argument("--json", action="store_true", help="結果を JSON で出力する")


def parse_day(value: str) -> dt.date:
    """``2025-06-02`` / ``2025/6/2`` / ``today`` -> date (argparse type)."""
    text = value.strip().replace("/", "-")
    if text in ("today", "今日"):
        from counter_app.services.clock import today

        return today()
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日付「{value}」の形が正しくありません (例: 2025-06-02)"
        ) from None


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("パスワード: ")
    raise InputError(
        "パスワードが指定されていません。",
        hint=f"--password-stdin で標準入力から渡すか、環境変数 {PASSWORD_ENV} を設定してください。",
    )


@contextmanager
def signed_in(args: argparse.Namespace, *, write: bool = False) -> Iterator[tuple[Any, Any]]:
    """Open the data folder's database, sign in (audited), and yield (unit of work, actor).

    ``write=True``: the unit of work commits when the block ends without an error.
    """
    from counter_app.services.auth import login
    from counter_app.services.database import open_counter_database

    if not args.user:
        raise InputError(
            "ログインする職員のユーザー名を指定してください。",
            hint=f"--user ユーザー名 (または環境変数 {USER_ENV}) で指定します。",
        )
    password = _password(args)
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        with db.unit_of_work() as uow:
            actor = login(uow, args.user, password)
            uow.commit()
        with db.unit_of_work(read_only=not write) as uow:
            yield uow, actor
            if write:
                uow.commit()
    finally:
        db.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def item_line(item: Any) -> str:
    """One request as a line of text (masked)."""
    when = item.received_at.astimezone(dt.timezone(dt.timedelta(hours=9))).strftime(
        "%Y-%m-%d %H:%M"
    )
    if item.overdue:
        left = f"期限超過 {-item.days_left}日"
    elif item.days_left is not None:
        left = f"残り{item.days_left}日"
    else:
        left = ""
    proxy = f" 代理:{item.proxy_name_masked}" if item.proxy_name_masked else ""
    types = "・".join(item.type_labels)
    return (
        f"{item.number}  {when}  {item.status_label:<6}  {item.name_masked}{proxy}  "
        f"{item.phone_masked}  {types}  期限 {item.target_on.isoformat()} {left}".rstrip()
    )


def print_items(items: Any, empty: str) -> None:
    if not items:
        print(empty)
        return
    for item in items:
        print(item_line(item))


# -- list ---------------------------------------------------------------------------------------
def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "list",
        help="受付の一覧 (日付・状態・期限超過で絞り込み、個人情報は伏せ字)",
        description="受付の一覧を表示します。氏名・電話番号は伏せ字で表示します。",
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--date", type=parse_day, help="この日に受け付けた請求 (例: 2025-06-02)")
    when.add_argument("--today", action="store_true", help="本日受け付けた請求")
    when.add_argument("--open", action="store_true", help="対応が終わっていない請求すべて")
    parser.add_argument(
        "--status",
        help="状態で絞り込む (received / in_progress / extended / decided / withdrawn / cancelled)",
    )
    parser.add_argument("--overdue", action="store_true", help="回答期限を過ぎた未完了の請求")
    parser.add_argument("--limit", type=int, default=500, help="表示する最大件数 (既定 500)")
    add_login_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.services.search import list_requests

    if args.limit < 1:
        raise InputError("--limit は1以上にしてください。")
    scope = "today" if args.today else "open" if args.open else None
    with signed_in(args) as (uow, actor):
        items = list_requests(
            uow,
            actor,
            day=args.date,
            scope=scope,
            status=args.status,
            overdue_only=args.overdue,
            limit=args.limit,
        )
    if args.json:
        print_json({"count": len(items), "items": [i.to_dict() for i in items]})
    else:
        print_items(items, "該当する請求はありません。")
        if items:
            print(f"{len(items)}件")
    return 0


__all__: list[str] = [
    "add_login_arguments",
    "item_line",
    "parse_day",
    "print_items",
    "print_json",
    "register",
    "run",
    "signed_in",
]
