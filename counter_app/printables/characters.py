"""Characters a printed document cannot show: the private-use 外字 of a branch print as
〓 (GETA); intake warns the staff with :func:`private_use_characters`."""

from __future__ import annotations

#: The placeholder printed for a character no font can show (JIS 〓 "geta").
GETA = "〓"


def is_private_use(ch: str) -> bool:
    """True for a code point of a Unicode private-use area (BMP or planes 15-16)."""
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def private_use_characters(text: str) -> list[str]:
    """The private-use characters of ``text`` in order, without repeats.

    They print as 〓: intake shows the staff a warning such as
    「氏名に印刷できない外字が含まれています (〓 で印刷されます)」 when this is not empty.
    """
    seen: list[str] = []
    for ch in text:
        if is_private_use(ch) and ch not in seen:
            seen.append(ch)
    return seen
