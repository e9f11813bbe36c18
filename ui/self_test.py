"""``counter-app --self-test``: the packaged program's smoke test.

Opens a database in a temporary folder with a key passed directly (no OS keyring), registers a
sample intake through the services, renders its receipt with forms/, loads the PDF with QtPdf,
checks the bundled font and Qt's Japanese catalogue load, prints one line per step and exits
0 — or 1 with the failing step named. Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _say(text: str) -> None:
    """Print a line; a windowed build on Windows has no console (the exit code still tells)."""
    if sys.stdout is not None:
        print(text, flush=True)


def _step(name: str, action: Callable[[], str]) -> bool:
    started = time.perf_counter()
    try:
        detail = action()
    except Exception as exc:
        _say(f"NG  {name}: {exc}")
        if sys.stderr is not None:
            traceback.print_exc(file=sys.stderr)
        return False
    _say(f"OK  {name} ({(time.perf_counter() - started) * 1000:.0f} ms) {detail}")
    return True


def run_self_test(options: Any = None) -> int:
    """Run every step; 0 when all pass."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.appearance import application_font, install_translators, load_fonts
    from ui.context import AppContext

    app = QApplication.instance() or QApplication(["counter-app"])
    state: dict[str, Any] = {}
    ok = True

    def fonts() -> str:
        families = load_fonts()
        if not any("BIZ UD" in f for f in families):
            raise RuntimeError(f"bundled Japanese font not loaded (found: {families})")
        app.setFont(application_font(families, False))
        return ", ".join(families)

    def translations() -> str:
        loaded = install_translators(app, "ja")
        if not loaded:
            raise RuntimeError("qtbase_ja.qm not found")
        english = install_translators(app, "en")
        for translator in english:
            app.removeTranslator(translator)
        if not english:
            raise RuntimeError("counter_app_en.qm not found")
        return "qtbase_ja, counter_app_en"

    folder = tempfile.TemporaryDirectory(prefix="counter-app-selftest-")

    def database() -> str:
        from counter_app.services import samples

        db, actor = samples.create_training_database(Path(folder.name))
        state["context"] = AppContext(db=db, actor=actor, training=True)
        state["context"].data_dir = Path(folder.name)
        return f"{db.path.name} in a temporary folder"

    def intake() -> str:
        from counter_app.services import samples
        from counter_app.services.intake import register_intake

        context = state["context"]
        with context.db.unit_of_work() as uow:
            result = register_intake(uow, context.actor, samples.sample_self_intake())
            uow.commit()
        state["result"] = result
        return f"{result.request_number}, receipt {result.receipt_number}, ¥{result.total:,}"

    def receipt() -> str:
        from ui.facade import documents

        pdf = documents.receipt_pdf(state["context"], state["result"].receipt_id)
        if not pdf.startswith(b"%PDF"):
            raise RuntimeError("the receipt is not a PDF")
        state["pdf"] = pdf
        return f"{len(pdf):,} bytes"

    def qtpdf() -> str:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(state["pdf"]))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise RuntimeError(f"QtPdf could not load the receipt ({document.status()})")
        text = document.getAllText(0).text()
        if state["result"].receipt_number not in text.replace("\n", ""):
            raise RuntimeError("the receipt number does not read back from the PDF")
        image = document.render(0, document.pagePointSize(0).toSize())
        if image.isNull():
            raise RuntimeError("QtPdf could not render the receipt")
        return f"{document.pageCount()} page(s), text and image OK"

    try:
        for name, action in (
            ("font", fonts),
            ("translations", translations),
            ("database", database),
            ("intake", intake),
            ("receipt", receipt),
            ("QtPdf", qtpdf),
        ):
            if not _step(name, action):
                ok = False
                break
    finally:
        context = state.get("context")
        if context is not None and context.db is not None:
            context.db.close()
        folder.cleanup()
    _say("self-test: OK" if ok else "self-test: FAILED")
    return 0 if ok else 1
