"""Authentication and authorisation read one way (issue 11, docs/trust.md §2 "Who may act"):
the security primitives import no use case, the use cases import the primitives and each other
in one direction only, and no import is tucked inside a function to hide a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PRIMITIVES = {
    "counter_app.security.password_hashing",
    "counter_app.security.password_policy",
    "counter_app.security.lockout",
    "counter_app.security.roles",
}
#: The use cases, lowest first: each may import only those before it.
USE_CASES = [
    "counter_app.services.staff_accounts",
    "counter_app.services.sign_in",
    "counter_app.services.screen_lock",
    "counter_app.services.approval",
    "counter_app.services.own_password",
    "counter_app.services.restore_sign_in",
]


def _tree(module: str) -> ast.Module:
    path = ROOT / (module.replace(".", "/") + ".py")
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _imports_inside_functions(tree: ast.Module) -> list[int]:
    return [
        inner.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Import | ast.ImportFrom)
    ]


def test_the_primitives_import_no_use_case() -> None:
    for module in sorted(PRIMITIVES):
        above = {
            name
            for name in _imports(_tree(module))
            if name.startswith(("counter_app.services", "counter_app.commands", "ui", "forms"))
        }
        assert above == set(), f"{module} imports {sorted(above)}"


def test_the_primitives_read_no_settings() -> None:
    """Rules are values: the lockout rule and the password policy in force are passed in by
    the use case (which may one day take them from a dated bundle), never loaded here."""
    for module in sorted(PRIMITIVES):
        loads = {name for name in _imports(_tree(module)) if name.endswith(".security_settings")}
        assert loads == set(), f"{module} loads its own settings: {sorted(loads)}"


def test_the_use_cases_import_each_other_one_way() -> None:
    for index, module in enumerate(USE_CASES):
        later = set(USE_CASES[index + 1 :]) | {module}
        upward = {name for name in _imports(_tree(module)) if name in later}
        assert upward == set(), f"{module} imports {sorted(upward)}, which is above it"


def test_no_import_hides_in_a_function() -> None:
    hidden = {
        module: lines
        for module in sorted(PRIMITIVES) + USE_CASES
        if (lines := _imports_inside_functions(_tree(module)))
    }
    assert hidden == {}
