"""Reading a PDF back: its text (pypdf and poppler's pdftotext) and its embedded glyphs."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess

import pypdf
from fontTools.ttLib import TTFont

PDFTOTEXT = shutil.which("pdftotext")


def pypdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def poppler_text(pdf: bytes, *, raw: bool = True, first: int | None = None) -> str:
    """pdftotext's reading of ``pdf`` (``-raw``: content-stream order)."""
    assert PDFTOTEXT, "pdftotext (poppler-utils) is required"
    args = [PDFTOTEXT, "-enc", "UTF-8"]
    if raw:
        args.append("-raw")
    if first is not None:
        args += ["-f", str(first), "-l", str(first)]
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    """Text without any whitespace (character spacing and line breaks vary by reader)."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def _to_unicode(stream: bytes) -> dict[int, str]:
    text = stream.decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    return mapping


def font_names(pdf: bytes) -> set[str]:
    """BaseFont names of every font used on any page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def embedded_glyphs(pdf: bytes) -> dict[str, bool]:
    """For every character a font of ``pdf`` maps (via ToUnicode): does the embedded font
    program draw it with a real outline (not .notdef, not an empty glyph)?"""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen: dict[int, object] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            seen[ref.idnum] = ref.get_object()
    result: dict[str, bool] = {}
    for font in seen.values():
        descriptor = font["/FontDescriptor"].get_object()
        program = descriptor["/FontFile2"].get_object().get_data()
        tt = TTFont(io.BytesIO(program))
        cmap = next(iter(tt["cmap"].tables)).cmap  # the subset's code -> glyph name
        glyf = tt["glyf"]
        order = tt.getGlyphOrder()
        for code, text in _to_unicode(font["/ToUnicode"].get_object().get_data()).items():
            name = cmap.get(code)
            ok = name is not None and name != order[0]
            if ok:
                glyph = glyf[name]
                ok = glyph.numberOfContours != 0
            result[text] = result.get(text, False) or ok
    return result


def words(pdf: bytes) -> list[tuple[int, float, float, float, float, str]]:
    """Every word poppler reads, with its box: (page, x_min, y_min, x_max, y_max, text);
    y grows downwards from the top of the page (pdftotext -bbox)."""
    assert PDFTOTEXT, "pdftotext (poppler-utils) is required"
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    )
    out = []
    for page, body in enumerate(re.split(r"<page ", result.stdout.decode("utf-8"))[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            body,
        ):
            out.append((page, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return out
