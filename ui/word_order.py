"""Widgets set in the word order of a translated sentence.

A row such as 「[日付] から [日付] まで」 cannot be translated word by word: English puts
"from" before the date. The row is written as one translatable pattern whose ``{name}``
fields are the widgets, and :func:`word_order_grid` lays out what the catalogue says: the
Japanese 「{start}から{end}まで」 gives one line, the English "From {start}\\nTo {end}" two
lines whose labels and fields share columns (a From / To label pair). Text between fields
becomes a label; a line break starts a new row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

_FIELD = re.compile(r"\{(\w+)\}")


def word_order_grid(
    pattern: str, fields: Mapping[str, QWidget], parent: QWidget | None = None
) -> tuple[QGridLayout, list[QLabel]]:
    """A grid with ``fields`` and the pattern's words in the pattern's order; returns the
    grid (a stretch after the last column) and the labels it made.

    Every field must appear once; a pattern that drops one (a catalogue mistake) still
    shows it, at the end of the last line, so nothing the staff must fill in disappears."""
    grid = QGridLayout()
    labels: list[QLabel] = []
    placed: set[str] = set()
    columns = 0
    row = 0
    for row, line in enumerate(pattern.split("\n")):
        column = 0
        for i, part in enumerate(_FIELD.split(line)):
            if i % 2:  # a field's name
                widget = fields.get(part)
                if widget is None or part in placed:
                    continue
                grid.addWidget(widget, row, column)
                placed.add(part)
            else:
                text = part.strip()
                if not text:
                    continue
                label = QLabel(text, parent)
                labels.append(label)
                grid.addWidget(label, row, column)
            column += 1
        columns = max(columns, column)
    for name, widget in fields.items():
        if name not in placed:
            grid.addWidget(widget, row, columns)
            columns += 1
    grid.setColumnStretch(columns, 1)
    return grid, labels
