"""``counter-app settle REQUEST --pages N``: settle a request taken with the page count 未定.

The actual fee is computed from the schedule in force on the request date; the difference
is collected (``--received YEN``: the cash handed over, the change is printed) or refunded.
``--dry-run`` prints the figures without recording anything. ``counter-app settle-void
SETTLEMENT --reason TEXT`` voids a settlement (責任者, or ``--approver``): the request is
精算待ち again. See docs/cli.md.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in, yen


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "settle",
        help="精算待ちの請求を精算する (実際の写しの枚数で差額を受領・返金)",
        description="受付時に写しの枚数が「未定」だった請求を、実際の枚数で精算します。"
        "手数料は請求日時点の手数料表で計算し、差額を受け取るか返金して精算書 (別の番号) を記録します。",
    )
    p.add_argument("request", help="受付番号 (例: R-BR01-01-2025-000001) または ID")
    p.add_argument("--pages", required=True, type=_count, help="実際の写しの枚数")
    p.add_argument(
        "--received",
        type=_count,
        default=0,
        help="差額を受け取るときのお預かり金額 (円)。返金・差額なしのときは指定しない",
    )
    p.add_argument("--dry-run", action="store_true", help="記録せずに精算額だけを表示する")
    add_login_arguments(p)
    p.set_defaults(handler=run)

    v = subparsers.add_parser(
        "settle-void",
        help="精算を取り消す (責任者)",
        description="精算書を取り消します。元の精算書は変更せず、取消の記録 (新しい番号) を作り、"
        "請求は精算待ちに戻ります。",
    )
    v.add_argument("settlement", help="精算書の番号 (例: S-BR01-01-2025-000001) または ID")
    v.add_argument("--reason", required=True, help="取消の理由")
    add_login_arguments(v, approver=True)
    v.set_defaults(handler=run_void)


def _count(text: str) -> int:
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    for mark in ("枚", "円", "¥"):
        folded = folded.removesuffix(mark).removeprefix(mark)
    if not folded.isascii() or not folded.isdigit():
        raise argparse.ArgumentTypeError(f"0以上の整数を指定してください (値: {text})")
    return int(folded)


def run(args: argparse.Namespace) -> int:
    from counter_app.services.settlement import preview_settlement, record_settlement

    if args.dry_run:
        with signed_in(args) as (uow, actor, _):
            preview = preview_settlement(uow, actor, args.request, args.pages)
        if args.json:
            print_json(preview.to_dict())
            return 0
        f = preview.figures
        print(f"請求 {preview.request_number} の精算 (記録していません)")
        for line in f.actual.lines:
            print(f"  {line.label}\t{yen(line.amount)}")
        print(
            f"  実費 {yen(f.actual.total)} − 受領済み {yen(f.charged)}"
            f" (領収書 {preview.first_receipt_number or '—'})"
        )
        print(f"  {_difference_text(f.difference)}")
        return 0
    with signed_in(args, write=True) as (uow, actor, _):
        result = record_settlement(
            uow, actor, args.request, args.pages, amount_received=args.received
        )
    if args.json:
        print_json(result.to_dict())
        return 0
    print(
        f"請求 {result.request_number} を精算しました (精算書 {result.number}、"
        f"当初の領収書 {result.first_receipt_number or '—'})。"
    )
    print(f"  実費 {yen(result.actual_total)} − 受領済み {yen(result.charged)}")
    print(f"  {_difference_text(result.difference)}")
    if result.difference > 0:
        print(f"  お預かり {yen(result.amount_received)}　おつり {yen(result.change)}")
    return 0


def _difference_text(difference: int) -> str:
    if difference > 0:
        return f"追加でいただく額 {yen(difference)}"
    if difference < 0:
        return f"返金する額 {yen(-difference)}"
    return "過不足なし"


def run_void(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.settlement import void_settlement

    with signed_in(args, write=True, approval=Permission.VOID_RECEIPT) as (uow, actor, approver):
        result = void_settlement(uow, actor, args.settlement, args.reason, approver=approver)
    if args.json:
        print_json(result.to_dict())
        return 0
    back = result.cash_back
    money = (
        f"返金 {yen(back)}"
        if back > 0
        else f"お客様から {yen(-back)} を受領"
        if back < 0
        else "現金の動きなし"
    )
    print(
        f"精算書 {result.settlement_number} を取り消しました (取消番号 {result.void_number}、"
        f"{money})。請求は精算待ちに戻りました。"
    )
    return 0
