"""精算: the dialog the detail window opens for a request that is 精算待ち (domain.md §10).

Staff type the actual page count (the box starts empty: a deliberate answer, 0 too); the
actual fee, computed by counter_app from the schedule of the request date, and its
difference with the first receipt show at once: 追加でいただく額 (the cash received box opens
and gives the change) or 返金する額 (the cash goes out: nothing to type). OK records the
settlement through ``submit(pages, received)``; a refusal (short cash, already settled, a
closed day...) is shown in the dialog and what was typed stays. The detail window then opens
the 精算書 in the print preview.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.intake.fields import ReasonLabel
from ui.number_box import NumberSpinBox, fold_typed_number
from ui.screen_fit import resize_to_fit

#: The count box's value while nothing is typed (shown empty).
UNANSWERED = -1

Preview = Callable[[int], Any]  # pages -> counter_app's SettlementPreview (may raise)
Submit = Callable[[int, int], "str | None"]  # (pages, received) -> None when recorded


def yen(amount: int) -> str:
    return f"{amount:,}円"


class SettlementDialog(QDialog):
    """The actual page count, the difference, the cash; OK records (see the module doc)."""

    def __init__(
        self,
        request_number: str,
        preview: Preview,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settlement_dialog")
        self.setWindowTitle(self.tr("精算 (%1)").replace("%1", request_number))
        self.preview_of = preview
        self.submit = submit
        self.preview: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "受付時に写しの枚数が未定だった請求です。実際の枚数を入力すると、"
                "請求日時点の手数料表で実費を計算し、受付時にお預かりした額との差額を精算します。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.pages = NumberSpinBox(9999, self, minimum=UNANSWERED, marks=("枚",))
        self.pages.setObjectName("settle_pages")
        self.pages.setSuffix(self.tr(" 枚"))
        self.pages.setSpecialValueText(" ")
        self.pages.setValue(UNANSWERED)
        pages_label = QLabel(self.tr("実際の写しの枚数(&P)"))
        pages_label.setBuddy(self.pages)
        form.addRow(pages_label, self.pages)
        self.figures = QLabel()
        self.figures.setObjectName("settle_figures")
        self.figures.setWordWrap(True)
        form.addRow(self.tr("実費の内訳"), self.figures)
        self.difference = QLabel()
        self.difference.setObjectName("settle_difference")
        font = self.difference.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.difference.setFont(font)
        form.addRow(self.tr("精算額"), self.difference)
        self.received = QLineEdit()
        self.received.setObjectName("settle_received")
        self.received.setPlaceholderText(self.tr("お預かりした金額 (円)"))
        received_label = QLabel(self.tr("お預かり(&C)"))
        received_label.setBuddy(self.received)
        form.addRow(received_label, self.received)
        self.change = QLabel()
        self.change.setObjectName("settle_change")
        form.addRow(self.tr("おつり"), self.change)
        layout.addLayout(form)
        self.message = ReasonLabel(self)
        self.message.setObjectName("settle_message")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("精算して精算書を印刷(&O)"))
        self.ok.setObjectName("settle_ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pages.valueChanged.connect(self._update)
        self.pages.refused.connect(
            lambda text: self.message.set_reason(
                self.tr("枚数は数字で入力してください (例: 12)。「%1」は読めません。").replace(
                    "%1", self.pages.shown_text(text)
                )
            )
        )
        self.received.textChanged.connect(self._update)
        self._update()
        resize_to_fit(self, 560, 420)
        self.pages.setFocus()

    # ------------------------------------------------------------------ values
    def pages_value(self) -> int | None:
        value = self.pages.value()
        return None if value == UNANSWERED else value

    def received_amount(self) -> int | None:
        """The cash typed (full-width digits, commas, 円/¥ read); None if none, -1 if no
        amount."""
        body = fold_typed_number(self.received.text(), ("円", "¥", "\\")).replace(",", "")
        if not body:
            return None
        return int(body) if body.isascii() and body.isdigit() else -1

    # ------------------------------------------------------------------ live figures
    def _update(self) -> None:
        self.message.set_reason(None)
        self.preview = None
        pages = self.pages_value()
        if pages is not None:
            try:
                self.preview = self.preview_of(pages)
            except Exception as exc:  # a refusal of the services: said here
                from ui.error_text import user_text

                self.message.set_reason(user_text(exc))
        p = self.preview
        if p is None:
            self.figures.setText(self.tr("実際の枚数を入力してください。") if pages is None else "")
            self.difference.setText("")
            self.received.setEnabled(False)
            self.change.setText("")
            self.ok.setEnabled(False)
            return
        f = p.figures
        lines = [f"{line.label}  {yen(line.amount)}" for line in f.actual.lines]
        if f.actual.adjustment is not None and f.actual.adjustment.amount:
            lines.append(f"{f.actual.adjustment.label}  -{yen(f.actual.adjustment.amount)}")
        lines.append(
            self.tr("実費 %1 − 受領済み %2 (領収書 %3)")
            .replace("%1", yen(f.actual.total))
            .replace("%2", yen(f.charged))
            .replace("%3", p.first_receipt_number or "—")
        )
        self.figures.setText("\n".join(lines))
        difference = f.difference
        if difference > 0:
            self.difference.setText(self.tr("追加でいただく額 %1").replace("%1", yen(difference)))
        elif difference < 0:
            self.difference.setText(self.tr("返金する額 %1").replace("%1", yen(-difference)))
        else:
            self.difference.setText(self.tr("過不足なし (0円)"))
        self.received.setEnabled(difference > 0)
        ready = True
        self.change.setText("")
        if difference > 0:
            received = self.received_amount()
            if received is None:
                ready = False
            elif received < 0:
                self.message.set_reason(self.tr("お預かりした金額は数字 (円) で入力してください。"))
                ready = False
            elif received < difference:
                self.message.set_reason(
                    self.tr("%1不足しています (お預かり %2 / 精算額 %3)。")
                    .replace("%1", yen(difference - received))
                    .replace("%2", yen(received))
                    .replace("%3", yen(difference))
                )
                ready = False
            else:
                self.change.setText(yen(received - difference))
        self.ok.setEnabled(ready)

    # ------------------------------------------------------------------ OK
    def try_submit(self) -> None:
        from ui.error_text import user_text

        pages = self.pages_value()
        if pages is None or self.preview is None or not self.ok.isEnabled():
            return
        received = self.received_amount() if self.preview.figures.difference > 0 else 0
        try:
            said = self.submit(pages, received or 0)
        except Exception as exc:  # the services refused: said here, input kept
            self.message.set_reason(user_text(exc))
            return
        if said is None:
            self.accept()
        elif said:
            self.message.set_reason(said)
