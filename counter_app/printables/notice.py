"""The letters to the principal: a decision (disclosure, correction, suspension) or an
extension of the answer date (domain.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from counter_app.domain.requests import (
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestType,
)
from counter_app.printables.issuer import Issuer


class NoticeKind(StrEnum):
    """Which letter to the principal."""

    DISCLOSURE = "disclosure"  # also purpose notice and record disclosure (request_type says)
    CORRECTION = "correction"
    SUSPENSION = "suspension"  # also provision stop (request_type says)
    EXTENSION = "extension"  # the answer date is extended (once)


@dataclass(frozen=True)
class NoticeData:
    """A letter to the principal: a decision or an extension (domain.md section 7).

    - ``kind``: see :class:`NoticeKind`; ``request_type``: the type decided.
    - ``outcome``: the decision (None for an extension).
    - ``ground``: the statutory ground of a (partial) refusal: Art. 33(2)
      (:class:`RefusalGround`) for a disclosure, required when it is refused in whole or
      part; Art. 32(2) (:class:`PurposeNoticeGround`) for a purpose notice the co-op decided
      not to give, required then (a purpose notice refused before the Art. 32(2) grounds were
      recorded carries the Art. 33(2) ground it was decided with).
    - ``explanation``: the reason explained to the person (Art. 36), free text.
    - ``details``: what is disclosed / what was corrected / the measure taken (free text).
    - ``recipient_name`` / ``recipient_postal_code`` / ``recipient_address``: the principal,
      addressed like a Japanese letter (〒, address, name 様).
    - ``request_number``; ``received_on``: the date the request arrived.
    - ``issued_on``: the letter's date; ``document_number``: its reference (optional).
    - ``method``: how the disclosure is given; ``requested_method``: what the person asked
      for (for a change to paper).
    - ``extended_until`` / ``extension_reason``: for an extension notice.
    - ``issuer``: the co-op (the counter is the contact).
    - ``training``: training data (marked 見本).
    - ``scopes`` / ``period``: what a disclosure asked about (scope labels, the period as
      typed), restated in the letter; ``enclosed``: what comes with a disclosure letter
      (「同封の写し 12 枚」, 「別添 電磁的記録媒体 (CD-R) 1 枚」; "" when nothing).
    """

    kind: NoticeKind
    request_type: RequestType
    recipient_name: str
    recipient_postal_code: str
    recipient_address: str
    request_number: str
    received_on: date
    issued_on: date
    issuer: Issuer
    outcome: Outcome | None = None
    ground: RefusalGround | PurposeNoticeGround | None = None
    explanation: str = ""
    details: str = ""
    document_number: str | None = None
    method: DisclosureMethod | None = None
    requested_method: DisclosureMethod | None = None
    extended_until: date | None = None
    extension_reason: str = ""
    training: bool = False
    scopes: tuple[str, ...] = ()
    period: str = ""
    enclosed: str = ""
    #: 手数料の精算 (domain.md section 10): the amount due or refunded, or that it is pending
    settlement: str | None = None
