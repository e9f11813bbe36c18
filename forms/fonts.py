"""The fonts of every printed form, and how a string is split between them.

- The main font is BIZ UDGothic Regular (SIL OFL), embedded from ``resources/fonts/``: no
  document depends on the viewer's or the printer's fonts.
- The fallback font "Counter App Gaiji" (a 3-glyph subset of IPAmj Mincho, IPA licence,
  built by ``tools/build_fallback_font.py``) draws what BIZ UDGothic lacks among JIS X 0213,
  cp932 and 𠮷.
- Ideographic variation selectors are dropped at draw time (reportlab has no shaping and
  would print them as boxes); the stored text keeps them.
- Private-use characters, and anything neither font has, print as 〓.

Fonts are registered once per process (:func:`register_fonts`, thread-safe).

This module also fixes reportlab's ToUnicode CMap for characters above U+FFFF: reportlab
writes ``<05> <20BB7>`` (five hex digits, an invalid UTF-16 code) so that viewers and
``pdftotext`` cannot extract 𠮷. :func:`_to_unicode_cmap` writes the UTF-16BE surrogate
pair ``<05> <D842DFB7>`` instead (PDF 32000-1 9.10.3). It replaces
``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``, which ``TTFont.addObjects`` looks up at
call time; tests/forms/test_fonts.py reads 𠮷 back with pypdf and pdftotext.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

from counter_app.paths import fonts_dir
from counter_app.printables.characters import GETA, is_private_use

#: reportlab names of the registered fonts.
MAIN_FONT = "CounterMain"
FALLBACK_FONT = "CounterGaiji"

MAIN_FONT_FILE = "BIZUDGothic-Regular.ttf"
FALLBACK_FONT_FILE = "CounterAppGaiji-Regular.ttf"

_lock = threading.Lock()
_registered = False


def is_variation_selector(ch: str) -> bool:
    """Standard (U+FE00-FE0F) and ideographic (U+E0100-E01EF) variation selectors."""
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with UTF-16BE (surrogate pairs) for every code point."""
    return _cached_to_unicode_cmap(fontname, tuple(subset))


@lru_cache(maxsize=512)
def _cached_to_unicode_cmap(fontname: str, subset: tuple[int, ...]) -> str:
    entries = [
        f"<{i:02X}> <{chr(cp).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, cp in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _patch_reportlab_to_unicode() -> None:
    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def font_file(name: str, directory: Path | None = None) -> Path:
    return (directory or fonts_dir()) / name


def register_fonts() -> None:
    """Register the main and fallback fonts with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        _patch_reportlab_to_unicode()
        # Streams are zlib-compressed already; ASCII85 on top only adds 25 % and time.
        rl_config.useA85 = 0
        for name, file in ((MAIN_FONT, MAIN_FONT_FILE), (FALLBACK_FONT, FALLBACK_FONT_FILE)):
            font = ttfonts.TTFont(name, str(font_file(file)))
            _cache_subsets(font.face)
            pdfmetrics.registerFont(font)
        _registered = True


def _cache_subsets(face: ttfonts.TTFontFace) -> None:
    """Reuse the embedded font program when a document needs the same characters again
    (consecutive receipts differ in a few characters at most: most subsets repeat). The
    bytes depend only on the subset's code points, so reuse is exact."""
    make = face.makeSubset
    cache: dict[tuple[int, ...], bytes] = {}

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        data = cache.get(key)
        if data is None:
            if len(cache) >= 256:
                cache.clear()
            data = cache[key] = make(subset)
        return data

    face.makeSubset = make_subset  # type: ignore[method-assign]


def _char_to_glyph(font_name: str) -> dict[int, int]:
    register_fonts()
    return pdfmetrics.getFont(font_name).face.charToGlyph


@lru_cache(maxsize=4096)
def font_for(ch: str) -> str | None:
    """The font that draws ``ch`` (main first), or None if none can."""
    cp = ord(ch)
    if is_private_use(ch):
        return None
    for name in (MAIN_FONT, FALLBACK_FONT):
        if _char_to_glyph(name).get(cp, 0):
            return name
    return None


@lru_cache(maxsize=65536)
def font_runs(text: str) -> tuple[tuple[str, str], ...]:
    """Split ``text`` into (font name, string) runs as they will be drawn.

    Variation selectors disappear; a character no font has becomes 〓 in the main font.
    Whitespace controls (newline, tab) become spaces: callers lay lines out themselves.
    """
    runs: list[tuple[str, str]] = []
    cur_font = ""
    cur: list[str] = []
    for ch in text:
        if is_variation_selector(ch):
            continue
        if ch in "\t\r\n":
            ch = " "
        font = font_for(ch)
        if font is None:
            font, ch = MAIN_FONT, GETA
        if font != cur_font and cur:
            runs.append((cur_font, "".join(cur)))
            cur = []
        cur_font = font
        cur.append(ch)
    if cur:
        runs.append((cur_font, "".join(cur)))
    return tuple(runs)


def printed_text(text: str) -> str:
    """The characters that will actually be printed for ``text`` (what a PDF reads back)."""
    return "".join(s for _, s in font_runs(text))


def unprintable_characters(text: str) -> list[str]:
    """Characters of ``text`` that will print as 〓 (private use, or in no font), no repeats."""
    found: list[str] = []
    for ch in text:
        if is_variation_selector(ch) or ch in "\t\r\n":
            continue
        if font_for(ch) is None and ch not in found:
            found.append(ch)
    return found


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` at ``size``, across fonts."""
    return _width_at_1000(text) * size / 1000


@lru_cache(maxsize=65536)
def _width_at_1000(text: str) -> float:
    return sum(pdfmetrics.stringWidth(s, f, 1000) for f, s in font_runs(text))
