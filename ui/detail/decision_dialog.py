"""The decision (回答) dialog of the detail window: one outcome per request type, the
statutory ground and the explanation; preview the notice letters, then confirm.

Which outcomes and grounds each type offers is the domain's (``counter_app.domain.requests``,
``decision_grounds``); the services check the combination again when it is sent.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.facade.request_actions import Decision
from ui.facade.request_records import RequestDetail
from ui.facade.session import text_limits
from ui.length_counter import LengthCounter, with_counter
from ui.screen_fit import resize_to_fit, text_scale


class DecisionDialog(QDialog):
    """One outcome per request type, the statutory ground and the explanation; preview, then
    confirm. The services check the combination (a ground only for a refusal or a partial
    disclosure, an explanation whenever something is refused): their message appears in the
    dialog, and nothing typed is lost.

    Each type's outcomes are in its own words (a refused purpose notice reads 利用目的を通知
    しない); 書面による開示 (方法変更) is offered only when the request asked for another
    method than paper. The grounds offered are the ones valid for the type: 「根拠 (第33条第2
    項)」 (RefusalGround) for a disclosure or record disclosure refused in whole or part,
    「通知しない根拠 (第32条第2項)」 (PurposeNoticeGround) for a purpose notice not given; each
    box is shown only when the request has such a type and enabled only when it applies.

    Emits ``confirmed`` and ``preview_requested`` with the
    :class:`~ui.facade.request_actions.Decision` chosen.
    """

    confirmed = Signal(object)
    preview_requested = Signal(object)

    def __init__(self, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from counter_app.domain.decision_grounds import outcome_label
        from counter_app.domain.requests import (
            OUTCOMES_BY_TYPE,
            DisclosureMethod,
            Outcome,
            PurposeNoticeGround,
            RefusalGround,
            RequestType,
        )

        self.setObjectName("decision_dialog")
        self.setWindowTitle(self.tr("回答の登録: %1").replace("%1", detail.number))
        self.outcomes: dict[str, QComboBox] = {}
        # falling back to paper only when something else than paper was asked for
        asked = detail.disclosure_method
        paper_fallback = asked is not None and asked != DisclosureMethod.PAPER.value
        layout = QVBoxLayout(self)
        items_box = QGroupBox(self.tr("請求の種類ごとの回答"))
        items_form = QFormLayout(items_box)
        for item in detail.items:
            kind = RequestType(item.request_type)
            outcome = QComboBox()
            outcome.setObjectName(f"outcome_{item.request_type}")
            outcome.addItem(self.tr("(選んでください)"), None)
            for choice in sorted(OUTCOMES_BY_TYPE[kind], key=lambda o: o.value):
                if choice is Outcome.METHOD_CHANGED_TO_PAPER and not paper_fallback:
                    continue
                outcome.addItem(outcome_label(kind, choice), choice.value)
            label = QLabel(item.label + (f"\n{item.details}" if item.details else ""))
            label.setWordWrap(True)
            items_form.addRow(label, outcome)
            self.outcomes[item.request_type] = outcome
            outcome.currentIndexChanged.connect(self._update)
        layout.addWidget(items_box)

        kinds = {RequestType(item.request_type) for item in detail.items}
        self._disclosure_kinds = [
            k.value for k in (RequestType.DISCLOSURE, RequestType.RECORD_DISCLOSURE) if k in kinds
        ]
        self._has_purpose_notice = RequestType.PURPOSE_NOTICE in kinds
        reason_box = QGroupBox(
            self.tr("不開示・一部開示・通知しない・訂正しない・方法変更等の場合")
        )
        reason_form = QFormLayout(reason_box)
        self.reason_form = reason_form
        self.ground = QComboBox()
        self.ground.setObjectName("decision_ground")
        self.ground.addItem(self.tr("(なし)"), None)
        for ground_choice in RefusalGround:
            self.ground.addItem(ground_choice.label, ground_choice.value)
        self.ground.setToolTip(self.tr("不開示・一部開示のときに、法第33条第2項の根拠を選びます。"))
        self.notice_ground = QComboBox()
        self.notice_ground.setObjectName("purpose_notice_ground")
        self.notice_ground.addItem(self.tr("(なし)"), None)
        for notice_choice in PurposeNoticeGround:
            self.notice_ground.addItem(notice_choice.label, notice_choice.value)
        self.notice_ground.setToolTip(
            self.tr("利用目的を通知しないときに、法第32条第2項の根拠を選びます。")
        )
        for combo in (self.ground, self.notice_ground):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(20)
            combo.currentIndexChanged.connect(self._update)
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("decision_explanation")
        self.explanation.setPlaceholderText(
            self.tr("理由の説明 (法第36条): ご本人にわかる言葉で書きます。通知書に印刷されます。")
        )
        self.explanation.setTabChangesFocus(True)
        self.explanation.setFixedHeight(round(90 * text_scale()))  # 4 lines in both sizes
        # the services' limit, said under the box once the text nears it (nothing is cut)
        self.explanation_counter = LengthCounter(self.explanation, text_limits().text)
        self.ground_label = QLabel(self.tr("根拠 (第33条第2項)"))
        self.ground_label.setBuddy(self.ground)
        self.notice_ground_label = QLabel(self.tr("通知しない根拠 (第32条第2項)"))
        self.notice_ground_label.setBuddy(self.notice_ground)
        self.explanation_label = QLabel(self.tr("理由の説明"))
        self.explanation_label.setObjectName("decision_explanation_label")
        self.explanation_label.setBuddy(self.explanation)
        self.explanation_label.setWordWrap(True)
        # a statutory ground's label is long: the box may cut it, so the chosen ground is also
        # written out in full under its box (and the list opens as wide as its longest label)
        self.ground_text = _ground_text_label("decision_ground_text")
        self.notice_ground_text = _ground_text_label("purpose_notice_ground_text")
        self.ground_field = _with_text_below(self.ground, self.ground_text)
        self.notice_ground_field = _with_text_below(self.notice_ground, self.notice_ground_text)
        reason_form.addRow(self.ground_label, self.ground_field)
        reason_form.addRow(self.notice_ground_label, self.notice_ground_field)
        reason_form.addRow(
            self.explanation_label,
            with_counter(self.explanation, self.explanation_counter, below=True),
        )
        # a box only for a request with a type it can apply to
        reason_form.setRowVisible(self.ground_field, bool(self._disclosure_kinds))
        reason_form.setRowVisible(self.notice_ground_field, self._has_purpose_notice)
        layout.addWidget(reason_box)

        self.reason = QLabel()
        self.reason.setObjectName("decision_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b00020;")
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("通知書を確認(&V)"))
        self.preview_button.setObjectName("preview_notice_button")
        self.confirm_button = QPushButton(self.tr("回答を確定(&D)"))
        self.confirm_button.setObjectName("confirm_decision_button")
        cancel = QPushButton(self.tr("キャンセル"))
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(self.decision()))
        self.confirm_button.clicked.connect(lambda: self.confirmed.emit(self.decision()))
        cancel.clicked.connect(self.reject)
        self._update()
        # as tall as its contents (its size hint already follows the text size: scaling it
        # again spread the rows of the reason box apart in large text)
        resize_to_fit(self, 680, 0)

    def grounds_offered(self, request_type: str) -> list[str]:
        """The ground codes this dialog offers for ``request_type`` (none for a type that
        cites no statutory ground)."""
        from counter_app.domain.requests import RequestType

        if request_type == RequestType.PURPOSE_NOTICE.value and self._has_purpose_notice:
            combo = self.notice_ground
        elif request_type in self._disclosure_kinds:
            combo = self.ground
        else:
            return []
        return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]

    def _chosen(self, kinds: list[str]) -> list[str]:
        return [
            str(self.outcomes[k].currentData()) for k in kinds if self.outcomes[k].currentData()
        ]

    def _needs_ground(self) -> tuple[bool, bool]:
        """(Art. 33(2) applies, Art. 32(2) applies) with the outcomes chosen now."""
        from counter_app.domain.decision_grounds import GROUNDED_OUTCOMES

        grounded = {o.value for o in GROUNDED_OUTCOMES}
        refusal = any(o in grounded for o in self._chosen(self._disclosure_kinds))
        notice = self._has_purpose_notice and any(
            o in grounded for o in self._chosen(["purpose_notice"])
        )
        return refusal, notice

    def decision(self) -> Decision:
        """What is chosen; a ground whose box does not apply is not sent (it stays chosen in
        its box, in case the outcome is changed back)."""
        refusal, notice = self._needs_ground()
        return Decision(
            outcomes={kind: combo.currentData() for kind, combo in self.outcomes.items()},
            ground=self.ground.currentData() if refusal else None,
            purpose_notice_ground=self.notice_ground.currentData() if notice else None,
            explanation=self.explanation.toPlainText().strip(),
        )

    def show_problem(self, text: str) -> None:
        """A refusal from the services, shown in the dialog (nothing typed is cleared)."""
        self.reason.setText(text)

    def reject(self) -> None:
        """キャンセル, Esc or the close box: an explanation typed is not dropped without
        asking (a recorded decision closes with ``accept()``)."""
        from ui.dialogs import may_discard

        if self.explanation.toPlainText().strip() and not may_discard(self):
            self.explanation.setFocus()
            return
        super().reject()

    def _explanation_text(self) -> tuple[str, bool]:
        """The explanation's label and whether the chosen outcomes require it."""
        from counter_app.domain.requests import Outcome

        chosen = [Outcome(o) for o in self._chosen(list(self.outcomes))]
        if any(o.needs_ground for o in chosen):
            return self.tr("理由の説明 (法第36条) (必須)"), True
        if Outcome.METHOD_CHANGED_TO_PAPER in chosen:
            return self.tr("書面に変更する理由 (法第33条第3項・第36条) (必須)"), True
        return self.tr("理由の説明"), False

    def _update(self) -> None:
        unanswered = [kind for kind, combo in self.outcomes.items() if combo.currentData() is None]
        ready = bool(self.outcomes) and not unanswered
        self.reason.setText("" if ready else self.tr("すべての種類について回答を選んでください。"))
        self.confirm_button.setEnabled(ready)
        self.preview_button.setEnabled(ready)
        refusal, notice = self._needs_ground()
        self.ground.setEnabled(refusal)
        self.notice_ground.setEnabled(notice)
        for combo, full in (
            (self.ground, self.ground_text),
            (self.notice_ground, self.notice_ground_text),
        ):
            chosen = combo.isEnabled() and combo.currentData() is not None
            full.setText(combo.currentText() if chosen else "")
            full.setVisible(chosen)
        text, required = self._explanation_text()
        self.explanation_label.setText(text)
        self.explanation.setAccessibleName(text)
        font = self.explanation_label.font()
        font.setBold(required)
        self.explanation_label.setFont(font)


def _ground_text_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #444;")
    label.setVisible(False)
    return label


def _with_text_below(combo: QComboBox, text: QLabel) -> QWidget:
    """The combo box with its chosen label written out in full under it; the list it opens
    is as wide as its longest label."""
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    field = QWidget()
    column = QVBoxLayout(field)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(combo)
    column.addWidget(text)
    return field
