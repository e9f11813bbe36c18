"""Masks for personal data on screen (people stand behind the customer).

- ``mask_name("山田 花子") -> "山田 **"``: the family name stays, each given-name part
  becomes ``**``; a name without a space keeps its first character (``"山田花子" -> "山**"``).
- ``mask_phone("090-1234-5678") -> "090-****-5678"``: only the last group is shown.
- ``mask_address``: the prefecture/city part up to the first digit, then ``****``.
- ``mask_birth_date``: the year only.
"""

from __future__ import annotations

import datetime as dt
import re

_SPACES = re.compile(r"[ \u3000]+")


def mask_name(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    parts = _SPACES.split(name)
    if len(parts) > 1:
        return " ".join([parts[0], *("**" for _ in parts[1:])])
    return name[0] + "**"


#: A masked phone number hides at least this many digits.
MIN_HIDDEN_DIGITS = 3


def mask_phone(phone: str) -> str:
    phone = phone.strip()
    if not phone:
        return ""
    groups = phone.split("-")
    if len(groups) >= 3:
        first, middle, last = groups[0], groups[1:-1], groups[-1]
        # at least 3 digits hidden: a 4-digit area code leaves a 2-digit middle group
        # (0291-**-2222 would show 8 of 10 digits), so the area code's end is hidden too
        short = max(0, MIN_HIDDEN_DIGITS - sum(len(g) for g in middle))
        keep = max(2, len(first) - short)
        first = first[:keep] + "*" * (len(first) - keep)
        return "-".join([first, *("*" * len(g) for g in middle), last])
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_address(address: str) -> str:
    address = address.strip()
    if not address:
        return ""
    match = re.search(r"[0-9０-９一二三四五六七八九十]+(丁目|番|-|－|ー)", address)
    head = address[: match.start()] if match else address[:6]
    return head + "****"


def mask_birth_date(birth: dt.date | None) -> str:
    return f"{birth.year}年**月**日" if birth else ""


def mask_member_number(number: str) -> str:
    number = number.strip()
    if len(number) <= 3:
        return "*" * len(number)
    return "*" * (len(number) - 3) + number[-3:]
