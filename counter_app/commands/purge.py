"""``counter-app purge``: the retention purge (管理者). A dry run unless ``--execute``.

Finished requests (回答済・取下げ・受付取消) whose finish is older than ``[retention]
years_after_finish`` (security.toml) lose their identity and contact data; the request
number, dates, outcome, amounts and audit rows remain. Run it without ``--execute`` first:
it lists what would be removed and writes nothing. See docs/trust.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json
from counter_app.errors import InputError


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日付は 2025-06-02 の形で指定してください: {value}"
        ) from None


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "purge",
        help="保存期間を過ぎた本人確認情報・連絡先を消去する (管理者、既定は試行)",
        description="保存期間を過ぎた完了済みの請求から、氏名・住所・電話番号・本人確認書類の情報などを"
        "消去します。受付番号・日付・結果・金額・操作記録は残ります。--execute を付けない限り試行です。",
    )
    p.add_argument("--execute", action="store_true", help="試行ではなく実際に消去する")
    p.add_argument("--today", type=_day, help="基準日 (既定: 今日)")
    add_login_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.commands.backup import sign_in_from_args
    from counter_app.services.database import open_counter_database
    from counter_app.services.retention import after_purge_commit, purge_expired

    if args.execute and args.today is not None:
        raise InputError(
            "--execute と --today は同時に指定できません (消去は今日を基準に行います)。"
        )
    db = open_counter_database(args.data_dir)
    try:
        actor = sign_in_from_args(args, db)
        with db.unit_of_work(read_only=not args.execute) as uow:
            report = purge_expired(uow, actor, dry_run=not args.execute, today=args.today)
            if args.execute:
                uow.commit()
        if args.execute:
            after_purge_commit(db)
    finally:
        db.close()
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.text())
        if report.dry_run and report.requests:
            print("実際に消去するには --execute を付けて実行してください。")
    return 0
