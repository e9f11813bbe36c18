"""A whole number typed at the counter: full-width digits taken, anything else said.

A ``QSpinBox`` takes ASCII digits only: with the input method left in full-width mode (the
usual state while typing Japanese) 「１２」 was dropped without a word and the box stayed at
its old value, and letters were ignored the same silent way. :class:`NumberSpinBox` reads
full-width digits and commas (NFKC, as ``int()`` does elsewhere) and the marks a person may
type with the number (``marks``: 円/¥ for an amount, 枚 for a count), and emits ``refused``
with what could not be read, so the window can say 「数字で入力してください」 under the box; the
number shown stays the last one read. ``ui.cash_box.CashSpinBox`` is the yen amount.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget


def fold_typed_number(text: str, marks: tuple[str, ...] = ()) -> str:
    """``text`` as ASCII: full-width digits and commas folded (NFKC) and the ``marks`` typed
    with the number (円, ¥, 枚...) removed, surrounding space stripped."""
    body = unicodedata.normalize("NFKC", text)
    for mark in marks:
        body = body.replace(unicodedata.normalize("NFKC", mark), "")
    return body.strip()


class NumberSpinBox(QSpinBox):
    """A whole number from ``minimum`` to ``maximum``; emits ``refused(text)`` for text that
    is no number."""

    refused = Signal(str)

    def __init__(
        self,
        maximum: int,
        parent: QWidget | None = None,
        *,
        minimum: int = 0,
        marks: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.marks = marks
        self.setRange(minimum, maximum)
        self.lineEdit().textChanged.connect(self._keep_cursor_before_suffix)

    def _keep_cursor_before_suffix(self, text: str) -> None:
        """Typing into an empty box (a special value such as 「未回答」 shown as a blank) put
        the cursor after the suffix: 「12」 became 1 and the 2 was refused. The cursor stays
        before the suffix, so the next digit goes on the number."""
        suffix = self.suffix()
        edit = self.lineEdit()
        if suffix and text.endswith(suffix) and edit.cursorPosition() > len(text) - len(suffix):
            edit.setCursorPosition(len(text) - len(suffix))

    def _readable(self, text: str) -> str:
        """``text`` with full-width digits and commas made ASCII and typed marks gone (the
        suffix kept)."""
        suffix = self.suffix()
        has_suffix = bool(suffix) and text.endswith(suffix)
        body = text[: len(text) - len(suffix)] if has_suffix else text
        return fold_typed_number(body, self.marks) + (suffix if has_suffix else "")

    def validate(self, text: str, pos: int) -> object:
        readable = self._readable(text)
        state, result, _ = super().validate(readable, min(pos, len(readable)))
        if state == QValidator.State.Invalid:
            self.refused.emit(text)
        return state, result, min(pos, len(result))

    def valueFromText(self, text: str) -> int:
        return super().valueFromText(self._readable(text))

    def shown_text(self, text: str) -> str:
        """What was typed, without the box's own suffix (for a message)."""
        return text.removesuffix(self.suffix()).strip()


__all__ = ["NumberSpinBox", "fold_typed_number"]
