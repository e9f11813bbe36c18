"""Identity verification (本人確認, domain.md §2): which documents were shown, and the verdict.

Only the original document seen at the counter counts: the staff ticks that they saw the
original (:attr:`DocumentShown.original`), and a document without the tick does not count (a
photocopy, a picture on a phone, a transcript). For a 住民票の写し or a 印鑑登録証明書 — official
certified copies issued by the city (``certified_copy`` in the catalogue) — the original is
the issued paper itself, not a photocopy of it. What is kept is the document's **type**,
whether the original was seen, expiry and issue date, and what matched (name, birth date,
address); never a document number, an image or the back of a My Number card. The catalogue of types and their validity rules is
``resources/config/documents.toml``, built by :mod:`counter_app.config.documents` into a
:class:`~counter_app.domain.documents.DocumentCatalogue` that the caller passes in.

The rule (numbers from the catalogue's ``[rules]``):

* PASS ``photo_1``: one valid photo document;
* PASS ``non_photo_2``: two valid non-photo documents, where 印鑑登録証明書 counts only when
  the 実印 is brought with it; staff must confirm the impersonation warning (a sibling or
  family member can hold the same two papers);
* a document counts only if the original was seen, name and birth date match, it is not expired on the check date
  (the expiry day itself still counts), it is within its issue-age limit, it is not past an
  absolute cut-off (legacy 健康保険証: 2025-12-01) and it does not show a 個人番号;
* the address: if the member record's address differs from the document (the caller says
  so, or no counted document that carries an address matched the record), a second counted
  document that carries an address is needed (a passport cannot confirm an address); the
  verdict then passes with a warning to confirm the current address.
  If only documents without an address field counted (a passport), a warning says so.

Every reason, for a pass as well as a fail, is in Japanese in :attr:`Verdict.reasons`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from counter_app.domain.dates import months_between_ok
from counter_app.domain.documents import DocumentCatalogue, DocumentKind, DocumentType
from counter_app.domain.list_limits import MAX_OTHER, check_count
from counter_app.domain.wareki import wareki_with_seireki
from counter_app.errors import InputError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "RULE_LABELS",
    "DocumentShown",
    "Verdict",
    "identity_verdict",
    "record_from_dict",
    "record_to_dict",
]

RULE_LABELS = {"photo_1": "写真付き書類1点", "non_photo_2": "写真なし書類2点"}

T = TypeVar("T", bound="DataclassInstance")  # record_from_dict builds dataclasses


# -- plain-dict conversion shared by the verdict records ----------------------------------
def record_to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a frozen dataclass: dates as ISO text, tuples as lists."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[field.name] = value
    return out


def _type_name(tp: Any) -> str:
    names = {
        bool: "true または false",
        str: "文字列",
        int: "整数",
        dt.date: "日付 (YYYY-MM-DD)",
    }
    return names.get(tp, "正しい値")


def _convert(value: Any, tp: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _convert(value, args[0], where)
    if origin is tuple:
        (item,) = typing.get_args(tp)[:1]
        if not isinstance(value, list | tuple):
            raise InputError(f"「{where}」には配列 ([...]) を指定してください。")
        is_choice = isinstance(item, type) and issubclass(item, enum.Enum)
        check_count(value, where, len(item) if is_choice else MAX_OTHER)
        return tuple(_convert(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = "、".join(str(m.value) for m in tp)
            raise InputError(
                f"「{where}」の値「{value}」は使えません。", hint=f"使える値: {allowed}"
            ) from None
    if tp is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise InputError(
            f"「{where}」には日付を YYYY-MM-DD の形で指定してください (値: {value!r})。"
        )
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is str:
        if isinstance(value, str):
            return value
    elif isinstance(value, tp):
        return value
    raise InputError(f"「{where}」には{_type_name(tp)}を指定してください (値: {value!r})。")


def record_from_dict(cls: type[T], data: Any, what: str) -> T:
    """Build dataclass ``cls`` from a plain dict, refusing unknown fields and wrong types
    with a Japanese message that names ``what`` and the field."""
    if not isinstance(data, Mapping):
        raise InputError(f"「{what}」はオブジェクト ({{...}}) で指定してください。")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            if "number" in str(key).lower() or "番号" in str(key):
                raise InputError(
                    f"「{what}.{key}」: 書類の番号は記録しません。",
                    hint="番号の項目を削除してください。",
                )
            raise InputError(
                f"「{what}」に未知の項目「{key}」があります。",
                hint="使える項目: " + "、".join(fields),
            )
    values = {}
    for name, field in fields.items():
        if name in data:
            values[name] = _convert(data[name], hints[name], f"{what}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise InputError(f"「{what}」に必須の項目「{name}」がありません。")
    return cls(**values)


# -- records --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocumentShown:
    """One document shown at the counter. No number is ever recorded.

    ``original`` is the staff's tick 「原本 (コピーでない) を確認」; it has no default (in
    Python and in JSON alike): whoever records a document says whether the original was
    seen. A document that is not the original does not count.
    """

    doc_type: str  # a key of documents.toml, e.g. "drivers_license"
    #: the original was seen (not a photocopy, an image or a transcript); no default
    original: bool = dataclasses.field(kw_only=True)
    expiry: dt.date | None = None
    issued_on: dt.date | None = None
    name_matches: bool = False
    birth_date_matches: bool = False
    address_matches: bool = False
    with_registered_seal: bool = False  # 実印 brought with a 印鑑登録証明書
    shows_my_number: bool = False  # 住民票の写し with 個人番号 / back of the card -> refused

    def __post_init__(self) -> None:
        if self.expiry and self.issued_on and self.expiry < self.issued_on:
            raise InputError(
                f"書類「{self.doc_type}」の有効期限 ({wareki_with_seireki(self.expiry)}) が発行日 ({wareki_with_seireki(self.issued_on)}) "
                "より前になっています。",
                hint="日付を確認してください。",
            )

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "書類") -> DocumentShown:
        if isinstance(data, Mapping) and "original" not in data:
            # any other mistake of the same object first (a number field, a wrong type)
            record_from_dict(cls, {**data, "original": False}, what)
            raise InputError(
                f"「{what}」に必須の項目「original」(原本を確認したか) がありません。",
                hint="窓口で原本 (コピー・画像でないもの) を確認したら true、"
                "そうでなければ false を指定してください。原本でない書類は数えません。",
            )
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class Verdict:
    passed: bool
    rule: str | None  # "photo_1" | "non_photo_2" | None
    reasons: tuple[str, ...]  # Japanese, every reason (also for a pass: what satisfied it)
    warnings: tuple[str, ...]  # Japanese, for staff to confirm

    @property
    def rule_label(self) -> str | None:
        return RULE_LABELS.get(self.rule) if self.rule else None

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "本人確認の結果") -> Verdict:
        verdict = record_from_dict(cls, data, what)
        if verdict.rule is not None and verdict.rule not in RULE_LABELS:
            raise InputError(
                f"「{what}.rule」の値「{verdict.rule}」は使えません。",
                hint="使える値: " + "、".join(RULE_LABELS),
            )
        return verdict


# -- the verdict ----------------------------------------------------------------------------
def _not_original_note(t: DocumentType) -> str:
    """What a document that is not the original is, in the words that fit its type."""
    if t.certified_copy:  # a 住民票の写し is itself a 写し: a photocopy of it is not
        return "コピー・画像は使えません。発行された証明書そのものが必要です"
    return "コピー・画像・写しは使えません"


def _problems(doc: DocumentShown, t: DocumentType, on: dt.date) -> list[str]:
    """Why ``doc`` does not count on ``on`` (empty: it counts)."""
    out = []
    if doc.shows_my_number:
        if t.key == "my_number_card":
            out.append("裏面 (個人番号) での確認はできません。表面のみで確認してください")
        else:
            out.append("個人番号が記載されています。受け取らず、番号を記録しないでください")
    if t.expiry_required and doc.expiry is None:
        out.append("有効期限が入力されていません")
    if doc.expiry is not None and doc.expiry < on:
        out.append(f"有効期限切れです (有効期限 {wareki_with_seireki(doc.expiry)})")
    if t.valid_until is not None and on > t.valid_until:
        out.append(f"{wareki_with_seireki(t.valid_until)}を過ぎたため本人確認に使えません")
    if t.issue_date_required and doc.issued_on is None:
        out.append("発行日が入力されていません")
    if doc.issued_on is not None:
        if doc.issued_on > on:
            out.append(f"発行日 ({wareki_with_seireki(doc.issued_on)}) が確認日より後です")
        elif t.issued_no_later_than is not None and doc.issued_on > t.issued_no_later_than:
            out.append(
                f"{wareki_with_seireki(t.issued_no_later_than)}より後に発行されたものはありません"
            )
        elif t.issued_within_months and not months_between_ok(
            doc.issued_on, on, t.issued_within_months
        ):
            out.append(
                f"発行から{t.issued_within_months}か月を超えています (発行日 {wareki_with_seireki(doc.issued_on)})"
            )
    if not doc.name_matches:
        out.append("氏名が一致しません")
    if not doc.birth_date_matches:
        out.append("生年月日が一致しません")
    if t.kind is DocumentKind.SEAL_CERTIFICATE and not doc.with_registered_seal:
        out.append("実印の持参がないため本人確認書類として数えません")
    return out


def identity_verdict(
    documents: Sequence[DocumentShown],
    on: dt.date,
    *,
    address_differs_from_record: bool = False,
    catalogue: DocumentCatalogue,
) -> Verdict:
    """Decide whether the documents shown on ``on`` identify the person (domain.md §2).

    Raises UnknownDocumentType (an InputError) for a type the catalogue does not know.
    """
    reasons: list[str] = []
    warnings: list[str] = []
    counted: list[tuple[DocumentShown, DocumentType]] = []
    for doc in documents:
        t = catalogue.get(doc.doc_type)
        if not doc.original:
            reasons.append(f"{t.label}: 原本ではないため数えません ({_not_original_note(t)})")
            continue
        problems = _problems(doc, t, on)
        if problems:
            reasons.append(f"{t.label}: 数えません ({'、'.join(problems)})")
        elif any(seen.key == t.key for _, seen in counted):
            # no number is kept, so the same type twice may be one document entered twice
            reasons.append(f"{t.label}: 数えません (同じ種類の書類は1点として数えます)")
        else:
            counted.append((doc, t))
            reasons.append(f"{t.label}: 有効 ({t.kind.label})")

    photo = [t.label for _, t in counted if t.kind is DocumentKind.PHOTO]
    non_photo = [t.label for _, t in counted if t.kind is not DocumentKind.PHOTO]
    if not documents:
        reasons.append("本人確認書類が提示されていません")
    if len(photo) >= catalogue.photo_documents_needed:
        rule: str | None = "photo_1"
        reasons.append(f"写真付き書類{len(photo)}点 ({'、'.join(photo)}) で本人確認できます")
    elif len(non_photo) >= catalogue.non_photo_documents_needed:
        rule = "non_photo_2"
        reasons.append(
            f"写真なし書類{len(non_photo)}点 ({'、'.join(non_photo)}) で本人確認できます"
        )
        warnings.append(
            "写真なし書類のみでの確認です。ご家族などによるなりすましの可能性があるため、"
            "生年月日や登録内容を口頭で確認してください"
        )
    else:
        rule = None
        reasons.append(
            f"有効な書類が足りません: 写真付き書類{catalogue.photo_documents_needed}点、"
            f"または写真なし書類{catalogue.non_photo_documents_needed}点が必要です "
            f"(有効なもの: 写真付き{len(photo)}点、写真なし{len(non_photo)}点)"
        )

    with_address = [(d, t) for d, t in counted if t.shows_address]
    address_differs = address_differs_from_record or (
        bool(with_address) and not any(d.address_matches for d, _ in with_address)
    )
    passed = rule is not None
    if passed and address_differs:
        # the second document is there to confirm the current address: it needs one
        if len(with_address) >= 2:
            warnings.append(
                "書類の住所が組合員登録の住所と異なります。2点目の書類で現住所を確認し、"
                "住所変更の手続きを案内してください"
            )
        else:
            passed = False
            reasons.append(
                "書類の住所が組合員登録の住所と異なるため、現住所を確認できる2点目の書類が必要です"
                f" (住所の記載がある書類: {len(with_address)}点)"
            )
    elif passed and counted and not with_address:
        warnings.append("住所の記載がない書類のみで確認しました。回答は登録住所へお送りします")
    return Verdict(
        passed=passed,
        rule=rule if passed else None,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
    )
