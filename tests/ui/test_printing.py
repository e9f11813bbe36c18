"""Printing: refusals are plain Japanese, and a receipt really comes out of a CUPS queue.

The CUPS tests run against a scheduler of their own (:mod:`tests.ui.private_cups`): its own
``cupsd`` on a Unix socket in a temporary folder, with a cups-pdf queue named for this run.
The system's scheduler is never started and no system queue is added; when the module ends
the private scheduler is stopped and everything it and cups-pdf wrote is removed (checked by
the last test). A receipt is printed through ``ui.printing.print_pdf`` and the tests wait for
CUPS to list the job as completed and for cups-pdf's output file. They skip, saying why, only
when such a scheduler cannot run here (not root, CUPS or cups-pdf not installed).
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import printing
from ui.printing import print_pdf

from .private_cups import CupsUnavailable, PrivateCups, start_private_cups


def _run(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def cups(qapp) -> Iterator[PrivateCups]:
    """The tests' own scheduler with a cups-pdf queue; stopped and removed afterwards."""
    try:
        private = start_private_cups()
    except CupsUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield private
    finally:
        private.stop()


@pytest.fixture(scope="module")
def cups_queue(cups) -> str:
    return cups.queue


def _receipt_pdf() -> bytes:
    """A real receipt from forms/ (synthetic data)."""
    from counter_app.printables.issuer import Issuer
    from counter_app.printables.receipt import ReceiptData, ReceiptLine
    from forms import receipt

    issuer = Issuer(
        name="いばらきコープ生活協同組合",
        branch_name="水戸宅配センター",
        postal_code="310-0000",
        address="茨城県水戸市見本町1-2-3",
        phone="029-000-0000",
        registration_number="T1234567890123",
    )
    data = ReceiptData(
        number="R-TEST-2025-000001",
        issued_at=dt.datetime(2025, 11, 26, 1, 30, tzinfo=dt.UTC),
        payer_name="山田 花子",
        lines=(ReceiptLine("保有個人データの開示 手数料", 1000),),
        total=1000,
        taxable_10=1000,
        tax_10=90,
        proviso="個人情報開示請求手数料として",
        staff_name="髙橋 一郎",
        issuer=issuer,
        training=True,
    )
    return receipt.render(data)


def _pdfinfo_of_bytes(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return _run("pdfinfo", f.name).stdout


def _job_completed(cups: PrivateCups, job_id: str) -> bool:
    listing = cups.run("lpstat", "-W", "completed", "-o", cups.queue).stdout
    return any(line.split()[0] == job_id for line in listing.splitlines() if line.strip())


def test_print_refuses_an_unknown_printer(qapp, monkeypatch):
    # The system's list is fixed here: a fresh machine may have no queue at all (CUPS not yet
    # started), and that is a different refusal, tested below.
    monkeypatch.setattr(printing, "available_printers", lambda: ["事務所プリンター"])
    result = print_pdf(b"%PDF-1.4\n", "どこにもないプリンター")
    assert not result.ok
    assert "どこにもないプリンター" in result.message
    assert "見つかりません" in result.message
    assert "PDF保存" in result.message  # offers saving instead


def test_print_refuses_when_no_printer_exists(qapp, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    result = print_pdf(b"%PDF-1.4\n")
    assert not result.ok
    assert "プリンターが登録されていません" in result.message


def test_print_refuses_what_is_not_a_pdf(qapp):
    result = print_pdf(b"hello")
    assert not result.ok
    assert "PDFではありません" in result.message


def test_a_job_cups_rejects_is_reported(qapp, cups, cups_queue):
    cups.run("cupsreject", cups_queue)
    try:
        result = print_pdf(_receipt_pdf(), cups_queue, title="rejected")
    finally:
        cups.run("cupsaccept", cups_queue)
    assert not result.ok
    assert "印刷を開始できませんでした" in result.message
    assert result.job_id is None


def test_a_receipt_comes_out_of_a_real_cups_queue(qapp, cups, cups_queue):
    pdf = _receipt_pdf()
    title = f"receipt-{uuid.uuid4().hex[:8]}"
    result = print_pdf(pdf, cups_queue, title=title)
    assert result.ok, result.message
    assert result.job_id and result.job_id.startswith(cups_queue + "-")

    deadline = time.monotonic() + 60
    while not _job_completed(cups, result.job_id) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert _job_completed(cups, result.job_id), cups.run("lpstat", "-W", "all").stdout

    # cups-pdf wrote the job to the owner's ~/PDF (the home in the password database, not
    # $HOME), named after the title
    out_dir = cups.pdf_dir
    outputs = list(out_dir.glob(f"{title}*.pdf"))
    assert outputs, sorted(p.name for p in out_dir.glob("*.pdf"))
    written = outputs[0].read_bytes()
    assert written.startswith(b"%PDF")
    pages = re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(outputs[0])).stdout)
    sent = re.search(r"Pages:\s+(\d+)", _pdfinfo_of_bytes(pdf))
    assert pages and sent and pages.group(1) == sent.group(1)
    # and what reached the queue is our receipt: its text reads back from the spool copy
    if shutil.which("pdftotext"):
        text = _run("pdftotext", str(outputs[0]), "-").stdout
        if "R-TEST-2025-000001" not in text:  # Ghostscript may re-encode the fonts
            spool = sorted(cups.spool.glob("d*-001"), key=lambda p: p.stat().st_mtime)
            if spool:
                text = _run("pdftotext", str(spool[-1]), "-").stdout
        assert "R-TEST-2025-000001" in text
        assert "山田 花子" in text


def test_the_qt_print_path_also_reaches_the_queue(qapp, cups, cups_queue):
    """The Windows path (pages painted on a QPrinter) checked against the same queue."""
    before = set(cups.run("lpstat", "-W", "all", "-o", cups_queue).stdout.split())
    result = print_pdf(_receipt_pdf(), cups_queue, title="qt-path", engine="qt")
    assert result.ok, result.message
    deadline = time.monotonic() + 60
    new_jobs: set[str] = set()
    while not new_jobs and time.monotonic() < deadline:
        after = cups.run("lpstat", "-W", "all", "-o", cups_queue).stdout.split()
        new_jobs = {w for w in after if w.startswith(cups_queue + "-")} - before
        time.sleep(0.25)
    assert new_jobs, "the Qt print path sent nothing to CUPS"


def test_the_print_dialog_choice_is_checked_and_printed(
    qtbot, dialogs, monkeypatch, cups, cups_queue
):
    """印刷設定… opens the system's print dialog (scripted here); the printer it returns is
    checked like any other, and the copies reach CUPS."""
    from ui.dialogs import Dialogs
    from ui.pdf_preview import PdfPreviewDialog

    answers = [("どこにもないプリンター", 1), (cups_queue, 2), None]
    monkeypatch.setattr(Dialogs, "print_setup", classmethod(lambda cls, p, name: answers.pop(0)))
    dialogs.confirm_answer = False  # do not save the PDF after the refusal
    preview = PdfPreviewDialog(_receipt_pdf(), "領収書")
    qtbot.addWidget(preview)

    refused = preview.print_with_dialog()  # Qt would have fallen back to the default printer
    assert refused is not None and not refused.ok
    assert "どこにもないプリンター" in refused.message and "見つかりません" in refused.message

    printed = preview.print_with_dialog()
    assert printed is not None and printed.ok, printed.message
    job_number = printed.job_id.rsplit("-", 1)[1]
    control = cups.spool / f"c{int(job_number):05d}"
    deadline = time.monotonic() + 30
    while not control.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    # the job's IPP attributes: "copies" with the integer 2
    assert b"copies\x00\x04\x00\x00\x00\x02" in control.read_bytes()

    assert preview.print_with_dialog() is None  # cancelled: nothing printed


def test_the_real_system_print_dialog_prints_the_copies_chosen(qtbot, cups, cups_queue):
    """The real QPrintDialog, opened modally by 印刷設定…: the test answers it as a person
    would (2 copies, 印刷), and the job with 2 copies comes out of the CUPS queue."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSpinBox

    from ui.pdf_preview import PdfPreviewDialog

    preview = PdfPreviewDialog(_receipt_pdf(), "領収書")
    qtbot.addWidget(preview)
    preview.printer_combo.setCurrentText(cups_queue)
    seen: dict[str, object] = {}

    def answer_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not shown yet
            QTimer.singleShot(50, answer_the_dialog)
            return
        seen["dialog"] = type(dialog).__name__
        copies = {s.objectName(): s for s in dialog.findChildren(QSpinBox)}["copies"]
        copies.setValue(2)
        dialog.accept()

    QTimer.singleShot(50, answer_the_dialog)
    printed = preview.print_with_dialog()

    assert seen["dialog"] == "QPrintDialog"
    assert printed is not None and printed.ok, printed.message
    assert printed.printer_name == cups_queue
    job_number = printed.job_id.rsplit("-", 1)[1]
    control = cups.spool / f"c{int(job_number):05d}"
    deadline = time.monotonic() + 30
    while not control.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert b"copies\x00\x04\x00\x00\x00\x02" in control.read_bytes()


def _system(*args: str) -> subprocess.CompletedProcess[str]:
    """A CUPS client command against the system's scheduler (CUPS_SERVER not set)."""
    env = {k: v for k, v in os.environ.items() if k != "CUPS_SERVER"}
    return subprocess.run(list(args), capture_output=True, text=True, timeout=20, env=env)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Name -> (size, mtime) of the files in ``folder`` ({} if it does not exist)."""
    if not folder.is_dir():
        return {}
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def _cupsd_pids() -> set[int]:
    done = _run("pgrep", "-x", "cupsd")
    return {int(p) for p in done.stdout.split()}


def test_the_queue_printed_to_is_not_the_systems(cups_queue):
    """The system's scheduler never hears of the test queue (before: a system queue
    CounterTest, added to a system cupsd the tests started, both left behind)."""
    assert cups_queue not in _system("lpstat", "-p").stdout
    assert _system("lpstat", "-p", cups_queue).returncode != 0


def test_a_private_scheduler_leaves_nothing_behind(qapp):
    """Start, print, stop: no cupsd of ours left, no folder, no PDF, no cups-pdf log, the
    client settings as they were, the system's queues and schedulers as they were."""
    pids_before = _cupsd_pids()
    server_before = os.environ.get("CUPS_SERVER")
    home_pdfs = _files(Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF")
    try:
        cups = start_private_cups(queue_prefix="CounterTestLife")
    except CupsUnavailable as exc:
        pytest.skip(str(exc))
    try:
        assert _cupsd_pids() - pids_before == {cups.process.pid}
        assert cups.queue in printing.available_printers()  # Qt, through libcups, sees it
        result = print_pdf(_receipt_pdf(), cups.queue, title=f"life-{uuid.uuid4().hex[:8]}")
        assert result.ok, result.message
        deadline = time.monotonic() + 60
        while not _job_completed(cups, result.job_id) and time.monotonic() < deadline:
            time.sleep(0.25)
        assert int(result.job_id.rsplit("-", 1)[1]) >= cups.first_job_id  # not the system's
        assert (
            [p.name for p in cups.written_pdfs()]
            == [p.name for p in cups.pdf_dir.glob("life-*.pdf")]
            != []
        )
    finally:
        cups.stop()

    assert cups.process.poll() is not None
    assert _cupsd_pids() == pids_before
    assert not cups.folder.exists()
    assert not list(cups.pdf_dir.glob("life-*.pdf"))
    assert _files(cups.pdf_dir) == home_pdfs  # every other file there as it was
    assert not cups.cups_pdf_log.exists()
    assert os.environ.get("CUPS_SERVER") == server_before
    assert cups.queue not in printing.available_printers()  # libcups pointed back
    assert cups.queue not in _system("lpstat", "-p").stdout


def test_each_document_asks_for_its_own_paper(qapp):
    """The 受付票 is A5 and must be printed on A5 (lp -o media=A4 made it a small block in the
    corner of an A4 sheet); the daily log is A4 landscape, the rest A4 portrait."""
    from forms import daily_log, slip
    from tests.forms import samples

    assert printing.paper_of(slip.render(samples.slip())) == printing.Paper(
        "A5", printing.QPageSize.PageSizeId.A5, False
    )
    assert printing.paper_of(_receipt_pdf()).name == "A4"
    log = printing.paper_of(daily_log.render(samples.daily_log(3)))
    assert (log.name, log.landscape) == ("A4", True)


def test_a_slip_comes_out_of_the_cups_queue_on_a5(qapp, cups, cups_queue):
    from forms import slip
    from tests.forms import samples

    title = f"slip-{uuid.uuid4().hex[:8]}"
    result = print_pdf(slip.render(samples.slip()), cups_queue, title=title)
    assert result.ok, result.message
    deadline = time.monotonic() + 60
    while not _job_completed(cups, result.job_id) and time.monotonic() < deadline:
        time.sleep(0.25)
    out_dir = cups.pdf_dir
    outputs = list(out_dir.glob(f"{title}*.pdf"))
    assert outputs, sorted(p.name for p in out_dir.glob("*.pdf"))
    size = re.search(
        r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(outputs[0])).stdout
    )
    assert size, _run("pdfinfo", str(outputs[0])).stdout
    width, height = float(size.group(1)), float(size.group(2))
    assert abs(width - 419.5) < 3 and abs(height - 595.3) < 3, (width, height)  # A5, not A4
