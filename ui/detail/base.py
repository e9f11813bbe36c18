"""What the detail window's parts share: the request shown, the selected receipt and 精算書,
a supervisor's approval when the signed-in person's role is not enough, the previews, and
"recorded: show it again and tell the main list".

:class:`DetailWindowBase` is the dialog class the window (:mod:`.window`) and its action
mixins (:mod:`.actions`, :mod:`.money`) derive from. Its texts are translated in the
window's context (``RequestDetailDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget

from ui.context import AppContext
from ui.detail.decision_dialog import DecisionDialog
from ui.dialogs import Dialogs
from ui.facade.request_records import ReceiptInfo, RequestDetail, SettlementInfo
from ui.pdf_preview import PdfPreviewDialog
from ui.settlement_dialog import SettlementDialog


class DetailWindowBase(QDialog):
    """The state and helpers of the detail window (see the module docstring)."""

    # emitted after anything was recorded
    changed = Signal()

    context: AppContext
    request_id: str
    detail: RequestDetail | None
    previews: list[PdfPreviewDialog]
    receipts: QTableWidget
    settlements: QTableWidget
    done_label: QLabel
    decision_dialog: DecisionDialog | None
    settlement_dialog: SettlementDialog | None
    _preview_approver: Any

    def selected_receipt(self) -> ReceiptInfo | None:
        if self.detail is None:
            return None
        rows = self.receipts.selectionModel().selectedRows()
        if not rows:
            return None
        return self.detail.receipts[rows[0].row()]

    def selected_settlement(self) -> SettlementInfo | None:
        if self.detail is None or not self.detail.settlements:
            return None
        rows = self.settlements.selectionModel().selectedRows()
        if not rows:
            return None
        return self.detail.settlements[rows[0].row()]

    # --------------------------------------------------------------- approvals
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
        return QCoreApplication.translate(
            "RequestDetailDialog",
            "責任者の承認がなかったため、記録していません。入力した理由はそのままです。",
        )

    def show_pdf(self, pdf: bytes, title: str, *, allow_print: bool = True) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(pdf, title, self, allow_print=allow_print)
        self.previews.append(dialog)
        dialog.show()
        return dialog

    def reload(self) -> None:
        """Show the request as stored now (the window's own)."""
        raise NotImplementedError

    def _done(self, message: str) -> None:
        self.reload()
        self.changed.emit()
        if hasattr(self.context, "notify_changed"):
            self.context.notify_changed()
        self.done_label.setText(message)
