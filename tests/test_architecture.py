"""The layer rule of the design card, checked on every run.

``ui -> forms -> counter_app``; the core imports neither PySide6 nor reportlab; views never
import the store; inside the core, commands > services > security > store | config > domain
> the base modules. The contracts live in ``pyproject.toml`` ([tool.importlinter]). And no
two modules of ``counter_app``, ``ui`` or ``forms`` import each other, however indirectly.
"""

from __future__ import annotations

import ast
import itertools
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


#: Runs import-linter on the worktree's own code (``python -m importlinter.cli`` has no
#: ``__main__`` guard: it exits 0 without checking anything).
LINT_IMPORTS = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "Contracts:" in result.stdout, result.stdout + result.stderr  # it did check
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_is_run_for_real(tmp_path):
    """A contract that cannot hold is reported broken (the check is not a no-op)."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["counter_app"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "upside down"\n'
        'type = "layers"\n'
        'layers = ["counter_app.domain", "counter_app.services"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "upside down BROKEN" in result.stdout


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


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of ``graph`` with more than one module (or a
    module importing itself), each sorted; iterative, so a deep chain cannot overflow."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return sorted(found)


def one_loop(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A shortest import loop through the first module of ``component``: a -> b -> ... -> a."""
    start = component[0]
    members = set(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    loop = [node]
                    while loop[-1] != start:
                        loop.append(previous[loop[-1]])
                    return [start, *reversed(loop[:-1]), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return component  # pragma: no cover - a component always holds a loop


def cycle_report(graph_: object, graph: dict[str, set[str]], cycles: list[list[str]]) -> str:
    lines = [f"{len(cycles)} import cycle(s) between modules:"]
    for component in cycles:
        loop = one_loop(graph, component)
        lines.append(f"- {len(component)} modules: {', '.join(component)}")
        for importer, imported in itertools.pairwise(loop):
            details = graph_.get_import_details(importer=importer, imported=imported)
            where = ", ".join(f"l.{d['line_number']}" for d in details)
            lines.append(f"    {importer} -> {imported} ({where})")
    return "\n".join(lines)


def module_graph() -> tuple[object, dict[str, set[str]]]:
    import grimp

    built = grimp.build_graph("counter_app", "ui", "forms", cache_dir=None)
    return built, {m: set(built.find_modules_directly_imported_by(m)) for m in built.modules}


def test_strongly_connected_finds_every_cycle_and_only_cycles():
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": {"e"},
        "e": set(),
        "f": {"f"},
        "g": {"h"},
        "h": {"g"},
    }
    assert strongly_connected(graph) == [["a", "b", "c"], ["f"], ["g", "h"]]
    assert one_loop(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules():
    """No module of counter_app, ui or forms imports itself back, through any chain
    (function-level and TYPE_CHECKING imports included): the failure names each cycle's
    modules and one loop through them with the import lines."""
    built, graph = module_graph()
    cycles = strongly_connected(graph)
    assert cycles == [], cycle_report(built, graph, cycles)
