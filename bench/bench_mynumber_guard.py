"""My Number guard bench: how many generated written My Numbers get through, and how often a
plain number (phone, postal code, date, time, amount, or two or three side by side) is
refused.

    python bench/bench_mynumber_guard.py [--examples 2000] [--guard FILE]

The examples come from the hypothesis strategies of tests/counter_app/domain (derandomized:
the same examples on every run). ``--guard FILE`` measures another version of
``counter_app/domain/mynumber.py`` (e.g. the old one, from ``git show REV:PATH``). Prints the
figures. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.counter_app.domain import mynumber_strategies as gen  # noqa: E402


def load_guard(path: str | None) -> Callable[[str], bool]:
    if path is None:
        from counter_app.domain.mynumber import contains_my_number

        return contains_my_number
    spec = importlib.util.spec_from_file_location("guard_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.contains_my_number


def count(
    strategy: st.SearchStrategy[str], guard: Callable[[str], bool], n: int
) -> tuple[list[str], int]:
    """The examples of ``strategy`` (up to n) that ``guard`` refuses, and how many ran."""
    refused: list[str] = []
    seen = [0]

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(text: str) -> None:
        seen[0] += 1
        if guard(text):
            refused.append(text)

    run()
    return refused, seen[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--guard", help="another mynumber.py to measure")
    args = parser.parse_args()
    guard = load_guard(args.guard)
    for label, options in gen.WRITTEN_CLASSES.items():
        refused, seen = count(gen.written_my_numbers(**options), guard, args.examples)
        print(f"My Numbers, {label}: {seen - len(refused)} of {seen} got through")
    for label, strategy in (
        ("phones", gen.phones()),
        ("postal codes", gen.postal_codes()),
        ("dates", gen.dates()),
        ("times", gen.times()),
        ("amounts", gen.amounts()),
        ("counts", gen.counts()),
        ("combos of 2-3", gen.combos()),
    ):
        refused, seen = count(strategy, guard, args.examples)
        rate = len(refused) / seen if seen else 0.0
        print(f"{label}: {len(refused)} of {seen} refused ({rate:.2%})", end="")
        print(f"  e.g. {refused[:3]!r}" if refused else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
