"""Small input widgets shared by the intake pages.

- :class:`ReasonLabel`: the plain-Japanese reason shown next to a field (or under a page)
  when something is refused; hidden when there is nothing to say.
- :class:`EraDateInput`: a date typed as 和暦 (令和/平成/昭和 + 年月日) or 西暦, the way a
  birth date or an expiry date is read off a card at the counter. Full-width digits are
  accepted (the IME often gives them). The conversion uses the era start dates of the
  Imperial calendar; a date outside its era (平成32年, 令和1年4月) is refused with a reason.

No business rule lives here: these widgets only turn keystrokes into plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from counter_app.domain import wareki
from counter_app.errors import InputError
from ui.era_text import era_label
from ui.phrase_wrap import PhraseLabel
from ui.word_order import word_order_grid

#: 和暦 eras offered at the counter (from counter_app.domain.wareki): (name, first, last).
ERAS: tuple[tuple[str, dt.date, dt.date | None], ...] = tuple(
    span
    for span in wareki.era_spans()
    if span[0] != "明治"  # nobody at the counter was born before 1912
)
SEIREKI = "西暦"


class DateInputError(ValueError):
    """A date that cannot be read; the message is Japanese and shown as is."""


@dataclass(frozen=True)
class DateParts:
    era: str  # "西暦" or an era name of ERAS
    year: str
    month: str
    day: str

    @property
    def empty(self) -> bool:
        return not (self.year.strip() or self.month.strip() or self.day.strip())


def _number(text: str, what: str) -> int:
    text = text.strip()
    if text in ("元",):
        return 1
    try:
        return int(text)  # int() reads full-width digits too
    except ValueError:
        raise DateInputError(
            QCoreApplication.translate("DateInput", "{0}は数字で入力してください。").format(what)
        ) from None


def parts_to_date(parts: DateParts) -> dt.date:
    """Read a typed date; raise :class:`DateInputError` (Japanese) when it is not a date."""
    if not (parts.year.strip() and parts.month.strip() and parts.day.strip()):
        raise DateInputError(
            QCoreApplication.translate("DateInput", "年・月・日をすべて入力してください。")
        )
    year = _number(parts.year, QCoreApplication.translate("DateInput", "年"))
    month = _number(parts.month, QCoreApplication.translate("DateInput", "月"))
    day = _number(parts.day, QCoreApplication.translate("DateInput", "日"))
    if parts.era == SEIREKI:
        if year < 1900:
            raise DateInputError(
                QCoreApplication.translate("DateInput", "西暦は4桁で入力してください (例: 1985)。")
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise DateInputError(
                QCoreApplication.translate(
                    "DateInput", "存在しない日付です。年・月・日を確かめてください。"
                )
            ) from None
    if parts.era not in {name for name, _, _ in ERAS}:
        raise DateInputError(QCoreApplication.translate("DateInput", "元号を選んでください。"))
    try:
        return wareki.from_wareki(parts.era, year, month, day)
    except InputError as exc:
        raise DateInputError(exc.message) from None


def date_to_parts(value: dt.date, era: str | None = None) -> DateParts:
    """The parts that show ``value`` in ``era`` (西暦 by default)."""
    if era and era != SEIREKI:
        for name, first, last in ERAS:
            if name == era and first <= value and (last is None or value <= last):
                return DateParts(
                    name, str(value.year - first.year + 1), str(value.month), str(value.day)
                )
    return DateParts(SEIREKI, str(value.year), str(value.month), str(value.day))


def emphasise(widget: QWidget, scale: float, *, bold: bool = False) -> None:
    """Make ``widget``'s text ``scale`` times the application font (follows --large-text)."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)


class ReasonLabel(PhraseLabel):
    """A reason shown next to a field in plain Japanese; hidden when there is none. It
    breaks between phrases, never inside a word (:mod:`ui.phrase_wrap`)."""

    def __init__(self, parent: QWidget | None = None, *, tone: str = "error") -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._keep_clear()
        colour = {
            "error": "#b00020",
            "warning": "#8a5a00",
            "info": "#1f4e79",
            "todo": "#444444",  # what is left to do: not a refusal (the member reads it)
        }[tone]
        self.setStyleSheet(f"color: {colour};")
        self.setVisible(False)

    def _keep_clear(self) -> None:
        """Clear of the field above it: a tall glyph (「) touched the field's border in large
        text; the gap follows the text size."""
        self.setContentsMargins(0, max(3, self.fontMetrics().height() // 5), 0, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._keep_clear()

    def set_reason(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    @property
    def reason(self) -> str:
        return self.text() if self.isVisible() or self.text() else ""


class ContinuingLineEdit(QLineEdit):
    """A line box whose text is continued, not replaced: tabbing into it puts the cursor at
    the end with nothing selected (QLineEdit selects everything on Tab, so the 番地 typed
    after a postal-code fill erased the town)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.deselect()
            self.end(False)


class EraDateInput(QWidget):
    """Era + year + month + day, typed; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, default_era: str = "昭和") -> None:
        super().__init__(parent)
        self.era = QComboBox(self)
        for name in [name for name, _, _ in ERAS] + [SEIREKI]:
            self.era.addItem(era_label(name), name)  # shown in the window's language
        self.era.setCurrentIndex(self.era.findData(default_era))
        self.era.setAccessibleName(self.tr("元号"))
        self.year = QLineEdit(self)
        self.month = QLineEdit(self)
        self.day = QLineEdit(self)
        for edit, width, name in (
            (self.year, 5, self.tr("年")),
            (self.month, 3, self.tr("月")),
            (self.day, 3, self.tr("日")),
        ):
            edit.setMaxLength(width - 1)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0") * width + 16)
            edit.setAccessibleName(name)
        self.echo = QLabel(self)  # the same date in the other calendar, to read back
        self.echo.setStyleSheet("color: #555;")
        # The units' place is the catalogue's: 「6 年 4 月 1 日」, "year 6 month 4 day 1".
        # The fields keep their order (and so the Tab order) in every language.
        layout, self.unit_labels = word_order_grid(
            self.tr("{era}{year}年{month}月{day}日{echo}"),
            {
                "era": self.era,
                "year": self.year,
                "month": self.month,
                "day": self.day,
                "echo": self.echo,
            },
            self,
        )
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        self.era.currentIndexChanged.connect(self._edited)
        for edit in (self.year, self.month, self.day):
            edit.textChanged.connect(self._edited)
        self.setFocusProxy(self.era)

    def era_name(self) -> str:
        """The chosen era's Japanese name (西暦 for the Western calendar), whatever is shown."""
        return self.era.currentData() or ""

    def parts(self) -> DateParts:
        return DateParts(self.era_name(), self.year.text(), self.month.text(), self.day.text())

    def set_parts(self, parts: DateParts) -> None:
        index = self.era.findData(parts.era)
        if index >= 0:
            self.era.setCurrentIndex(index)
        self.year.setText(parts.year)
        self.month.setText(parts.month)
        self.day.setText(parts.day)

    def set_date(self, value: dt.date | None, era: str | None = None) -> None:
        if value is None:
            self.set_parts(DateParts(self.era_name(), "", "", ""))
        else:
            self.set_parts(date_to_parts(value, era or self.era_name()))

    def value(self) -> dt.date | None:
        """The date, None when nothing is typed; raises DateInputError when unreadable."""
        parts = self.parts()
        if parts.empty:
            return None
        return parts_to_date(parts)

    def _edited(self) -> None:
        try:
            value = self.value()
        except DateInputError:
            value = None
        if value is None:
            self.echo.setText("")
        elif self.era_name() == SEIREKI:
            era_parts = next(
                (
                    date_to_parts(value, name)
                    for name, first, last in ERAS
                    if first <= value and (last is None or value <= last)
                ),
                None,
            )
            self.echo.setText(
                self.tr("({0}{1}年)").format(era_label(era_parts.era), era_parts.year)
                if era_parts and era_parts.era != SEIREKI
                else ""
            )
        else:
            self.echo.setText(self.tr("(西暦{0}年)").format(value.year))
        self.changed.emit()

    def state(self) -> dict[str, str]:
        p = self.parts()
        return {"era": p.era, "year": p.year, "month": p.month, "day": p.day}

    def restore(self, state: dict[str, str] | None) -> None:
        if state:
            self.set_parts(
                DateParts(
                    state.get("era", SEIREKI),
                    state.get("year", ""),
                    state.get("month", ""),
                    state.get("day", ""),
                )
            )
