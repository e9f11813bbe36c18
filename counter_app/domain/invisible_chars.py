"""Characters no stored text may hold: what does not draw, or changes how the rest draws.

A printed name must read as it was typed, and what a screen shows must be what is stored.
:func:`refused_character` finds the first character of a text that breaks this; the one
shared text check of the services (``counter_app.services.access.check_text``) refuses it
with a message naming it (「U+202E (RIGHT-TO-LEFT OVERRIDE) は入力できません」). Refused, in
every field:

* control characters (Cc), except a line break and a tab in a multi-line field;
* format characters (Cf): the direction controls (LRE/RLE/PDF/LRO/RLO U+202A–202E, the
  isolates U+2066–2069, LRM/RLM/ALM), zero-width space/non-joiner/joiner (U+200B–200D),
  word joiner, soft hyphen, BOM (U+FEFF), interlinear annotation, tag characters
  (U+E0001, U+E0020–E007F)...;
* the line and paragraph separators U+2028/U+2029 (Zl, Zp): a line break is U+000A;
* every other default-ignorable code point (Unicode's Default_Ignorable_Code_Point: Hangul
  fillers U+3164/U+FFA0, U+115F/1160, the combining grapheme joiner, Mongolian free variation
  selectors...): they draw nothing, so a name made of them looks empty;
* lone surrogates (Cs: broken text SQLite cannot store) and unassigned code points (Cn,
  noncharacters such as U+FDD0 and U+FFFE included; which code points are assigned follows
  the ``regex`` module's Unicode version, newer than Python's ``unicodedata``).

Decisions:

* **Variation selectors stay** (U+FE00–FE0F, the ideographic variation selectors
  U+E0100–E01EF): a Japanese name may be registered with a particular glyph of its kanji
  (葛 + U+E0100), and names are kept exactly as typed (:mod:`counter_app.domain.text`). The
  forms cannot draw them and print the base kanji (docs/forms.md). A variation selector is
  accepted only right after a visible character it can modify (a letter, digit, punctuation or
  symbol); one at the start, after a space, a mark or another selector is refused like any
  other invisible character.
* **Zero-width joiner and non-joiner are refused**, in names too: Japanese names never need
  them (they join emoji and shape Indic scripts, which the forms' fonts cannot print either).
* **Private-use characters (Co) are accepted**: they are a branch's own 外字, visible on
  the PC that has the 外字 font; the intake warns that they print as 〓.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

__all__ = ["RefusedCharacter", "describe", "refused_character"]

_REFUSED = regex.compile(
    r"[\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]", regex.V1
)
_VARIATION_SELECTOR = regex.compile(r"[\uFE00-\uFE0F\U000E0100-\U000E01EF]")
_VISIBLE_BASE = regex.compile(r"[\p{L}\p{N}\p{P}\p{S}]")
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class RefusedCharacter:
    char: str
    index: int
    kind: str  # what it is, in Japanese: 制御文字, 文字の向きを変える見えない文字...

    @property
    def description(self) -> str:
        return describe(self.char)


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``; the code point alone when it has no name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _kind(char: str) -> str:
    category = unicodedata.category(char)
    if char in _DIRECTION:
        return "文字の向きを変える見えない文字"
    if category == "Cc":
        return "制御文字"
    if category == "Cs":
        return "使えない文字 (壊れた文字コード)"
    if char in "\u2028\u2029":
        return "改行以外の区切り文字"
    if regex.match(r"\p{Cn}", char):
        return "文字として割り当てられていない符号"
    return "見えない文字"


def refused_character(text: str, *, multiline: bool = False) -> RefusedCharacter | None:
    """The first character of ``text`` that may not be stored (module docstring), or None.
    ``multiline`` allows a line break (U+000A) and a tab."""
    for match in _REFUSED.finditer(text):
        char, index = match.group(), match.start()
        if multiline and char in "\n\t":
            continue
        if _VARIATION_SELECTOR.match(char) and index > 0 and _VISIBLE_BASE.match(text[index - 1]):
            continue
        return RefusedCharacter(char, index, _kind(char))
    return None
