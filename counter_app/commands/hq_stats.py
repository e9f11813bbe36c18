"""``counter-app hq stats``: the desk's figures without the window (docs/cli.md).

    counter-app hq stats --dsn DSN --from 2026-04 --to 2027-03 [--branch BR01]
                         [--json] [--csv FILE [--force]] [--refresh]
    counter-app hq refresh-stats --dsn DSN      # what the 5-minute schedule runs

``--from``/``--to`` are months (``YYYY-MM``; a full date is taken as its month), both
included; ``--fy 2026`` is April 2026 to March 2027. The DSN signs in as a desk account or
head office's administrator (password from ``PGPASSWORD`` / ``~/.pgpass``). The PDF with its
charts is ``counter-app hq-report`` (drawn by forms/, above the core).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from counter_app.errors import InputError

if TYPE_CHECKING:
    from counter_app.headoffice.desk.stats import StatsReport


def add_period_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dsn", required=True, help="本部データベースへの接続 (libpq 形式)")
    p.add_argument("--from", dest="first", help="集計の開始月 (YYYY-MM)")
    p.add_argument("--to", dest="last", help="集計の終了月 (YYYY-MM)")
    p.add_argument("--fy", type=int, help="年度 (4月〜翌3月)。--from/--to の代わりに")
    p.add_argument("--branch", help="支所コード (省略時は生協全体)")
    p.add_argument("--refresh", action="store_true", help="集計を今の時点に更新してから出す")


def register(sub: Any) -> None:
    stats = sub.add_parser("stats", help="開示等請求の統計 (月別・年度別、支所別・全体)")
    add_period_arguments(stats)
    stats.add_argument("--json", action="store_true", help="JSON で出力する")
    stats.add_argument("--csv", help="CSV (UTF-8 BOM 付き) をこのファイルに書き出す")
    stats.add_argument("--force", action="store_true", help="同名のファイルがあれば置き換える")
    stats.set_defaults(handler=run_stats)
    refresh = sub.add_parser("refresh-stats", help="統計の集計を更新する (定期実行用)")
    refresh.add_argument("--dsn", required=True, help="本部データベースへの接続 (libpq 形式)")
    refresh.set_defaults(handler=run_refresh)


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")


def _month(text: str, what: str) -> dt.date:
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError(f"{what}は YYYY-MM の形で指定してください (値: {text})。")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    from counter_app.headoffice.desk.stats import fiscal_year_months

    if args.fy is not None:
        if args.first or args.last:
            raise InputError("--fy と --from/--to は同時に指定できません。")
        return fiscal_year_months(args.fy)
    if not args.first or not args.last:
        raise InputError("集計期間を --from と --to (または --fy) で指定してください。")
    return _month(args.first, "--from"), _month(args.last, "--to")


def load_report(args: argparse.Namespace) -> StatsReport:
    import psycopg

    from counter_app.headoffice.desk.stats import refresh, statistics
    from counter_app.headoffice.errors import connection_failed

    first, last = period(args)
    try:
        with psycopg.connect(args.dsn, autocommit=True, connect_timeout=10) as conn:
            if args.refresh:
                refresh(conn)
            return statistics(conn, first, last, branch=args.branch)
    except psycopg.Error as failure:
        raise connection_failed(failure) from None


def _text(report: Any) -> str:
    from counter_app.headoffice.desk.stats import OUTCOME_CATEGORIES, TYPE_LABELS
    from counter_app.headoffice.desk.stats_csv import FIGURE_COLUMNS

    lines = [
        f"開示等請求の統計 {report.scope_label} "
        f"{report.first_month:%Y-%m}〜{report.last_month:%Y-%m}"
        f" (集計時点 {report.refreshed_at:%Y-%m-%d %H:%M} UTC)",
        "",
        "種類\t" + "\t".join(OUTCOME_CATEGORIES.values()) + "\t計",
    ]
    for request_type, label in TYPE_LABELS.items():
        counts = [report.count(request_type, None, o) for o in OUTCOME_CATEGORIES]
        lines.append(f"{label}\t" + "\t".join(map(str, counts)) + f"\t{sum(counts)}")
    lines.append("")
    for key, label in FIGURE_COLUMNS:
        value = getattr(report.totals, key)
        lines.append(f"{label}: {'-' if value is None else value}")
    return "\n".join(lines)


def run_stats(args: argparse.Namespace) -> int:
    from counter_app.headoffice.desk.stats_csv import stats_csv
    from counter_app.services.output_files import check_output_target, save_output_file

    if args.csv:
        check_output_target(None, args.csv, force=args.force)
    report = load_report(args)
    if args.csv:
        written = save_output_file(None, args.csv, stats_csv(report), force=args.force)
        if not args.json:
            print(f"CSV を書き出しました: {written}")
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif not args.csv:
        print(_text(report))
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    import psycopg

    from counter_app.headoffice.desk.stats import refresh
    from counter_app.headoffice.errors import connection_failed

    try:
        with psycopg.connect(args.dsn, autocommit=True, connect_timeout=10) as conn:
            at = refresh(conn)
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    print(f"統計の集計を更新しました ({at:%Y-%m-%d %H:%M:%S} UTC)。")
    return 0
