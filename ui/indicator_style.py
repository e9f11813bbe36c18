"""Check boxes and radio buttons that grow with the text (--large-text).

Qt's styles draw the tick box and the radio circle at a fixed pixel size (Fusion: 14 px)
whatever the font: in large text a 15 pt label sat beside a box sized for 11 pt. This proxy
of the platform's own style scales those metrics — and the gap to the label — by the widget's
text size against the designed one (:data:`ui.screen_fit.DESIGN_POINT_SIZE`); at the normal
size nothing changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from ui.screen_fit import DESIGN_POINT_SIZE

SCALED_METRICS = frozenset(
    {
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
        QStyle.PixelMetric.PM_CheckBoxLabelSpacing,
        QStyle.PixelMetric.PM_RadioButtonLabelSpacing,
    }
)


class TextScaledIndicators(QProxyStyle):
    """The platform style, with tick boxes and radio circles scaled to the text."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        base = super().pixelMetric(metric, option, widget)
        if metric not in SCALED_METRICS:
            return base
        font = widget.font() if widget is not None else QApplication.font()
        size = font.pointSizeF()
        scale = max(1.0, size / DESIGN_POINT_SIZE) if size > 0 else 1.0
        return round(base * scale)


def install_indicator_style(app: QApplication) -> None:
    """Wrap the application's style once (idempotent)."""
    if isinstance(app.style(), TextScaledIndicators):
        return
    app.setStyle(TextScaledIndicators(app.style().name()))
