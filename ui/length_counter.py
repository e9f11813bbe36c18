"""How long a text is against the service's limit, said next to the box while one types.

The services refuse a text longer than their limit (``counter_app.services.access`` MAX_*,
80 characters for the branch address); the person should learn it before pressing OK. A
``maxLength`` would cut a pasted text silently, so the box takes any length and
:class:`LengthCounter` says 「23 / 80文字」, in red with how many characters are too many once
the text is longer. The count is the one the services make: characters (𠮷 is one) of the
text without its leading and trailing spaces.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

# The counter shows from this share of the limit on (unless ``always``).
SHOW_FROM = 0.8


class LengthCounter(QLabel):
    """「n / limit文字」 for ``edit``; hidden until the text nears the limit, unless ``always``."""

    def __init__(
        self,
        edit: QLineEdit | QPlainTextEdit,
        limit: int | None = None,
        *,
        always: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.limit = limit
        self.always = always
        self.setObjectName(f"{edit.objectName() or 'text'}_counter")
        edit.textChanged.connect(self.update_count)
        self.update_count()

    def length(self) -> int:
        edit = self.edit
        text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
        return len(text.strip())

    @property
    def over(self) -> bool:
        return self.limit is not None and self.length() > self.limit

    def set_limit(self, limit: int | None) -> None:
        self.limit = limit
        self.update_count()

    def update_count(self, *_: object) -> None:
        if self.limit is None:
            self.hide()
            return
        count = self.length()
        if count > self.limit:
            text = self.tr("%1 / %2文字 (%3文字多すぎます)").replace(
                "%3", f"{count - self.limit:,}"
            )
            self.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            text = self.tr("%1 / %2文字")
            self.setStyleSheet("color: #555555;")
        self.setText(text.replace("%1", f"{count:,}").replace("%2", f"{self.limit:,}"))
        self.setVisible(self.always or count >= self.limit * SHOW_FROM)


def with_counter(edit: QWidget, counter: LengthCounter, *, below: bool = False) -> QWidget:
    """``edit`` with its counter at its right (or under it), as one field of a form: the box
    starts where the form's other fields start."""
    box = QWidget()
    layout = QVBoxLayout(box) if below else QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(counter)
    return box
