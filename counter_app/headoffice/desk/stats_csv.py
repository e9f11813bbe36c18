"""The statistics as CSV (UTF-8 with BOM, as Excel in Japan expects; CRLF lines)."""

from __future__ import annotations

import csv
import io

from counter_app.headoffice.desk.stats import (
    OUTCOME_CATEGORIES,
    TYPE_LABELS,
    AnswerFigures,
    StatsReport,
    refreshed_text,
)
from counter_app.headoffice.desk.worklist import REQUESTER_KINDS

FIGURE_COLUMNS = (
    ("requests", "請求件数"),
    ("answered", "回答済"),
    ("median_days", "回答日数 中央値"),
    ("p90_days", "回答日数 90パーセンタイル"),
    ("longest_days", "回答日数 最長"),
    ("past_target", "目標日超過"),
    ("past_art39", "法第39条の日以降の回答"),
    ("fees_collected", "手数料 収納額 (円)"),
    ("fees_settled", "精算額 (円)"),
    ("voids", "取消 (領収書・精算書)"),
    ("voided_intakes", "受付取消"),
)


def _figure_row(label: str, f: AnswerFigures) -> list[str]:
    values = [getattr(f, key) for key, _ in FIGURE_COLUMNS]
    return [label, *("" if v is None else str(v) for v in values)]


def stats_csv(report: StatsReport) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["個人情報 開示等請求 統計", report.scope_label])
    w.writerow(
        [
            "集計期間",
            report.first_month.strftime("%Y年%m月"),
            report.last_month.strftime("%Y年%m月"),
        ]
    )
    w.writerow(["集計時点", refreshed_text(report)])
    w.writerow([])
    w.writerow(["請求の種類", "請求者", *OUTCOME_CATEGORIES.values(), "計"])
    for request_type, type_label in TYPE_LABELS.items():
        for kind, kind_label in REQUESTER_KINDS.items():
            counts = [report.count(request_type, kind, o) for o in OUTCOME_CATEGORIES]
            w.writerow([type_label, kind_label, *map(str, counts), str(sum(counts))])
    totals = [report.count(outcome=o) for o in OUTCOME_CATEGORIES]
    w.writerow(["計", "", *map(str, totals), str(sum(totals))])
    w.writerow([])
    w.writerow(["", *(label for _, label in FIGURE_COLUMNS)])
    w.writerow(_figure_row("期間計", report.totals))
    for month, figures in report.by_month.items():
        w.writerow(_figure_row(month.strftime("%Y年%m月"), figures))
    for branch, figures in report.by_branch.items():
        w.writerow(_figure_row(f"支所 {branch}", figures))
    return out.getvalue().encode("utf-8-sig")
