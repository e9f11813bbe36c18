"""Japanese that wraps between phrases, never inside a word.

Qt wraps Japanese between any two characters, so a message under a field broke as
「個人 / 番号は記録できません」 or 「2019年4月 / 30日」. BudouX (Google's phrase segmenter,
the one browsers use for ``word-break: auto-phrase``) splits a sentence into phrases
(文節: 「個人番号は」「記録できません。」); a WORD JOINER (U+2060, invisible, no break on
either side) between the characters of a phrase leaves Qt only the breaks between phrases
and at spaces. A number is never split (BudouX may cut 「1989」). Text without Japanese is
left as it is.

:class:`PhraseLabel` is a QLabel that does this on ``setText`` and gives the text back
without the joiners (``text()``), so what the program reads is what it set.
"""

from __future__ import annotations

import functools
import itertools
import re

from PySide6.QtWidgets import QLabel, QWidget

WORD_JOINER = "\u2060"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@functools.cache
def _parser():
    import budoux

    return budoux.load_default_japanese_parser()


def _joinable(left: str, right: str) -> bool:
    return not (left.isspace() or right.isspace())


def keep_phrases(text: str) -> str:
    """``text`` with every break inside a phrase forbidden (see the module docstring)."""
    if not text or not _JAPANESE.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        phrases = _parser().parse(line) if line else [line]
        out: list[str] = []
        for phrase in phrases:
            if out and out[-1] and phrase:
                prev = out[-1][-1]
                if (
                    prev.isascii()
                    and prev.isalnum()
                    and phrase[0].isascii()
                    and phrase[0].isalnum()
                ):
                    out.append(WORD_JOINER)  # never inside a number or a word
            chars = list(phrase)
            joined = chars[:1]
            for left, right in itertools.pairwise(chars):
                if _joinable(left, right):
                    joined.append(WORD_JOINER)
                joined.append(right)
            out.append("".join(joined))
        lines.append("".join(out))
    return "\n".join(lines)


def plain(text: str) -> str:
    """The text without the joiners :func:`keep_phrases` put in."""
    return text.replace(WORD_JOINER, "")


class PhraseLabel(QLabel):
    """A word-wrapped plain-text label whose Japanese breaks between phrases."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._plain = ""

    def setText(self, text: str) -> None:
        self._plain = text or ""
        super().setText(keep_phrases(self._plain))

    def text(self) -> str:
        return self._plain
