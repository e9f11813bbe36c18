"""The figures of a fiscal year (or of a branch) as tables and charts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.headoffice.desk.stats import (
    OUTCOME_CATEGORIES,
    TYPE_LABELS,
    StatsReport,
    fiscal_year_months,
    statistics,
)
from ui.headoffice.charts import Lines, StackedBars


class StatsView(QWidget):
    def __init__(self, connection, fiscal_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.report: StatsReport | None = None
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(fiscal_year)
        self.year.setSuffix(self.tr(" 年度"))
        self.branch = QLineEdit()
        self.branch.setPlaceholderText(self.tr("支所コード (空欄: 生協全体)"))
        show = QPushButton(self.tr("集計"))
        show.clicked.connect(self.reload)
        controls = QHBoxLayout()
        for widget in (self.year, self.branch, show):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.table = QTableWidget(len(TYPE_LABELS) + 1, len(OUTCOME_CATEGORIES) + 1)
        self.table.setHorizontalHeaderLabels([*OUTCOME_CATEGORIES.values(), self.tr("計")])
        self.table.setVerticalHeaderLabels([*TYPE_LABELS.values(), self.tr("計")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.types_chart = StackedBars(self.tr("月別の請求件数 (種類別)"))
        self.days_chart = Lines(self.tr("回答までの日数 (月別)"))
        charts = QGridLayout()
        charts.addWidget(self.types_chart, 0, 0)
        charts.addWidget(self.days_chart, 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table)
        layout.addWidget(self.figures)
        layout.addLayout(charts, 2)

    def reload(self) -> None:
        first, last = fiscal_year_months(self.year.value())
        branch = self.branch.text().strip().upper() or None
        try:
            report = statistics(self.connection, first, last, branch=branch)
        except CounterAppError as failure:
            self.figures.setText(failure.user_text())
            return
        self.report = report
        outcomes = list(OUTCOME_CATEGORIES)
        for r, request_type in enumerate([*TYPE_LABELS, None]):
            counts = [report.count(request_type, None, o) for o in outcomes]
            for c, n in enumerate([*counts, sum(counts)]):
                self.table.setItem(r, c, QTableWidgetItem(f"{n:,}"))
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(  # every row shown, the 計 row too
            self.table.horizontalHeader().height()
            + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            + 2 * self.table.frameWidth()
        )
        t = report.totals

        def days(value: int | None) -> str:
            return "-" if value is None else self.tr("%1 日").replace("%1", str(value))

        self.figures.setText(
            self.tr("請求 %1 件 / 回答済 %2 件 / 回答日数 中央値 %3・90%: %4・最長 %5 / "
                    "目標日超過 %6 件 / 法39条の日以降 %7 件 / 手数料 %8 円 / 精算 %9 円")
            .replace("%1", f"{t.requests:,}").replace("%2", f"{t.answered:,}")
            .replace("%3", days(t.median_days)).replace("%4", days(t.p90_days))
            .replace("%5", days(t.longest_days)).replace("%6", f"{t.past_target:,}")
            .replace("%7", f"{t.past_art39:,}").replace("%8", f"{t.fees_collected:,}")
            .replace("%9", f"{t.fees_settled:,}")
        )  # fmt: skip
        months = list(report.by_month)
        labels = [self.tr("%1月").replace("%1", str(m.month)) for m in months]
        self.types_chart.set_data(
            labels,
            [(label, [report.types_by_month[m].get(t, 0) for m in months])
             for t, label in TYPE_LABELS.items()],
        )  # fmt: skip
        self.days_chart.set_data(
            labels,
            [
                (self.tr("中央値"), [report.by_month[m].median_days for m in months]),
                (self.tr("90パーセンタイル"), [report.by_month[m].p90_days for m in months]),
                (self.tr("最長"), [report.by_month[m].longest_days for m in months]),
            ],
        )
