"""``counter-app hq branch-day``: a branch's business day at head office (docs/cli.md).

    counter-app hq branch-day --dsn DSN --branch BR01 --date 2026-12-02 [--json]

One line per terminal of the branch (its close, or 未受信/未締め when it has not closed the
day or not pushed its close) and the branch total of the closes head office holds. The DSN
signs in as a desk account, head-office staff (``hq_office``) or the administrator.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from counter_app.errors import InputError

if TYPE_CHECKING:
    from counter_app.headoffice.desk.branch_day import BranchDay, DayFiguresAtHq


def register(sub: Any) -> None:
    p = sub.add_parser("branch-day", help="支所の営業日の締め (端末ごとと支所の合計)")
    p.add_argument("--dsn", required=True, help="本部データベースへの接続 (libpq 形式)")
    p.add_argument("--branch", required=True, help="支所コード (例 BR01)")
    p.add_argument("--date", required=True, help="営業日 (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="JSON で出力する")
    p.set_defaults(handler=run_branch_day)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--date は YYYY-MM-DD の形で指定してください (値: {text})。") from None


def _yen(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


_HEADER = (
    "端末",
    "状態",
    "締め番号",
    "理論残高",
    "実査額",
    "過不足",
    "手数料",
    "郵送料",
    "受領額",
    "内消費税",
    "取消",
    "受付",
    "領収書",
)


def _cells(figures: DayFiguresAtHq | None) -> list[str]:
    if figures is None:
        return ["-"] * 10
    return [
        _yen(figures.cash_expected),
        _yen(figures.cash_counted),
        _yen(figures.cash_difference),
        _yen(figures.fee),
        _yen(figures.postage),
        _yen(figures.total),
        _yen(figures.tax),
        _count(figures.voids),
        _count(figures.requests),
        _count(figures.receipts),
    ]


def render(day: BranchDay) -> str:
    """The day as a tab-separated table with a Japanese heading."""
    lines = [f"支所 {day.branch} の {day.business_date:%Y年%m月%d日} の締め", ""]
    lines.append("\t".join(_HEADER))
    for terminal in day.terminals:
        lines.append(
            "\t".join(
                [
                    terminal.terminal,
                    terminal.state_label,
                    terminal.close_number or "-",
                    *_cells(terminal.figures),
                ]
            )
        )
    counted = f"{day.terminals_closed}/{len(day.terminals)}台"
    lines.append("\t".join(["支所合計", counted, "-", *_cells(day.total)]))
    lines.append("")
    if not day.terminals:
        lines.append("この支所には本部に登録された端末がありません。")
    elif day.complete:
        lines.append("すべての端末の締めを本部で受信しています。")
    else:
        names = "、".join(t.terminal for t in day.missing)
        lines.append(
            f"未受信/未締めの端末があります: {names}。支所合計はそれを含みません"
            "（端末で日報を締めて送信すると反映されます）。"
        )
    return "\n".join(lines)


def run_branch_day(args: argparse.Namespace) -> int:
    import psycopg

    from counter_app.headoffice.desk.branch_day import branch_day
    from counter_app.headoffice.errors import connection_failed

    day = _date(args.date)
    try:
        with psycopg.connect(args.dsn, autocommit=True, connect_timeout=10) as conn:
            result = branch_day(conn, args.branch.strip().upper(), day)
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0
