"""The wizard's size follows the text size (--large-text) within a branch PC's 1366 x 768
screen: at a fixed 960 x 700 the large text was cut at the right of the types page (the
second column of request types, the period's 「まで」). Checked in a fresh interpreter on
that emulated screen (the tests' offscreen screen is 800 x 800)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_wizard_grows_with_large_text_and_fits_the_screen(tmp_path):
    screen = tmp_path / "screen.json"
    branch_pc = {"name": "branch-pc", "x": 0, "y": 0, "width": 1366, "height": 768}
    branch_pc |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    screen.write_text(json.dumps({"screens": [branch_pc]}), encoding="ascii")
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication
        from ui.app import application_font, load_fonts
        from ui.context import AppContext
        from ui.intake.wizard import IntakeWizard

        app = QApplication([])
        families = load_fonts()
        for large in (False, True):
            app.setFont(application_font(families, large))
            wizard = IntakeWizard(AppContext())
            print("SIZE", large, wizard.width(), wizard.height())
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    env["COUNTER_APP_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    sizes = {}
    for line in done.stdout.splitlines():
        if line.startswith("SIZE "):
            _, large, width, height = line.split()
            sizes[large == "True"] = (int(width), int(height))
    assert sizes[False] == (960, 700)  # as designed for normal text
    width, height = sizes[True]
    assert width > 960 and height > 700  # larger with the text...
    assert width <= 1366 - 60 and height <= 768 - 60  # ...and still on the screen
