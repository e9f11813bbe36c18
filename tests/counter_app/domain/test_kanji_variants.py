"""Kanji variants fold to one representative in search keys (髙 -> 高, 﨑 -> 崎, 邊 -> 辺...);
names themselves are never touched."""

from __future__ import annotations

import re
import unicodedata

import jaconv
import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.kanji_variants import VARIANTS, fold_kanji_variants, representative
from counter_app.domain.text import clean_name, kana_key, name_search_key

#: The pairs the counter asked for (variant, representative), written out one by one.
REQUIRED = [
    ("髙", "高"),
    ("\ufa11", "崎"),  # 﨑
    ("嵜", "崎"),
    ("碕", "崎"),
    ("邊", "辺"),
    ("邉", "辺"),
    ("齋", "斉"),
    ("齊", "斉"),
    ("斎", "斉"),
    ("澤", "沢"),
    ("濱", "浜"),
    ("濵", "浜"),
    ("嶋", "島"),
    ("嶌", "島"),
    ("櫻", "桜"),
    ("廣", "広"),
    ("國", "国"),
    ("德", "徳"),
    ("瀨", "瀬"),
    ("藏", "蔵"),
    ("龍", "竜"),
    ("冨", "富"),
    ("眞", "真"),
    ("惠", "恵"),
    ("曻", "昇"),
    ("槇", "槙"),
    ("栁", "柳"),  # U+6801 is the variant, 柳 U+67F3 the common form
    ("\ufa10", "\u585a"),  # 塚 (compatibility ideograph) -> 塚
    ("增", "増"),
    ("條", "条"),
    ("實", "実"),
    ("壽", "寿"),
    ("將", "将"),
    ("圓", "円"),
    ("埜", "野"),
    ("兒", "児"),
    ("淺", "浅"),
    ("來", "来"),
    ("與", "与"),
    ("豐", "豊"),
    ("巖", "巌"),
    ("彌", "弥"),
    ("榮", "栄"),
    ("靜", "静"),
    ("絲", "糸"),
    ("驒", "騨"),
    ("舘", "館"),
    ("峯", "峰"),
    ("嶽", "岳"),
    ("桒", "桑"),
    ("蘆", "芦"),
    ("\U00020bb7", "吉"),  # 𠮷
    ("\U0002123d", "土"),  # 𡈽
]


@pytest.mark.parametrize(("variant", "rep"), REQUIRED)
def test_each_variant_folds_to_its_representative(variant, rep):
    assert len(variant) == len(rep) == 1
    assert variant != rep
    assert fold_kanji_variants(variant) == rep
    assert representative(variant) == rep
    assert fold_kanji_variants(rep) == rep  # the representative stays


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        ("髙橋 一郎", "高橋 一郎"),
        ("齋藤 花子", "斉藤 花子"),
        ("齊藤 花子", "斎藤 花子"),
        ("渡邊 次郎", "渡辺 次郎"),
        ("渡邉 次郎", "渡辺 次郎"),
        ("山\ufa11 三郎", "山崎 三郎"),
        ("\U00020bb7田 太郎", "吉田 太郎"),
        ("\U0002123d屋 四郎", "土屋 四郎"),
        ("濵田 德子", "浜田 徳子"),
        ("\ufa19田 花子", "神田 花子"),  # 神 U+FA19 (compatibility) vs 神 U+795E
    ],
)
def test_registered_and_typed_forms_share_one_search_key(registered, typed):
    assert name_search_key(registered) == name_search_key(typed)
    assert clean_name(registered) == registered  # the name itself is never folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("藤", "籐"),
        ("辺", "返"),
        ("崎", "埼"),
        ("沖", "冲"),
        ("芦", "葦"),
        ("島", "鳴"),
        ("高", "髪"),
    ],
)
def test_different_characters_stay_different(a, b):
    assert fold_kanji_variants(a) != fold_kanji_variants(b)


def test_every_compatibility_ideograph_folds_to_its_canonical_decomposition():
    folded = 0
    for first, last in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for code in range(first, last + 1):
            ch = chr(code)
            unified = unicodedata.normalize("NFD", ch)
            if unified == ch:  # unassigned, or one of the 12 unified ideographs of the block
                continue
            assert fold_kanji_variants(ch) == representative(unified), hex(code)
            assert fold_kanji_variants(ch) != ch
            folded += 1
    assert folded > 1000  # 472 + 542 in Unicode 14; only the count's order matters here


def test_kangxi_radicals_pasted_from_a_pdf_fold_to_the_ideograph():
    assert fold_kanji_variants("\u2fbc橋") == "高橋"  # ⾼ KANGXI RADICAL TALL
    assert fold_kanji_variants("\u2fd3") == "竜"  # ⿓ -> 龍 -> 竜 (chained at build time)


def test_the_table_is_well_formed():
    for variant, rep in VARIANTS.items():
        assert len(variant) == len(rep) == 1, variant
        assert unicodedata.name(variant).startswith("CJK"), variant
        assert unicodedata.name(rep).startswith("CJK UNIFIED IDEOGRAPH"), rep
        assert rep not in VARIANTS, f"{variant}->{rep} chains"  # idempotent by construction
        # the representative is what a standard IME offers: a JIS X 0208 character
        rep.encode("shift_jis")
    for variant, rep in REQUIRED:
        assert variant in VARIANTS or unicodedata.normalize("NFD", variant) == rep


def test_kana_and_ascii_are_left_alone():
    text = "ヤマダ ハナコ やまだ ﾊﾅｺ Yamada 123 ー・"
    assert fold_kanji_variants(text) == text
    assert kana_key("たかはし いちろう") == "タカハシイチロウ"


# -- properties -------------------------------------------------------------------------------
_VARIANT_CHARS = [*VARIANTS, *VARIANTS.values(), "\ufa10", "\ufa19", "\u2fbc", "\U0002f800"]
names = st.text(
    alphabet=st.one_of(
        st.sampled_from(_VARIANT_CHARS),
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # unified ideographs
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),  # compatibility block
        st.sampled_from(" \u3000ＡａA1１ｶﾞ"),
    ),
    max_size=24,
)
ascii_or_kana = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
        st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F),  # half-width katakana
    ),
    max_size=24,
)


@given(names)
def test_fold_is_idempotent_and_keeps_the_length(text):
    once = fold_kanji_variants(text)
    assert fold_kanji_variants(once) == once
    assert len(once) == len(text)
    key = name_search_key(text)
    assert name_search_key(key) == key


@given(ascii_or_kana)
def test_fold_never_changes_ascii_or_kana(text):
    assert fold_kanji_variants(text) == text
    # its key is what it was before the kanji fold existed (widths and kana folded only)
    assert name_search_key(text) == _key_without_kanji_fold(text)


def _key_without_kanji_fold(text: str) -> str:
    """name_search_key as it was before kanji_variants (migration 0006 and earlier)."""
    wide_kana = jaconv.h2z(jaconv.z2h(text, kana=False, ascii=True, digit=True), kana=True)
    return re.sub(r"\s+", "", jaconv.hira2kata(wide_kana).lower())
