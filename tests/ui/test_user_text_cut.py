"""The window shows a refusal that quotes huge or hidden input cut and visible (issue 9, 13)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from counter_app.errors import InputError
from ui.error_text import user_text

HIDDEN = ("Cc", "Cf", "Cs", "Zl", "Zp")


@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
    st.integers(1, 200_000),
)
def test_a_quoted_value_is_cut_and_visible(unit, repeat):
    value = unit * repeat
    text = user_text(
        InputError(f"「delivery」の値「{value}」は使えません。", hint="使える値: mail")
    )
    lines = text.split("\n")  # a line break typed in the value starts a line of its own
    assert lines[-1] == "使える値: mail" and lines[0].startswith("「delivery」の値「")
    assert len(lines) <= 30
    for line in lines:
        assert len(line) <= 400
        assert not any(unicodedata.category(c) in HIDDEN for c in line)
