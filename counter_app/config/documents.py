"""The identity documents accepted at the counter and the proxy rules, from TOML.

``resources/config/documents.toml`` (or the head-office override) becomes a
:class:`~counter_app.domain.documents.DocumentCatalogue`; ``proxy.toml`` becomes
:class:`~counter_app.domain.proxy_rules.ProxyRules` (the domain's types). Both are frozen and
validated on load: an unknown key, a wrong type or a dangling reference raises
:class:`ConfigError` naming the file and the key. :func:`document_catalogue` and
:func:`proxy_rules` cache the parsed file per path and modification time, so an edited
override is picked up and repeated calls cost nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path

from counter_app.config.loader import find_config, parse_toml
from counter_app.domain.documents import DocumentCatalogue, DocumentKind, DocumentType
from counter_app.domain.proxy_rules import (
    PROXY_FILE,
    ProxyKindRule,
    ProxyRules,
    RelationshipDocumentType,
)
from counter_app.errors import ConfigError

__all__ = [
    "document_catalogue",
    "load_document_catalogue",
    "load_proxy_rules",
    "proxy_rules",
]

DOCUMENTS_FILE = "documents.toml"
PROXY_KINDS = ("voluntary", "parent", "minor_guardian", "adult_guardian")


# -- loading -----------------------------------------------------------------------------
_DOCUMENT_KEYS = (
    "label",
    "kind",
    "expiry_required",
    "issue_date_required",
    "issued_within_months",
    "valid_until",
    "issued_no_later_than",
    "shows_address",
    "note",
    "certified_copy",
)


def load_document_catalogue(path: Path) -> DocumentCatalogue:
    """Parse and validate one documents.toml file."""
    root = parse_toml(path).root
    root.reject_unknown(("rules", "documents"))
    rules = root.section("rules")
    rules.reject_unknown(("photo_documents_needed", "non_photo_documents_needed"))
    types = []
    for key, sec in root.section("documents").subsections():
        sec.reject_unknown(_DOCUMENT_KEYS)
        types.append(
            DocumentType(
                key=key,
                label=sec.str("label"),
                kind=DocumentKind(sec.str("kind", choices=[k.value for k in DocumentKind])),
                expiry_required=sec.bool("expiry_required", False),
                issue_date_required=sec.bool("issue_date_required", False),
                issued_within_months=sec.int("issued_within_months", None, min=1, max=120),
                valid_until=sec.date("valid_until", None),
                issued_no_later_than=sec.date("issued_no_later_than", None),
                shows_address=sec.bool("shows_address", True),
                note=sec.str("note", None),
                certified_copy=sec.bool("certified_copy", False),
            )
        )
    if not types:
        raise ConfigError(path.name, "documents", "書類を1つ以上定義してください")
    return DocumentCatalogue(
        types=tuple(types),
        photo_documents_needed=rules.int("photo_documents_needed", 1, min=1, max=5),
        non_photo_documents_needed=rules.int("non_photo_documents_needed", 2, min=1, max=5),
    )


def load_proxy_rules(path: Path) -> ProxyRules:
    """Parse and validate one proxy.toml file."""
    root = parse_toml(path).root
    root.reject_unknown(
        (
            "power_of_attorney",
            "seal_certificate",
            "age_of_majority",
            "relationship_documents",
            "kinds",
        )
    )
    poa = root.section("power_of_attorney")
    poa.reject_unknown(("max_age_months",))
    seal = root.section("seal_certificate")
    seal.reject_unknown(("max_age_months",))
    majority = []
    for sec in root.sections("age_of_majority"):
        sec.reject_unknown(("effective_from", "age"))
        majority.append((sec.date("effective_from"), sec.int("age", min=1, max=30)))
    if not majority:
        raise root.error("age_of_majority", "成年年齢を1つ以上定義してください")
    majority.sort()
    docs = []
    for key, sec in root.section("relationship_documents").subsections():
        sec.reject_unknown(("label", "max_age_months", "must_not_show_my_number"))
        docs.append(
            RelationshipDocumentType(
                key=key,
                label=sec.str("label"),
                max_age_months=sec.int("max_age_months", min=1, max=120),
                must_not_show_my_number=sec.bool("must_not_show_my_number", False),
            )
        )
    doc_keys = {d.key for d in docs}
    kinds_section = root.section("kinds")
    kinds = []
    for key, sec in kinds_section.subsections():
        if key not in PROXY_KINDS:
            raise kinds_section.error(
                key, f"代理人の種類は {', '.join(PROXY_KINDS)} のいずれかです"
            )
        sec.reject_unknown(("accepted_documents", "principal_must_be_minor", "may_receive"))
        accepted = tuple(sec.str_list("accepted_documents"))
        for doc in accepted:
            if doc not in doc_keys:
                raise sec.error(
                    "accepted_documents", f"「{doc}」は relationship_documents にありません"
                )
        kinds.append(
            ProxyKindRule(
                key=key,
                accepted_documents=accepted,
                principal_must_be_minor=sec.bool("principal_must_be_minor"),
                may_receive=sec.bool("may_receive"),
            )
        )
    missing = [k for k in PROXY_KINDS if k not in {r.key for r in kinds}]
    if missing:
        raise kinds_section.error(None, f"次の代理人の種類の設定がありません: {', '.join(missing)}")
    for rule in kinds:
        if rule.key != "voluntary" and not rule.accepted_documents:
            raise kinds_section.error(rule.key, "法定代理人には認める書類が1つ以上必要です")
    return ProxyRules(
        power_of_attorney_months=poa.int("max_age_months", min=1, max=120),
        seal_certificate_months=seal.int("max_age_months", min=1, max=120),
        age_of_majority=tuple(majority),
        relationship_documents=tuple(docs),
        kinds=tuple(kinds),
    )


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=8)
def _cached_catalogue(path: Path, _mtime: int) -> DocumentCatalogue:
    return load_document_catalogue(path)


@functools.lru_cache(maxsize=8)
def _cached_proxy_rules(path: Path, _mtime: int) -> ProxyRules:
    return load_proxy_rules(path)


def document_catalogue(directory: Path | None = None) -> DocumentCatalogue:
    """The catalogue in force (override folder first, then the bundled file), cached."""
    path = find_config(DOCUMENTS_FILE, directory)
    return _cached_catalogue(path, _stamp(path))


def proxy_rules(directory: Path | None = None) -> ProxyRules:
    """The proxy rules in force (override folder first, then the bundled file), cached."""
    path = find_config(PROXY_FILE, directory)
    return _cached_proxy_rules(path, _stamp(path))
