"""Text normalisation for what staff type at the counter.

* **Names are stored exactly as typed.** Never NFC/NFKC a name: NFC maps CJK compatibility
  ideographs to their unified form (神 U+FA19 -> 神 U+795E) and NFKC also folds widths;
  both would change a person's registered spelling. Rare kanji (𠮷, 髙), ideographic
  variation selectors (葛󠄀 = 葛 + U+E0100) are kept. :func:`clean_name` only trims
  surrounding white space.
* For searching, :func:`name_search_key` derives a separate key: widths folded (full-width
  ASCII -> ASCII, half-width katakana -> full-width), hiragana -> katakana, ASCII lower-cased,
  kanji variants folded to one representative (髙 -> 高, 﨑 -> 崎, 邊/邉 -> 辺, 𠮷 -> 吉,
  CJK compatibility ideographs to their unified form: see
  :mod:`counter_app.domain.kanji_variants`), white space and variation selectors removed.
  So 高橋 finds 髙橋 一郎 while his name stays 髙橋. The compatibility-ideograph folding that
  must never touch a name is fine in a key: the key is only compared, never shown or printed.
  :func:`kana_key` does the same for a furigana field (the kanji fold leaves kana alone).
  A change to the key derivation needs a migration re-deriving the stored keys (0007).
* Phone numbers and postal codes are folded to ASCII (they are not names) and checked for
  shape: a postal code is 7 digits, returned as ``NNN-NNNN``; a phone number is 10 or 11
  digits starting with 0 (``+81`` is turned into ``0``), returned with the grouping the
  person wrote, joined by ``-``.
* :func:`private_use_chars` lists private-use code points (U+E000–U+F8FF and the
  supplementary private-use planes): they come from vendor-specific 外字 and cannot be printed.
"""

from __future__ import annotations

import re
import unicodedata

import jaconv

from counter_app.domain.kanji_variants import fold_kanji_variants
from counter_app.domain.mynumber import DASHES
from counter_app.errors import InputError

__all__ = [
    "clean_name",
    "format_phone",
    "is_kana",
    "kana_key",
    "name_search_key",
    "normalise_kana",
    "normalise_phone",
    "normalise_postal_code",
    "phone_by_numbering_plan",
    "private_use_chars",
]

_PHONE_SEPARATORS = re.compile("[\\s" + re.escape("".join(sorted(DASHES))) + "()（）]+")
_VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_WHITESPACE = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """The name as typed, without surrounding white space. Nothing inside is changed."""
    return name.strip()


def normalise_kana(text: str) -> str:
    """Half-width katakana to full-width (ｶﾞ -> ガ); nothing else changes."""
    return jaconv.h2z(text, kana=True, ascii=False, digit=False)


def _fold_width(text: str) -> str:
    """Full-width ASCII and digits to ASCII, half-width katakana to full-width."""
    return normalise_kana(jaconv.z2h(text, kana=False, ascii=True, digit=True))


def name_search_key(name: str) -> str:
    """A key for kana-, width- and kanji-variant-insensitive search; never stored as the name
    itself (``"髙橋　一郎"`` -> ``"高橋一郎"``, ``"やまだ"`` -> ``"ヤマダ"``)."""
    folded = fold_kanji_variants(jaconv.hira2kata(_fold_width(name)).lower())
    return _WHITESPACE.sub("", _VARIATION_SELECTOR.sub("", folded))


def kana_key(furigana: str) -> str:
    """The search key of a furigana (読み仮名) field: katakana, full-width, no spaces."""
    return name_search_key(furigana)


def is_kana(text: str) -> bool:
    """True if ``text`` (spaces allowed) is only hiragana / katakana (either width) and ー."""
    key = kana_key(text)
    return bool(key) and all("\u30a1" <= ch <= "\u30fa" or ch in "ーヽヾ" for ch in key)


def _ascii_fold(value: str) -> str:
    # Phone numbers and postal codes are not names: NFKC is fine here.
    return unicodedata.normalize("NFKC", value).strip()


def normalise_postal_code(value: str) -> str:
    """``"〒３１０ー０８０１"`` -> ``"310-0801"``; raises InputError unless 7 digits."""
    text = _ascii_fold(value).lstrip("〒").strip()
    digits = _PHONE_SEPARATORS.sub("", text)
    if len(digits) != 7 or not digits.isascii() or not digits.isdigit():
        raise InputError(
            f"郵便番号「{value}」の形が正しくありません。",
            hint="7桁の数字で入力してください (例: 310-0801)。",
        )
    return f"{digits[:3]}-{digits[3:]}"


def phone_by_numbering_plan(digits: str) -> str | None:
    """A domestic number's digits hyphenated by the Japanese numbering plan
    (``"09012345678"`` -> ``"090-1234-5678"``, ``"0298641111"`` -> ``"029-864-1111"``,
    ``"0120123456"`` -> ``"0120-123-456"``), from Google's libphonenumber metadata (the
    ``phonenumbers`` package, kept up to date with the 総務省 allocations); None for digits
    the plan does not know as a number."""
    import phonenumbers  # its metadata is loaded on first use: off the start-up path

    try:
        number = phonenumbers.parse(digits, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, "JP"):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def format_phone(stored: str) -> str:
    """A stored phone number as shown and printed: hyphenated by the numbering plan when the
    plan knows it (a number stored before as typed, ``"09012345678"``, reads
    ``"090-1234-5678"``), else as stored."""
    digits = re.sub(r"\D", "", stored)
    if not digits.startswith("0") or not 10 <= len(digits) <= 11:
        return stored
    return phone_by_numbering_plan(digits) or stored


def normalise_phone(value: str) -> str:
    """``"０２９（１２３）４５６７"`` -> ``"029-123-4567"``, ``"09012345678"`` ->
    ``"090-1234-5678"``: hyphenated by the Japanese numbering plan
    (:func:`phone_by_numbering_plan`); a number the plan does not know keeps the grouping it
    was typed with. Raises InputError unless the number has 10 or 11 digits starting with 0."""
    text = _ascii_fold(value)
    if text.startswith("+81"):
        text = "0" + text[3:].lstrip(" -")
    groups = [g for g in _PHONE_SEPARATORS.split(text) if g]
    digits = "".join(groups)
    if not (10 <= len(digits) <= 11) or not digits.isascii() or not digits.isdigit():
        raise InputError(
            f"電話番号「{value}」の形が正しくありません。",
            hint="市外局番から10桁または11桁の数字で入力してください (例: 029-123-4567)。",
        )
    if not digits.startswith("0"):
        raise InputError(
            f"電話番号「{value}」は0で始まっていません。",
            hint="市外局番から入力してください (例: 029-123-4567)。",
        )
    return phone_by_numbering_plan(digits) or "-".join(groups)


def private_use_chars(text: str) -> tuple[str, ...]:
    """The distinct private-use characters of ``text``, in order of appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        code = ord(ch)
        if 0xE000 <= code <= 0xF8FF or 0xF0000 <= code <= 0x10FFFD:
            seen.setdefault(ch, None)
    return tuple(seen)
