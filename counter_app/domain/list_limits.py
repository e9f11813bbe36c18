"""How many entries a list in an intake or a verify-id request may hold.

A counter takes one visit: a handful of request types, the few documents a person shows, the
scopes of one disclosure. Nothing a counter can show needs more, and a JSON file with 100,000
documents would only make the program build (and store) what nobody could check. Each list
is counted before its entries are read; a longer one is refused with a Japanese message that
names the key and the limit.
"""

from __future__ import annotations

from typing import Any

from counter_app.domain.requests import RequestType
from counter_app.errors import InputError

#: Documents one person shows (identity, a proxy's identity): the rows of the intake window.
#: No rule needs more: one photo ID, or two non-photo ones and one more when the address
#: differs from the record.
MAX_DOCUMENTS = 3
#: Request types in one intake: each type at most once.
MAX_ITEMS = len(RequestType)
#: Any other list read from JSON (a list of choices holds each choice at most once).
MAX_OTHER = 20


def check_count(value: list[Any] | tuple[Any, ...], what: str, limit: int) -> None:
    """Refuse ``value`` (the list at key ``what``) if it holds more than ``limit`` entries."""
    if len(value) > limit:
        raise InputError(
            f"「{what}」は{limit}件までです ({len(value):,}件指定されています)。",
            hint="窓口で扱う件数を超えています。入力データを確かめてください。",
        )
