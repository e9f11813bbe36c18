"""The head-office statistics report (A4 landscape): the table of requests by type ×
requester × outcome, the answer figures, requests per month by type and the time to answer
as charts (reportlab graphics, the forms' own fonts), and the figures per branch.
"""

from __future__ import annotations

import argparse
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape

from counter_app.headoffice.desk.stats import (
    OUTCOME_CATEGORIES,
    TYPE_LABELS,
    AnswerFigures,
    StatsReport,
    refreshed_text,
)
from counter_app.headoffice.desk.stats_csv import FIGURE_COLUMNS
from counter_app.headoffice.desk.worklist import REQUESTER_KINDS
from forms.base import Document
from forms.fonts import MAIN_FONT

PAGE = landscape(A4)
MARGIN = 36.0
TYPE_COLOURS = (
    colors.HexColor("#1f77b4"),
    colors.HexColor("#ff7f0e"),
    colors.HexColor("#2ca02c"),
    colors.HexColor("#d62728"),
    colors.HexColor("#9467bd"),
    colors.HexColor("#8c564b"),
)


def _period(report: StatsReport) -> str:
    first, last = report.first_month, report.last_month
    return f"{first.year}年{first.month}月〜{last.year}年{last.month}月"


def _header(doc: Document, report: StatsReport, page: int) -> float:
    y = doc.height - MARGIN
    doc.text(MARGIN, y - 4, "個人情報 開示等請求の処理状況", 16)
    doc.text(
        doc.width - MARGIN, y - 4, f"{report.scope_label}　{_period(report)}", 11, align="right"
    )
    at = refreshed_text(report)
    doc.text(doc.width - MARGIN, y - 20, f"集計時点 {at}　{page} ページ", 8, align="right")
    doc.hline(MARGIN, doc.width - MARGIN, y - 26)
    return y - 44


def _type_table(doc: Document, report: StatsReport, y: float) -> float:
    outcomes = list(OUTCOME_CATEGORIES)
    col0, col1 = 150.0, 70.0
    colw = (doc.width - 2 * MARGIN - col0 - col1) / (len(outcomes) + 1)
    row_h = 14.0
    x0 = MARGIN
    doc.shaded_box(x0, y - row_h + 3, doc.width - 2 * MARGIN, row_h)
    doc.text(x0 + 3, y - 8, "請求の種類", 8)
    doc.text(x0 + col0 + 3, y - 8, "請求者", 8)
    for i, o in enumerate([*outcomes, "total"]):
        label = OUTCOME_CATEGORIES.get(o, "計")
        doc.text(x0 + col0 + col1 + colw * (i + 1) - 4, y - 8, label, 8, align="right")
    y -= row_h
    for request_type, type_label in TYPE_LABELS.items():
        for j, (kind, kind_label) in enumerate(REQUESTER_KINDS.items()):
            counts = [report.count(request_type, kind, o) for o in outcomes]
            if j == 0:
                doc.text(x0 + 3, y - 8, type_label, 8)
            doc.text(x0 + col0 + 3, y - 8, kind_label, 8)
            for i, n in enumerate([*counts, sum(counts)]):
                doc.text(x0 + col0 + col1 + colw * (i + 1) - 4, y - 8, f"{n:,}", 8, align="right")
            y -= 11
        doc.hline(x0, doc.width - MARGIN, y + 1, width=0.3)
    totals = [report.count(outcome=o) for o in outcomes]
    doc.text(x0 + 3, y - 9, "計", 8, bold=True)
    for i, n in enumerate([*totals, sum(totals)]):
        doc.text(
            x0 + col0 + col1 + colw * (i + 1) - 4, y - 9, f"{n:,}", 8, align="right", bold=True
        )
    return y - 24


def _figure_value(f: AnswerFigures, key: str) -> str:
    value = getattr(f, key)
    if value is None:
        return "-"
    if key.endswith("_days"):
        return f"{value} 日"
    if key.startswith("fees"):
        return f"{value:,} 円"
    return f"{value:,}"


def _figures_block(doc: Document, report: StatsReport, y: float) -> float:
    f = report.totals
    x = MARGIN
    per_row = 6
    w = (doc.width - 2 * MARGIN) / per_row
    for i, (key, label) in enumerate(FIGURE_COLUMNS):
        cx = x + w * (i % per_row)
        cy = y - 30 * (i // per_row)
        doc.text(cx, cy, label, 7)
        doc.text(cx, cy - 13, _figure_value(f, key), 11)
    return y - 30 * ((len(FIGURE_COLUMNS) + per_row - 1) // per_row) - 6


def _month_label(report: StatsReport) -> list[str]:
    return [f"{m.month}月" for m in report.by_month]


def _types_chart(report: StatsReport, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.add(String(0, height - 12, "月別の請求件数 (種類別)", fontName=MAIN_FONT, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 30
    chart.width, chart.height = width - 190, height - 60
    types = list(TYPE_LABELS)
    chart.data = [
        [report.types_by_month.get(m, {}).get(t, 0) for m in report.by_month] for t in types
    ]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = _month_label(report)
    chart.categoryAxis.labels.fontName = MAIN_FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = MAIN_FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for i, colour in enumerate(TYPE_COLOURS):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 135, height - 30
    legend.alignment = "right"  # the swatch, then its name
    legend.columnMaximum = 8
    legend.dx = legend.dy = 7
    legend.fontName = MAIN_FONT
    legend.fontSize = 7
    legend.colorNamePairs = [(TYPE_COLOURS[i], TYPE_LABELS[t]) for i, t in enumerate(types)]
    d.add(legend)
    return d


def _answer_chart(report: StatsReport, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.add(String(0, height - 12, "回答までの日数 (月別、受付月)", fontName=MAIN_FONT, fontSize=10))
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 30
    chart.width, chart.height = width - 190, height - 60
    figures = list(report.by_month.values())
    series = [
        [f.median_days if f.median_days is not None else 0 for f in figures],
        [f.p90_days if f.p90_days is not None else 0 for f in figures],
        [f.longest_days if f.longest_days is not None else 0 for f in figures],
    ]
    chart.data = series
    chart.categoryAxis.categoryNames = _month_label(report)
    chart.categoryAxis.labels.fontName = MAIN_FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = MAIN_FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    names = ("中央値", "90パーセンタイル", "最長")
    line_colours = (
        colors.HexColor("#1f77b4"),
        colors.HexColor("#ff7f0e"),
        colors.HexColor("#7f7f7f"),
    )
    for i, colour in enumerate(line_colours):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.5
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 135, height - 30
    legend.alignment = "right"  # the swatch, then its name
    legend.columnMaximum = 8
    legend.dx = legend.dy = 7
    legend.fontName = MAIN_FONT
    legend.fontSize = 7
    legend.colorNamePairs = list(zip(line_colours, names, strict=True))
    d.add(legend)
    return d


def _branch_rows(doc: Document, report: StatsReport, y: float, page: list[int]) -> None:
    columns = ("requests", "answered", "median_days", "p90_days", "longest_days",
               "past_target", "past_art39", "fees_collected", "voids")  # fmt: skip
    labels = {
        "requests": "請求件数",
        "answered": "回答済",
        "median_days": "中央値",
        "p90_days": "90%",
        "longest_days": "最長",
        "past_target": "目標日超過",
        "past_art39": "39条の日以降",
        "fees_collected": "手数料収納額",
        "voids": "取消",
    }
    colw = (doc.width - 2 * MARGIN - 90) / len(columns)

    def head(y: float) -> float:
        doc.shaded_box(MARGIN, y - 11, doc.width - 2 * MARGIN, 14)
        doc.text(MARGIN + 3, y - 6, "支所", 7)
        for i, key in enumerate(columns):
            doc.text(MARGIN + 90 + colw * (i + 1) - 4, y - 6, labels[key], 7, align="right")
        return y - 16

    doc.text(MARGIN, y, "支所別", 10)
    y = head(y - 8)
    for branch, figures in report.by_branch.items():
        if y < MARGIN + 20:
            doc.new_page()
            page[0] += 1
            y = head(_header(doc, report, page[0]))
        doc.text(MARGIN + 3, y - 6, branch, 8)
        for i, key in enumerate(columns):
            doc.text(
                MARGIN + 90 + colw * (i + 1) - 4,
                y - 6,
                _figure_value(figures, key),
                8,
                align="right",
            )
        y -= 12


def render(report: StatsReport) -> bytes:
    doc = Document(
        PAGE,
        title=f"開示等請求の処理状況 {_period(report)}",
        author="counter_app",
        subject=report.scope_label,
    )
    y = _header(doc, report, 1)
    y = _type_table(doc, report, y)
    _figures_block(doc, report, y)
    doc.new_page()
    y = _header(doc, report, 2)
    chart_w = (doc.width - 2 * MARGIN) / 2
    chart_h = 220.0
    renderPDF.draw(_types_chart(report, chart_w, chart_h), doc.c, MARGIN, y - chart_h)
    renderPDF.draw(_answer_chart(report, chart_w, chart_h), doc.c, MARGIN + chart_w, y - chart_h)
    page = [2]
    _branch_rows(doc, report, y - chart_h - 20, page)
    return doc.finish()


def register(subparsers: Any) -> None:
    """``counter-app hq-report``: the statistics as a PDF with charts (drawn here, above
    the core; the core's ``hq stats`` gives the same figures as text, JSON or CSV)."""
    from counter_app.commands.hq_stats import add_period_arguments

    p = subparsers.add_parser(
        "hq-report", help="開示等請求の統計を PDF (グラフ付き) に書き出す (本部)"
    )
    add_period_arguments(p)
    p.add_argument("--out", required=True, help="書き出す PDF ファイル")
    p.add_argument("--force", action="store_true", help="同名のファイルがあれば置き換える")
    p.set_defaults(handler=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from counter_app.commands.hq_stats import load_report
    from counter_app.services.output_files import check_output_target, save_output_file

    check_output_target(None, args.out, force=args.force)
    written = save_output_file(None, args.out, render(load_report(args)), force=args.force)
    print(f"統計の PDF を書き出しました: {written}")
    return 0
