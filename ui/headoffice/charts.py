"""Two small charts drawn with QPainter: requests per month by type (stacked bars) and the
days to answer per month (lines). Qt's own charts module is not in PySide6-Essentials."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


class _Chart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float | None]]] = []
        self.setMinimumSize(360, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]
    ) -> None:
        self.categories = list(categories)
        self.series = [(name, list(values)) for name, values in series]
        self.update()

    def _frame(self, painter: QPainter) -> tuple[QRectF, float]:
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(
            QRectF(0, 0, self.width(), line * 1.4), Qt.AlignmentFlag.AlignLeft, self.title
        )
        legend_w = max([metrics.horizontalAdvance(n) for n, _ in self.series] + [0]) + line * 2
        area = QRectF(
            line * 3, line * 1.6, self.width() - line * 3.5 - legend_w, self.height() - line * 3.4
        )
        for i, (name, _) in enumerate(self.series):
            y = line * 1.8 + i * line * 1.3
            painter.fillRect(
                QRectF(area.right() + line * 0.6, y, line * 0.8, line * 0.8), QColor(PALETTE[i % 6])
            )
            painter.drawText(QPointF(area.right() + line * 1.7, y + line * 0.75), name)
        return area, line

    def _axes(self, painter: QPainter, area: QRectF, line: float, top: float) -> float:
        """Draws the axes up to a round top (4 even steps); returns that top."""
        top = max(4.0, math.ceil(top / 4) * 4)
        painter.setPen(QPen(QColor("#444444")))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        for k in range(5):
            value = top * k / 4
            y = area.bottom() - area.height() * k / 4
            painter.drawText(QRectF(0, y - line / 2, area.left() - 4, line),
                             Qt.AlignmentFlag.AlignRight, f"{value:,.0f}")  # fmt: skip
        n = max(1, len(self.categories))
        step = area.width() / n
        every = max(
            1, int(painter.fontMetrics().horizontalAdvance("12月") * 1.2 // max(step, 1)) + 1
        )
        for i, name in enumerate(self.categories):
            if i % every == 0:
                painter.drawText(QRectF(area.left() + i * step, area.bottom() + 2, step * every, line),
                                 Qt.AlignmentFlag.AlignLeft, name)  # fmt: skip
        return top


class StackedBars(_Chart):
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area, line = self._frame(painter)
        n = len(self.categories)
        totals = [sum(values[i] or 0 for _, values in self.series) for i in range(n)]
        top = self._axes(painter, area, line, max([*totals, 1.0]))
        step = area.width() / max(1, n)
        for i in range(n):
            y = area.bottom()
            for k, (_, values) in enumerate(self.series):
                h = area.height() * (values[i] or 0) / top
                painter.fillRect(QRectF(area.left() + i * step + step * 0.15, y - h, step * 0.7, h),
                                 QColor(PALETTE[k % 6]))  # fmt: skip
                y -= h
        painter.end()


class Lines(_Chart):
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area, line = self._frame(painter)
        n = len(self.categories)
        top = self._axes(
            painter,
            area,
            line,
            max([v for _, vs in self.series for v in vs if v is not None] + [1.0]),
        )
        step = area.width() / max(1, n)
        for k, (_, values) in enumerate(self.series):
            painter.setPen(QPen(QColor(PALETTE[k % 6]), 2))
            points = [
                None if v is None
                else QPointF(area.left() + (i + 0.5) * step, area.bottom() - area.height() * v / top)
                for i, v in enumerate(values)
            ]  # fmt: skip
            for a, b in itertools.pairwise(points):
                if a is not None and b is not None:
                    painter.drawLine(a, b)
            for p in points:
                if p is not None:
                    painter.drawEllipse(p, 2.5, 2.5)
        painter.end()
