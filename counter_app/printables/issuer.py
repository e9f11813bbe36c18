"""Who issues a printed document (the co-op and the branch), and the time zone every printed
time is shown in (Japan time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

#: Japan time for printing (no daylight saving: a fixed offset needs no tz database).
JST = timezone(timedelta(hours=9), "JST")


@dataclass(frozen=True)
class Issuer:
    """The co-op and the branch that issue a document.

    - ``name``: the legal name, e.g. いばらきコープ生活協同組合.
    - ``branch_name``: the counter, e.g. 水戸宅配センター.
    - ``postal_code``: 7 digits, with or without the hyphen (printed 〒310-0000).
    - ``address``: the branch address, one line (forms wrap or shrink it).
    - ``phone``: the counter's phone number as printed.
    - ``registration_number``: 適格請求書発行事業者登録番号, "T" + 13 digits (validated by config).
    - ``contact_hours``: the counter's opening hours, e.g. 平日 9:00〜17:00 (optional).
    - ``notice_signatory``: who signs decision letters, e.g. 個人情報保護管理者 (title and name).
    """

    name: str
    branch_name: str
    postal_code: str
    address: str
    phone: str
    registration_number: str
    contact_hours: str | None = None
    notice_signatory: str = "個人情報保護管理者"
