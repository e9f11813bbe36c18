"""A yen amount typed at the counter: full-width digits taken, anything else said.

A ``QSpinBox`` takes ASCII digits only: with the input method left in full-width mode (the
usual state while typing Japanese) 「１２３４」 was dropped without a word and the count stayed
0, and letters were ignored the same silent way. :class:`CashSpinBox` reads full-width
digits and commas (NFKC, as ``int()`` does elsewhere) and a typed 円 or ¥, and emits
``refused`` with what could not be read, so the window can say 「数字で入力してください」;
the amount shown stays the last one read.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

#: Yen marks a person may type with the amount (the box shows its own suffix).
YEN_MARKS = ("円", "¥", "\\")


class CashSpinBox(QSpinBox):
    """Whole yen, from 0 to ``maximum``; emits ``refused(text)`` for text that is no amount."""

    refused = Signal(str)

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setSingleStep(10)
        self.setGroupSeparatorShown(True)

    def _readable(self, text: str) -> str:
        """``text`` with full-width digits and commas made ASCII and typed yen marks gone
        (the suffix kept)."""
        suffix = self.suffix()
        body = text[: len(text) - len(suffix)] if suffix and text.endswith(suffix) else text
        body = unicodedata.normalize("NFKC", body)
        for mark in YEN_MARKS:
            body = body.replace(mark, "")
        return body.strip() + (suffix if suffix and text.endswith(suffix) else "")

    def validate(self, text: str, pos: int) -> object:
        readable = self._readable(text)
        state, result, _ = super().validate(readable, min(pos, len(readable)))
        if state == QValidator.State.Invalid:
            self.refused.emit(text)
        return state, result, min(pos, len(result))

    def valueFromText(self, text: str) -> int:
        return super().valueFromText(self._readable(text))
