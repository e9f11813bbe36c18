"""Window sizes that follow the text size and fit the branch PC's screen (often 1366 x 768)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

#: The point size the designed window sizes are for (ui.appearance.NORMAL_POINT_SIZE).
DESIGN_POINT_SIZE = 11


def text_scale() -> float:
    """How much larger than designed the application's text is (1.0 or more)."""
    size = QApplication.font().pointSizeF()
    return max(1.0, size / DESIGN_POINT_SIZE) if size > 0 else 1.0


def resize_to_fit(widget: QWidget, width: int, height: int, *, margin: int = 60) -> None:
    """Resize to ``width`` x ``height`` scaled with the text size (--large-text), never
    larger than the screen's free area, never smaller than the layout needs."""
    scale = text_scale()
    width, height = round(width * scale), round(height * scale)
    hint = widget.sizeHint()
    width, height = max(width, hint.width()), max(height, hint.height())
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, max(400, area.width() - margin))
        height = min(height, max(300, area.height() - margin))
    widget.resize(width, height)
