"""``counter-app reprint RECEIPT``: count a reprint and output the receipt's data (a 精算書
number ``S-…`` reprints that settlement receipt).

The PDF itself is drawn by the window program (forms/ sits above the core); this command
records the reprint (再発行 n) and prints what the copy carries, or its JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in, yen


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("reprint", help="領収書を再発行する (回数を記録)")
    p.add_argument(
        "receipt",
        help="領収書番号 (例: BR01-01-2025-000001)、精算書の番号 (例: S-BR01-01-2025-000001)",
    )
    add_login_arguments(p)
    p.set_defaults(handler=run)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def run(args: argparse.Namespace) -> int:
    from counter_app.services.printing import receipt_data
    from counter_app.services.receipts import reprint_receipt

    if args.receipt.strip().upper().startswith("S-"):
        return _reprint_settlement(args)
    with signed_in(args, write=True) as (uow, actor, _):
        result = reprint_receipt(uow, actor, args.receipt)
        data = receipt_data(uow, result.receipt_id)
    if args.json:
        print_json({"reprint": result.to_dict(), "receipt": _plain(data)})
        return 0
    mark = "取消済み " if data.voided else ""
    print(f"{mark}領収書 {data.number} 再発行 {result.reprint_count}回目")
    print(f"  {data.payer_name} 様  {yen(data.total)}  {data.proviso}")
    for line in data.lines:
        print(f"  {line.label}\t{yen(line.amount)}")
    return 0


def _reprint_settlement(args: argparse.Namespace) -> int:
    from counter_app.services.printing import settlement_receipt_data
    from counter_app.services.settlement import reprint_settlement

    with signed_in(args, write=True) as (uow, actor, _):
        result = reprint_settlement(uow, actor, args.receipt)
        data = settlement_receipt_data(uow, result.settlement_id)
    if args.json:
        print_json({"reprint": result.to_dict(), "receipt": _plain(data)})
        return 0
    mark = "取消済み " if data.voided else ""
    print(f"{mark}{data.title} {data.number} 再発行 {result.reprint_count}回目")
    amount = f"返金 {yen(-data.total)}" if data.refund else yen(data.total)
    print(f"  {data.payer_name} 様  {amount}  {data.proviso}")
    for line in data.lines:
        print(f"  {line.label}\t{yen(line.amount)}")
    return 0
