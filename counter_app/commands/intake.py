"""``counter-app intake FILE.json``: register one intake described in JSON (see docs/cli.md).

The file is read as UTF-8 (a BOM is accepted); ``-`` reads standard input (then give the
password through COUNTER_APP_PASSWORD). Malformed JSON, unknown fields, wrong types and every
refusal of the intake service are reported in Japanese with exit code 2; nothing is stored
unless the whole intake is.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._json_file import read_json_file
from counter_app.commands._login import add_login_arguments, print_json, signed_in, yen
from counter_app.errors import InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "intake",
        help="受付を登録する (JSON ファイルから)",
        description="JSON に書かれた受付 (請求者・請求の種類・本人確認・代理人・手数料・お預かり金額) を"
        "1件登録し、受付番号と領収書番号を表示します。形式は docs/cli.md を参照してください。",
    )
    p.add_argument("file", help="受付データの JSON ファイル (- で標準入力)")
    add_login_arguments(p, approver=True)
    p.set_defaults(handler=run)


def load_intake(path: str) -> Any:
    from counter_app.services.intake_input import IntakeInput

    data = read_json_file(path)
    try:
        return IntakeInput.from_dict(data)
    except RecursionError:
        raise InputError("JSON の入れ子が深すぎます。") from None


def run(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.intake import register_intake

    intake = load_intake(args.file)
    with signed_in(args, write=True, approval=Permission.WAIVE_FEE) as (uow, actor, approver):
        result = register_intake(uow, actor, intake, approver=approver)
    if args.json:
        print_json(result.to_dict())
        return 0
    print(f"受付しました: {result.request_number}")
    print(f"  受付日: {result.received_on.isoformat()}  回答予定日: {result.target_on.isoformat()}")
    if result.receipt_number:
        print(
            f"  領収書: {result.receipt_number}  手数料 {yen(result.total)}  "
            f"お預かり {yen(result.amount_received)}  お釣り {yen(result.change)}"
        )
    else:
        print("  手数料はかかりません (領収書なし)")
    for warning in result.warnings:
        print(f"  注意: {warning}")
    return 0
