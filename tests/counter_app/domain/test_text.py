"""Text normalisation: names kept as typed, search keys, phone numbers, postal codes, 外字."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.text import (
    clean_name,
    is_kana,
    kana_key,
    name_search_key,
    normalise_kana,
    normalise_phone,
    normalise_postal_code,
    private_use_chars,
)
from counter_app.errors import InputError

COMPAT_KAMI = "\ufa19"  # 神 (CJK compatibility ideograph): NFC would turn it into U+795E
IVS = "\U000e0100"


@pytest.mark.parametrize(
    "name",
    ["𠮷田 太郎", "髙橋 一郎", "山田 花子", f"{COMPAT_KAMI}田 花子", f"葛{IVS}城 花子", "ﾔﾏﾀﾞ ﾊﾅｺ"],
)
def test_names_are_kept_exactly_as_typed(name):
    assert clean_name(f"  {name}\u3000") == name
    if COMPAT_KAMI in name:
        assert unicodedata.normalize("NFC", name) != name  # what we must not do


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("やまだ　はなこ", "ヤマダハナコ"),
        ("ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダハナコ"),
        ("ヤマダ ハナコ", "ヤマダハナコ"),
        ("山田 花子", "山田花子"),
        ("ＹＡＭＡＤＡ　Ｈａｎａｋｏ", "yamadahanako"),
        (f"葛{IVS}城 花子", "葛城花子"),
        ("髙橋 一郎", "高橋一郎"),  # kanji variants fold (the name stays 髙橋)
        ("𠮷田 太郎", "吉田太郎"),
        ("渡邊　次郎", "渡辺次郎"),
        (f"{COMPAT_KAMI}田 花子", "神田花子"),  # compatibility ideograph -> unified 神
        ("ﾔﾏ\ufa11 ﾀﾛｳ", "ヤマ崎タロウ"),  # widths and kana first, then kanji
    ],
)
def test_name_search_key(typed, key):
    assert name_search_key(typed) == key


def test_kana_key_and_is_kana():
    assert kana_key("やまだ はなこ") == kana_key("ﾔﾏﾀﾞ ﾊﾅｺ") == "ヤマダハナコ"
    assert is_kana("たかはし いちろう")
    assert is_kana("ｽｽﾞｷ ｰ")
    assert not is_kana("髙橋")
    assert not is_kana("   ")


def test_normalise_kana_turns_half_width_katakana_full_width_only():
    assert normalise_kana("ｶﾞｸｾｲ ABC 123") == "ガクセイ ABC 123"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("029-864-1111", "029-864-1111"),
        ("０２９－８６４－１１１１", "029-864-1111"),
        ("029(864)1111", "029-864-1111"),
        ("０２９（８６４）１１１１", "029-864-1111"),
        ("0298641111", "029-864-1111"),  # typed without hyphens: was kept as typed
        ("09012345678", "090-1234-5678"),
        ("090 1234 5678", "090-1234-5678"),
        ("090ー1234ー5678", "090-1234-5678"),
        ("+81 90-1234-5678", "090-1234-5678"),
        ("0312345678", "03-1234-5678"),  # Tokyo: a 2-digit area code
        ("0291234567", "0291-23-4567"),  # 鉾田: a 4-digit area code, not 029
        ("0291-234-567", "0291-23-4567"),  # a wrong grouping is put right
        ("0120123456", "0120-123-456"),
        ("029-000-0000", "029-000-0000"),  # not a number of the plan: kept as typed
    ],
)
def test_normalise_phone(typed, expected):
    assert normalise_phone(typed) == expected


@given(
    st.sampled_from(["090", "080", "070", "050", "03", "06", "029", "0291", "0120"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.lists(st.sampled_from(["-", " ", "ー", "－"]), max_size=3),
    st.randoms(use_true_random=False),
)
def test_a_number_is_hyphenated_by_the_plan_however_it_was_typed(prefix, rest, seps, rnd):
    """The digits never change; a number the plan knows comes out the same whether typed with
    hyphens (anywhere), spaces or none; format_phone reads an old unhyphenated one the same."""
    from counter_app.domain.text import format_phone, phone_by_numbering_plan

    digits = (prefix + rest)[: 11 if prefix[1] in "5789" else 10]
    typed = list(digits)
    for sep in seps:
        typed.insert(rnd.randrange(2, len(typed)), sep)
    result = normalise_phone("".join(typed))
    assert result.replace("-", "") == digits
    planned = phone_by_numbering_plan(digits)
    if planned is not None:
        assert result == planned == normalise_phone(digits) == format_phone(digits)


@pytest.mark.parametrize(
    "typed", ["029-123-456", "090-1234-56789", "29-123-4567", "abc", "", "03-1234-5678 内線12"]
)
def test_normalise_phone_refuses_bad_shapes_in_japanese(typed):
    with pytest.raises(InputError) as info:
        normalise_phone(typed)
    assert "電話番号" in info.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("310-0801", "310-0801"),
        ("3100801", "310-0801"),
        ("〒３１０ー０８０１", "310-0801"),
        ("〒 310 0801", "310-0801"),
    ],
)
def test_normalise_postal_code(typed, expected):
    assert normalise_postal_code(typed) == expected


@pytest.mark.parametrize("typed", ["310-080", "310-08011", "三一〇", "abc-defg", ""])
def test_normalise_postal_code_refuses_bad_shapes(typed):
    with pytest.raises(InputError) as info:
        normalise_postal_code(typed)
    assert "郵便番号" in info.value.message


def test_private_use_chars():
    assert private_use_chars("山田 花子") == ()
    assert private_use_chars("\ue000田 \uf8ff子\ue000") == ("\ue000", "\uf8ff")
    assert private_use_chars("\U000f0000") == ("\U000f0000",)
    assert private_use_chars("𠮷田") == ()


# -- idempotence -----------------------------------------------------------------------------
japanese_text = st.text(
    alphabet=st.sampled_from(
        [
            *"あいうがぱゃっアイウガパャッｱｲｳｶﾞﾊﾟｬｯｰ山田髙高𠮷吉神邊邉辺ＡＢａｂ０１ 　-ー",
            IVS,
            COMPAT_KAMI,
        ]
    ),
    max_size=20,
)


@given(japanese_text)
def test_normalisation_is_idempotent(text):
    assert normalise_kana(normalise_kana(text)) == normalise_kana(text)
    assert name_search_key(name_search_key(text)) == name_search_key(text)
    assert kana_key(kana_key(text)) == kana_key(text)
    assert clean_name(clean_name(text)) == clean_name(text)


@given(st.from_regex(r"0[0-9]{1,4}[-ー－ ]?[0-9]{1,4}[-ー－ ]?[0-9]{4}", fullmatch=True))
def test_phone_normalisation_is_idempotent(typed):
    digits = "".join(ch for ch in typed if ch.isdigit())  # 7 to 13 digits, starting with 0
    if not 10 <= len(digits) <= 11:
        with pytest.raises(InputError) as refused:
            normalise_phone(typed)
        assert refused.value.message == f"電話番号「{typed}」の形が正しくありません。"
        return
    once = normalise_phone(typed)
    assert once.replace("-", "") == digits  # the same digits in the same order
    assert "--" not in once and not once.startswith("-") and not once.endswith("-")
    assert normalise_phone(once) == once


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_postal_code_normalisation_is_idempotent(digits):
    once = normalise_postal_code(digits)
    assert normalise_postal_code(once) == once == f"{digits[:3]}-{digits[3:]}"
