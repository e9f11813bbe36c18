"""Refresh the English catalogue: extract the UI's strings, then compile it.

    python tools/update_translations.py

1. ``lupdate`` (PySide6's, run directly: the ``pyside6-lupdate`` wrapper breaks on some
   installs) reads every ``self.tr(...)`` / ``QCoreApplication.translate(...)`` of ``ui/``
   and updates ``resources/translations/counter_app_en.ts``, keeping what is translated;
2. ``lrelease`` compiles it to ``counter_app_en.qm`` (loaded by ``counter-app --lang en``).

New strings appear as "unfinished" in the .ts: translate them with Qt Linguist (or any text
editor) and run this again. An unfinished string shows in Japanese, its source language.
Labels that come from ``counter_app`` (statuses, request types, roles...) are Japanese data of
the core and are not in this catalogue.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "counter_app_en.ts"


def qt_tool(name: str) -> str:
    import PySide6

    return str(Path(next(iter(PySide6.__path__))) / name)


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            qt_tool("lupdate"),
            *sources,
            "-ts",
            str(TS),
            "-source-language",
            "ja",
            "-target-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
        ],
        cwd=ROOT,
        check=True,
    )
    subprocess.run([qt_tool("lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
