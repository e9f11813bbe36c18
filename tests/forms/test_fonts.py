"""Fonts: embedded, split between the main font and the fallback, astral text readable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts

from forms import fonts
from forms.base import A4, Document
from tests.forms.readback import embedded_glyphs, font_names, poppler_text, pypdf_text

ROOT = Path(__file__).resolve().parents[2]


def one_line_pdf(text: str) -> bytes:
    doc = Document(A4, title="t", author="t")
    doc.text(40, 700, text, 14)
    return doc.finish()


def test_astral_yoshi_reads_back_with_pypdf_and_pdftotext():
    pdf = one_line_pdf("𠮷田 太郎")
    assert "𠮷田 太郎" in pypdf_text(pdf)
    assert "𠮷田 太郎" in poppler_text(pdf)
    assert embedded_glyphs(pdf)["𠮷"] is True


def test_reportlab_to_unicode_is_patched_with_surrogate_pairs():
    fonts.register_fonts()
    assert ttfonts.makeToUnicodeCMap is fonts._to_unicode_cmap
    cmap = fonts._to_unicode_cmap("X", [0, 0x20BB7, 0x7530])
    assert "<01> <D842DFB7>" in cmap
    assert "<02> <7530>" in cmap


def test_names_with_cp932_extensions_and_compatibility_ideographs_come_back_unchanged():
    # 髙 (NEC/IBM), 﨑 U+FA11, 晴 U+FA12 (NFC would rewrite it to 晴 U+6674), 𠮷 (astral)
    name = "髙橋 﨑山 \ufa12子 𠮷田"
    pdf = one_line_pdf(name)
    assert name in pypdf_text(pdf)
    assert name in poppler_text(pdf)
    assert "\u6674" not in poppler_text(pdf)


def test_white_parentheses_come_from_the_fallback():
    runs = fonts.font_runs("⦅株⦆")
    assert runs == (
        (fonts.FALLBACK_FONT, "⦅"),
        (fonts.MAIN_FONT, "株"),
        (fonts.FALLBACK_FONT, "⦆"),
    )
    pdf = one_line_pdf("⦅株⦆")
    assert "⦅株⦆" in poppler_text(pdf)


def test_variation_selectors_are_dropped_at_draw_time_only():
    stored = "葛\U000e0100城 花子"
    assert fonts.printed_text(stored) == "葛城 花子"
    assert fonts.unprintable_characters(stored) == []
    pdf = one_line_pdf(stored)
    text = poppler_text(pdf)
    assert "葛城 花子" in text
    assert not embedded_glyphs(pdf).get("\U000e0100")


def test_private_use_prints_as_geta_and_is_reported():
    name = "山\ue000太郎"
    assert fonts.unprintable_characters(name) == ["\ue000"]
    assert fonts.printed_text(name) == "山〓太郎"
    assert "山〓太郎" in poppler_text(one_line_pdf(name))


def test_every_font_is_embedded_and_no_standard_font_is_used():
    pdf = one_line_pdf("髙橋 𠮷田 ABC 123")
    names = font_names(pdf)
    assert names == {"/AAAAAA+BIZUDGothic-Regular", "/AAAAAA+CounterAppGaiji-Regular"}
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)  # emb column


def test_the_same_data_gives_the_same_bytes():
    assert one_line_pdf("𠮷田") == one_line_pdf("𠮷田")


def test_font_files_and_licences_are_shipped():
    folder = ROOT / "resources" / "fonts"
    for name in (
        fonts.MAIN_FONT_FILE,
        fonts.FALLBACK_FONT_FILE,
        "LICENSE-OFL.txt",
        "LICENSE-IPA.txt",
    ):
        assert (folder / name).is_file()
    assert (folder / fonts.FALLBACK_FONT_FILE).stat().st_size < 10_000
    assert "IPA" not in fonts_ps_name(folder / fonts.FALLBACK_FONT_FILE)


def fonts_ps_name(path: Path) -> str:
    from fontTools.ttLib import TTFont

    return TTFont(path)["name"].getDebugName(6)


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf").exists(),
    reason="IPAmj Mincho (Debian fonts-ipamj-mincho) is not installed",
)
def test_the_fallback_font_build_is_reproducible():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_fallback_font.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "U+2985 U+2986 U+20BB7" in result.stdout
