"""The detail window of one request: its header, its tables (請求の内容, 領収書 and 精算書,
経過) and its buttons.

What it is made of, each in its own module of ``ui/detail/``:

- :mod:`.header` — number, state, dates, people, fee, and the red alert;
- :mod:`.tables` — the request's types, receipts, 精算書 and timeline;
- :mod:`.action_bar` — the buttons and which of them apply;
- :mod:`.actions` — 対応開始, 回答, 期限延長, 取下げ, 受付票 (a part of this window);
- :mod:`.decision_dialog` — the 回答 dialog (outcomes, grounds, explanation);
- :mod:`.money` — reprint and void a receipt, the 精算 (a part of this window);
- :mod:`.base` — what they share (the request, approvals, previews).

Everything it shows comes from :func:`ui.facade.request_detail.request_detail`; everything it
records goes through ``ui.facade``. Role guards are the services'
(``counter_app.security.roles``): this window only asks for an approval when the logged-in
person's role is not enough, and shows any refusal as it comes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.detail.action_bar import (
    make_buttons,
    money_row,
    request_row,
    settlement_state_label,
    update_buttons,
)
from ui.detail.actions import RequestActions
from ui.detail.decision_dialog import DecisionDialog
from ui.detail.header import build_alert, build_header, show_alert, show_header
from ui.detail.money import PaymentActions
from ui.detail.tables import (
    read_only_table,
    show_items,
    show_receipts,
    show_settlements,
    show_timeline,
)
from ui.dialogs import Dialogs
from ui.facade import request_detail
from ui.facade.request_records import RequestDetail
from ui.pdf_preview import PdfPreviewDialog
from ui.screen_fit import resize_to_fit
from ui.settlement_dialog import SettlementDialog


class RequestDetailDialog(RequestActions, PaymentActions):
    """The detail window of one request. Emits ``changed`` after anything was recorded."""

    def __init__(self, context: AppContext, request_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.request_id = request_id
        self.detail: RequestDetail | None = None
        self.previews: list[PdfPreviewDialog] = []
        self.decision_dialog: DecisionDialog | None = None
        self.settlement_dialog: SettlementDialog | None = None
        self._preview_approver: Any = None
        self.setObjectName("detail_window")

        self.header, self.fields, self.header_labels = build_header(self)

        self.items = read_only_table([self.tr("請求の種類"), self.tr("内容"), self.tr("回答")])
        self.items.setObjectName("items_table")
        self.items.horizontalHeader().setStretchLastSection(False)
        self.items.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items.setWordWrap(True)
        self.receipts = read_only_table(
            [self.tr("領収書番号"), self.tr("金額"), self.tr("状態"), self.tr("再発行")]
        )
        self.receipts.setObjectName("receipts_table")
        self.settlements = read_only_table(
            [self.tr("精算書番号"), self.tr("精算額"), self.tr("状態"), self.tr("写しの枚数")]
        )
        self.settlements.setObjectName("settlements_table")
        self.timeline = read_only_table(
            [self.tr("日時"), self.tr("できごと"), self.tr("担当"), self.tr("承認")]
        )
        self.timeline.setObjectName("timeline_table")

        self.buttons = buttons = make_buttons()
        self.start_button = buttons.start
        self.decide_button = buttons.decide
        self.extend_button = buttons.extend
        self.withdraw_button = buttons.withdraw
        self.slip_button = buttons.slip
        self.reprint_button = buttons.reprint
        self.void_button = buttons.void
        self.settle_button = buttons.settle
        self.settle_void_button = buttons.settle_void
        self.settle_reprint_button = buttons.settle_reprint
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
        buttons.close.clicked.connect(self.accept)
        self.receipts.itemSelectionChanged.connect(self._update_buttons)
        self.settlements.itemSelectionChanged.connect(self._update_buttons)
        self.settlement_state = settlement_state_label()
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

        items_box = QGroupBox(self.tr("請求の内容"))
        QVBoxLayout(items_box).addWidget(self.items)
        receipts_box = QGroupBox(self.tr("領収書"))
        receipts_layout = QVBoxLayout(receipts_box)
        receipts_layout.addWidget(self.receipts)
        receipts_layout.addWidget(self.settlements)
        receipts_layout.addLayout(money_row(buttons, self.settlement_state))
        timeline_box = QGroupBox(self.tr("経過"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        self.alert = build_alert()

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
        layout.addLayout(request_row(buttons))
        layout.addLayout(head_office_row)
        layout.addWidget(items_box, 2)
        layout.addWidget(receipts_box, 1)
        layout.addWidget(timeline_box, 3)
        bottom = QHBoxLayout()
        self.done_label = QLabel()
        self.done_label.setObjectName("detail_done")
        self.done_label.setStyleSheet("color: #1b5e20;")
        bottom.addWidget(self.done_label, 1)
        bottom.addWidget(buttons.close)
        outer.addLayout(bottom)
        resize_to_fit(self, 980, 760)
        self.reload()

    # ------------------------------------------------------------- display
    def reload(self) -> None:
        try:
            self.detail = request_detail.request_detail(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return
        d = self.detail
        self.setWindowTitle(self.tr("請求の詳細: %1").replace("%1", d.number))
        show_header(self.fields, d)
        today = self.context.today() if hasattr(self.context, "today") else None
        show_alert(self.alert, d, today)
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
        show_settlements(self.settlements, d.settlements)
        show_items(self.items, d.items)
        show_receipts(self.receipts, d.receipts)
        show_timeline(self.timeline, d.timeline)
        self._update_buttons()

    def _update_buttons(self) -> None:
        update_buttons(
            self.buttons, self.detail, self.selected_receipt(), self.selected_settlement()
        )
