"""The English catalogue is complete and current: running ``tools/update_translations.py``
now would change neither ``counter_app_en.ts`` nor the compiled ``counter_app_en.qm``, and no
string of ``ui/`` is left untranslated (an untranslated one shows in Japanese with --lang en).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def qt_tool(name: str) -> str:
    return str(Path(next(iter(PySide6.__path__))) / name)


def test_the_english_catalogue_is_current_and_complete(tmp_path):
    ts = tmp_path / "counter_app_en.ts"
    shutil.copy(TRANSLATIONS / "counter_app_en.ts", ts)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    options = ["-source-language", "ja", "-target-language", "en", "-locations", "none"]
    subprocess.run(
        [qt_tool("lupdate"), *sources, "-ts", str(ts), *options, "-no-obsolete"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    text = ts.read_text(encoding="utf-8")
    untranslated = text.count('type="unfinished"')
    assert untranslated == 0, "run tools/update_translations.py and translate the new strings"
    assert text == (TRANSLATIONS / "counter_app_en.ts").read_text(encoding="utf-8"), (
        "ui/ strings changed: run tools/update_translations.py"
    )
    qm = tmp_path / "counter_app_en.qm"
    subprocess.run([qt_tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (TRANSLATIONS / "counter_app_en.qm").read_bytes(), (
        "counter_app_en.qm is older than the .ts: run tools/update_translations.py"
    )
