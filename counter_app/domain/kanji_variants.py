"""Kanji variants (異体字) folded to one representative — for search keys only.

Counter staff hear a name and type the common form with a standard IME (高橋, 斉藤, 渡辺,
山崎, 吉田); the member's record often holds the registered (戸籍) form (髙橋, 齋藤, 渡邊,
山﨑, 𠮷田). :func:`fold_kanji_variants` maps each variant to one representative so both
spellings give the same search key (:func:`counter_app.domain.text.name_search_key`).
**It is never applied to a stored name**: names stay exactly as typed.

Where the fold comes from, in order:

1. :data:`VARIANTS`, the curated table below: variant forms common in Japanese surnames and
   given names (旧字体, 俗字 and the IBM/NEC extension forms such as 髙 﨑 昻), each mapped
   to the form a standard IME offers first — the 常用漢字 form, or for 人名用漢字 the JIS X
   0208 level-1 form (槙, 桧, 芦). Pairs were taken from the 常用漢字表 (its 旧字体 in
   brackets), the 人名用漢字 list's 異体字 pairs, and the surname variants counter staff
   meet (渡邊/渡邉, 齋藤/齊藤/斎藤, 山﨑/山嵜/山碕, 髙橋, 𠮷田, 𡈽屋), checked one by one.
2. Every CJK compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F) to its canonical
   decomposition (神 U+FA19 -> 神 U+795E, 塚 U+FA10 -> 塚 U+585A). Unicode's stability
   policy keeps these decompositions fixed, so keys do not move with the Python version.
   The twelve code points of that block that are unified ideographs and have no
   decomposition (U+FA0E, FA0F, FA11, FA13, FA14, FA1F, FA21, FA23, FA24, FA27, FA28, FA29)
   are left alone, except 﨑 (U+FA11), which the curated table folds to 崎.
3. Every Kangxi radical (U+2F00–U+2FD5) to the ideograph it looks like (⾼ -> 高): text copied
   out of a PDF often carries them in place of the ideograph.

A representative is never itself a variant, so the fold is idempotent, and it maps one code
point to one code point (the key keeps its length in characters).

Not folded: characters that look alike or share a reading but write different names —
藤/籐, 辺/返, 崎/埼 (埼玉 is not 崎玉), 沖/冲, 芦/葦, 嶋/鳴.

To add a pair: add ``"variant": "representative"`` to :data:`VARIANTS` under the right
heading, with the representative being what the IME offers (a character of JIS X 0208, test
``tests/counter_app/domain/test_kanji_variants.py`` checks it), and add a migration that
re-derives the stored keys (like ``0007_search_keys_fold_kanji_variants``): keys stored
before the change would otherwise keep the old form and stop matching.
"""

from __future__ import annotations

import types
import unicodedata
from collections.abc import Mapping
from typing import Literal

__all__ = ["VARIANTS", "fold_kanji_variants", "representative"]

#: Curated variant -> representative pairs (one code point each). See the module docstring.
VARIANTS: Mapping[str, str] = types.MappingProxyType(
    {
        # 崎 and its variants (山崎 / 山﨑 / 山嵜 / 川碕)
        "\ufa11": "崎",  # 﨑 U+FA11 (たつさき; a unified ideograph despite its block)
        "嵜": "崎",
        "碕": "崎",
        # 辺 (渡辺 / 渡邊 / 渡邉)
        "邊": "辺",
        "邉": "辺",
        # 斉 (斉藤 / 斎藤 / 齋藤 / 齊藤: one surname written four ways)
        "齋": "斉",
        "齊": "斉",
        "斎": "斉",
        # IBM/NEC extension forms
        "髙": "高",  # はしごだか
        "德": "徳",
        "瀨": "瀬",
        "栁": "柳",
        "增": "増",
        "濵": "浜",
        "曻": "昇",
        "昻": "昂",
        "黑": "黒",
        "淸": "清",
        "靑": "青",
        "緖": "緒",
        "寬": "寛",
        "逹": "達",
        # 旧字体 -> 新字体 (surnames)
        "澤": "沢",
        "濱": "浜",
        "嶋": "島",
        "嶌": "島",
        "櫻": "桜",
        "廣": "広",
        "國": "国",
        "圀": "国",
        "藏": "蔵",
        "條": "条",
        "圓": "円",
        "兒": "児",
        "淺": "浅",
        "與": "与",
        "豐": "豊",
        "瀧": "滝",
        "關": "関",
        "澁": "渋",
        "澀": "渋",
        "戶": "戸",
        "內": "内",
        "吳": "呉",
        "萬": "万",
        "鐵": "鉄",
        "莊": "荘",
        "傳": "伝",
        "穐": "秋",
        "籏": "旗",
        # 旧字体 -> 新字体 (given names)
        "眞": "真",
        "惠": "恵",
        "實": "実",
        "壽": "寿",
        "將": "将",
        "來": "来",
        "彌": "弥",
        "榮": "栄",
        "靜": "静",
        "禮": "礼",
        "恆": "恒",
        "晉": "晋",
        "穗": "穂",
        "巖": "巌",
        # 俗字 / 異体字 -> the form the IME offers first
        "龍": "竜",
        "冨": "富",
        "埜": "野",
        "舘": "館",
        "峯": "峰",
        "嶽": "岳",
        "桒": "桑",
        "槇": "槙",
        "檜": "桧",
        "蘆": "芦",
        "鷗": "鴎",
        "亙": "亘",
        "凜": "凛",
        "廸": "迪",
        "絲": "糸",
        "驒": "騨",  # 飛驒 / 飛騨
        # outside the BMP
        "\U00020bb7": "吉",  # 𠮷 (つちよし): 𠮷田
        "\U0002123d": "土",  # 𡈽 (土 with a dot): 𡈽屋
    }
)

#: Blocks whose code points fold to their decomposition: (first, last, normalisation form).
_DECOMPOSED_BLOCKS: tuple[tuple[int, int, Literal["NFD", "NFKC"]], ...] = (
    (0xF900, 0xFAFF, "NFD"),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F, "NFD"),  # CJK Compatibility Ideographs Supplement
    (0x2F00, 0x2FDF, "NFKC"),  # Kangxi Radicals
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, last, form in _DECOMPOSED_BLOCKS:
        for code in range(first, last + 1):
            ch = chr(code)
            target = unicodedata.normalize(form, ch)
            if target != ch and len(target) == 1:
                table[code] = VARIANTS.get(target, target)
    for variant, rep in VARIANTS.items():
        table[ord(variant)] = rep
    return table


_TABLE = _build_table()


def representative(ch: str) -> str:
    """The representative of one character (itself when it is no known variant)."""
    return _TABLE.get(ord(ch), ch) if len(ch) == 1 else ch


def fold_kanji_variants(text: str) -> str:
    """``text`` with each known kanji variant replaced by its representative (髙橋 -> 高橋).

    One code point in, one code point out; everything that is not a listed variant, a CJK
    compatibility ideograph or a Kangxi radical (kana, ASCII, other kanji) is left as is."""
    return text.translate(_TABLE)
