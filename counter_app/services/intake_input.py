"""What the counter enters for one visit: plain values in, validated by ``register_intake``.

``IntakeInput.from_dict`` reads the JSON of ``counter-app intake FILE.json`` (and UI drafts):
unknown fields, wrong types and bad values are refused with a Japanese message naming the
field. ``to_dict`` gives the same JSON back. The format is documented in docs/cli.md.
The page count (``pages``, also read as ``copies``) is a number or ``"undecided"`` / ``"未定"``
(the volume is not known at the counter: the request is 精算待ち, see
:mod:`counter_app.services.settlement`); an older JSON with a number reads as before.
Identity documents carry type, the original tick (``original``, required: a document that is
not the original does not count), dates and match ticks only: there is no field for a
document's number, and a key that looks like one is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.fees import Adjustment
from counter_app.domain.identity import DocumentShown, record_from_dict, record_to_dict
from counter_app.domain.list_limits import MAX_DOCUMENTS, MAX_ITEMS, check_count
from counter_app.domain.postage import MailClass
from counter_app.domain.proxy import (
    PowerOfAttorney,
    ProxyKind,
    RelationshipDocument,
    SealCertificate,
)
from counter_app.domain.requests import (
    DataScope,
    Delivery,
    DisclosureMethod,
    RequestType,
    SuspensionGround,
)
from counter_app.errors import InputError


@dataclass(frozen=True)
class PersonInput:
    """A principal or a proxy as typed (the name exactly as written)."""

    name: str
    furigana: str = ""
    birth_date: dt.date | None = None
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    member_number: str = ""

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "requester") -> PersonInput:
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class RequestItemInput:
    """One request type and the details it needs.

    - disclosure / record_disclosure: ``scopes`` (at least one for a disclosure), ``period``
    - correction: ``correction_item``, ``current_value``, ``requested_value``, ``evidence``
    - suspension / provision_stop: ``suspension_ground``
    - any: ``detail`` (free text)
    """

    request_type: RequestType
    scopes: tuple[DataScope, ...] = ()
    period: str = ""
    correction_item: str = ""
    current_value: str = ""
    requested_value: str = ""
    evidence: str = ""
    suspension_ground: SuspensionGround | None = None
    detail: str = ""

    def details(self) -> dict[str, Any]:
        """The stored details (request_type excluded; empty values left out)."""
        data = record_to_dict(self)
        data.pop("request_type")
        return {k: v for k, v in data.items() if v not in ("", None, [])}

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "items") -> RequestItemInput:
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class IdentityInput:
    """The documents shown for one person and the staff's confirmation of the warnings."""

    documents: tuple[DocumentShown, ...] = ()
    address_differs_from_record: bool = False
    warnings_confirmed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.to_dict() for d in self.documents],
            "address_differs_from_record": self.address_differs_from_record,
            "warnings_confirmed": self.warnings_confirmed,
        }

    @classmethod
    def from_dict(cls, data: Any, what: str = "identity") -> IdentityInput:
        obj = _object(
            data, what, ("documents", "address_differs_from_record", "warnings_confirmed")
        )
        docs = _list(obj.get("documents", []), f"{what}.documents", MAX_DOCUMENTS)
        return cls(
            documents=tuple(
                DocumentShown.from_dict(d, f"{what}.documents[{i}]") for i, d in enumerate(docs)
            ),
            address_differs_from_record=_bool(obj, "address_differs_from_record", what),
            warnings_confirmed=_bool(obj, "warnings_confirmed", what),
        )


@dataclass(frozen=True)
class ProxyInput:
    """A proxy: who they are, their own identity check, and the papers for their standing."""

    kind: ProxyKind
    person: PersonInput
    identity: IdentityInput
    power_of_attorney: PowerOfAttorney | None = None
    seal_certificate: SealCertificate | None = None
    relationship_document: RelationshipDocument | None = None
    warnings_confirmed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": ProxyKind(self.kind).value,
            "person": self.person.to_dict(),
            "identity": self.identity.to_dict(),
            "power_of_attorney": _opt(self.power_of_attorney),
            "seal_certificate": _opt(self.seal_certificate),
            "relationship_document": _opt(self.relationship_document),
            "warnings_confirmed": self.warnings_confirmed,
        }

    @classmethod
    def from_dict(cls, data: Any, what: str = "proxy") -> ProxyInput:
        keys = (
            "kind",
            "person",
            "identity",
            "power_of_attorney",
            "seal_certificate",
            "relationship_document",
            "warnings_confirmed",
        )
        obj = _object(data, what, keys)
        for key in ("kind", "person", "identity"):
            if key not in obj:
                raise InputError(f"「{what}」に必須の項目「{key}」がありません。")
        try:
            kind = ProxyKind(obj["kind"])
        except ValueError:
            raise InputError(
                f"「{what}.kind」の値「{obj['kind']}」は使えません。",
                hint="使える値: " + "、".join(k.value for k in ProxyKind),
            ) from None
        poa, seal, rel = (obj.get(k) for k in keys[3:6])
        return cls(
            kind=kind,
            person=PersonInput.from_dict(obj["person"], f"{what}.person"),
            identity=IdentityInput.from_dict(obj["identity"], f"{what}.identity"),
            power_of_attorney=None
            if poa is None
            else PowerOfAttorney.from_dict(poa, f"{what}.power_of_attorney"),
            seal_certificate=None
            if seal is None
            else SealCertificate.from_dict(seal, f"{what}.seal_certificate"),
            relationship_document=None
            if rel is None
            else RelationshipDocument.from_dict(rel, f"{what}.relationship_document"),
            warnings_confirmed=_bool(obj, "warnings_confirmed", what),
        )


@dataclass(frozen=True)
class IntakeInput:
    """Everything ``register_intake`` needs for one visit."""

    requester: PersonInput
    items: tuple[RequestItemInput, ...]
    identity: IdentityInput
    proxy: ProxyInput | None = None
    disclosure_method: DisclosureMethod | None = None
    delivery: Delivery = Delivery.MAIL
    pages: int = 0
    mail_class: MailClass | None = None
    media_count: int = 0
    adjustment: Adjustment | None = None
    amount_received: int = 0
    received_at: dt.datetime | None = None  # default: now; never in the future
    note: str = ""
    #: 未定 (回答時に精算): the page count is not known at the counter
    pages_undecided: bool = False
    #: False when a JSON left the page count out: refused where the count is asked (a
    #: paper disclosure under an actual-cost schedule), never read as 0
    pages_answered: bool = field(default=True, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def request_types(self) -> tuple[RequestType, ...]:
        return tuple(RequestType(i.request_type) for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "requester": self.requester.to_dict(),
            "items": [i.to_dict() for i in self.items],
            "identity": self.identity.to_dict(),
            "proxy": self.proxy.to_dict() if self.proxy else None,
            "disclosure_method": _enum_value(self.disclosure_method),
            "delivery": Delivery(self.delivery).value,
            "pages": UNDECIDED if self.pages_undecided else self.pages,
            "mail_class": _enum_value(self.mail_class),
            "media_count": self.media_count,
            "adjustment": self.adjustment.to_dict() if self.adjustment else None,
            "amount_received": self.amount_received,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Any) -> IntakeInput:
        keys = (
            "requester",
            "items",
            "identity",
            "proxy",
            "disclosure_method",
            "delivery",
            "pages",
            "copies",
            "mail_class",
            "media_count",
            "adjustment",
            "amount_received",
            "received_at",
            "note",
        )
        obj = _object(data, "受付データ", keys)
        pages, undecided, answered = _page_count(obj)
        for key in ("requester", "items", "identity"):
            if key not in obj:
                raise InputError(f"受付データに必須の項目「{key}」がありません。")
        items = _list(obj["items"], "items", MAX_ITEMS)
        proxy = obj.get("proxy")
        adjustment = obj.get("adjustment")
        return cls(
            requester=PersonInput.from_dict(obj["requester"], "requester"),
            items=tuple(
                RequestItemInput.from_dict(item, f"items[{i}]") for i, item in enumerate(items)
            ),
            identity=IdentityInput.from_dict(obj["identity"], "identity"),
            proxy=None if proxy is None else ProxyInput.from_dict(proxy, "proxy"),
            disclosure_method=_enum(obj, "disclosure_method", DisclosureMethod, None),
            delivery=_enum(obj, "delivery", Delivery, Delivery.MAIL),
            pages=pages,
            pages_undecided=undecided,
            pages_answered=answered,
            mail_class=_enum(obj, "mail_class", MailClass, None),
            media_count=_int(obj, "media_count"),
            adjustment=None if adjustment is None else _adjustment(adjustment),
            amount_received=_int(obj, "amount_received"),
            received_at=_datetime(obj, "received_at"),
            note=_str(obj, "note"),
        )


#: The JSON value of a page count not known at the counter (「未定」 is read too).
UNDECIDED = "undecided"
_UNDECIDED_WORDS = (UNDECIDED, "未定")


def _page_count(obj: Mapping[str, Any]) -> tuple[int, bool, bool]:
    """``pages`` (or its synonym ``copies``): (count, undecided, answered)."""
    if "pages" in obj and "copies" in obj:
        raise InputError(
            "「pages」と「copies」(どちらも複写の枚数) が両方あります。どちらか一方にしてください。"
        )
    key = "copies" if "copies" in obj else "pages"
    if key not in obj:
        return 0, False, False
    value = obj[key]
    if isinstance(value, str) and value.strip() in _UNDECIDED_WORDS:
        return 0, True, True
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(
            f'「{key}」(複写の枚数) には0以上の整数か "undecided" (未定・回答時に精算) を'
            f"指定してください (値: {value!r})。"
        )
    return value, False, True


# -- strict JSON reading ----------------------------------------------------------------------
def _object(data: Any, what: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise InputError(f"「{what}」はオブジェクト ({{...}}) で指定してください。")
    for key in data:
        if key not in keys:
            raise InputError(
                f"「{what}」に未知の項目「{key}」があります。",
                hint="使える項目: " + "、".join(keys),
            )
    return data


def _list(value: Any, what: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"「{what}」には配列 ([...]) を指定してください。")
    check_count(value, what, limit)
    return value


def _bool(obj: Mapping[str, Any], key: str, what: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise InputError(f"「{what}.{key}」には true または false を指定してください。")
    return value


def _int(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"「{key}」には整数を指定してください (値: {value!r})。")
    if value < 0:
        raise InputError(f"「{key}」には0以上の整数を指定してください (値: {value})。")
    return value


def _str(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"「{key}」には文字列を指定してください (値: {value!r})。")
    return value


def _enum(obj: Mapping[str, Any], key: str, enum: Any, default: Any) -> Any:
    value = obj.get(key, default)
    if value is None or value is default:
        return value
    try:
        return enum(value)
    except ValueError:
        raise InputError(
            f"「{key}」の値「{value}」は使えません。",
            hint="使える値: " + "、".join(m.value for m in enum),
        ) from None


def _datetime(obj: Mapping[str, Any], key: str) -> dt.datetime | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise InputError(
        f"「{key}」には時差付きの日時を指定してください (例: 2025-06-02T10:30:00+09:00)。"
    )


def _adjustment(value: Any) -> Adjustment:
    _object(value, "adjustment", ("kind", "amount", "reason"))
    return Adjustment.from_dict(value)


def _opt(record: Any) -> dict[str, Any] | None:
    return None if record is None else record.to_dict()


def _enum_value(value: Any) -> Any:
    return None if value is None else value.value
