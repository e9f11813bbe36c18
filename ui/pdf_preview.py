"""Preview of a rendered document (PDF bytes from forms/) with 印刷 and PDF保存.

``PdfPreviewDialog(pdf_bytes, title, parent)`` shows the pages with QtPdf, lets the staff pick
one of the printers the system knows, prints through :func:`ui.printing.print_pdf` (which
refuses to fail silently) and, when printing is impossible, says why and offers to save the
PDF instead. ``print_pdf`` is re-exported here for callers that print without a preview.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from ui.dialogs import Dialogs
from ui.error_text import user_text
from ui.facade import documents
from ui.printing import PrintResult, available_printers, default_printer, print_pdf
from ui.screen_fit import resize_to_fit

__all__ = ["PdfPreviewDialog", "PrintResult", "print_pdf"]


class PdfPreviewDialog(QDialog):
    """A document preview with a printer choice, 印刷, PDF保存 and 閉じる."""

    #: Emitted after each print attempt, successful or not.
    printed = Signal(object)
    #: Emitted with the path after the PDF was saved.
    saved = Signal(str)

    def __init__(
        self,
        pdf_bytes: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        file_name: str | None = None,
        allow_print: bool = True,
    ) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.title = title
        self.file_name = file_name or f"{title}.pdf"
        self.last_result: PrintResult | None = None
        self.allow_print = allow_print
        self.setWindowTitle(self.tr("印刷プレビュー: %1").replace("%1", title))

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printer_combo")
        printer_label = QLabel(self.tr("プリンター(&R)"))
        printer_label.setBuddy(self.printer_combo)
        self.print_button = QPushButton(self.tr("印刷(&P)"))
        self.print_button.setObjectName("print_button")
        self.setup_button = QPushButton(self.tr("印刷設定…(&D)"))
        self.setup_button.setObjectName("print_setup_button")
        self.setup_button.setToolTip(self.tr("プリンターと部数を選んで印刷します"))
        self.save_button = QPushButton(self.tr("PDF保存(&S)"))
        self.save_button.setObjectName("save_button")
        self.close_button = QPushButton(self.tr("閉じる"))
        self.status = QLabel()
        self.status.setObjectName("print_status")
        self.status.setWordWrap(True)

        self.print_button.clicked.connect(lambda: self.print_document())
        self.setup_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.accept)

        bar = QHBoxLayout()
        bar.addWidget(printer_label)
        bar.addWidget(self.printer_combo, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.setup_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        self.refresh_printers()
        self.print_button.setDefault(True)
        resize_to_fit(self, 760, 900)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def refresh_printers(self) -> None:
        """Fill the printer list; with no printer, say so and point to PDF保存."""
        self.printer_combo.clear()
        names = available_printers()
        self.printer_combo.addItems(names)
        preferred = default_printer()
        if preferred in names:
            self.printer_combo.setCurrentText(preferred)
        has_printer = bool(names)
        self.print_button.setEnabled(has_printer and self.allow_print)
        self.printer_combo.setEnabled(has_printer and self.allow_print)
        self.setup_button.setEnabled(has_printer and self.allow_print)
        self.save_button.setEnabled(self.allow_print)
        if not self.allow_print:
            self.status.setText(
                self.tr("確認用の表示です。まだ確定していないため、印刷・保存はできません。")
            )
        elif not has_printer:
            self.status.setText(
                self.tr("プリンターが見つかりません。「PDF保存」で保存してください。")
            )

    def print_with_dialog(self) -> PrintResult | None:
        """The system's print dialog (printer, copies), then the same checked print path."""
        if not self.allow_print:
            return None
        chosen = Dialogs.print_setup(self, self.printer_combo.currentText() or None)
        if chosen is None:
            return None
        name, copies = chosen
        if name and self.printer_combo.findText(name) < 0:
            self.refresh_printers()  # a printer added since the preview opened
        if name and self.printer_combo.findText(name) >= 0:
            self.printer_combo.setCurrentText(name)
        return self.print_document(printer_name=name or None, copies=copies)

    def print_document(self, *, printer_name: str | None = None, copies: int = 1) -> PrintResult:
        """Print on the chosen printer; on failure, explain and offer to save the PDF."""
        if not self.allow_print:
            return PrintResult(False, self.status.text())
        name = printer_name or self.printer_combo.currentText() or None
        result = print_pdf(self.pdf_bytes, name, title=self.title, copies=copies)
        self.last_result = result
        self.status.setText(result.message)
        self.printed.emit(result)
        if not result.ok and Dialogs.confirm(
            self,
            result.message + "\n\n" + self.tr("PDFとして保存しますか?"),
            yes=self.tr("PDF保存"),
            no=self.tr("保存しない"),
        ):
            self.save_document()
        return result

    def save_document(self) -> str | None:
        """Ask where, then write the PDF bytes; returns the path or ``None``.

        Written through the core's guarded writer (``ui.facade.documents.save_file``): never
        into the data or backup folder, as a temporary file moved into place in one step.
        The save dialog asks before replacing a file; when ``.pdf`` had to be added to the
        name, the file it names is asked about here.
        """
        if not self.allow_print:
            return None
        path = Dialogs.save_file_name(self, self.tr("PDFとして保存"), self.file_name)
        if not path:
            return None
        confirmed = True  # the save dialog asked before replacing the file chosen
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
            if os.path.lexists(path):
                confirmed = Dialogs.confirm(
                    self,
                    self.tr("「%1」はすでにあります。上書きしますか?").replace("%1", path),
                    yes=self.tr("上書きする"),
                    no=self.tr("やめる"),
                )
                if not confirmed:
                    return None
        try:
            documents.save_file(self._data_folder(), path, self.pdf_bytes, force=confirmed)
        except CounterAppError as exc:
            Dialogs.error(
                self, self.tr("PDFを保存できませんでした: %1").replace("%1", user_text(exc))
            )
            return None
        self.status.setText(self.tr("PDFを保存しました: %1").replace("%1", path))
        self.saved.emit(path)
        return path

    def _data_folder(self) -> Path | None:
        """The data folder of the window this preview belongs to (its ``context``), if any;
        the default data folder is protected in any case."""
        widget = self.parentWidget()
        while widget is not None:
            context = getattr(widget, "context", None)
            if context is not None:
                return getattr(context, "data_dir", None)
            widget = widget.parentWidget()
        return None
