"""What the detail window does to the request itself: 対応開始, 回答 (the decision dialog,
its notice letters previewed unrecorded, then recorded and printed), 期限延長 (once, with a
reason printed on the notice), 取下げ (with a reason), and the 受付票.

A part of :class:`ui.detail.window.RequestDetailDialog` (the approvals, ``show_pdf`` and
``_done`` of :class:`~ui.detail.base.DetailWindowBase`). Role guards are the services': a
supervisor is asked to approve on this screen only when the signed-in person's role is not
enough. The texts are translated in the window's context (``RequestDetailDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.detail.base import DetailWindowBase
from ui.detail.decision_dialog import DecisionDialog
from ui.dialogs import Dialogs
from ui.error_text import user_text
from ui.facade import documents, request_actions
from ui.facade.request_actions import Decision
from ui.facade.session import text_limits
from ui.pdf_preview import PdfPreviewDialog


class RequestActions(DetailWindowBase):
    """対応開始, 回答, 期限延長, 取下げ and the 受付票 of the window's request."""

    def start_work(self) -> bool:
        try:
            request_actions.start_work(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return False
        self._done(QCoreApplication.translate("RequestDetailDialog", "対応を開始しました。"))
        return True

    def open_decision(self) -> DecisionDialog | None:
        if self.detail is None:
            return None
        self.decision_dialog = DecisionDialog(self.detail, self)
        self.decision_dialog.preview_requested.connect(self.preview_decision)
        self.decision_dialog.confirmed.connect(self.decide)
        self.decision_dialog.show()
        return self.decision_dialog

    def preview_decision(self, decision: Decision) -> list[PdfPreviewDialog]:
        """The notice letters as they will print, before the decision is recorded."""

        if not self._may("decide_request") and self._preview_approver is None:
            go, self._preview_approver = self._approver_if_needed(
                "decide_request",
                QCoreApplication.translate("RequestDetailDialog", "請求への回答 (通知書の確認)"),
            )
            if not go:
                return []
        try:
            pdfs = request_actions.preview_notice(
                self.context, self.request_id, decision, self._preview_approver
            )
        except Exception as exc:
            if self.decision_dialog is not None:
                self.decision_dialog.show_problem(user_text(exc))
            else:
                Dialogs.failure(self, exc)
            return []
        return [
            self.show_pdf(
                pdf,
                QCoreApplication.translate("RequestDetailDialog", "通知書 (確認用)"),
                allow_print=False,
            )
            for pdf in pdfs
        ]

    def decide(self, decision: Decision) -> bool:
        number = self.detail.number if self.detail else ""
        if self._preview_approver is not None:
            approver = self._preview_approver  # approved when the notice was previewed
        else:
            go, approver = self._approver_if_needed(
                "decide_request",
                QCoreApplication.translate("RequestDetailDialog", "請求への回答 (%1)").replace(
                    "%1", number
                ),
            )
            if not go:
                return False
        try:
            pdfs = request_actions.decide(self.context, self.request_id, decision, approver)
        except Exception as exc:
            if self.decision_dialog is not None:
                self.decision_dialog.show_problem(user_text(exc))
            else:
                Dialogs.failure(self, exc)
            return False
        if self.decision_dialog is not None:
            self.decision_dialog.accept()
        self._done(QCoreApplication.translate("RequestDetailDialog", "回答を登録しました。"))
        for pdf in pdfs:
            self.show_pdf(pdf, QCoreApplication.translate("RequestDetailDialog", "通知書"))
        return True

    def extend(self) -> bool:
        """Ask the reason (printed on the notice) and extend; a refusal is shown in the
        question, which keeps the reason."""

        done: list[bytes] = []
        approval = self._approval_once(
            "decide_request", QCoreApplication.translate("RequestDetailDialog", "回答期限の延長")
        )

        def submit(reason: str) -> str | None:
            go, approver = approval()
            if not go:
                return self._not_approved()
            done.append(request_actions.extend(self.context, self.request_id, reason, approver))
            return None

        if not Dialogs.ask_reason(
            self,
            QCoreApplication.translate("RequestDetailDialog", "回答期限の延長"),
            QCoreApplication.translate(
                "RequestDetailDialog", "延長の理由 (ご本人への通知書に記載されます。延長は1回のみ):"
            ),
            submit,
            empty=QCoreApplication.translate(
                "RequestDetailDialog", "延長の理由を入力してください。"
            ),
            limit=text_limits().text,
            multiline=True,
            ok_text=QCoreApplication.translate("RequestDetailDialog", "延長する"),
        ):
            return False
        self._done(QCoreApplication.translate("RequestDetailDialog", "回答期限を延長しました。"))
        self.show_pdf(
            done[0], QCoreApplication.translate("RequestDetailDialog", "期限延長のお知らせ")
        )
        return True

    def withdraw(self) -> bool:
        """Ask the reason and record the withdrawal (the question says what OK records, so
        a refused reason is corrected in it without a confirmation each time)."""

        def submit(reason: str) -> str | None:
            request_actions.withdraw(self.context, self.request_id, reason)
            return None

        if not Dialogs.ask_reason(
            self,
            QCoreApplication.translate("RequestDetailDialog", "請求の取下げ"),
            QCoreApplication.translate(
                "RequestDetailDialog",
                "この請求を取下げとして記録します。\n取下げの理由 (ご本人の申し出など):",
            ),
            submit,
            empty=QCoreApplication.translate(
                "RequestDetailDialog", "取下げの理由を入力してください。"
            ),
            limit=text_limits().text,
            ok_text=QCoreApplication.translate("RequestDetailDialog", "取下げを記録"),
        ):
            return False
        self._done(QCoreApplication.translate("RequestDetailDialog", "取下げを記録しました。"))
        return True

    def print_head_office_notices(self) -> list[PdfPreviewDialog]:
        """The notice letters of head office's decision (issue 12), previewed for printing."""
        try:
            pdfs = documents.head_office_notices(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return []
        title = QCoreApplication.translate("RequestDetailDialog", "通知書")
        return [self.show_pdf(pdf, title) for pdf in pdfs]

    def print_slip(self) -> PdfPreviewDialog | None:
        try:
            pdf = documents.slip_pdf(self.context, self.request_id)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        return self.show_pdf(pdf, QCoreApplication.translate("RequestDetailDialog", "受付票"))
