"""Forms printed for people to fill in or check by hand: the 開示等請求書 (empty, or with what
staff typed at intake) and the 委任状."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType, SuspensionGround
from counter_app.printables.issuer import Issuer


class BlankFormKind(StrEnum):
    """Forms printed empty for people to fill in by hand."""

    REQUEST_FORM = "request_form"  # 開示等請求書
    POWER_OF_ATTORNEY = "power_of_attorney"  # 委任状


#: The tick boxes of 「ご本人との関係」 on the request form, by proxy kind (value).
PROXY_RELATION_LABELS: dict[str, str] = {
    "voluntary": "任意代理人（委任状）",
    "parent": "親権者",
    "minor_guardian": "未成年後見人",
    "adult_guardian": "成年後見人",
}


@dataclass(frozen=True)
class RequestFormEntries:
    """What staff typed at intake, printed on the 開示等請求書 for the member to check and
    sign (instead of a blank form filled by hand and typed again).

    - ``request_number`` / ``received_on`` / ``staff_name``: the office box.
    - the principal: ``name``, ``furigana``, ``birth_date``, ``postal_code``, ``address``,
      ``phone``, ``member_number`` (as stored; "" / None when not given).
    - ``request_types``; ``scopes`` (labels) and ``period`` of a disclosure; ``method`` and
      ``delivery``; a correction's ``correction_item`` / ``current_value`` /
      ``requested_value``; the suspension grounds claimed (``suspension_grounds``).
    - a proxy: ``proxy_name``, ``proxy_address``, ``proxy_phone``, ``proxy_kind`` (a key of
      :data:`PROXY_RELATION_LABELS`, "" without a proxy).
    - ``id_rule``: the identity rule that passed (a label of the office box), never a number.
    """

    request_number: str
    received_on: date
    staff_name: str
    name: str
    request_types: tuple[RequestType, ...]
    delivery: Delivery
    furigana: str = ""
    birth_date: date | None = None
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    member_number: str = ""
    scopes: tuple[str, ...] = ()
    period: str = ""
    method: DisclosureMethod | None = None
    correction_item: str = ""
    current_value: str = ""
    requested_value: str = ""
    suspension_grounds: tuple[SuspensionGround, ...] = ()
    proxy_name: str = ""
    proxy_address: str = ""
    proxy_phone: str = ""
    proxy_kind: str = ""
    id_rule: str = ""


@dataclass(frozen=True)
class BlankFormData:
    """A blank form: which one, for which co-op (its name heads the form).

    - ``scopes``: the data scopes offered as tick boxes (labels), in order; empty means
      the privacy policy's list (DataScope labels).
    - ``power_of_attorney_months`` / ``seal_certificate_months``: how recent a 委任状 and
      the principal's 印鑑登録証明書 must be (proxy.toml, default 3 each), printed in the
      instructions.
    """

    kind: BlankFormKind
    issuer: Issuer
    training: bool = False
    scopes: tuple[str, ...] = field(default_factory=tuple)
    power_of_attorney_months: int = 3
    seal_certificate_months: int = 3
    #: a request form filled from a request (see :class:`RequestFormEntries`); None: blank
    entries: RequestFormEntries | None = None
