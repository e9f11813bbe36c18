"""The 受付票 (acceptance slip) handed to the requester at the end of intake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from counter_app.domain.postage import MailClass
from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType
from counter_app.printables.issuer import Issuer


@dataclass(frozen=True)
class AcceptanceSlipData:
    """The 受付票 handed to the requester at the end of intake.

    - ``request_number``: the request's number.
    - ``received_at``: date and time received (tz-aware).
    - ``requester_name``: who came to the counter (the principal or the proxy).
    - ``principal_name``: the principal when a proxy came (None when the principal came).
    - ``request_types``: what was asked (one visit may carry several).
    - ``disclosure_method``: how a disclosure will be given (None when none was asked).
    - ``delivery``: how the answer reaches the person (mail to the registered address or
      collection at the counter).
    - ``mail_class``: how a mailed answer is sent (簡易書留 by default; None when collected
      at the counter, or not known).
    - ``answer_by``: the date by which the answer will come (internal target).
    - ``staff_name``: who took the request.
    - ``issuer``: the counter (its phone and hours are the contact).
    - ``member_number``: optional.
    - ``fee_total`` / ``receipt_number``: the fee paid and its receipt, if any.
    - ``training``: training data (marked 見本).
    - ``reprint_count``: 0 for the original, n for the n-th reprint (再発行).
    - ``scopes``: the data asked about (labels of the scopes ticked for a disclosure or
      record disclosure), in the policy's order; ``period``: the period asked for, as typed
      ("" when none was given: the slip says 指定なし).
    """

    request_number: str
    received_at: datetime
    requester_name: str
    request_types: tuple[RequestType, ...]
    delivery: Delivery
    answer_by: date
    staff_name: str
    issuer: Issuer
    principal_name: str | None = None
    disclosure_method: DisclosureMethod | None = None
    member_number: str | None = None
    fee_total: int | None = None
    receipt_number: str | None = None
    training: bool = False
    reprint_count: int = 0
    mail_class: MailClass | None = None
    scopes: tuple[str, ...] = ()
    period: str = ""
