"""Render the intake wizard's pages to PNG with the same options as the shell's screens.

    python tools/screenshots_intake.py [--out out/screens] [--large-text] [--lang en]

The pages are filled in by the wizard's own script (``tests/ui/intake/render_screens.py``:
山田 花子 and her proxy 髙橋 一郎, plus the refusal states). This one runs it inside an
application set up as the program is (bundled font, text size, catalogue, the branch PC's
1366 x 768 screen) and names the files as ``tools/screenshots.py`` does
(``intake-*-large-en.png``...). ``tools/screenshots.py`` calls :func:`render_intake` at its end.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render_intake(out: Path, *, large_text: bool, suffix: str) -> list[Path]:
    """Render the wizard's pages into ``out`` (``intake-NAME{suffix}.png``); needs the
    QApplication already set up (fonts, catalogue). Returns the files written."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.ui.intake import render_screens

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="counter-intake-screens-") as folder:
        with contextlib.redirect_stdout(io.StringIO()):  # it lists its own (temporary) files
            render_screens.main([*(["--large-text"] if large_text else []), folder])
        for page in sorted(Path(folder).glob("intake-*.png")):
            target = out / f"{page.stem}{suffix}.png"
            page.replace(target)
            written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "screens"))
    parser.add_argument("--large-text", action="store_true")
    parser.add_argument("--lang", default="ja", choices=("ja", "en"))
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from screenshots import emulate_branch_screen, suffix_for

    emulate_branch_screen()
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from ui.app import Options, setup_application

    app = QApplication(["counter-app"])
    setup_application(app, Options(language=args.lang, large_text=args.large_text))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in render_intake(
        out, large_text=args.large_text, suffix=suffix_for(args.large_text, args.lang)
    ):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
