"""The layer rule of the design card, checked on every run.

``ui -> forms -> counter_app``; the core imports neither PySide6 nor reportlab; views never
import the store. The contracts live in ``pyproject.toml`` ([tool.importlinter]).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{file}: {name}"
        for file, names in imported_modules(package).items()
        for name in names
        if name.split(".")[0] in forbidden or name.startswith(forbidden)
    )


def test_core_imports_neither_qt_nor_reportlab():
    assert offenders("counter_app", ("PySide6", "shiboken6", "reportlab", "ui", "forms")) == []


def test_forms_do_not_import_ui_or_qt_or_store():
    assert offenders("forms", ("ui", "PySide6", "counter_app.store")) == []


def test_views_do_not_import_the_store():
    assert offenders("ui", ("counter_app.store",)) == []


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-m", "importlinter.cli", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if "No module named" in result.stderr:
        result = subprocess.run(
            ["lint-imports", "--config", str(ROOT / "pyproject.toml")],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    assert result.returncode == 0, result.stdout + result.stderr


def test_services_import_each_other_one_way():
    """No two modules of counter_app.services import each other, even through others
    (backup <-> database did, through the damaged-database advice)."""
    import grimp

    graph = grimp.build_graph("counter_app")
    services = sorted(m for m in graph.modules if m.startswith("counter_app.services."))
    cycles = [
        (a, b)
        for i, a in enumerate(services)
        for b in services[i + 1 :]
        if graph.chain_exists(importer=a, imported=b) and graph.chain_exists(importer=b, imported=a)
    ]
    assert cycles == []
