"""Every character of JIS X 0213:2004 and of cp932 (outside its private-use area), and 𠮷,
prints with a real glyph and reads back from the PDF as the same text.

One multi-page PDF per codec (40 characters a line) drawn through forms.base.Document, so
the font split (BIZ UDGothic, else the Counter App Gaiji fallback) is the one every form
uses. Glyphs are checked in the embedded font programs themselves (via each font's
ToUnicode: not .notdef, not an empty outline); text is read back by pdftotext.
"""

from __future__ import annotations

import unicodedata

import pytest

from counter_app.printables.characters import is_private_use
from forms.base import A4, Document
from tests.forms.readback import embedded_glyphs, page_count, poppler_text
from tools.build_fallback_font import sjis_family_characters

PER_LINE = 40


def printable_sequences(codec: str) -> list[str]:
    """Decoded characters (some JIS X 0213 cells are base + combining mark sequences),
    without controls, whitespace and private-use code points."""
    found = sjis_family_characters(codec)
    return sorted(
        s
        for s in found
        if not any(is_private_use(c) or unicodedata.category(c) == "Cc" or c.isspace() for c in s)
    )


@pytest.fixture(scope="module", params=["shift_jis_2004", "cp932"])
def specimen(request):
    sequences = printable_sequences(request.param)
    sequences.append("\U00020bb7")  # 𠮷: in neither standard
    lines = ["".join(sequences[i : i + PER_LINE]) for i in range(0, len(sequences), PER_LINE)]
    doc = Document(A4, title=request.param, author="test")
    y = doc.height - 40
    for line in lines:
        if y < 40:
            doc.new_page()
            y = doc.height - 40
        doc.text(30, y, line, 12)
        y -= 15
    return request.param, sequences, lines, doc.finish()


def test_the_sets_are_the_whole_standards(specimen):
    codec, sequences, _, pdf = specimen
    chars = {c for s in sequences for c in s}
    if codec == "shift_jis_2004":
        # 11,233 double-byte cells + single bytes; 303 characters above U+FFFF (+ 𠮷)
        assert len(sequences) > 11_300
        assert sum(1 for c in chars if ord(c) > 0xFFFF) == 304
    else:
        assert "髙" in chars and "﨑" in chars and "\u2460" in chars  # NEC/IBM extensions
        assert "\U00020bb7" in chars
    assert page_count(pdf) > 3


def test_every_character_has_a_real_glyph(specimen):
    _, sequences, _, pdf = specimen
    glyphs = embedded_glyphs(pdf)
    wanted = {c for s in sequences for c in s}
    missing = sorted(c for c in wanted if not glyphs.get(c))
    assert missing == [], " ".join(f"U+{ord(c):04X}" for c in missing[:50])


def test_every_line_reads_back_exactly_with_pdftotext(specimen):
    _, _, lines, pdf = specimen
    read = [line.replace("\f", "") for line in poppler_text(pdf).split("\n")]
    read = [line for line in read if line]
    assert len(read) == len(lines)
    wrong = [(a, b) for a, b in zip(lines, read, strict=True) if a != b]
    assert wrong == []
