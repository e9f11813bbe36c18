"""Messages break between phrases, never inside a word or a number (issue 10 §4)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextLayout

from ui.phrase_wrap import WORD_JOINER, PhraseLabel, keep_phrases, plain

JAPANESE = st.text(
    alphabet=st.sampled_from(
        list("個人番号は記録できません。住所に思われる桁の数字があります、「」() 0123456789年月日")
    ),
    max_size=60,
)


@given(st.text(max_size=80).filter(lambda t: WORD_JOINER not in t))
def test_the_text_itself_is_never_changed(text):
    assert plain(keep_phrases(text)) == text


@given(JAPANESE)
def test_no_break_is_left_inside_a_phrase_and_spaces_stay_breaks(text):
    import budoux

    kept = keep_phrases(text)
    if not any("\u3040" <= c <= "\u9fff" for c in text):
        assert kept == text
        return
    for phrase in budoux.load_default_japanese_parser().parse(text):
        for left, right in itertools.pairwise(phrase):
            if left.isspace() or right.isspace():
                assert left + right in kept  # a space is still a place to break
            else:
                assert left + WORD_JOINER + right in kept


@given(st.text(alphabet="abcdefgh xyz.,", max_size=60))
def test_text_without_japanese_is_left_alone(text):
    assert keep_phrases(text) == text


def lines_of(label: PhraseLabel, width: int) -> list[str]:
    shown = QLabel_text(label)
    layout = QTextLayout(shown, label.font())
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(plain(shown[line.textStart() : line.textStart() + line.textLength()]))
    layout.endLayout()
    return lines


def QLabel_text(label: PhraseLabel) -> str:
    from PySide6.QtWidgets import QLabel

    return QLabel.text(label)  # what Qt lays out (with the joiners)


def test_a_message_under_a_field_breaks_at_a_phrase(qapp, ui_font, qtbot):
    label = PhraseLabel()
    qtbot.addWidget(label)
    message = "「住所」に個人番号と思われる12桁の数字があります。個人番号は記録できません。"
    label.setText(message)
    assert label.text() == message  # what the program reads back is what it set
    width = label.fontMetrics().horizontalAdvance(message) * 2 // 3
    lines = lines_of(label, width)
    assert len(lines) >= 2 and "".join(lines) == message
    for line in lines[1:]:
        assert not line.startswith(("番号", "ります", "桁")), lines
    date = "平成の期間外の日付です (平成は 1989年1月8日〜2019年4月30日)。"
    label.setText(date)
    for width in range(120, 600, 7):
        for line in lines_of(label, width):
            assert not line.startswith(("9", "0日", "30日", "月")), (width, line)
