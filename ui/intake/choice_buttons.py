"""A one-of-several choice shown as radio buttons, each with its own Alt+letter.

Where a list box costs two keys (its mnemonic, then an arrow) a radio button with a
mnemonic costs one; the person's choice is still deliberate: nothing is chosen until the staff
picks one. The API is the part of QComboBox the intake pages use (``addItem``, ``findData``,
``setCurrentIndex``, ``currentData``, ``currentIndexChanged``...), so drafts, tests and pages
treat it as a list. Index 0 is the "(選んでください)" placeholder: no button checked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget


class ChoiceButtons(QWidget):
    """Radio buttons in ``columns`` columns (reading order: along a row, then down); index 0
    means nothing chosen yet. Two columns keep four methods within a 1024 px window in large
    text (one row of four was wider)."""

    currentIndexChanged = Signal(int)

    def __init__(
        self, parent: QWidget | None = None, *, placeholder: str = "", columns: int = 2
    ) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._columns = columns
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # so that "nothing chosen" can be shown again
        self._items: list[tuple[str, Any]] = [(placeholder, "")]
        self.buttons: list[QRadioButton] = []
        self._index = 0

    def addItem(self, text: str, data: Any = None) -> None:
        button = QRadioButton(text, self)
        button.setAutoExclusive(False)
        index = len(self._items)
        self._items.append((text, data))
        self.buttons.append(button)
        position = len(self.buttons) - 1
        self._layout.addWidget(button, position // self._columns, position % self._columns)
        button.toggled.connect(lambda on, i=index: self._toggled(i, on))

    def _toggled(self, index: int, on: bool) -> None:
        if on:
            self.setCurrentIndex(index)
        elif index == self._index:
            self.buttons[index - 1].setChecked(True)  # a choice is changed, not emptied

    def count(self) -> int:
        return len(self._items)

    def itemData(self, index: int) -> Any:
        return self._items[index][1]

    def itemText(self, index: int) -> str:
        return self._items[index][0]

    def findData(self, data: Any) -> int:
        for i, (_, value) in enumerate(self._items):
            if value == data:
                return i
        return -1

    def currentIndex(self) -> int:
        return self._index

    def currentData(self) -> Any:
        return self._items[self._index][1]

    def currentText(self) -> str:
        return self._items[self._index][0]

    def setCurrentIndex(self, index: int) -> None:
        index = max(0, min(index, len(self._items) - 1))
        changed = index != self._index
        self._index = index
        for i, button in enumerate(self.buttons, start=1):
            button.blockSignals(True)
            button.setChecked(i == index)
            button.blockSignals(False)
        if changed:
            self.currentIndexChanged.emit(index)
