"""Startup figures of the counter window (prints them; no assertion).

1. Process start -> login window shown, against a bare PySide6 window measured the same way
   in the same run (alternating, median of N): the ratio should be <= 1.5.
2. Resident memory (VmRSS) when the login window is shown, and once the services are
   imported and the database is open behind it.
3. Login -> main window shown with today's requests (median of N, in one process): <= 0.5 s;
   split into the login service (argon2 verification) and building the window.

    python bench/bench_startup.py [--runs 7] [--requests 30]

Runs offscreen (QT_QPA_PLATFORM=offscreen) unless a platform is set. The database is a real
encrypted file in a temporary folder; its key is handed to the child processes through an
in-memory keyring (the bench does not touch the OS keyring).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEY_ENV = "COUNTER_BENCH_KEY"
SHOWN = "SHOWN"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def install_memory_keyring() -> None:
    """The key of the bench database, served by an in-memory keyring (child processes)."""
    import keyring
    from keyring.backend import KeyringBackend

    class BenchKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values = {("counter-app", "database-key"): os.environ[KEY_ENV]}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    keyring.set_keyring(BenchKeyring())


# ----------------------------------------------------------------------------- children
def child_bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("login"))
    layout.addWidget(QLineEdit())
    window.show()
    QTimer.singleShot(0, lambda: (print(SHOWN, f"{rss_mb():.1f}", flush=True), app.quit()))
    return app.exec()


def child_login(data_dir: str) -> int:
    """The real program (ui.app.run) until the login window is shown, then the database."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import ui.login
    import ui.session

    original_show = ui.login.LoginWindow.showEvent
    reported = {"shown": False}

    def show_event(self, event):
        original_show(self, event)
        if not reported["shown"]:
            reported["shown"] = True
            QTimer.singleShot(0, lambda: print(SHOWN, f"{rss_mb():.1f}", flush=True))

    ui.login.LoginWindow.showEvent = show_event
    original_start = ui.session.Session.start

    def start(self, *args, **kwargs):
        started = time.perf_counter()

        def ready() -> None:
            elapsed = time.perf_counter() - started
            print("READY", f"{rss_mb():.1f}", f"{elapsed:.3f}", flush=True)
            QApplication.quit()

        def failed(message: str) -> None:
            print("FAILED", message.replace("\n", " "), flush=True)
            QApplication.quit()

        self.database_ready.connect(ready)
        self.database_failed.connect(failed)
        return original_start(self, *args, **kwargs)

    ui.session.Session.start = start
    # The keyring (~90 ms to import) is first needed to open the database, behind the shown
    # window: the bench's in-memory keyring is installed at that same point, not before.
    original_warm_up = ui.session.warm_up_services

    def warm_up() -> None:
        install_memory_keyring()
        original_warm_up()

    ui.session.warm_up_services = warm_up
    from ui.app import run

    return run(["--data-dir", data_dir])


def child_login_to_main(data_dir: str, runs: int) -> int:
    """In one process: log in, main window shown with today's requests; N times."""
    from PySide6.QtWidgets import QApplication

    install_memory_keyring()
    from ui.app import Options, setup_application
    from ui.context import AppContext
    from ui.session import Session

    app = QApplication(sys.argv[:1])
    setup_application(app, Options())
    context = AppContext()
    session = Session(context, data_dir=data_dir)
    session.start(background=False)
    app.processEvents()
    from counter_app.services.sign_in import sign_in

    for _ in range(runs):
        started = time.perf_counter()
        sign_in(context.db, "admin", "admin-pass-1")
        login_only = time.perf_counter() - started

        started = time.perf_counter()
        ok = session.try_login("admin", "admin-pass-1")
        app.processEvents()
        total = time.perf_counter() - started
        rows = session.main_window.model.rowCount() if ok else -1
        print("LOGIN", f"{total:.4f}", f"{login_only:.4f}", rows, flush=True)
        session.logout()
        app.processEvents()
    session.shutdown()
    return 0


# ------------------------------------------------------------------------------- parent
def make_database(folder: Path, requests: int) -> bytes:
    from counter_app.services import samples
    from counter_app.services.branch import initialise
    from counter_app.services.database import open_database
    from counter_app.services.intake import register_intake

    key = os.urandom(32)
    db = open_database(folder, key=key)
    with db.unit_of_work() as uow:
        admin = initialise(uow, samples.sample_branch(), samples.SAMPLE_ADMIN)
        makers = (
            samples.sample_self_intake,
            samples.sample_proxy_intake,
            samples.sample_correction_intake,
        )
        for i in range(requests):
            register_intake(uow, admin, makers[i % len(makers)]())
        uow.commit()
    db.close()
    return key


def timed_child(args: list[str], env: dict[str, str]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    shown_at = time.perf_counter() - started
    rest = process.stdout.read().splitlines()
    process.wait(timeout=120)
    if not first.startswith(SHOWN):
        raise RuntimeError(f"child {args} did not report a shown window: {first!r} {rest}")
    return shown_at, [first.strip(), *rest]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("bare", "login", "login-to-main"))
    parser.add_argument("--data-dir")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    if args.child == "bare":
        return child_bare()
    if args.child == "login":
        return child_login(args.data_dir)
    if args.child == "login-to-main":
        return child_login_to_main(args.data_dir, args.runs)

    with tempfile.TemporaryDirectory(prefix="counter-bench-") as tmp:
        folder = Path(tmp) / "data"
        key = make_database(folder, args.requests)
        env = dict(os.environ, **{KEY_ENV: key.hex(), "COUNTER_APP_HOME": str(folder)})
        bare_times, login_times, bare_rss, login_rss, ready = [], [], [], [], []
        for _ in range(args.runs):
            t, lines = timed_child(["--child", "bare"], env)
            bare_times.append(t)
            bare_rss.append(float(lines[0].split()[1]))
            t, lines = timed_child(["--child", "login", "--data-dir", str(folder)], env)
            login_times.append(t)
            login_rss.append(float(lines[0].split()[1]))
            for line in lines[1:]:
                if line.startswith("READY"):
                    ready.append((float(line.split()[1]), float(line.split()[2])))
                elif line.startswith("FAILED"):
                    print("database did not open:", line)
        bare, login = statistics.median(bare_times), statistics.median(login_times)
        print(f"platform: {os.environ['QT_QPA_PLATFORM']}, runs: {args.runs}")
        print(
            f"bare PySide6 window shown:  median {bare * 1000:7.1f} ms  (all: "
            + ", ".join(f"{t * 1000:.0f}" for t in bare_times)
            + ")"
        )
        print(
            f"counter login window shown: median {login * 1000:7.1f} ms  (all: "
            + ", ".join(f"{t * 1000:.0f}" for t in login_times)
            + ")"
        )
        print(f"ratio login / bare: {login / bare:.2f}  (target <= 1.5)")
        print(
            f"RSS when shown: bare {statistics.median(bare_rss):.1f} MB, "
            f"login {statistics.median(login_rss):.1f} MB"
        )
        if ready:
            print(
                f"RSS with services imported and database open: "
                f"{statistics.median(r for r, _ in ready):.1f} MB "
                f"(ready {statistics.median(t for _, t in ready) * 1000:.0f} ms after start())"
            )

        process = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "login-to-main",
                "--data-dir",
                str(folder),
                "--runs",
                str(args.runs),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=600,
            check=False,
        )
        results = [line.split() for line in process.stdout.splitlines() if line.startswith("LOGIN")]
        if not results:
            print("login -> main window: no result", process.stderr[-2000:])
            return 1
        totals = [float(r[1]) for r in results]
        services = [float(r[2]) for r in results]
        rows = results[-1][3]
        print(
            f"login -> main window with today's {rows} requests: median "
            f"{statistics.median(totals) * 1000:.0f} ms (all: "
            + ", ".join(f"{t * 1000:.0f}" for t in totals)
            + "; target <= 500 ms)"
        )
        print(
            f"  of which the login service alone (argon2id verify + audit row): median "
            f"{statistics.median(services) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
