"""Page 5: the fee — quoted live from the answers, never typed — and the cash.

The staff answers the questions (pages, number of media, delivery, mail class); the request
types and disclosure method come from page 2. The page count of a paper disclosure is a
deliberate answer (domain.md section 10): the box starts empty (no default of 0) and is
either a number or 「未定 (回答時に精算)」 (Alt+U, one action): with 未定 the quote takes the
handling fee (and the schedule's postage deposit) and the request will be 精算待ち. Under a
flat (定額) schedule the count is not asked at all. ``counter_app.domain.fees.quote_fee`` gives the
itemised quote as of today with tax computed once per receipt. A waiver or reduction needs a
reason and a supervisor's approval on this screen (``Dialogs.supervisor_approval``); changing
it afterwards asks again. Cash received gives the change; short cash blocks 次へ with the
amount missing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.fees import Adjustment, FeeQuestions, FeeQuote, quote_fee
from counter_app.domain.postage import MailClass
from counter_app.domain.requests import Delivery, DisclosureMethod
from counter_app.errors import CounterAppError
from counter_app.services.rules import rules_in_force
from ui.dialogs import Dialogs
from ui.intake.fields import ReasonLabel, emphasise
from ui.intake.page import IntakePage
from ui.intake.quote_breakdown import BreakdownRow, QuoteBreakdown
from ui.number_box import NumberSpinBox, fold_typed_number


def yen(amount: int) -> str:
    return QCoreApplication.translate("Fee", "{0}円").format(f"{amount:,}")


class FeePage(IntakePage):
    """Fee questions, the live quote, a supervised waiver/reduction, cash and change."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("手数料と受領金額"))
        self.setSubTitle(
            self.tr("質問に答えると手数料が計算されます。金額を直接入力することはありません。")
        )
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)

        # The questions take a third of the width, the quote two: its items fit on one line
        # even in large text (the postage's item is the longest).
        left = QVBoxLayout()
        columns.addLayout(left, 1)
        questions = QGroupBox(self.tr("交付・送付の方法"), self)
        form = QFormLayout(questions)
        self.method_label = QLabel(questions)
        self.method_label.setObjectName("fee_method")
        form.addRow(self.tr("開示の方法"), self.method_label)
        # full-width digits typed with the input method on are read; anything else is said
        # under the box (a QSpinBox dropped 「１２」 without a word)
        # -1 is "not answered yet": shown empty, so a count is always typed (0 too)
        self.pages = NumberSpinBox(9999, questions, minimum=UNANSWERED, marks=("枚",))
        self.pages.setObjectName("pages")
        self.pages.setSuffix(self.tr(" 枚"))
        self.pages.setSpecialValueText(" ")
        self.pages.setValue(UNANSWERED)
        self.pages_undecided = QCheckBox(self.tr("未定 (回答時に精算)(&U)"), questions)
        self.pages_undecided.setObjectName("pages_undecided")
        # reached with Alt+U (one action) or a click; Tab goes from the count to お渡し方法
        self.pages_undecided.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pages_undecided.toggled.connect(self._undecided_toggled)
        # the choice under the box (side by side, the questions' column would squeeze the quote)
        self.pages_row = QWidget(questions)
        pages_layout = QVBoxLayout(self.pages_row)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.setSpacing(2)
        pages_layout.addWidget(self.pages)
        pages_layout.addWidget(self.pages_undecided)
        self.media = NumberSpinBox(99, questions, marks=("枚",))
        self.media.setObjectName("media")
        self.media.setSuffix(self.tr(" 枚"))
        self.delivery = QComboBox(questions)
        self.delivery.setObjectName("delivery")
        for delivery in (Delivery.MAIL, Delivery.COUNTER):
            self.delivery.addItem(delivery.label, delivery.value)
        self.mail_class = QComboBox(questions)
        self.mail_class.setObjectName("mail_class")
        for mail_class in MailClass:
            self.mail_class.addItem(mail_class.label, mail_class.value)
        self.mail_class.setCurrentIndex(self.mail_class.findData(MailClass.SIMPLE_REGISTERED.value))
        self.pages_label = QLabel(self.tr("複写の枚数(&P)"), questions)
        self.media_label = QLabel(self.tr("媒体の数(&M)"), questions)
        delivery_label = QLabel(self.tr("お渡し方法(&O)"), questions)
        self.mail_label = QLabel(self.tr("郵便の種類(&Y)"), questions)
        for label, field, row in (
            (self.pages_label, self.pages, self.pages_row),
            (self.media_label, self.media, self.media),
            (delivery_label, self.delivery, self.delivery),
            (self.mail_label, self.mail_class, self.mail_class),
        ):
            label.setBuddy(field)
            form.addRow(label, row)
        self.pages_reason = ReasonLabel(questions)
        self.pages_reason.setObjectName("pages_reason")
        self.media_reason = ReasonLabel(questions)
        self.media_reason.setObjectName("media_reason")
        form.insertRow(form.getWidgetPosition(self.pages_row)[0] + 1, self.pages_reason)
        form.insertRow(form.getWidgetPosition(self.media)[0] + 1, self.media_reason)
        for box, reason, what in (
            (self.pages, self.pages_reason, self.tr("複写の枚数")),
            (self.media, self.media_reason, self.tr("媒体の数")),
        ):
            box.refused.connect(
                lambda text, b=box, r=reason, w=what: r.set_reason(
                    self.tr("{0}は数字で入力してください (例: 12)。「{1}」は読めません。").format(
                        w, b.shown_text(text)
                    )
                )
            )
            box.valueChanged.connect(lambda _value, r=reason: r.set_reason(None))
        self.questions_form = form
        self.delivery_reason = ReasonLabel(questions, tone="warning")
        form.addRow(self.delivery_reason)
        left.addWidget(questions)

        adjust = QGroupBox(self.tr("手数料の減免 (責任者の承認が必要)"), self)
        adjust_form = QFormLayout(adjust)
        self.adjust = QCheckBox(self.tr("減免する(&G)"), adjust)
        self.adjust.setObjectName("adjust")
        adjust_form.addRow(self.adjust)
        kind_row = QHBoxLayout()
        self.waive = QRadioButton(self.tr("全額免除"), adjust)
        self.waive.setObjectName("waive")
        self.reduce = QRadioButton(self.tr("減額"), adjust)
        self.reduce.setObjectName("reduce")
        self.waive.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.waive)
        group.addButton(self.reduce)
        kind_row.addWidget(self.waive)
        kind_row.addWidget(self.reduce)
        kind_row.addStretch(1)
        adjust_form.addRow(self.tr("種類"), kind_row)
        self.reduce_amount = QLineEdit(adjust)
        self.reduce_amount.setObjectName("reduce_amount")
        self.reduce_amount.setPlaceholderText(self.tr("減額する金額 (円)"))
        adjust_form.addRow(self.tr("減額(&E)"), self.reduce_amount)
        self.adjust_reason = QLineEdit(adjust)
        self.adjust_reason.setObjectName("adjust_reason")
        reason_label = QLabel(self.tr("理由(&R)"), adjust)
        reason_label.setBuddy(self.adjust_reason)
        adjust_form.addRow(reason_label, self.adjust_reason)
        self.adjust_reason_label = ReasonLabel(adjust)
        adjust_form.addRow(self.adjust_reason_label)
        self.approve_button = QPushButton(self.tr("責任者の承認(&S)…"), adjust)
        self.approve_button.setObjectName("approve")
        self.approve_button.setAutoDefault(False)
        self.approval_label = QLabel(adjust)
        self.approval_label.setObjectName("approval")
        approve_row = QHBoxLayout()
        approve_row.addWidget(self.approve_button)
        approve_row.addWidget(self.approval_label, 1)
        adjust_form.addRow(approve_row)
        self.adjust_widgets = (
            self.waive,
            self.reduce,
            self.reduce_amount,
            self.adjust_reason,
            self.approve_button,
        )
        left.addWidget(adjust)
        left.addStretch(1)

        right = QVBoxLayout()
        columns.addLayout(right, 2)
        quote_box = QGroupBox(self.tr("お見積り"), self)
        quote_layout = QVBoxLayout(quote_box)
        self.breakdown = QuoteBreakdown(quote_box)
        quote_layout.addWidget(self.breakdown, 1)
        self.totals = QLabel(quote_box)
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)
        quote_layout.addWidget(self.totals)
        self.total_label = QLabel(quote_box)
        self.total_label.setObjectName("total")
        emphasise(self.total_label, 1.6, bold=True)
        quote_layout.addWidget(self.total_label)
        self.quote_reason = ReasonLabel(quote_box)
        quote_layout.addWidget(self.quote_reason)
        right.addWidget(quote_box, 1)

        cash_box = QGroupBox(self.tr("現金"), self)
        cash_form = QFormLayout(cash_box)
        self.received = QLineEdit(cash_box)
        self.received.setObjectName("received")
        self.received.setPlaceholderText(self.tr("お預かりした金額 (円)"))
        received_label = QLabel(self.tr("お預かり(&C)"), cash_box)
        received_label.setBuddy(self.received)
        cash_form.addRow(received_label, self.received)
        self.change_label = QLabel(cash_box)
        self.change_label.setObjectName("change")
        emphasise(self.change_label, 1.4, bold=True)
        cash_form.addRow(self.tr("おつり"), self.change_label)
        self.cash_reason = ReasonLabel(cash_box)
        cash_form.addRow(self.cash_reason)
        right.addWidget(cash_box)
        self.add_blocker_label(layout, stretch=False)

        self.quote: FeeQuote | None = None
        self.approver: Any = None
        self._approved_for: tuple[str, str, str] | None = None
        self.approve_button.clicked.connect(self.ask_approval)
        self.watch(
            self.pages,
            self.pages_undecided,
            self.media,
            self.delivery,
            self.mail_class,
            self.adjust,
            self.waive,
            self.reduce,
            self.reduce_amount,
            self.adjust_reason,
            self.received,
        )

    def first_field(self) -> QWidget | None:
        """The copy count while it is still to be answered (a number typed there, or Alt+U
        for 未定, which then takes the focus on to the cash box); else the cash box when
        there is a fee to take (the other questions have their answers by default: mail,
        簡易書留); else nothing."""
        if self._asks_count_now():
            return self.pages
        return self.received if self.received.isEnabled() else None

    def _asks_count_now(self) -> bool:
        return self.questions_form.isRowVisible(self.pages_row) and self.pages_answer() is None

    # -- answers from the other pages ------------------------------------------------------
    def _types_page(self) -> Any:
        return getattr(self.wizard(), "types_page", None)

    def _proxy_page(self) -> Any:
        wizard = self.wizard()
        if wizard is None or not wizard.requester_page.is_proxy_visit:
            return None
        return wizard.proxy_page

    def asks_pages(self) -> bool:
        """Whether the schedule in force today asks the page count (not a flat one)."""
        try:
            today = self.context.today()
            return bool(rules_in_force(today).fee_schedules.in_force(today).asks_pages)
        except CounterAppError:
            return True  # the quote says what is wrong

    def _undecided_toggled(self, checked: bool) -> None:
        if checked:
            self.pages.setValue(UNANSWERED)
        self.pages.setEnabled(not checked)
        if checked and not self._restoring and self.isVisible():
            # 未定 answers the count: the next thing to type is the cash (no Tab spent). Once
            # the quote is redone (the cash box is enabled only when there is a fee to take).
            QTimer.singleShot(0, self._to_cash)

    def _to_cash(self) -> None:
        if self.pages_undecided.isChecked() and self.received.isEnabled():
            self.received.setFocus(Qt.FocusReason.OtherFocusReason)

    def pages_answer(self) -> tuple[int, bool] | None:
        """The page count as answered: (count, undecided), or None when not answered yet."""
        if self.pages_undecided.isChecked():
            return 0, True
        if self.pages.value() == UNANSWERED:
            return None
        return self.pages.value(), False

    def questions(self) -> FeeQuestions:
        """The answers as the domain's FeeQuestions (raises InputError in Japanese; a page
        count not answered yet raises PagesUnanswered)."""
        types_page = self._types_page()
        types = types_page.selected_types() if types_page else ()
        method = types_page.selected_method() if types_page else None
        if not any(t.is_disclosure for t in types):
            method = None
        delivery = Delivery(self.delivery.currentData())
        pages, undecided = 0, False
        if method is DisclosureMethod.PAPER and self.asks_pages():
            answer = self.pages_answer()
            if answer is None:
                raise PagesUnanswered(
                    self.tr("複写の枚数を入力するか、「未定 (回答時に精算)」を選んでください。")
                )
            pages, undecided = answer
        return FeeQuestions(
            request_types=types,
            pages=pages,
            pages_undecided=undecided,
            method=method,
            delivery=delivery,
            mail_class=MailClass(self.mail_class.currentData())
            if delivery is Delivery.MAIL
            else None,
            media_count=self.media.value() if method is DisclosureMethod.ELECTRONIC_MEDIUM else 0,
        )

    def adjustment_inputs(self) -> tuple[str, str, str]:
        return (
            "waive" if self.waive.isChecked() else "reduce",
            self.reduce_amount.text().strip(),
            self.adjust_reason.text().strip(),
        )

    def adjustment(self) -> Adjustment | None:
        """The requested waiver/reduction (raises a Japanese error when incomplete)."""
        if not self.adjust.isChecked():
            return None
        kind, amount_text, reason = self.adjustment_inputs()
        amount = 0
        if kind == "reduce":
            read = _whole_number(amount_text, ("円", "¥", "\\"))
            if read is None or read < 0:
                raise _AdjustmentInput(
                    self.tr("減額する金額を数字 (円) で入力してください。")
                ) from None
            amount = read
        return Adjustment(kind=kind, amount=amount, reason=reason)

    def received_amount(self) -> int | None:
        """The cash received (full-width digits, commas and a typed 円/¥ read); None when
        nothing is typed, -1 when it is no amount."""
        return _whole_number(self.received.text(), ("円", "¥", "\\"))

    @property
    def change(self) -> int | None:
        received = self.received_amount()
        if self.quote is None or received is None or received < 0:
            return None
        return received - self.quote.total

    # -- approval --------------------------------------------------------------------------
    def ask_approval(self) -> None:
        purpose = self.tr("手数料の減免 ({0})").format(self.adjust_reason.text().strip())
        approver = Dialogs.supervisor_approval(self, self.context, purpose)
        if approver is None:
            return
        self.approver = approver
        self._approved_for = self.adjustment_inputs()
        self._edited()

    def _approver_name(self) -> str:
        for attr in ("display_name", "name", "username"):
            value = getattr(self.approver, attr, None)
            if value:
                return str(value)
        return self.tr("責任者")

    # -- live quote --------------------------------------------------------------------------
    def initializePage(self) -> None:
        types_page = self._types_page()
        method = types_page.selected_method() if types_page else None
        types = types_page.selected_types() if types_page else ()
        if not any(t.is_disclosure for t in types):
            method = None
        self.method_label.setText(method.label if method else self.tr("(開示の請求なし)"))
        self.questions_form.setRowVisible(
            self.pages_row, method is DisclosureMethod.PAPER and self.asks_pages()
        )
        self.questions_form.setRowVisible(self.media, method is DisclosureMethod.ELECTRONIC_MEDIUM)
        self.pages_reason.set_reason(None)
        self.media_reason.set_reason(None)
        super().initializePage()

    def evaluate(self) -> list[str]:
        blockers: list[str] = []
        mailed = self.delivery.currentData() == Delivery.MAIL.value
        self.questions_form.setRowVisible(self.mail_class, mailed)
        for widget in self.adjust_widgets:
            widget.setEnabled(self.adjust.isChecked())
        self.reduce_amount.setEnabled(self.adjust.isChecked() and self.reduce.isChecked())

        proxy = self._proxy_page()
        self.delivery_reason.set_reason(
            self.tr(
                "代理人には窓口でお渡しできません (委任状に受領の記載がありません)。ご本人が受け取りに来られる場合のみ窓口渡しにしてください。"
            )
            if proxy is not None
            and proxy.verdict is not None
            and not proxy.verdict.may_hand_to_proxy
            and not mailed
            else None
        )

        adjustment = None
        refused = self.guard(
            self.adjust_reason.text(), self.tr("減免の理由"), self.adjust_reason_label
        )
        if refused:
            blockers.append(refused)
        try:
            adjustment = self.adjustment()
        except CounterAppError as exc:
            blockers.append(exc.message)
            if not refused:
                self.adjust_reason_label.set_reason(exc.message)
        self.quote = None
        try:
            questions = self.questions()
            self.quote = self._quote(questions, adjustment)
        except PagesUnanswered as exc:
            # not a refusal: a question still to answer (said under the page, not in red)
            self.quote_reason.set_reason(None)
            blockers.append(exc.message)
        except CounterAppError as exc:
            self.quote_reason.set_reason(exc.user_text())
            blockers.append(exc.message)
            try:
                self.quote = self._quote(self.questions(), None)
            except CounterAppError:
                self.quote = None
            if self.quote is not None:
                blockers.append(self.tr("減免の内容を確かめてください。"))
        else:
            self.quote_reason.set_reason(None)
        self._show_quote()

        if self.adjust.isChecked():
            if self.approver is not None and self._approved_for != self.adjustment_inputs():
                self.approver = None  # the terms changed after approval: ask again
            if self.approver is None:
                self.approval_label.setText(self.tr("未承認"))
                blockers.append(self.tr("減免には責任者の承認が必要です。"))
            else:
                self.approval_label.setText(self.tr("承認: {0}").format(self._approver_name()))
        else:
            self.approver = None
            self.approval_label.setText("")

        # cash
        self.cash_reason.set_reason(None)
        self.change_label.setText("")
        due = self.quote.total if self.quote else None
        self.received.setEnabled(bool(due))
        if due:
            received = self.received_amount()
            if received is None:
                blockers.append(self.tr("お預かりした金額を入力してください。"))
            elif received < 0:
                message = self.tr("お預かりした金額は数字 (円) で入力してください。")
                self.cash_reason.set_reason(message)
                blockers.append(message)
            elif received < due:
                message = self.tr("{0}不足しています (お預かり {1} / 手数料 {2})。").format(
                    yen(due - received), yen(received), yen(due)
                )
                self.cash_reason.set_reason(message)
                blockers.append(message)
            else:
                self.change_label.setText(yen(received - due))
        return blockers

    def _quote(self, questions: FeeQuestions, adjustment: Adjustment | None) -> FeeQuote:
        """The fee for ``questions`` today, by the rules in force today."""
        today = self.context.today()
        rules = rules_in_force(today)
        return quote_fee(
            questions,
            today,
            adjustment=adjustment,
            schedule=rules.fee_schedules,
            postage_rules=rules.postage,
        )

    def _show_quote(self) -> None:
        quote = self.quote
        if quote is None:
            self.breakdown.set_rows(())
            self.totals.setText("")
            self.total_label.setText("")
            return
        rows = [
            BreakdownRow(
                line.label,
                yen(line.amount),
                self.tr("{0} × {1}").format(yen(line.unit_price), line.quantity)
                if line.quantity != 1
                else "",
            )
            for line in quote.lines
        ]
        if quote.adjustment is not None:
            rows.append(BreakdownRow(quote.adjustment.label, "-" + yen(quote.adjustment.amount)))
        for request_type in quote.free_request_types:
            rows.append(
                BreakdownRow(self.tr("{0} (手数料なし)").format(request_type.label), yen(0))
            )
        if quote.settlement_pending:
            rows.append(
                BreakdownRow(self.tr("写しの代金・郵送料 (枚数未定)"), self.tr("回答時に精算"))
            )
        self.breakdown.set_rows(rows)
        parts = [
            self.tr("{0}%対象 {1} (うち消費税 {2})").format(
                rate, yen(quote.taxable_by_rate.get(rate, 0)), yen(tax)
            )
            for rate, tax in sorted(quote.tax_by_rate.items())
            if rate
        ]
        if quote.settlement_pending:
            parts.append(self.tr("写しの枚数が決まったら差額を精算します (精算待ち)"))
        self.totals.setText(" / ".join(parts))
        self.total_label.setText(self.tr("合計 {0}").format(yen(quote.total)))

    # -- drafts ---------------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        return {
            "pages": self.pages.value(),
            "pages_undecided": self.pages_undecided.isChecked(),
            "media": self.media.value(),
            "delivery": self.delivery.currentData(),
            "mail_class": self.mail_class.currentData(),
            "adjust": self.adjust.isChecked(),
            "kind": "waive" if self.waive.isChecked() else "reduce",
            "reduce_amount": self.reduce_amount.text(),
            "reason": self.adjust_reason.text(),
            "received": self.received.text(),
        }

    def apply_draft(self, state: dict[str, Any]) -> None:
        pages = int(state.get("pages", UNANSWERED))
        if "pages_undecided" not in state and pages == 0:
            pages = UNANSWERED  # a draft from before 未定: its 0 was the box's default
        self.pages_undecided.setChecked(bool(state.get("pages_undecided")))
        self.pages.setValue(pages)
        self.media.setValue(int(state.get("media", 0)))
        self.delivery.setCurrentIndex(max(self.delivery.findData(state.get("delivery")), 0))
        index = self.mail_class.findData(state.get("mail_class"))
        if index >= 0:
            self.mail_class.setCurrentIndex(index)
        self.adjust.setChecked(bool(state.get("adjust")))
        (self.reduce if state.get("kind") == "reduce" else self.waive).setChecked(True)
        self.reduce_amount.setText(state.get("reduce_amount", ""))
        self.adjust_reason.setText(state.get("reason", ""))
        self.received.setText(state.get("received", ""))
        # The supervisor's approval is never restored from a draft: it is asked again.


def _whole_number(text: str, marks: tuple[str, ...]) -> int | None:
    """A whole number typed in a line box: full-width digits and commas read (NFKC), the
    ``marks`` ignored; None when empty, -1 when it is no whole number."""
    body = fold_typed_number(text, marks).replace(",", "")
    if not body:
        return None
    return int(body) if body.isascii() and body.isdigit() else -1


class _AdjustmentInput(CounterAppError):
    """The waiver/reduction fields are not filled in as needed."""


#: The page-count box's value while nothing is answered (shown empty).
UNANSWERED = -1


class PagesUnanswered(CounterAppError):
    """The page count of a paper disclosure is neither a number nor 未定 yet."""
