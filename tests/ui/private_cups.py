"""A CUPS scheduler of the tests' own, so the printing tests leave the machine as they found it.

The system's ``cupsd`` is never started or touched and no system queue is added: the tests
run their own ``cupsd -f`` with its own ``cupsd.conf`` and ``cups-files.conf`` in a temporary
folder (its own server root, spool, cache, state and logs), listening only on a Unix socket
in that folder. The clients are pointed at it with ``CUPS_SERVER`` (the ``lp`` command) and
``cupsSetServer`` (libcups inside this process, which Qt's CUPS plugin uses: libcups keeps the
server it first asked for, so the environment alone is not enough once Qt has listed the
printers). A cups-pdf queue with a name of this run's own is added to it.

cups-pdf is the one part outside the folder: its configuration is fixed at
``/etc/cups/cups-pdf.conf`` and it writes the PDF to the job owner's ``~/PDF`` (named
``<title>-job_<id>.pdf``), a log named after the queue in ``/var/log/cups`` and a work folder
``/var/spool/cups-pdf/SPOOL``. The private scheduler's job ids start at a random number far
above the system's, so its PDFs never overwrite another's and are told apart by their id;
what cups-pdf adds during the run is removed by :meth:`PrivateCups.stop`.

It needs root (the scheduler runs its filters as ``lp`` and cups-pdf as root), as on CI and
here; without root, or without CUPS, :func:`start_private_cups` says why it cannot.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: What cups-pdf writes outside the private folder (see the module's docstring).
CUPS_PDF_LOGS = Path("/var/log/cups")
CUPS_PDF_SPOOL = Path("/var/spool/cups-pdf/SPOOL")
#: The cups-pdf driver shipped by printer-driver-cups-pdf (Debian).
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
#: How many job ids a run may use (its PDFs are recognised by their id).
JOB_IDS = 100_000


class CupsUnavailable(Exception):
    """Why a private scheduler cannot run here (the tests skip, saying this)."""


def _libcups() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("cups")
    return ctypes.CDLL(name) if name else None


def _set_client_server(server: str | None) -> None:
    """Point this process's libcups (and so Qt's print support) at ``server`` (None: back to
    the default, read again from CUPS_SERVER / client.conf)."""
    lib = _libcups()
    if lib is not None:
        lib.cupsSetServer.argtypes = [ctypes.c_char_p]
        lib.cupsSetServer(server.encode() if server else None)


@dataclass
class PrivateCups:
    folder: Path
    queue: str
    process: subprocess.Popen[bytes]
    pdf_dir: Path
    first_job_id: int = 1
    _pdf_dir_existed: bool = True
    _spool_existed: bool = True
    _server_before: str | None = None

    @property
    def socket(self) -> Path:
        return self.folder / "cups.sock"

    @property
    def spool(self) -> Path:
        """The scheduler's spool (RequestRoot): job control files ``cNNNNN``, data ``dNNNNN-001``."""
        return self.folder / "spool"

    @property
    def cups_pdf_log(self) -> Path:
        return CUPS_PDF_LOGS / f"cups-pdf-{self.queue}_log"

    def run(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """A CUPS client command against this scheduler."""
        env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        return subprocess.run(
            list(args), capture_output=True, text=True, timeout=timeout, check=False, env=env
        )

    def written_pdfs(self) -> list[Path]:
        """cups-pdf's output for this scheduler's jobs: ``<title>-job_<id>.pdf`` in ~/PDF
        with an id of this run (others' files there are not ours to touch)."""
        if not self.pdf_dir.is_dir():
            return []
        ours = range(self.first_job_id, self.first_job_id + JOB_IDS)
        found = []
        for path in self.pdf_dir.glob("*-job_*.pdf"):
            match = re.search(r"-job_(\d+)\.pdf$", path.name)
            if match and int(match.group(1)) in ours:
                found.append(path)
        return found

    def running(self) -> bool:
        return self.process.poll() is None and "is running" in self.run("lpstat", "-r").stdout

    def error_log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "log" / "error_log").read_text(errors="replace")
        return ""

    def stop(self) -> None:
        """Stop the scheduler, point the clients back, remove the folder and what cups-pdf
        added outside it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self._server_before is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = self._server_before
        _set_client_server(None)
        shutil.rmtree(self.folder, ignore_errors=True)
        for path in self.written_pdfs():
            path.unlink(missing_ok=True)
        if not self._pdf_dir_existed:
            with contextlib.suppress(OSError):
                self.pdf_dir.rmdir()
        self.cups_pdf_log.unlink(missing_ok=True)  # named after this run's own queue
        if not self._spool_existed:
            with contextlib.suppress(OSError):
                CUPS_PDF_SPOOL.rmdir()


def _config(folder: Path, first_job_id: int) -> tuple[Path, Path]:
    conf = folder / "conf"
    for sub in ("conf", "spool", "spool/tmp", "cache", "state", "log"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    cupsd_conf = conf / "cupsd.conf"
    cupsd_conf.write_text(
        f"""LogLevel warn
Listen {folder / "cups.sock"}
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""",
        encoding="utf-8",
    )
    # the job ids (and so cups-pdf's file names, "<title>-job_<id>.pdf" in ~/PDF) start far
    # above any the system's scheduler has given: this run's PDFs never overwrite another's
    (folder / "cache" / "job.cache").write_text(
        f"# Job cache file for CUPS\nNextJobId {first_job_id}\n", encoding="utf-8"
    )
    files_conf = conf / "cups-files.conf"
    files_conf.write_text(
        f"""ServerRoot {conf}
RequestRoot {folder / "spool"}
TempDir {folder / "spool" / "tmp"}
CacheDir {folder / "cache"}
StateDir {folder / "state"}
AccessLog {folder / "log" / "access_log"}
ErrorLog {folder / "log" / "error_log"}
PageLog {folder / "log" / "page_log"}
FileDevice No
""",
        encoding="utf-8",
    )
    return cupsd_conf, files_conf


def start_private_cups(queue_prefix: str = "CounterTest") -> PrivateCups:
    """Start a private scheduler with a cups-pdf queue; raise CupsUnavailable if it cannot."""
    for tool in ("cupsd", "lpadmin", "lpstat", "lp"):
        if shutil.which(tool) is None:
            raise CupsUnavailable(
                f"CUPS is not installed ({tool} missing; Debian: cups cups-client "
                "printer-driver-cups-pdf)"
            )
    if os.geteuid() != 0:
        raise CupsUnavailable("a scheduler with the cups-pdf backend needs root here")
    if not CUPS_PDF_PPD.is_file():
        raise CupsUnavailable("no cups-pdf driver (Debian: printer-driver-cups-pdf)")
    # /tmp itself, not pytest's 0700 folders: the filters run as lp and read the spool
    folder = Path(tempfile.mkdtemp(prefix="counter-cups-"))
    folder.chmod(0o755)
    first_job_id = secrets.randbelow(8_000_000) + 1_000_000
    cupsd_conf, files_conf = _config(folder, first_job_id)
    process = subprocess.Popen(
        ["cupsd", "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pdf_dir = Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"
    cups = PrivateCups(
        folder,
        f"{queue_prefix}_{os.getpid()}",
        process,
        pdf_dir,
        first_job_id,
        _pdf_dir_existed=pdf_dir.is_dir(),
        _spool_existed=CUPS_PDF_SPOOL.is_dir(),
        _server_before=os.environ.get("CUPS_SERVER"),
    )
    try:
        deadline = time.monotonic() + 20
        while not cups.running() and time.monotonic() < deadline:
            if process.poll() is not None:
                break
            time.sleep(0.1)
        if not cups.running():
            raise CupsUnavailable(f"the private cupsd did not start: {cups.error_log()[-800:]}")
        added = cups.run(
            "lpadmin", "-p", cups.queue, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD)
        )
        if added.returncode != 0:
            raise CupsUnavailable(f"lpadmin refused the queue: {added.stderr.strip()}")
        os.environ["CUPS_SERVER"] = str(cups.socket)
        _set_client_server(str(cups.socket))
    except BaseException:
        cups.stop()
        raise
    return cups
