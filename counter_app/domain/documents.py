"""The identity documents accepted at the counter (the document catalogue), as values.

A :class:`DocumentCatalogue` lists every accepted :class:`DocumentType` with its validity rules
and how many documents of each kind identify a person. The domain never loads it:
:mod:`counter_app.config.documents` builds it from ``documents.toml`` and the caller passes it
to :func:`counter_app.domain.identity.identity_verdict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from counter_app.errors import InputError


class UnknownDocumentType(InputError):
    """A document type code that the catalogue does not know."""


class DocumentKind(StrEnum):
    PHOTO = "photo"
    NON_PHOTO = "non_photo"
    SEAL_CERTIFICATE = "seal_certificate"  # counts as one non-photo ID only with the 実印

    @property
    def label(self) -> str:
        return {
            "photo": "写真付き",
            "non_photo": "写真なし",
            "seal_certificate": "印鑑登録証明書 (実印とあわせて写真なし1点)",
        }[self.value]


@dataclass(frozen=True)
class DocumentType:
    key: str
    label: str
    kind: DocumentKind
    expiry_required: bool = False
    issue_date_required: bool = False
    issued_within_months: int | None = None
    valid_until: dt.date | None = None
    issued_no_later_than: dt.date | None = None
    shows_address: bool = True
    note: str | None = None
    #: An official certified copy issued by the city (住民票の写し, 印鑑登録証明書): its
    #: "original" is the issued paper itself, not a photocopy of it.
    certified_copy: bool = False

    @property
    def has_photo(self) -> bool:
        return self.kind is DocumentKind.PHOTO


@dataclass(frozen=True)
class DocumentCatalogue:
    types: tuple[DocumentType, ...]
    photo_documents_needed: int = 1
    non_photo_documents_needed: int = 2

    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.types)

    def get(self, key: str) -> DocumentType:
        """The type for ``key``; raises UnknownDocumentType (Japanese) if there is none."""
        for t in self.types:
            if t.key == key:
                return t
        raise UnknownDocumentType(
            f"本人確認書類の種類「{key}」は登録されていません。",
            hint="使える種類: " + "、".join(f"{t.key} ({t.label})" for t in self.types),
        )

    def of_kind(self, kind: DocumentKind) -> tuple[DocumentType, ...]:
        return tuple(t for t in self.types if t.kind is kind)
