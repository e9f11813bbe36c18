"""What the detail window does to the request's money: reprint or void a receipt, and the
精算 of a request taken with the page count 未定 (settle, reprint or void its 精算書). Each
opens the paper to print in the preview.

A part of :class:`ui.detail.window.RequestDetailDialog` (the approvals, ``show_pdf`` and
``_done`` of :class:`~ui.detail.base.DetailWindowBase`). Voiding is a supervisor's action:
a staff member has a supervisor approve it on this screen. The texts are translated in the
window's context (``RequestDetailDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.detail.base import DetailWindowBase
from ui.detail.tables import yen
from ui.dialogs import Dialogs
from ui.facade import payments
from ui.facade.session import text_limits
from ui.pdf_preview import PdfPreviewDialog
from ui.settlement_dialog import SettlementDialog


class PaymentActions(DetailWindowBase):
    """領収書 and 精算書 of the window's request."""

    def reprint_receipt(self) -> PdfPreviewDialog | None:
        receipt = self.selected_receipt()
        if receipt is None:
            return None
        if not Dialogs.confirm(
            self,
            QCoreApplication.translate(
                "RequestDetailDialog",
                "領収書 %1 を再発行します。「再発行」と印字され、回数が記録されます。",
            ).replace("%1", receipt.number),
        ):
            return None
        go, approver = self._approver_if_needed(
            "reprint_receipt", QCoreApplication.translate("RequestDetailDialog", "領収書の再発行")
        )
        if not go:
            return None
        try:
            pdf = payments.reprint_receipt(self.context, receipt.receipt_id, approver)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        self._done("")
        return self.show_pdf(
            pdf, QCoreApplication.translate("RequestDetailDialog", "領収書 (再発行)")
        )

    def void_receipt(self) -> PdfPreviewDialog | None:
        receipt = self.selected_receipt()
        if receipt is None:
            return None
        done: list[bytes] = []
        approval = self._approval_once(
            "void_receipt",
            QCoreApplication.translate("RequestDetailDialog", "領収書の取消 (%1)").replace(
                "%1", receipt.number
            ),
        )

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(payments.void_receipt(self.context, receipt.receipt_id, reason, approver))
            return None

        if not Dialogs.ask_reason(
            self,
            QCoreApplication.translate("RequestDetailDialog", "領収書の取消"),
            QCoreApplication.translate("RequestDetailDialog", "領収書 %1 (%2) を取り消す理由:")
            .replace("%1", receipt.number)
            .replace("%2", yen(receipt.total)),
            submit,
            empty=QCoreApplication.translate(
                "RequestDetailDialog", "取消の理由を入力してください。"
            ),
            limit=text_limits().text,
            ok_text=QCoreApplication.translate("RequestDetailDialog", "取り消す"),
        ):
            return None
        self._done(QCoreApplication.translate("RequestDetailDialog", "領収書を取り消しました。"))
        return self.show_pdf(
            done[0], QCoreApplication.translate("RequestDetailDialog", "領収書 (取消)")
        )

    def open_settlement(self) -> SettlementDialog | None:
        """The 精算 dialog: the actual count, the difference, the cash; once recorded, the
        精算書 opens in the print preview."""
        if self.detail is None or self.detail.settlement_state != "pending":
            return None
        printed: list[bytes] = []

        def submit(pages: int, received: int) -> str | None:
            printed.append(
                payments.record_settlement(self.context, self.request_id, pages, received)
            )
            return None

        dialog = SettlementDialog(
            self.detail.number,
            lambda pages: payments.preview_settlement(self.context, self.request_id, pages),
            submit,
            self,
        )
        self.settlement_dialog = dialog
        dialog.accepted.connect(lambda: self._settled(printed[0]) if printed else None)
        dialog.show()
        return dialog

    def _settled(self, pdf: bytes) -> None:
        self._done(QCoreApplication.translate("RequestDetailDialog", "精算を記録しました。"))
        self.show_pdf(pdf, QCoreApplication.translate("RequestDetailDialog", "精算書"))

    def reprint_settlement(self) -> PdfPreviewDialog | None:
        settlement = self.selected_settlement()
        if settlement is None or settlement.is_void_record:
            return None
        if not Dialogs.confirm(
            self,
            QCoreApplication.translate(
                "RequestDetailDialog",
                "精算書 %1 を再発行します。「再発行」と印字され、回数が記録されます。",
            ).replace("%1", settlement.number),
        ):
            return None
        try:
            pdf = payments.reprint_settlement(self.context, settlement.settlement_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        self._done("")
        return self.show_pdf(
            pdf, QCoreApplication.translate("RequestDetailDialog", "精算書 (再発行)")
        )

    def void_settlement(self) -> PdfPreviewDialog | None:
        settlement = self.selected_settlement()
        if settlement is None or settlement.is_void_record or settlement.voided:
            return None
        done: list[bytes] = []
        approval = self._approval_once(
            "void_receipt",
            QCoreApplication.translate("RequestDetailDialog", "精算の取消 (%1)").replace(
                "%1", settlement.number
            ),
        )

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(
                payments.void_settlement(self.context, settlement.settlement_id, reason, approver)
            )
            return None

        if not Dialogs.ask_reason(
            self,
            QCoreApplication.translate("RequestDetailDialog", "精算の取消"),
            QCoreApplication.translate(
                "RequestDetailDialog", "精算書 %1 を取り消す理由 (請求は精算待ちに戻ります):"
            ).replace("%1", settlement.number),
            submit,
            empty=QCoreApplication.translate(
                "RequestDetailDialog", "取消の理由を入力してください。"
            ),
            limit=text_limits().text,
            ok_text=QCoreApplication.translate("RequestDetailDialog", "取り消す"),
        ):
            return None
        self._done(QCoreApplication.translate("RequestDetailDialog", "精算を取り消しました。"))
        return self.show_pdf(
            done[0], QCoreApplication.translate("RequestDetailDialog", "精算書 (取消)")
        )
