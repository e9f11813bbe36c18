"""The desk's main window: the work list, the deadline board and the statistics."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.domain.calendar import BusinessCalendar
from counter_app.headoffice.desk.accounts import DeskAccount
from counter_app.headoffice.desk.decisions import fiscal_year
from counter_app.headoffice.desk.worklist import WorkItem
from counter_app.printables.issuer import Issuer
from ui.headoffice.board_view import BoardView
from ui.headoffice.request_panel import RequestPanel
from ui.headoffice.stats_view import StatsView
from ui.headoffice.work_list import WorkListView


class DeskWindow(QMainWindow):
    def __init__(
        self,
        connection,
        account: DeskAccount,
        today: dt.date,
        calendar: BusinessCalendar,
        issuer: Issuer | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("個人情報開示等請求 本部デスク"))
        self.connection, self.account, self.today, self.issuer = connection, account, today, issuer
        self.work_list = WorkListView(connection, today)
        self.work_list.on_open = self.open_request
        self.panel: RequestPanel | None = None
        self.board = BoardView(connection, today, calendar)
        self.stats = StatsView(connection, fiscal_year(today))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.work_list, self.tr("作業一覧"))
        self.tabs.addTab(self.board, self.tr("期限ボード"))
        self.tabs.addTab(self.stats, self.tr("統計"))
        who = QLabel(
            self.tr("%1 (%2)").replace("%1", account.display_name).replace("%2", account.role.label)
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(who)
        layout.addWidget(self.tabs)
        self.setCentralWidget(body)
        self.resize(1200, 760)

    def open_request(self, item: WorkItem) -> RequestPanel:
        """The request's panel (timeline, assignment, decision, letters)."""
        self.panel = RequestPanel(
            self.connection, self.account, item, self.today, self.issuer, self
        )
        self.panel.show()
        return self.panel

    def load(self) -> None:
        self.work_list.reload()
        self.board.reload()
        self.stats.reload()

    def closeEvent(self, event) -> None:
        self.connection.close()
        super().closeEvent(event)
