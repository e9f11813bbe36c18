"""The PyInstaller spec lists its resources by name: a new config file, font or catalogue
that is not listed would be missing from the branch PCs' program. This keeps them in step.
(CI also builds the program and runs ``--self-test``: see .ci/run.)"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Files under resources/ that the program does not read at run time.
NOT_SHIPPED = {"translations/counter_app_en.ts"}


def test_build_spec_lists_every_runtime_resource():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    listed = set(re.findall(r'"((?:fonts|config|translations|styles|icons)/[^"]+)"', spec))
    present = {
        str(p.relative_to(ROOT / "resources"))
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.name != ".gitkeep"
    }
    missing = sorted(present - listed - NOT_SHIPPED)
    assert missing == [], f"add these to build.spec's datas: {missing}"
