"""「PDF保存」 goes through the core's guarded writer (issue 9, item 1).

The file chosen in the save dialog is never written into the data folder (the database, its
backups...) of the window the preview belongs to, nor into the default data folder; a name to
which ``.pdf`` had to be added is asked about before an existing file is replaced.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.pdf_preview import PdfPreviewDialog

PDF = b"%PDF-1.4\n% test\n"
KEPT = ["counter.db", "backups/counter-20250602-010000-manual.db", "logs/counter-app.log"]


class Window(QWidget):
    """A window of the program: it carries the shared context, as the real ones do."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.context = AppContext(data_dir=data_dir)


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    for name in KEPT:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"keep " + name.encode())
    return folder


def test_a_pdf_is_never_saved_into_the_data_folder(qtbot, dialogs, data):
    window = Window(data)
    qtbot.addWidget(window)
    default = Path(os.environ["COUNTER_APP_HOME"])  # the default data folder, also protected
    default.mkdir(parents=True, exist_ok=True)
    before, before_default = tree(data), tree(default)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.sampled_from([data, default]),
        st.sampled_from([*KEPT, "receipt", "receipt.pdf", "backups/receipt.pdf"]),
    )
    def check(folder, name):
        dialog = PdfPreviewDialog(PDF, "領収書", window)
        dialogs.save_path = str(folder / name)
        dialogs.errors.clear()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialogs.errors and "データフォルダ" in dialogs.errors[-1]
        assert tree(data) == before and tree(default) == before_default
        dialog.deleteLater()

    check()


def test_adding_pdf_to_the_name_asks_before_replacing(qtbot, dialogs, tmp_path, data):
    window = Window(data)
    qtbot.addWidget(window)
    earlier = tmp_path / "receipt.pdf"
    earlier.write_bytes(b"earlier receipt")
    dialog = PdfPreviewDialog(PDF, "領収書", window)
    dialogs.save_path = str(tmp_path / "receipt")  # typed without .pdf: not asked by Qt
    dialogs.confirm_answer = False
    assert dialog.save_document() is None
    assert any("すでにあります" in text for text in dialogs.confirms)
    assert earlier.read_bytes() == b"earlier receipt"
    dialogs.confirm_answer = True
    assert dialog.save_document() == str(earlier)
    assert earlier.read_bytes() == PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "receipt.pdf"]
