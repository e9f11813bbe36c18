"""The rules a proxy (代理人) is checked against (domain.md §3), as values.

How old a power of attorney or a 印鑑登録証明書 may be, the age of majority by date, the
documents that prove a legal representative's standing, and what each kind of proxy may do.
The domain never loads them: :mod:`counter_app.config.documents` builds :class:`ProxyRules`
from ``proxy.toml`` and the caller passes them to :func:`counter_app.domain.proxy.proxy_verdict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.errors import ConfigError

#: The file the rules come from, named in the error when a rule is missing from them.
PROXY_FILE = "proxy.toml"


@dataclass(frozen=True)
class RelationshipDocumentType:
    key: str
    label: str
    max_age_months: int
    must_not_show_my_number: bool = False


@dataclass(frozen=True)
class ProxyKindRule:
    key: str
    accepted_documents: tuple[str, ...]
    principal_must_be_minor: bool
    may_receive: bool


@dataclass(frozen=True)
class ProxyRules:
    power_of_attorney_months: int
    seal_certificate_months: int
    #: (effective_from, age) pairs, oldest first.
    age_of_majority: tuple[tuple[dt.date, int], ...]
    relationship_documents: tuple[RelationshipDocumentType, ...]
    kinds: tuple[ProxyKindRule, ...]

    def majority_age(self, on: dt.date) -> int:
        """The age of majority that applies on ``on``."""
        age = None
        for start, value in self.age_of_majority:
            if start <= on:
                age = value
        if age is None:
            raise ConfigError(PROXY_FILE, "age_of_majority", f"{on} に適用する成年年齢がありません")
        return age

    def kind(self, key: str) -> ProxyKindRule:
        for rule in self.kinds:
            if rule.key == key:
                return rule
        raise ConfigError(PROXY_FILE, f"kinds.{key}", "この代理人の種類の設定がありません")

    def relationship_document(self, key: str) -> RelationshipDocumentType | None:
        for doc in self.relationship_documents:
            if doc.key == key:
                return doc
        return None
