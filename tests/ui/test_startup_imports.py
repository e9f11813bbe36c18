"""The first window comes before the slow imports: when the login window is shown, neither
the ORM nor the keyring (nor reportlab) has been imported. Checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_login_window_is_shown_before_the_orm_is_imported(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "counter.db").write_bytes(b"")  # a database exists: the login window, not setup
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from ui.app import parse_options, setup_application
        from ui.context import AppContext
        from ui.session import Session

        app = QApplication([])
        options = parse_options(["--data-dir", {str(folder)!r}])
        setup_application(app, options)
        session = Session(AppContext(), data_dir=options.data_dir)
        session.start()  # the services are imported later, behind the shown window
        assert session.login_window.isVisible()
        slow = [m for m in ("sqlalchemy", "sqlalchemy.orm", "alembic", "keyring", "reportlab",
                            "argon2", "sqlcipher3") if m in sys.modules]
        print("SLOW:" + ",".join(slow))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("SLOW:"))
    assert line == "SLOW:", f"imported before the login window: {line[5:]}"
