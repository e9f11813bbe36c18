"""The views' facade (``ui/facade``) is typed: every public function of every public module
annotates each parameter and its return, and no annotation is or contains ``Any``.

The names the signatures use only for the type checker (``if TYPE_CHECKING:`` imports, kept
out of the run so the login window shows before the services load) are resolved the way the
type checker sees them: the test runs those import blocks, then ``typing.get_type_hints``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import typing
from types import ModuleType

import pytest

import ui.facade


def facade_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"ui.facade.{info.name}")
        for info in pkgutil.iter_modules(ui.facade.__path__)
        if not info.name.startswith("_")
    ]


def public_functions(module: ModuleType) -> list[typing.Callable[..., object]]:
    return [
        value
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == module.__name__
    ]


def type_checking_names(module: ModuleType) -> dict[str, object]:
    """What the module's ``if TYPE_CHECKING:`` blocks import, imported now."""
    tree = ast.parse(inspect.getsource(module))
    names: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            exec(
                compile(ast.Module(body=node.body, type_ignores=[]), module.__file__, "exec"), names
            )
    return names


def contains_any(hint: object) -> bool:
    if hint is typing.Any:
        return True
    return any(contains_any(argument) for argument in typing.get_args(hint))


def facade_functions() -> list[tuple[str, typing.Callable[..., object], dict[str, object]]]:
    found = []
    for module in facade_modules():
        namespace = {**vars(module), **type_checking_names(module)}
        for function in public_functions(module):
            found.append((f"{module.__name__}.{function.__name__}", function, namespace))
    return found


FUNCTIONS = facade_functions()


def test_the_facade_has_a_module_per_screen_and_their_functions():
    modules = {m.__name__.rsplit(".", 1)[1] for m in facade_modules()}
    assert {"session", "lists", "request_detail", "request_actions", "payments"} <= modules
    assert {"day_close", "admin", "documents", "intake"} <= modules
    assert len(FUNCTIONS) >= 40  # every call the views make


@pytest.mark.parametrize(
    ("name", "function", "namespace"), FUNCTIONS, ids=[f[0] for f in FUNCTIONS]
)
def test_every_public_facade_function_is_fully_typed_without_any(name, function, namespace):
    signature = inspect.signature(function)
    missing = [
        p.name for p in signature.parameters.values() if p.annotation is inspect.Parameter.empty
    ]
    assert not missing, f"{name}: parameters without a type: {missing}"
    assert signature.return_annotation is not inspect.Signature.empty, f"{name}: no return type"
    hints = typing.get_type_hints(function, globalns=namespace)
    with_any = [key for key, hint in hints.items() if contains_any(hint)]
    assert not with_any, f"{name}: Any in {with_any}"


def test_the_check_sees_a_missing_annotation_and_an_any():
    """The two checks above fail on what they are meant to catch."""
    source = (
        "from typing import Any\n"
        "def untyped(context, request_id: str) -> None: ...\n"
        "def loose(context: dict[str, Any]) -> list[Any]: ...\n"
    )
    namespace: dict[str, object] = {}
    exec(source, namespace)
    untyped = inspect.signature(namespace["untyped"])  # type: ignore[arg-type]
    assert untyped.parameters["context"].annotation is inspect.Parameter.empty
    hints = typing.get_type_hints(namespace["loose"])
    assert contains_any(hints["context"]) and contains_any(hints["return"])
