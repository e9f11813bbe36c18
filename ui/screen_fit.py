"""Window sizes that fit the branch PC's screen (often 1366 x 768)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def resize_to_fit(widget: QWidget, width: int, height: int, *, margin: int = 60) -> None:
    """Resize to ``width`` x ``height``, or less if the screen's free area is smaller."""
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, max(400, area.width() - margin))
        height = min(height, max(300, area.height() - margin))
    widget.resize(width, height)
