"""One request: its timeline, its receipts, and what can be done next.

- 対応開始 / 取下げ: lifecycle moves (the services refuse an illegal one, in Japanese).
- 回答: one outcome per request type, a statutory ground and an explanation when the outcome
  needs them (the domain says which); the notice letter is previewed before the decision is
  confirmed, then printed.
- 期限延長: once, with a reason; the extension notice is previewed and printed.
- 領収書の再発行 (marked 再発行 by forms) and 取消 (a supervisor's action: a staff member can
  have a supervisor approve it on this screen with the supervisor's own password).

Role guards are the services' (``counter_app.security.roles``): this window only asks for an
approval when the logged-in person's role is not enough, and shows any refusal as it comes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.context import TOKYO
from ui.detail_data import ItemInfo, RequestDetail
from ui.dialogs import Dialogs
from ui.era_text import era_date_text
from ui.label_column import label_gap
from ui.length_counter import LengthCounter, with_counter
from ui.pdf_preview import PdfPreviewDialog
from ui.screen_fit import resize_to_fit, text_scale
from ui.settlement_dialog import SettlementDialog


def _yen(amount: int) -> str:
    return f"¥{amount:,}"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


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

    Emits ``confirmed(dict)`` and ``preview_requested(dict)`` with
    ``{"outcomes": {request_type: outcome}, "ground": value or None,
    "purpose_notice_ground": value or None, "explanation": str}``.
    """

    confirmed = Signal(dict)
    preview_requested = Signal(dict)

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
        for choice in RefusalGround:
            self.ground.addItem(choice.label, choice.value)
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
        self.explanation_counter = LengthCounter(self.explanation, _text_limit())
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

    def decision(self) -> dict[str, Any]:
        """What is chosen; a ground whose box does not apply is not sent (it stays chosen in
        its box, in case the outcome is changed back)."""
        refusal, notice = self._needs_ground()
        return {
            "outcomes": {kind: combo.currentData() for kind, combo in self.outcomes.items()},
            "ground": self.ground.currentData() if refusal else None,
            "purpose_notice_ground": self.notice_ground.currentData() if notice else None,
            "explanation": self.explanation.toPlainText().strip(),
        }

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


#: the widest request number: an 8-character branch code, terminal, fiscal year, sequence
LONGEST_NUMBER = "R-WWWWWWWW-00-0000-000000"


class RequestDetailDialog(QDialog):
    """The detail window of one request. Emits ``changed`` after anything was recorded."""

    changed = Signal()

    def __init__(self, context: Any, request_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.request_id = request_id
        self.detail: RequestDetail | None = None
        self.previews: list[PdfPreviewDialog] = []
        self.decision_dialog: DecisionDialog | None = None
        self.settlement_dialog: SettlementDialog | None = None
        self._preview_approver: Any = None
        self.setObjectName("detail_window")

        self.header = QGridLayout()
        self.fields: dict[str, QLabel] = {}
        labels = (
            ("number", self.tr("受付番号")),
            ("status", self.tr("状況")),
            ("received", self.tr("受付日時")),
            ("requester", self.tr("請求者")),
            ("proxy", self.tr("代理人")),
            ("delivery", self.tr("回答の方法")),
            ("target", self.tr("回答期限")),
            ("lawsuit", self.tr("訴え提起が可能になる日")),
            ("fee", self.tr("手数料")),
        )
        # Three label/value pairs a line, in a grid: each label column is as wide as its
        # widest label (訴え提起が可能になる日), a value starts half an em after its label's
        # colon, and a pair is set apart from the next by two ems (an overdue text no longer
        # runs into the next label). The value columns share the rest of the width.
        em = self.fontMetrics().horizontalAdvance("\u3000")
        self.header.setHorizontalSpacing(label_gap(self))
        self.header_labels: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(labels):
            label = QLabel(text + ":")
            label.setObjectName(f"detail_{key}_label")
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.header_labels[key] = label
            if key == "number":  # never cut (the window scrolls instead): R-BR01-02-2026-000123
                value.setMinimumWidth(value.fontMetrics().horizontalAdvance(LONGEST_NUMBER))
            self.header.addWidget(label, i // 3, (i % 3) * 3)
            self.header.addWidget(value, i // 3, (i % 3) * 3 + 1)
        for pair in range(3):
            self.header.setColumnStretch(pair * 3 + 1, 1)
            if pair < 2:
                self.header.setColumnMinimumWidth(pair * 3 + 2, 2 * em)

        self.items = _table([self.tr("請求の種類"), self.tr("内容"), self.tr("回答")])
        self.items.setObjectName("items_table")
        self.items.horizontalHeader().setStretchLastSection(False)
        self.items.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items.setWordWrap(True)
        self.receipts = _table(
            [self.tr("領収書番号"), self.tr("金額"), self.tr("状態"), self.tr("再発行")]
        )
        self.receipts.setObjectName("receipts_table")
        self.settlements = _table(
            [self.tr("精算書番号"), self.tr("精算額"), self.tr("状態"), self.tr("写しの枚数")]
        )
        self.settlements.setObjectName("settlements_table")
        self.timeline = _table(
            [self.tr("日時"), self.tr("できごと"), self.tr("担当"), self.tr("承認")]
        )
        self.timeline.setObjectName("timeline_table")

        self.start_button = QPushButton(self.tr("対応開始(&S)"))
        self.decide_button = QPushButton(self.tr("回答(&A)…"))
        self.extend_button = QPushButton(self.tr("期限延長(&E)…"))
        self.withdraw_button = QPushButton(self.tr("取下げ(&W)…"))
        self.slip_button = QPushButton(self.tr("受付票を印刷(&U)"))
        self.reprint_button = QPushButton(self.tr("領収書を再発行(&R)"))
        self.void_button = QPushButton(self.tr("領収書を取消(&V)…"))
        self.settle_button = QPushButton(self.tr("精算(&J)…"))
        self.settle_void_button = QPushButton(self.tr("精算を取消(&K)…"))
        self.settle_reprint_button = QPushButton(self.tr("精算書を再発行(&P)"))
        close = QPushButton(self.tr("閉じる(&C)"))
        for name, button in (
            ("start_button", self.start_button),
            ("decide_button", self.decide_button),
            ("extend_button", self.extend_button),
            ("withdraw_button", self.withdraw_button),
            ("slip_button", self.slip_button),
            ("reprint_button", self.reprint_button),
            ("void_button", self.void_button),
            ("settle_button", self.settle_button),
            ("settle_void_button", self.settle_void_button),
            ("settle_reprint_button", self.settle_reprint_button),
        ):
            button.setObjectName(name)
        self.start_button.clicked.connect(self.start_work)
        self.decide_button.clicked.connect(self.open_decision)
        self.extend_button.clicked.connect(self.extend)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.slip_button.clicked.connect(self.print_slip)
        self.reprint_button.clicked.connect(self.reprint_receipt)
        self.void_button.clicked.connect(self.void_receipt)
        self.settle_button.clicked.connect(self.open_settlement)
        self.settle_void_button.clicked.connect(self.void_settlement)
        self.settle_reprint_button.clicked.connect(self.reprint_settlement)
        close.clicked.connect(self.accept)
        self.receipts.itemSelectionChanged.connect(self._update_buttons)
        self.settlements.itemSelectionChanged.connect(self._update_buttons)

        request_actions = QHBoxLayout()
        for button in (self.start_button, self.decide_button, self.extend_button):
            request_actions.addWidget(button)
        request_actions.addWidget(self.withdraw_button)
        request_actions.addStretch(1)
        request_actions.addWidget(self.slip_button)
        # a decision made at head office (issue 12): said, and its notice letters printable
        self.head_office = QLabel()
        self.head_office.setObjectName("detail_head_office_decision")
        self.head_office.setWordWrap(True)
        self.head_office_button = QPushButton(self.tr("本部の決定の通知書(&H)"))
        self.head_office_button.setObjectName("head_office_notice_button")
        self.head_office_button.clicked.connect(self.print_head_office_notices)
        head_office_row = QHBoxLayout()
        head_office_row.addWidget(self.head_office, 1)
        head_office_row.addWidget(self.head_office_button)
        receipt_actions = QHBoxLayout()
        # 精算 (domain.md §10): a request taken with the page count 未定 is 精算待ち
        self.settlement_state = QLabel()
        self.settlement_state.setObjectName("detail_settlement")
        self.settlement_state.setStyleSheet("color: #8a5a00; font-weight: bold;")
        receipt_actions.addWidget(self.settlement_state)
        receipt_actions.addWidget(self.settle_button)
        receipt_actions.addWidget(self.settle_reprint_button)
        receipt_actions.addWidget(self.settle_void_button)
        receipt_actions.addStretch(1)
        receipt_actions.addWidget(self.reprint_button)
        receipt_actions.addWidget(self.void_button)

        items_box = QGroupBox(self.tr("請求の内容"))
        QVBoxLayout(items_box).addWidget(self.items)
        receipts_box = QGroupBox(self.tr("領収書"))
        receipts_layout = QVBoxLayout(receipts_box)
        receipts_layout.addWidget(self.receipts)
        receipts_layout.addWidget(self.settlements)
        receipts_layout.addLayout(receipt_actions)
        timeline_box = QGroupBox(self.tr("経過"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        self.alert = QLabel()
        self.alert.setObjectName("detail_alert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(
            "background: #ffd6d6; color: #8b0000; border: 1px solid #d9534f;"
            " padding: 6px; font-weight: bold;"
        )
        self.alert.hide()

        # Everything but 閉じる scrolls: on a 1024 x 768 screen in large text the window is
        # no wider or taller than the screen, and nothing is cut (it scrolls instead).
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setObjectName("detail_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout.addWidget(self.alert)
        layout.addLayout(self.header)
        layout.addLayout(request_actions)
        layout.addLayout(head_office_row)
        layout.addWidget(items_box, 2)
        layout.addWidget(receipts_box, 1)
        layout.addWidget(timeline_box, 3)
        bottom = QHBoxLayout()
        self.done_label = QLabel()
        self.done_label.setObjectName("detail_done")
        self.done_label.setStyleSheet("color: #1b5e20;")
        bottom.addWidget(self.done_label, 1)
        bottom.addWidget(close)
        outer.addLayout(bottom)
        resize_to_fit(self, 980, 760)
        self.reload()

    # ------------------------------------------------------------- display
    def reload(self) -> None:
        import ui.services_adapter as adapter

        try:
            self.detail = adapter.request_detail(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return
        d = self.detail
        self.setWindowTitle(self.tr("請求の詳細: %1").replace("%1", d.number))
        self.fields["number"].setText(d.number)
        self.fields["status"].setText(d.status_label)
        self.fields["received"].setText(d.received_at.astimezone(TOKYO).strftime("%Y/%m/%d %H:%M"))
        self.fields["requester"].setText(d.requester)
        self.fields["proxy"].setText(d.proxy or self.tr("なし (本人)"))
        self.fields["delivery"].setText(d.delivery_label)
        target = d.extended_target_on or d.target_on
        target_text = target.strftime("%Y/%m/%d") if target else "—"
        if d.extended_target_on:
            target_text += self.tr(" (延長後)")
        if d.days_left is not None:
            if d.overdue:
                target_text += self.tr("  %1日超過").replace("%1", str(abs(d.days_left)))
            else:
                target_text += self.tr("  あと%1日").replace("%1", str(d.days_left))
        self.fields["target"].setText(target_text)
        self.fields["target"].setStyleSheet(
            "color: #8b0000; font-weight: bold;" if d.overdue else ""
        )
        self.fields["lawsuit"].setText(
            d.lawsuit_possible_from.strftime("%Y/%m/%d") if d.lawsuit_possible_from else "—"
        )
        alerts = []
        if d.overdue and d.days_left is not None:
            alerts.append(
                self.tr(
                    "回答期限を%1日過ぎています。至急、回答または期限延長の手続きをしてください。"
                ).replace("%1", str(abs(d.days_left)))
            )
        today = self.context.today() if hasattr(self.context, "today") else None
        if (
            d.days_left is not None
            and d.lawsuit_possible_from
            and today
            and today >= d.lawsuit_possible_from
        ):
            alerts.append(
                self.tr("ご本人は訴えを提起できる状態です (法第39条: %1から)。").replace(
                    "%1", era_date_text(d.lawsuit_possible_from)
                )
            )
        self.alert.setText("\n".join(alerts))
        self.alert.setVisible(bool(alerts))
        fee = _yen(d.fee_total)
        if d.settlement_label:
            fee += f" ({d.settlement_label})"
        self.fields["fee"].setText(fee)
        self.settlement_state.setText(
            self.tr("精算待ち: 写しの枚数が決まったら精算してください。")
            if d.settlement_state == "pending"
            else ""
        )
        self.head_office.setText(
            self.tr("本部の決定 (%1 %2): %3")
            .replace("%1", d.head_office_decided_at)
            .replace("%2", d.head_office_decided_by)
            .replace("%3", d.head_office_outcomes)
        )
        self.head_office.setVisible(bool(d.head_office_decided_at))
        self.head_office_button.setVisible(bool(d.head_office_decided_at))
        self.settlements.setRowCount(len(d.settlements))
        self.settlements.setVisible(bool(d.settlements))
        for r, settlement in enumerate(d.settlements):
            state = (
                self.tr("取消伝票")
                if settlement.is_void_record
                else (self.tr("取消済") if settlement.voided else self.tr("有効"))
            )
            amount = settlement.total
            money = (
                self.tr("受領 %1").replace("%1", _yen(amount))
                if amount > 0
                else self.tr("返金 %1").replace("%1", _yen(-amount))
                if amount < 0
                else _yen(0)
            )
            values = (settlement.number, money, state, str(settlement.pages))
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, settlement.settlement_id)
                self.settlements.setItem(r, c, cell)
        if d.settlements:
            self.settlements.selectRow(len(d.settlements) - 1)

        self.items.setRowCount(len(d.items))
        for r, item in enumerate(d.items):
            for c, text in enumerate(
                (item.label, item.details, item.outcome_label or self.tr("未回答"))
            ):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.items.setItem(r, c, cell)
        self.items.resizeRowsToContents()
        self.receipts.setRowCount(len(d.receipts))
        for r, receipt in enumerate(d.receipts):
            state = (
                self.tr("取消伝票")
                if receipt.is_void_record
                else (self.tr("取消済") if receipt.voided else self.tr("有効"))
            )
            reprints = (
                self.tr("%1回").replace("%1", str(receipt.reprint_count))
                if receipt.reprint_count
                else self.tr("なし")
            )
            values = (receipt.number, _yen(receipt.total), state, reprints)
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, receipt.receipt_id)
                self.receipts.setItem(r, c, cell)
        if d.receipts:
            self.receipts.selectRow(0)
        self.timeline.setRowCount(len(d.timeline))
        for r, entry in enumerate(d.timeline):
            values = (
                entry.at.astimezone(TOKYO).strftime("%Y/%m/%d %H:%M"),
                entry.text,
                entry.actor,
                entry.approver,
            )
            for c, text in enumerate(values):
                self.timeline.setItem(r, c, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        d = self.detail
        allowed = d.allowed if d else frozenset()
        self.start_button.setEnabled("in_progress" in allowed)
        self.decide_button.setEnabled("decided" in allowed)
        self.extend_button.setEnabled("extended" in allowed)
        self.withdraw_button.setEnabled("withdrawn" in allowed)
        receipt = self.selected_receipt()
        usable = receipt is not None and not receipt.is_void_record
        self.reprint_button.setEnabled(usable)
        self.void_button.setEnabled(usable and receipt is not None and not receipt.voided)
        self.settle_button.setEnabled(bool(d and d.settlement_state == "pending"))
        settlement = self.selected_settlement()
        self.settle_void_button.setEnabled(
            settlement is not None and not settlement.is_void_record and not settlement.voided
        )
        self.settle_void_button.setVisible(bool(d and d.settlements))
        self.settle_reprint_button.setEnabled(
            settlement is not None and not settlement.is_void_record
        )
        self.settle_reprint_button.setVisible(bool(d and d.settlements))
        self.settle_button.setVisible(bool(d and d.settlement_state))

    def selected_receipt(self):  # -> ReceiptInfo | None
        if self.detail is None:
            return None
        rows = self.receipts.selectionModel().selectedRows()
        if not rows:
            return None
        return self.detail.receipts[rows[0].row()]

    def selected_settlement(self):  # -> SettlementInfo | None
        if self.detail is None or not self.detail.settlements:
            return None
        rows = self.settlements.selectionModel().selectedRows()
        if not rows:
            return None
        return self.detail.settlements[rows[0].row()]

    # --------------------------------------------------------------- helpers
    def _may(self, permission: str) -> bool:
        from counter_app.security.roles import Permission

        actor = self.context.actor
        return actor is not None and bool(actor.may(Permission(permission)))

    def _approver_if_needed(self, permission: str, purpose: str) -> tuple[bool, Any]:
        """(go on?, approver): ask a supervisor only when the actor's role is not enough."""
        if self._may(permission):
            return True, None
        # over the question being answered (a reason), if one is open
        parent = QApplication.activeModalWidget() or self
        approver = Dialogs.supervisor_approval(parent, self.context, purpose, permission)
        return approver is not None, approver

    def _approval_once(self, permission: str, purpose: str) -> Callable[[], tuple[bool, Any]]:
        """:meth:`_approver_if_needed` for one question: once a supervisor has approved,
        a reason corrected after a refusal is not approved a second time."""
        given: list[Any] = []

        def approval() -> tuple[bool, Any]:
            if given:
                return True, given[0]
            go, approver = self._approver_if_needed(permission, purpose)
            if go:
                given.append(approver)
            return go, approver

        return approval

    def _not_approved(self) -> str:
        return self.tr("責任者の承認がなかったため、記録していません。入力した理由はそのままです。")

    def show_pdf(self, pdf: bytes, title: str, *, allow_print: bool = True) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(pdf, title, self, allow_print=allow_print)
        self.previews.append(dialog)
        dialog.show()
        return dialog

    def _done(self, message: str) -> None:
        self.reload()
        self.changed.emit()
        if hasattr(self.context, "notify_changed"):
            self.context.notify_changed()
        self.done_label.setText(message)

    # --------------------------------------------------------------- actions
    def start_work(self) -> bool:
        import ui.services_adapter as adapter

        try:
            adapter.start_work(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return False
        self._done(self.tr("対応を開始しました。"))
        return True

    def open_decision(self) -> DecisionDialog | None:
        if self.detail is None:
            return None
        self.decision_dialog = DecisionDialog(self.detail, self)
        self.decision_dialog.preview_requested.connect(self.preview_decision)
        self.decision_dialog.confirmed.connect(self.decide)
        self.decision_dialog.show()
        return self.decision_dialog

    def preview_decision(self, decision: dict[str, Any]) -> list[PdfPreviewDialog]:
        """The notice letters as they will print, before the decision is recorded."""
        import ui.services_adapter as adapter
        from ui.dialogs import user_text

        if not self._may("decide_request") and self._preview_approver is None:
            go, self._preview_approver = self._approver_if_needed(
                "decide_request", self.tr("請求への回答 (通知書の確認)")
            )
            if not go:
                return []
        try:
            pdfs = adapter.preview_notice(
                self.context, self.request_id, decision, self._preview_approver
            )
        except Exception as exc:
            if self.decision_dialog is not None:
                self.decision_dialog.show_problem(user_text(exc))
            else:
                Dialogs.failure(self, exc)
            return []
        return [self.show_pdf(pdf, self.tr("通知書 (確認用)"), allow_print=False) for pdf in pdfs]

    def decide(self, decision: dict[str, Any]) -> bool:
        import ui.services_adapter as adapter
        from ui.dialogs import user_text

        number = self.detail.number if self.detail else ""
        if self._preview_approver is not None:
            approver = self._preview_approver  # approved when the notice was previewed
        else:
            go, approver = self._approver_if_needed(
                "decide_request", self.tr("請求への回答 (%1)").replace("%1", number)
            )
            if not go:
                return False
        try:
            pdfs = adapter.decide(self.context, self.request_id, decision, approver)
        except Exception as exc:
            if self.decision_dialog is not None:
                self.decision_dialog.show_problem(user_text(exc))
            else:
                Dialogs.failure(self, exc)
            return False
        if self.decision_dialog is not None:
            self.decision_dialog.accept()
        self._done(self.tr("回答を登録しました。"))
        for pdf in pdfs:
            self.show_pdf(pdf, self.tr("通知書"))
        return True

    def extend(self) -> bool:
        """Ask the reason (printed on the notice) and extend; a refusal is shown in the
        question, which keeps the reason."""
        import ui.services_adapter as adapter

        done: list[bytes] = []
        approval = self._approval_once("decide_request", self.tr("回答期限の延長"))

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(adapter.extend(self.context, self.request_id, reason, approver))
            return None

        if not Dialogs.ask_reason(
            self,
            self.tr("回答期限の延長"),
            self.tr("延長の理由 (ご本人への通知書に記載されます。延長は1回のみ):"),
            submit,
            empty=self.tr("延長の理由を入力してください。"),
            limit=_text_limit(),
            multiline=True,
            ok_text=self.tr("延長する"),
        ):
            return False
        self._done(self.tr("回答期限を延長しました。"))
        self.show_pdf(done[0], self.tr("期限延長のお知らせ"))
        return True

    def withdraw(self) -> bool:
        """Ask the reason and record the withdrawal (the question says what OK records, so
        a refused reason is corrected in it without a confirmation each time)."""
        import ui.services_adapter as adapter

        def submit(reason: str) -> str | None:
            adapter.withdraw(self.context, self.request_id, reason)
            return None

        if not Dialogs.ask_reason(
            self,
            self.tr("請求の取下げ"),
            self.tr("この請求を取下げとして記録します。\n取下げの理由 (ご本人の申し出など):"),
            submit,
            empty=self.tr("取下げの理由を入力してください。"),
            limit=_text_limit(),
            ok_text=self.tr("取下げを記録"),
        ):
            return False
        self._done(self.tr("取下げを記録しました。"))
        return True

    def print_head_office_notices(self) -> list[PdfPreviewDialog]:
        """The notice letters of head office's decision, previewed for printing."""
        import ui.services_adapter as adapter

        try:
            pdfs = adapter.head_office_notices(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return []
        return [self.show_pdf(pdf, self.tr("通知書")) for pdf in pdfs]

    def print_slip(self) -> PdfPreviewDialog | None:
        import ui.services_adapter as adapter

        try:
            pdf = adapter.slip_pdf(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        return self.show_pdf(pdf, self.tr("受付票"))

    def reprint_receipt(self) -> PdfPreviewDialog | None:
        import ui.services_adapter as adapter

        receipt = self.selected_receipt()
        if receipt is None:
            return None
        if not Dialogs.confirm(
            self,
            self.tr("領収書 %1 を再発行します。「再発行」と印字され、回数が記録されます。").replace(
                "%1", receipt.number
            ),
        ):
            return None
        go, approver = self._approver_if_needed("reprint_receipt", self.tr("領収書の再発行"))
        if not go:
            return None
        try:
            pdf = adapter.reprint_receipt(self.context, receipt.receipt_id, approver)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        self._done("")
        return self.show_pdf(pdf, self.tr("領収書 (再発行)"))

    def void_receipt(self) -> PdfPreviewDialog | None:
        import ui.services_adapter as adapter

        receipt = self.selected_receipt()
        if receipt is None:
            return None
        done: list[bytes] = []
        approval = self._approval_once(
            "void_receipt", self.tr("領収書の取消 (%1)").replace("%1", receipt.number)
        )

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(adapter.void_receipt(self.context, receipt.receipt_id, reason, approver))
            return None

        if not Dialogs.ask_reason(
            self,
            self.tr("領収書の取消"),
            self.tr("領収書 %1 (%2) を取り消す理由:")
            .replace("%1", receipt.number)
            .replace("%2", _yen(receipt.total)),
            submit,
            empty=self.tr("取消の理由を入力してください。"),
            limit=_text_limit(),
            ok_text=self.tr("取り消す"),
        ):
            return None
        self._done(self.tr("領収書を取り消しました。"))
        return self.show_pdf(done[0], self.tr("領収書 (取消)"))

    # --------------------------------------------------------------- 精算
    def open_settlement(self) -> SettlementDialog | None:
        """The 精算 dialog: the actual count, the difference, the cash; once recorded, the
        精算書 opens in the print preview."""
        import ui.services_adapter as adapter

        if self.detail is None or self.detail.settlement_state != "pending":
            return None
        printed: list[bytes] = []

        def submit(pages: int, received: int) -> str | None:
            printed.append(
                adapter.record_settlement(self.context, self.request_id, pages, received)
            )
            return None

        dialog = SettlementDialog(
            self.detail.number,
            lambda pages: adapter.preview_settlement(self.context, self.request_id, pages),
            submit,
            self,
        )
        self.settlement_dialog = dialog
        dialog.accepted.connect(
            lambda: self._settled(printed[0]) if printed else None  # type: ignore[func-returns-value]
        )
        dialog.show()
        return dialog

    def _settled(self, pdf: bytes) -> None:
        self._done(self.tr("精算を記録しました。"))
        self.show_pdf(pdf, self.tr("精算書"))

    def reprint_settlement(self) -> PdfPreviewDialog | None:
        import ui.services_adapter as adapter

        settlement = self.selected_settlement()
        if settlement is None or settlement.is_void_record:
            return None
        if not Dialogs.confirm(
            self,
            self.tr("精算書 %1 を再発行します。「再発行」と印字され、回数が記録されます。").replace(
                "%1", settlement.number
            ),
        ):
            return None
        try:
            pdf = adapter.reprint_settlement(self.context, settlement.settlement_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        self._done("")
        return self.show_pdf(pdf, self.tr("精算書 (再発行)"))

    def void_settlement(self) -> PdfPreviewDialog | None:
        import ui.services_adapter as adapter

        settlement = self.selected_settlement()
        if settlement is None or settlement.is_void_record or settlement.voided:
            return None
        done: list[bytes] = []
        approval = self._approval_once(
            "void_receipt", self.tr("精算の取消 (%1)").replace("%1", settlement.number)
        )

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(
                adapter.void_settlement(self.context, settlement.settlement_id, reason, approver)
            )
            return None

        if not Dialogs.ask_reason(
            self,
            self.tr("精算の取消"),
            self.tr("精算書 %1 を取り消す理由 (請求は精算待ちに戻ります):").replace(
                "%1", settlement.number
            ),
            submit,
            empty=self.tr("取消の理由を入力してください。"),
            limit=_text_limit(),
            ok_text=self.tr("取り消す"),
        ):
            return None
        self._done(self.tr("精算を取り消しました。"))
        return self.show_pdf(done[0], self.tr("精算書 (取消)"))


def _text_limit() -> int:
    """The services' longest reason or explanation (characters)."""
    import ui.services_adapter as adapter

    return adapter.text_limits()["text"]


__all__ = ["DecisionDialog", "ItemInfo", "RequestDetailDialog"]
