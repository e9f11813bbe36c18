"""What no stored text may hold (counter_app/domain/invisible_chars.py), by Unicode category."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.invisible_chars import describe, refused_character

_DEFAULT_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}|\p{Cn}")

#: Names and addresses as typed: letters (kanji, kana, Latin...), digits, punctuation,
#: symbols, spaces; never a default-ignorable or unassigned character.
visible = st.characters(categories=["L", "M", "N", "P", "S", "Zs"]).filter(
    lambda ch: not _DEFAULT_IGNORABLE.match(ch)
)
typed = st.text(visible, max_size=20).filter(
    # a combining mark or a variation selector needs a character before it
    lambda t: not t or unicodedata.category(t[0])[0] != "M"
)


@given(
    before=typed,
    bad=st.characters(categories=["Cf", "Zl", "Zp", "Cn", "Cs"]).filter(
        # unassigned in Python's Unicode database and in regex's (newer) one
        lambda ch: unicodedata.category(ch) != "Cn" or regex.match(r"\p{Cn}", ch)
    ),
    after=typed,
    multiline=st.booleans(),
)
def test_format_separator_unassigned_and_surrogate_characters_are_refused(
    before, bad, after, multiline
):
    refused = refused_character(before + bad + after, multiline=multiline)
    assert refused is not None
    assert refused.char == bad and refused.index == len(before)
    assert refused.description.startswith(f"U+{ord(bad):04X}")


@given(before=typed, bad=st.characters(categories=["Cc"]), after=typed)
def test_controls_are_refused_and_only_a_line_break_or_tab_in_a_multiline_field(before, bad, after):
    text = before + bad + after
    assert refused_character(text).kind == "制御文字"
    assert (refused_character(text, multiline=True) is None) is (bad in "\n\t")


@given(text=typed, private=st.characters(categories=["Co"]))
def test_private_use_gaiji_is_accepted(text, private):
    """A branch's own 外字: visible where its font is installed; the intake warns that it
    prints as 〓 (tests/counter_app/services/test_intake.py)."""
    assert refused_character(text + private + text) is None


@given(text=typed)
def test_what_people_type_is_accepted(text):
    assert refused_character(text) is None
    assert refused_character(text, multiline=True) is None


@given(
    base=st.characters(categories=["Lo"]).filter(lambda ch: not _DEFAULT_IGNORABLE.match(ch)),
    selector=st.one_of(
        st.characters(min_codepoint=0xE0100, max_codepoint=0xE01EF),
        st.characters(min_codepoint=0xFE00, max_codepoint=0xFE0F),
    ),
    lead=st.sampled_from(["", " ", "\u3000", "\u3099"]),
)
def test_a_variation_selector_only_on_a_visible_character(base, selector, lead):
    """葛 + U+E0100 is a registered glyph of a name and stays; a selector on nothing (at the
    start, after a space or a mark, or a second one) draws nothing and is refused."""
    assert refused_character(f"山田 {base}{selector}子") is None
    assert refused_character(f"{lead}{selector}{base}") is not None
    assert refused_character(f"{base}{selector}{selector}") is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("山田\u202e花子", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("山田\u202a花子", "U+202A (LEFT-TO-RIGHT EMBEDDING)"),
        ("山田\u2067花子", "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("山田\u200d花子", "U+200D (ZERO WIDTH JOINER)"),
        ("住所\u2028二行目", "U+2028 (LINE SEPARATOR)"),
        ("花子\U000e0041", "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
        ("花子\ufdd0", "U+FDD0"),
        ("\u3164", "U+3164 (HANGUL FILLER)"),
    ],
)
def test_the_message_names_the_character(text, message):
    assert refused_character(text).description == message
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
