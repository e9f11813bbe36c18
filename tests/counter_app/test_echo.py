"""shown(): what a message quotes back is short, visible and faithful."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from counter_app.echo import LINE_LIMIT, MAX_LINES, shown, shown_message

HIDDEN = ("Cc", "Cf", "Cs", "Zl", "Zp")
ANY_TEXT = st.text(st.characters(blacklist_characters="…"), max_size=3000)


@given(ANY_TEXT, st.integers(40, 1000))
def test_shown_is_never_longer_than_the_limit_and_hides_nothing(text, limit):
    result = shown(text, limit)
    assert len(result) <= limit
    assert not any(unicodedata.category(c) in HIDDEN for c in result)


@given(st.text(st.characters(blacklist_categories=HIDDEN), max_size=80))
def test_short_visible_text_is_shown_as_it_is(text):
    assert shown(text, 80) == text


@given(ANY_TEXT.filter(lambda t: len(t) > 100), st.integers(40, 100))
def test_a_cut_keeps_the_beginning_and_says_how_much_is_left_out(text, limit):
    result = shown(text, limit)
    note = re.search(r"…\(([\d,]+)文字省略\)…", result)
    assert note is not None
    assert shown(text, 10**9).startswith(result[: note.start()])
    assert 0 < int(note.group(1).replace(",", "")) <= len(text)


@given(st.binary(min_size=1, max_size=200))
def test_bytes_that_are_not_utf8_are_shown_as_escapes(raw):
    text = raw.decode("utf-8", "surrogateescape")
    result = shown(text, 10_000)
    assert not any(unicodedata.category(c) in HIDDEN for c in result)
    for byte in raw:
        if byte >= 0x80 and f"\\x{byte:02x}" not in result:
            assert bytes([byte]).decode("utf-8", "surrogateescape") not in result


@given(st.lists(ANY_TEXT.map(lambda t: t.replace("\n", "")), max_size=300))
def test_a_message_is_cut_in_lines_and_in_length(lines):
    result = shown_message("\n".join(lines)).split("\n")
    assert len(result) <= MAX_LINES
    assert all(len(line) <= LINE_LIMIT for line in result)
    if len(lines) > MAX_LINES:
        assert f"…({len(lines) - MAX_LINES + 1:,}行省略)…" in result


@given(
    st.lists(st.text(st.characters(blacklist_categories=HIDDEN), max_size=80), max_size=MAX_LINES)
)
def test_a_short_message_is_shown_as_it_is(lines):
    message = "\n".join(lines)
    assert shown_message(message) == message
