"""``counter-app void RECEIPT --reason TEXT``: void a receipt (責任者, or ``--approver``)."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in, yen


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "void",
        help="領収書を取り消す (責任者)",
        description="領収書を取り消します。元の領収書は変更せず、取消の記録 (新しい番号) を作ります。",
    )
    p.add_argument("receipt", help="領収書番号 (例: BR01-01-2025-000001) または ID")
    p.add_argument("--reason", required=True, help="取消の理由")
    add_login_arguments(p, approver=True)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.receipts import void_receipt

    with signed_in(args, write=True, approval=Permission.VOID_RECEIPT) as (uow, actor, approver):
        result = void_receipt(uow, actor, args.receipt, args.reason, approver=approver)
    if args.json:
        print_json(result.to_dict())
    else:
        print(
            f"領収書 {result.original_number} を取り消しました (取消番号 {result.void_number}、"
            f"返金 {yen(result.refund)})。"
        )
    return 0
