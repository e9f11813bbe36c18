"""``counter-app close-day --date D --cash N``: close a business day (責任者 / 管理者).

``--interim`` shows the day's figures without closing (any staff, any time); a closed day
shows its frozen figures. Closing needs the cash counted: the 金種表 (``--denominations
10000=3,1000=2,100=5``, pieces per denomination; its total is the cash counted) or the sum
alone (``--cash``; with both, they must agree), and, when it differs from the expected cash,
a note (``--note``). Afterwards nothing more can be dated that day.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.commands.list import parse_day
from counter_app.domain.cash_count import parse_denominations, variance_text
from counter_app.errors import CounterAppError, InputError
from counter_app.security.roles import Actor, Permission
from counter_app.services.clock import JST


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "close-day",
        help="日報を締める (責任者)。--interim で締めずに中間の集計を表示",
        description=(
            "受付日報を締めます。締めた日には、それ以後どの記録も日付を付けられません。"
            " --interim を付けると締めずに中間の集計を表示します。"
        ),
    )
    parser.add_argument("--date", type=parse_day, required=True, help="締める日 (例: 2025-06-02)")
    parser.add_argument("--cash", type=int, help="現金の実査額 (円)")
    parser.add_argument(
        "--denominations",
        help="金種表: 金種=枚数 をカンマ区切りで (例: 10000=3,1000=2,100=5)。合計が実査額",
    )
    parser.add_argument("--note", default="", help="実査額が理論残高と違うときの理由")
    parser.add_argument("--interim", action="store_true", help="締めずに中間の集計を表示する")
    add_login_arguments(parser, approver=True)
    parser.set_defaults(handler=run)


def _yen(value: int | None) -> str:
    return "未実査" if value is None else f"{value:,}円"


def print_figures(figures: Any) -> None:
    day = figures.day
    if figures.closed:
        closed_at = figures.closed_at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
        print(
            f"{day.isoformat()} 締め済み  締め番号 {figures.close_number}  "
            f"締め日時 {closed_at}  責任者 {figures.closed_by}"
        )
    else:
        print(f"{day.isoformat()} 中間集計 (未締め)")
    print(
        f"  受付 {figures.requests}件  手数料 {figures.fee:,}円 (内消費税 {figures.tax:,}円)  "
        f"郵送料 {figures.postage:,}円"
    )
    print(
        f"  取消 {figures.voids}件 (返金 {figures.voided_amount:,}円)  再発行 {figures.reprints}件"
        f"  期限超過 {figures.overdue}件  再請求 {figures.repeat}件"
    )
    if figures.settlements or figures.settlement_voids:
        voids = f" (精算取消 {figures.settlement_voids}件)" if figures.settlement_voids else ""
        print(
            f"  精算 {figures.settlements}件{voids}  差引 {figures.settled_amount:,}円"
            " (手数料・郵送料・理論残高に含む)"
        )
    print(f"  現金 理論残高 {figures.cash_expected:,}円  実査額 {_yen(figures.cash_counted)}")
    if figures.cash_count is not None:
        lines = [f"{yen:,}円×{n}" for yen, n, _ in figures.cash_count.lines() if n]
        print(f"  金種表 {' '.join(lines) or 'なし'} (合計 {figures.cash_count.total:,}円)")
    if figures.variance:
        print(f"  過不足 {variance_text(figures.variance)}  理由: {figures.variance_note}")


def run(args: argparse.Namespace) -> int:
    from counter_app.services.close_day import close_day, day_figures

    if args.interim:
        if args.cash is not None or args.denominations:
            raise InputError("--interim と --cash / --denominations は同時に指定できません。")
        with signed_in(args) as (uow, actor, _):
            figures = day_figures(uow, actor, args.date)
    else:
        count = parse_denominations(args.denominations) if args.denominations else None
        if args.cash is None and count is None:
            raise InputError(
                "締めるには現金の金種表 (--denominations) か実査額 (--cash) を指定してください。",
                hint="締めずに集計だけ見るときは --interim を付けてください。",
            )
        with signed_in(args, write=True, approval=Permission.CLOSE_DAY) as (uow, actor, approver):
            figures = close_day(
                uow,
                actor,
                args.date,
                args.cash,
                cash_count=count,
                variance_note=args.note,
                approver=approver,
            )
        print(backup_after_closing(args.data_dir, actor), file=sys.stderr)  # issue 6
    if args.json:
        print_json(figures.to_dict())
    else:
        print_figures(figures)
    return 0


def backup_after_closing(data_folder: str | Path | None, actor: Actor) -> str:
    """The day-close backup, taken once the command has closed the database: a Japanese line.

    The day stays closed even when the backup fails; the line then says what to do.
    """
    from counter_app.services.backup.take import backup_after_day_close
    from counter_app.services.database import open_counter_database

    try:
        db = open_counter_database(data_folder)
        try:
            info = backup_after_day_close(db, actor)
        finally:
            db.close()
    except CounterAppError as exc:
        return (
            "日報は締めましたが、自動バックアップを作成できませんでした: "
            f"{exc.user_text()}\n空き容量などを確認し、counter-app backup で作成してください。"
        )
    return f"自動バックアップを作成しました: {info.path}"
