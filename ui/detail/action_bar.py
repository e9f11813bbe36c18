"""The detail window's buttons: what can be done to the request (対応開始, 回答, 期限延長,
取下げ, 受付票) and to its money (精算, 精算書, 領収書), each with its own Alt+letter, and which
of them apply to the request and the receipt or 精算書 selected.

Which moves a request allows is the domain's (``RequestDetail.allowed``); a button only
offers what the services would accept. The texts are translated in the window's context
(``RequestDetailDialog``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from ui.facade.request_records import ReceiptInfo, RequestDetail, SettlementInfo


@dataclass(frozen=True)
class ActionButtons:
    start: QPushButton
    decide: QPushButton
    extend: QPushButton
    withdraw: QPushButton
    slip: QPushButton
    reprint: QPushButton
    void: QPushButton
    settle: QPushButton
    settle_void: QPushButton
    settle_reprint: QPushButton
    close: QPushButton


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    return button


def make_buttons() -> ActionButtons:
    return ActionButtons(
        start=_button(
            QCoreApplication.translate("RequestDetailDialog", "対応開始(&S)"), "start_button"
        ),
        decide=_button(
            QCoreApplication.translate("RequestDetailDialog", "回答(&A)…"), "decide_button"
        ),
        extend=_button(
            QCoreApplication.translate("RequestDetailDialog", "期限延長(&E)…"), "extend_button"
        ),
        withdraw=_button(
            QCoreApplication.translate("RequestDetailDialog", "取下げ(&W)…"), "withdraw_button"
        ),
        slip=_button(
            QCoreApplication.translate("RequestDetailDialog", "受付票を印刷(&U)"), "slip_button"
        ),
        reprint=_button(
            QCoreApplication.translate("RequestDetailDialog", "領収書を再発行(&R)"),
            "reprint_button",
        ),
        void=_button(
            QCoreApplication.translate("RequestDetailDialog", "領収書を取消(&V)…"), "void_button"
        ),
        settle=_button(
            QCoreApplication.translate("RequestDetailDialog", "精算(&J)…"), "settle_button"
        ),
        settle_void=_button(
            QCoreApplication.translate("RequestDetailDialog", "精算を取消(&K)…"),
            "settle_void_button",
        ),
        settle_reprint=_button(
            QCoreApplication.translate("RequestDetailDialog", "精算書を再発行(&P)"),
            "settle_reprint_button",
        ),
        close=_button(QCoreApplication.translate("RequestDetailDialog", "閉じる(&C)")),
    )


def request_row(buttons: ActionButtons) -> QHBoxLayout:
    """対応開始 回答 期限延長 取下げ … 受付票を印刷."""
    row = QHBoxLayout()
    for button in (buttons.start, buttons.decide, buttons.extend):
        row.addWidget(button)
    row.addWidget(buttons.withdraw)
    row.addStretch(1)
    row.addWidget(buttons.slip)
    return row


def settlement_state_label() -> QLabel:
    """「精算待ち…」 beside the 精算 button (domain.md §10: a request taken with the page
    count 未定 is 精算待ち)."""
    label = QLabel()
    label.setObjectName("detail_settlement")
    label.setStyleSheet("color: #8a5a00; font-weight: bold;")
    return label


def money_row(buttons: ActionButtons, settlement_state: QLabel) -> QHBoxLayout:
    """精算待ち 精算 精算書を再発行 精算を取消 … 領収書を再発行 領収書を取消."""
    row = QHBoxLayout()
    row.addWidget(settlement_state)
    row.addWidget(buttons.settle)
    row.addWidget(buttons.settle_reprint)
    row.addWidget(buttons.settle_void)
    row.addStretch(1)
    row.addWidget(buttons.reprint)
    row.addWidget(buttons.void)
    return row


def update_buttons(
    buttons: ActionButtons,
    d: RequestDetail | None,
    receipt: ReceiptInfo | None,
    settlement: SettlementInfo | None,
) -> None:
    """Enable what applies to the request ``d`` and the selected receipt and 精算書."""
    allowed = d.allowed if d else frozenset()
    buttons.start.setEnabled("in_progress" in allowed)
    buttons.decide.setEnabled("decided" in allowed)
    buttons.extend.setEnabled("extended" in allowed)
    buttons.withdraw.setEnabled("withdrawn" in allowed)
    usable = receipt is not None and not receipt.is_void_record
    buttons.reprint.setEnabled(usable)
    buttons.void.setEnabled(usable and receipt is not None and not receipt.voided)
    buttons.settle.setEnabled(bool(d and d.settlement_state == "pending"))
    buttons.settle_void.setEnabled(
        settlement is not None and not settlement.is_void_record and not settlement.voided
    )
    buttons.settle_void.setVisible(bool(d and d.settlements))
    buttons.settle_reprint.setEnabled(settlement is not None and not settlement.is_void_record)
    buttons.settle_reprint.setVisible(bool(d and d.settlements))
    buttons.settle.setVisible(bool(d and d.settlement_state))
