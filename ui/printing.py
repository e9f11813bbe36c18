"""Printing PDF bytes, refusing to fail silently.

Qt's own print path says nothing when something is wrong: with no printer it prints nowhere,
an unknown printer name falls back to the default printer, and its CUPS engine ignores the
result of ``cupsPrintFile``. So :func:`print_pdf`:

1. lists the printers the system knows (``QPrinterInfo.availablePrinterNames``) and refuses,
   in plain Japanese, when there is none or the chosen one is not among them, or when the
   printer reports an error state;
2. on a CUPS system (Linux, macOS: the ``lp`` command is present) hands the PDF itself to the
   queue with ``lp -d PRINTER`` — the document stays vector, exactly what forms/ rendered —
   and requires the job id CUPS answers with ("request id is Q-12"): no id, no success;
3. elsewhere (Windows) paints each page, rendered by QtPdf at the printer's resolution, on a
   ``QPrinter`` for that printer and checks that the painter started and the printer did not
   end in an error state.

Both paths ask the printer for the document's own paper (:func:`paper_of`: A5 for the 受付票,
A4 for the rest, from the first page's size), so an A5 slip is not printed as a small block
in the corner of an A4 sheet (``lp -o media=A5``; ``QPrinter.setPageSize``).

Every failure comes back as a :class:`PrintResult` whose ``message`` says what happened and
suggests saving the PDF instead (the preview dialog offers that button right there).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

#: How long ``lp`` may take to hand a job to the local CUPS scheduler.
LP_TIMEOUT_SECONDS = 20

#: Resolution of the pages painted on the Qt path (Windows).
QT_PATH_DPI = 300

_JOB_ID = re.compile(r"request id is (\S+)")

# The papers forms/ print on: name (as CUPS and QPageSize know it), short and long side in
# points.
PAPERS: tuple[tuple[str, QPageSize.PageSizeId, float, float], ...] = (
    ("A5", QPageSize.PageSizeId.A5, 419.53, 595.28),
    ("A4", QPageSize.PageSizeId.A4, 595.28, 841.89),
)


@dataclass(frozen=True)
class Paper:
    """The paper a PDF asks for: ``name`` ("A5", "A4"), its Qt id, and whether the first page
    is wider than tall."""

    name: str
    size_id: QPageSize.PageSizeId
    landscape: bool


def _load(pdf_bytes: bytes) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer  # the buffer must outlive the document's reading


def paper_of(pdf_bytes: bytes) -> Paper:
    """The paper of the PDF's first page: A5 or A4 (within 2 pt, either way round); anything
    else is printed on A4."""
    document, _buffer = _load(pdf_bytes)
    if document.status() == QPdfDocument.Status.Ready and document.pageCount():
        size = document.pagePointSize(0)
        short, long = sorted((size.width(), size.height()))
        for name, size_id, paper_short, paper_long in PAPERS:
            if abs(short - paper_short) <= 2 and abs(long - paper_long) <= 2:
                return Paper(name, size_id, size.width() > size.height())
        return Paper("A4", QPageSize.PageSizeId.A4, size.width() > size.height())
    return Paper("A4", QPageSize.PageSizeId.A4, False)


@dataclass(frozen=True)
class PrintResult:
    """What happened to one print request. ``message`` is ready to show to the user."""

    ok: bool
    message: str
    printer_name: str | None = None
    job_id: str | None = None


def available_printers() -> list[str]:
    """The printers the operating system knows, as Qt lists them."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str | None:
    """The system's default printer, or ``None`` when there is no default."""
    return QPrinterInfo.defaultPrinterName() or None


def choose_printer(printer_name: str | None = None) -> tuple[str | None, str | None]:
    """``(name, None)`` for a printer that exists, else ``(None, reason in Japanese)``."""
    names = available_printers()
    save_hint = QCoreApplication.translate(
        "Printing", "「PDF保存」で保存し、あとで印刷することができます。"
    )
    if not names:
        return None, QCoreApplication.translate(
            "Printing", "このパソコンにはプリンターが登録されていません。"
        ) + "\n" + save_hint
    if printer_name is None:
        printer_name = default_printer() or (names[0] if len(names) == 1 else None)
        if printer_name is None:
            return None, QCoreApplication.translate(
                "Printing", "通常使うプリンターが設定されていません。プリンターを選んでください。"
            )
    if printer_name not in names:
        return None, (
            QCoreApplication.translate("Printing", "プリンター「%1」が見つかりません。").replace(
                "%1", printer_name
            )
            + "\n"
            + save_hint
        )
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull() or info.state() == QPrinter.PrinterState.Error:
        return None, (
            QCoreApplication.translate(
                "Printing", "プリンター「%1」がエラー状態です。電源・用紙・接続を確認してください。"
            ).replace("%1", printer_name)
            + "\n"
            + save_hint
        )
    return printer_name, None


def print_pdf(
    pdf_bytes: bytes,
    printer_name: str | None = None,
    *,
    title: str = "counter-app",
    engine: str = "auto",
    copies: int = 1,
) -> PrintResult:
    """Print ``pdf_bytes`` on ``printer_name`` (default printer if ``None``); never silently.

    ``engine``: ``"auto"`` (CUPS's ``lp`` when present, else Qt), ``"cups"`` or ``"qt"``.
    ``copies``: how many copies (1–99).
    """
    copies = max(1, min(int(copies), 99))
    if not pdf_bytes.startswith(b"%PDF"):
        return PrintResult(
            False,
            QCoreApplication.translate(
                "Printing", "印刷する文書が正しくありません (PDFではありません)。"
            ),
        )
    name, reason = choose_printer(printer_name)
    if name is None:
        return PrintResult(False, reason or "", printer_name)
    if engine == "cups" or (engine == "auto" and shutil.which("lp")):
        return _print_with_cups(pdf_bytes, name, title, copies)
    return _print_with_qt(pdf_bytes, name, title, copies)


def _failed(name: str, detail: str) -> PrintResult:
    text = (
        QCoreApplication.translate(
            "Printing", "プリンター「%1」で印刷を開始できませんでした。"
        ).replace("%1", name)
        + "\n"
        + detail
        + "\n"
        + QCoreApplication.translate(
            "Printing", "「PDF保存」で保存し、あとで印刷することができます。"
        )
    )
    return PrintResult(False, text, name)


def _print_with_cups(pdf_bytes: bytes, name: str, title: str, copies: int = 1) -> PrintResult:
    try:
        done = subprocess.run(
            [
                "lp",
                "-d",
                name,
                "-t",
                title,
                "-n",
                str(copies),
                "-o",
                f"media={paper_of(pdf_bytes).name}",
                "-",
            ],
            input=pdf_bytes,
            capture_output=True,
            timeout=LP_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _failed(
            name,
            QCoreApplication.translate("Printing", "印刷システムが応答しません (%1)。").replace(
                "%1", str(exc)
            ),
        )
    answer = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    match = _JOB_ID.search(answer)
    if done.returncode != 0 or not match:
        return _failed(
            name,
            QCoreApplication.translate("Printing", "印刷システムの応答: %1").replace(
                "%1", answer.strip()
            ),
        )
    job = match.group(1)
    return PrintResult(
        True,
        QCoreApplication.translate("Printing", "プリンター「%1」で印刷を開始しました。").replace(
            "%1", name
        ),
        name,
        job,
    )


def _print_with_qt(pdf_bytes: bytes, name: str, title: str, copies: int = 1) -> PrintResult:
    document, _buffer = _load(pdf_bytes)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return _failed(name, QCoreApplication.translate("Printing", "文書を読み込めませんでした。"))
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setResolution(QT_PATH_DPI)  # forms are text and lines: 300 dpi is crisp and fast
    printer.setDocName(title)
    printer.setCopyCount(copies)
    paper = paper_of(pdf_bytes)
    printer.setPageSize(QPageSize(paper.size_id))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if paper.landscape else QPageLayout.Orientation.Portrait
    )
    painter = QPainter()
    if not painter.begin(printer):
        return _failed(
            name, QCoreApplication.translate("Printing", "プリンターに接続できませんでした。")
        )
    try:
        dpi = printer.resolution()
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, size)
            target = printer.pageLayout().paintRectPixels(dpi)
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(target.topLeft(), image.scaled(scaled))
    finally:
        painter.end()
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return _failed(
            name, QCoreApplication.translate("Printing", "プリンターがエラーを返しました。")
        )
    return PrintResult(
        True,
        QCoreApplication.translate("Printing", "プリンター「%1」で印刷を開始しました。").replace(
            "%1", name
        ),
        name,
    )
