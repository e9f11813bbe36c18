"""The domain loads nothing: it imports only itself and counter_app.errors, and no module
cycle runs through it or through the config that builds its rules.

(The domain used to load its own fee schedule, postage table and calendar from
counter_app.config.fees when the caller passed none, while config.fees built the domain's
types: config.fees <-> domain.{fees,postage,calendar,deadlines} was one cycle. The
import-linter contract "The domain loads nothing" in pyproject.toml says the same for
lint-imports.)
"""

from __future__ import annotations

import grimp
import pytest


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("counter_app", "ui", "forms", cache_dir=None)


def test_the_domain_imports_only_itself_and_the_errors(graph):
    outside = sorted(
        f"{module} -> {imported}"
        for module in graph.find_children("counter_app.domain") | {"counter_app.domain"}
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("counter_app")
        and not imported.startswith("counter_app.domain")
        and imported != "counter_app.errors"
    )
    assert outside == []


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """The import cycles of the graph: its strongly connected components of more than one
    module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_cycle_runs_through_the_domain_or_the_config(graph):
    rules = ("counter_app.domain", "counter_app.config")
    cycles = [
        sorted(component)
        for component in strongly_connected(graph)
        if any(module.startswith(rules) for module in component)
    ]
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)
    assert strongly_connected(graph) == [{"a", "b", "c"}]
