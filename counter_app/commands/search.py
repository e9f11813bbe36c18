"""``counter-app search QUERY``: find requests by number, member number, phone or name.

The query decides where to look (``--kind auto``): a request or receipt number, 10-11 digits
(a phone number, also tried as a member number), letters and digits (member number or name),
anything else a name substring in kanji or kana (2-character queries such as 山田 work).
Results are newest first and masked.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.commands.list import print_items

#: Kept equal to counter_app.services.search (not imported here: building the parser of every
#: command must not load the database layer).
SEARCH_KINDS = ("auto", "number", "phone", "member", "name")
DEFAULT_LIMIT = 50


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "search",
        help="受付番号・組合員番号・電話番号・氏名 (漢字/かな) で請求を検索",
        description="請求を検索します。結果は新しい順、氏名・電話番号は伏せ字で表示します。",
    )
    parser.add_argument("query", help="検索する文字 (例: 山田、やまだ、090-1234-5678)")
    parser.add_argument(
        "--kind",
        choices=SEARCH_KINDS,
        default="auto",
        help="検索の種類 (既定 auto: 入力の形から判断)",
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help=f"最大件数 (既定 {DEFAULT_LIMIT})"
    )
    add_login_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.services.search import search_requests

    with signed_in(args) as (uow, actor, _):
        result = search_requests(uow, actor, args.query, kind=args.kind, limit=args.limit)
    if args.json:
        print_json(result.to_dict())
        return 0
    print_items(result.items, f"「{result.query}」に該当する請求はありません。")
    if result.items:
        more = " (ほかにもあります: 条件を絞ってください)" if result.truncated else ""
        print(f"{len(result.items)}件{more}")
    return 0
