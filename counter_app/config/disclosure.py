"""Load disclosure.toml (domain.md §1): the disclosure methods this co-op's counters offer, and
the wording of the purposes of use that a 利用目的の通知 letter states.

``offered_methods`` lists the methods in the order the counter shows them; paper is always
among them (it is the fallback of Art. 33(1) ただし書). ``[purposes_of_use]`` gives, for every
data scope (:class:`~counter_app.domain.requests.DataScope`), the privacy policy's own words
for that purpose; without the table the scopes' short labels are used. ``joint_use`` (optional)
is the policy's statement of joint use (共同利用), printed under the purposes on that letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from counter_app.config.loader import find_config, parse_toml
from counter_app.domain.requests import DataScope, DisclosureMethod

DISCLOSURE_FILE = "disclosure.toml"


@dataclass(frozen=True)
class _Disclosure:
    methods: tuple[DisclosureMethod, ...]
    purposes: tuple[tuple[DataScope, str], ...]
    joint_use: str


def _settings(directory: Path | None) -> _Disclosure:
    path = find_config(DISCLOSURE_FILE, directory).resolve()
    return _load(path, path.stat().st_mtime_ns)


def offered_disclosure_methods(directory: Path | None = None) -> tuple[DisclosureMethod, ...]:
    """The methods offered, in the file's order; paper is always among them."""
    return _settings(directory).methods


def purposes_of_use(directory: Path | None = None) -> dict[DataScope, str]:
    """The wording of each purpose of use, in the policy's order (the DataScope order)."""
    return dict(_settings(directory).purposes)


def joint_use_statement(directory: Path | None = None) -> str:
    """The policy's statement of joint use (共同利用), or "" when the file has none."""
    return _settings(directory).joint_use


@lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int) -> _Disclosure:
    root = parse_toml(path).root
    root.reject_unknown(["offered_methods", "joint_use", "purposes_of_use"])
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
    table = root.section("purposes_of_use", None)
    if table is None:
        purposes = tuple((scope, scope.label) for scope in DataScope)
    else:
        table.reject_unknown([s.value for s in DataScope])
        purposes = tuple((scope, table.str(scope.value).strip()) for scope in DataScope)
    joint_use = root.str("joint_use", "").strip()
    return _Disclosure(tuple(methods), purposes, joint_use)
