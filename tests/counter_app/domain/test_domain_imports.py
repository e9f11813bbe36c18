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

from tests.test_architecture import strongly_connected  # the one cycle finder


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


def _as_dict(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    """The graph as tests/test_architecture.py's cycle finder takes it."""
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def test_no_cycle_runs_through_the_domain_or_the_config(graph):
    rules = ("counter_app.domain", "counter_app.config")
    cycles = [
        sorted(component)
        for component in strongly_connected(_as_dict(graph))
        if any(module.startswith(rules) for module in component)
    ]
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)
    assert [set(c) for c in strongly_connected(_as_dict(graph))] == [{"a", "b", "c"}]
