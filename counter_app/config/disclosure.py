"""Load disclosure.toml: the disclosure methods this co-op's counters offer (domain.md §1)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from counter_app.config.loader import find_config, parse_toml
from counter_app.domain.requests import DisclosureMethod

DISCLOSURE_FILE = "disclosure.toml"


def offered_disclosure_methods(directory: Path | None = None) -> tuple[DisclosureMethod, ...]:
    """The methods offered, in the file's order; paper is always among them."""
    path = find_config(DISCLOSURE_FILE, directory).resolve()
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int) -> tuple[DisclosureMethod, ...]:
    root = parse_toml(path).root
    root.reject_unknown(["offered_methods"])
    codes = root.str_list("offered_methods")
    known = [m.value for m in DisclosureMethod]
    methods: list[DisclosureMethod] = []
    for code in codes:
        if code not in known:
            raise root.error("offered_methods", f"開示の方法は次のいずれかです: {', '.join(known)}")
        if DisclosureMethod(code) in methods:
            raise root.error("offered_methods", f"「{code}」が重複しています")
        methods.append(DisclosureMethod(code))
    if DisclosureMethod.PAPER not in methods:
        raise root.error(
            "offered_methods", "書面 (paper) は外せません (困難な場合の代わりの開示方法です)"
        )
    return tuple(methods)
