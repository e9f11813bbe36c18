"""PDF preview (印刷 / PDF保存, refusals offered as a save), and the application start-up pieces:
options, the bundled font, Qt's Japanese catalogue and our English one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from ui import pdf_preview, printing
from ui.pdf_preview import PdfPreviewDialog


@pytest.fixture
def pdf(qapp) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(300, 300, "R-TEST-000001")
    painter.end()
    return bytes(buffer.data())


def test_preview_loads_the_document_and_saves_it(pdf, qtbot, dialogs, tmp_path):
    dialog = PdfPreviewDialog(pdf, "領収書")
    qtbot.addWidget(dialog)
    assert dialog.page_count == 1
    dialogs.save_path = str(tmp_path / "receipt")
    path = dialog.save_document()
    assert path == str(tmp_path / "receipt.pdf")
    assert Path(path).read_bytes() == pdf
    assert "保存しました" in dialog.status.text()


def test_a_view_only_preview_can_be_neither_printed_nor_saved(pdf, qtbot, dialogs, tmp_path):
    dialog = PdfPreviewDialog(pdf, "通知書 (確認用)", allow_print=False)
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    dialogs.save_path = str(tmp_path / "x.pdf")
    assert dialog.save_document() is None
    assert not dialog.print_document().ok
    assert "確認用" in dialog.status.text()


def test_no_printer_says_so_and_points_to_save(pdf, qtbot, dialogs, monkeypatch):
    monkeypatch.setattr(pdf_preview, "available_printers", lambda: [])
    dialog = PdfPreviewDialog(pdf, "領収書")
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()
    assert "プリンターが見つかりません" in dialog.status.text()


def test_a_failed_print_offers_to_save_the_pdf(pdf, qtbot, dialogs, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_preview, "available_printers", lambda: ["窓口プリンター"])
    monkeypatch.setattr(pdf_preview, "default_printer", lambda: "窓口プリンター")
    # The dialog lists 窓口プリンター, but by the time the job is sent the system knows only
    # another printer (unplugged, renamed): print_pdf's own check must refuse it.
    monkeypatch.setattr(printing, "available_printers", lambda: ["事務所プリンター"])
    dialog = PdfPreviewDialog(pdf, "領収書")
    qtbot.addWidget(dialog)
    dialogs.confirm_answer = True
    dialogs.save_path = str(tmp_path / "saved.pdf")
    result = dialog.print_document()  # the system knows no such printer
    assert not result.ok
    assert "窓口プリンター" in result.message
    assert dialogs.confirms and "PDFとして保存しますか" in dialogs.confirms[0]
    assert (tmp_path / "saved.pdf").read_bytes() == pdf


def test_options():
    from ui.app import parse_options

    options = parse_options(["--demo", "--large-text", "--lang", "en", "--data-dir", "/x"])
    assert options.demo and options.large_text and options.language == "en"
    assert options.data_dir == "/x"
    assert parse_options([]).language == "ja"


def test_the_bundled_japanese_font_is_loaded(qapp):
    from ui.appearance import LARGE_POINT_SIZE, application_font, load_fonts

    families = load_fonts()
    assert "BIZ UDGothic" in families
    font = application_font(families, large_text=True)
    assert font.families()[0] == "BIZ UDGothic"
    assert font.pointSize() == LARGE_POINT_SIZE


def test_qt_japanese_catalogue_and_our_english_one(qapp):
    from PySide6.QtCore import QCoreApplication

    from ui.appearance import install_translators

    japanese = install_translators(qapp, "ja")
    assert japanese, "qtbase_ja.qm not found"
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    finally:
        for translator in japanese:
            qapp.removeTranslator(translator)
    english = install_translators(qapp, "en")
    assert english, "resources/translations/counter_app_en.qm not found"
    try:
        assert QCoreApplication.translate("LoginWindow", "ログイン") == "Log in"
    finally:
        for translator in english:
            qapp.removeTranslator(translator)
