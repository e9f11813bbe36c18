"""``counter-app list``: the requests of a day, a status, or the overdue ones (masked).

Also holds what the search / close-day / export-csv commands share: the date argument and
printing rows. Signing in (``--user``, the password from ``COUNTER_APP_PASSWORD``,
``--password-stdin`` or a prompt; counted by the lockout) is :mod:`counter_app.commands._login`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.errors import InputError


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
    parser.add_argument(
        "--settlement-pending",
        action="store_true",
        help="精算待ちの請求 (受付時に写しの枚数が未定で、まだ精算していないもの)",
    )
    parser.add_argument("--limit", type=int, default=500, help="表示する最大件数 (既定 500)")
    add_login_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.services.search import list_requests

    if args.limit < 1:
        raise InputError("--limit は1以上にしてください。")
    scope = "today" if args.today else "open" if args.open else None
    with signed_in(args) as (uow, actor, _):
        items = list_requests(
            uow,
            actor,
            day=args.date,
            scope=scope,
            status=args.status,
            overdue_only=args.overdue,
            limit=args.limit,
            settlement_pending=args.settlement_pending,
        )
    if args.json:
        print_json({"count": len(items), "items": [i.to_dict() for i in items]})
    else:
        print_items(items, "該当する請求はありません。")
        if items:
            print(f"{len(items)}件")
    return 0


__all__: list[str] = ["item_line", "parse_day", "print_items", "register", "run"]
