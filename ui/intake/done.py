"""Page 7: registered — the request number, then the receipt, the acceptance slip and the
開示等請求書 filled from what was typed (for the member to check and sign).

The confirmation page's 「登録して印刷」 is one action, as at a POS: it registers, and once
this page has drawn the documents it prints all three at once (:meth:`DonePage.print_documents`,
the same print path as the button). The page then offers 「もう一度印刷」 (a reprint of all
three, e.g. after a paper jam) and the single documents' previews; when every job started,
the focus is on 閉じる, so the next Enter closes the wizard. A print that did not start is said
in a message box and under the buttons, the focus staying on 「もう一度印刷」.

The documents are rendered on a worker thread (the window stays responsive) by ``forms.receipt`` / ``forms.slip`` from the services'
``receipt_data`` / ``slip_data`` (through :mod:`ui.intake.submission`), previewed with the
shared :class:`ui.pdf_preview.PdfPreviewDialog` (印刷 / PDF保存 there), or printed directly
with :func:`ui.printing.print_pdf`, which says plainly when a job did not start.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.dialogs import Dialogs
from ui.error_text import user_text
from ui.intake.fields import ReasonLabel, emphasise
from ui.intake.page import IntakePage


class DonePage(IntakePage):
    """After registration: number, deadline, receipt and slip."""

    #: Emitted once the receipt and the slip are rendered (or could not be).
    documents_ready = Signal()

    # Print the documents as soon as they are drawn (「登録して印刷」): the wizard's flow.
    print_on_arrival = True

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("受付が完了しました"))
        self.setSubTitle(
            self.tr("領収書と受付票をお渡しし、印字した請求書にご確認の署名をいただきます。")
        )
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("done_headline")
        emphasise(self.headline, 1.6, bold=True)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.details = QLabel(self)
        self.details.setObjectName("done_details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)

        box = QGroupBox(self.tr("お渡しする書類"), self)
        buttons = QHBoxLayout(box)
        self.print_both = QPushButton(self.tr("すべて印刷(&P)"), box)
        self.print_both.setObjectName("print_both")
        self.receipt_button = QPushButton(self.tr("領収書を表示(&V)…"), box)
        self.receipt_button.setObjectName("show_receipt")
        self.slip_button = QPushButton(self.tr("受付票を表示(&U)…"), box)
        self.slip_button.setObjectName("show_slip")
        self.form_button = QPushButton(self.tr("請求書を表示(&Q)…"), box)
        self.form_button.setObjectName("show_request_form")
        for button in (self.print_both, self.receipt_button, self.slip_button, self.form_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        # Enter on the done page prints again (the focus is on it when a print did not
        # start), and closes the wizard once everything printed (the focus is on 閉じる).
        self.print_both.setAutoDefault(True)
        buttons.addStretch(1)
        layout.addWidget(box)
        self.print_status = ReasonLabel(self, tone="info")
        self.print_status.setObjectName("print_status")
        layout.addWidget(self.print_status)
        self.document_reason = ReasonLabel(self)
        layout.addWidget(self.document_reason)
        layout.addStretch(1)

        self.receipt_pdf: bytes | None = None
        self.slip_pdf: bytes | None = None
        self.form_pdf: bytes | None = None
        self._job: Any = None
        self.ready = False
        self.printed: list[Any] = []  # the results of the print that follows registration
        self.preview: Any = None
        self.print_both.clicked.connect(self.print_documents)
        self.receipt_button.clicked.connect(self.show_receipt)
        self.slip_button.clicked.connect(self.show_slip)
        self.form_button.clicked.connect(self.show_request_form)

    def initializePage(self) -> None:
        from ui.intake.submission import describe_result

        wizard = self.wizard()
        headline, details = describe_result(wizard.result_)
        self.headline.setText(headline)
        self.details.setText(details)
        self.receipt_pdf = self.slip_pdf = self.form_pdf = None
        self.ready = False
        self.printed = []
        self.print_both.setText(self.tr("すべて印刷(&P)"))
        for button in (self.print_both, self.receipt_button, self.slip_button, self.form_button):
            button.setEnabled(False)
        self.print_status.set_reason(self.tr("領収書と受付票を作成しています…"))
        super().initializePage()
        # Read and draw on a worker thread: the window stays responsive meanwhile.
        from ui.facade import intake as facade
        from ui.intake.submission import BackgroundCall

        self._job = BackgroundCall(facade.documents, self.context, wizard.result_)
        self._job.done.connect(self._drawn)
        self._job.failed.connect(self._not_drawn)
        self._job.start()

    def _drawn(self, documents: tuple[bytes | None, bytes, bytes]) -> None:
        self._job = None
        self.receipt_pdf, self.slip_pdf, self.form_pdf = documents
        self._finish()

    def _not_drawn(self, exc: BaseException) -> None:
        self._job = None
        self.document_reason.set_reason(
            self.tr("書類を作成できませんでした: {0}").format(user_text(exc))
        )
        self._finish()

    def _finish(self) -> None:
        self.receipt_button.setEnabled(self.receipt_pdf is not None)
        self.slip_button.setEnabled(self.slip_pdf is not None)
        self.form_button.setEnabled(self.form_pdf is not None)
        self.print_both.setEnabled(self.receipt_pdf is not None or self.slip_pdf is not None)
        if self.receipt_pdf is None and self.slip_pdf is not None:
            self.print_status.set_reason(self.tr("手数料がかからないため、領収書はありません。"))
        else:
            self.print_status.set_reason(None)
        self.print_both.setFocus()
        if self.print_on_arrival and self.print_both.isEnabled():
            # 「登録して印刷」: the documents go to the printer as soon as they are drawn
            self.printed = self.print_documents()
            self.print_both.setText(self.tr("もう一度印刷(&P)"))
        self.ready = True
        self.documents_ready.emit()

    def _preview(self, pdf: bytes | None, title: str, file_name: str) -> Any:
        if pdf is None:
            return None
        from ui.pdf_preview import PdfPreviewDialog

        self.preview = PdfPreviewDialog(pdf, title, self, file_name=file_name)
        self.preview.show()
        return self.preview

    def show_receipt(self) -> Any:
        return self._preview(self.receipt_pdf, self.tr("領収書"), self._file_name("receipt"))

    def show_slip(self) -> Any:
        return self._preview(self.slip_pdf, self.tr("受付票"), self._file_name("slip"))

    def show_request_form(self) -> Any:
        return self._preview(
            self.form_pdf, self.tr("開示等請求書"), self._file_name("request-form")
        )

    def _file_name(self, what: str) -> str:
        number = self.wizard().result_.request_number
        return f"{number}-{what}.pdf"

    def print_documents(self) -> list[Any]:
        """Print the receipt, the slip and the filled request form on the configured/default
        printer (through :func:`ui.printing.print_pdf`); say what happened."""
        from ui.printing import print_pdf

        printer = getattr(getattr(self.context, "settings", None), "printer_name", None)
        results = []
        messages = []
        if self.receipt_pdf is None and self.slip_pdf is not None:
            messages.append(self.tr("手数料がかからないため、領収書はありません。"))
        for pdf, title in (
            (self.receipt_pdf, self.tr("領収書")),
            (self.slip_pdf, self.tr("受付票")),
            (self.form_pdf, self.tr("開示等請求書")),
        ):
            if pdf is None:
                continue
            result = print_pdf(pdf, printer, title=title)
            results.append(result)
            messages.append(f"{title}: {result.message}")
        self.print_status.set_reason("\n".join(messages))
        if results and all(r.ok for r in results):
            # printed: the next Enter closes the wizard
            self.wizard().button(self.wizard().WizardButton.FinishButton).setFocus()
        if any(not r.ok for r in results):
            Dialogs.error(
                self,
                "\n".join(messages)
                + "\n\n"
                + self.tr("「表示」からPDFとして保存することもできます。"),
            )
        return results
