"""Build resources/fonts/CounterAppGaiji-Regular.ttf: the fallback glyphs for member names.

BIZ UDGothic (the main font of every printed form) covers JIS X 0213:2004 and Windows
code page 932 (outside its private-use area) except for a handful of characters. This script
finds them and cuts exactly those glyphs out of IPAmj Mincho (IPA Font License v1.0) into a
small TrueType font with its own names ("Counter App Gaiji" / CounterAppGaiji-Regular):

- the IPA licence (Art. 3.1(4)) forbids using the licensed font's name for a derived font;
- reportlab identifies a TrueType face by its PostScript name, so the fallback must not
  share one with any other font it loads.

Characters neither font maps directly but that Japanese fonts carry under another code point
are mapped through ``ALIASES`` (⦅ ⦆ U+2985/2986 are drawn with the glyphs of the full-width
forms U+FF5F/FF60, the mapping used by JIS X 0213 fonts).

Reproducible: fontTools subsetting with ``harfbuzz_repacker=False``, no hinting, fixed table
order, and the source's ``head`` timestamps (``recalcTimestamp=False``) give the same bytes
on every run. Usage::

    python tools/build_fallback_font.py            # writes resources/fonts/...
    python tools/build_fallback_font.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import itertools
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
MAIN_FONT = ROOT / "resources" / "fonts" / "BIZUDGothic-Regular.ttf"
SOURCE_FONT = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")
OUTPUT = ROOT / "resources" / "fonts" / "CounterAppGaiji-Regular.ttf"

FAMILY = "Counter App Gaiji"
POSTSCRIPT_NAME = "CounterAppGaiji-Regular"

#: Characters in neither JIS X 0213 nor cp932 that names are known to use.
EXTRA_CHARACTERS = "\U00020bb7"  # 𠮷 (tsuchi-yoshi)

#: code point wanted -> code point whose glyph draws it in the source font.
ALIASES = {0x2985: 0xFF5F, 0x2986: 0xFF60}


def sjis_family_characters(codec: str) -> set[str]:
    """Every character a Shift_JIS-family codec decodes from a single or double byte."""
    found: set[str] = set()
    singles = itertools.chain(range(0x20, 0x7F), range(0xA1, 0xE0))
    for b in singles:
        with contextlib.suppress(UnicodeDecodeError):
            found.update(bytes([b]).decode(codec))
    for hi in itertools.chain(range(0x81, 0xA0), range(0xE0, 0xFD)):
        for lo in range(0x40, 0xFD):
            if lo == 0x7F:
                continue
            try:
                found.update(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                continue
    return found


def is_private_use(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def required_characters() -> set[int]:
    """JIS X 0213:2004 + cp932 outside the PUA + EXTRA_CHARACTERS, without controls."""
    chars = sjis_family_characters("shift_jis_2004") | sjis_family_characters("cp932")
    chars |= set(EXTRA_CHARACTERS)
    return {ord(c) for c in chars if not is_private_use(ord(c)) and unicodedata.category(c) != "Cc"}


def missing_from_main(main_font: Path) -> list[int]:
    cmap = TTFont(main_font, lazy=True).getBestCmap()
    return sorted(cp for cp in required_characters() if cp not in cmap)


def build(main_font: Path = MAIN_FONT, source_font: Path = SOURCE_FONT) -> tuple[bytes, list[int]]:
    """The fallback font's bytes and the code points it maps."""
    wanted = missing_from_main(main_font)
    font = TTFont(source_font, recalcTimestamp=False, lazy=True)
    source_cmap = font.getBestCmap()
    direct = [cp for cp in wanted if cp in source_cmap]
    aliased = {cp: ALIASES[cp] for cp in wanted if cp not in source_cmap and cp in ALIASES}
    unresolved = [cp for cp in wanted if cp not in direct and cp not in aliased]
    if unresolved:
        raise SystemExit("no glyph for: " + " ".join(f"U+{cp:04X}" for cp in unresolved))

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    options.glyph_names = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.harfbuzz_repacker = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "meta"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=direct + sorted(set(aliased.values())))
    subsetter.subset(font)

    # Map the aliases, then keep only the code points the main font lacks.
    glyph_of = {cp: font.getBestCmap()[src] for cp, src in aliased.items()}
    font["cmap"].tables = [t for t in font["cmap"].tables if t.isUnicode()]
    for table in font["cmap"].tables:
        mapping = {cp: g for cp, g in table.cmap.items() if cp in direct} | glyph_of
        if table.format == 4:
            mapping = {cp: g for cp, g in mapping.items() if cp <= 0xFFFF}
        table.cmap = mapping
    _rename(font)
    font["post"].formatType = 3.0
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue(), sorted(direct + list(aliased))


def _rename(font: TTFont) -> None:
    """A derived IPA font must not carry the original's name (IPA Font License 3.1(4))."""
    name = font["name"]
    copyright_ = name.getDebugName(0) or ""
    version = name.getDebugName(5) or ""
    name.names = []
    entries = {
        0: copyright_ + " Derived for counter_app (subset of IPAmj Mincho; IPA Font License v1.0).",
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT_NAME};{version}",
        4: f"{FAMILY} Regular",
        5: version,
        6: POSTSCRIPT_NAME,
        13: "IPA Font License Agreement v1.0 (see LICENSE-IPA.txt)",
        14: "https://moji.or.jp/ipafont/license/",
    }
    for name_id, value in entries.items():
        name.setName(value, name_id, 3, 1, 0x409)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main-font", type=Path, default=MAIN_FONT)
    parser.add_argument("--source-font", type=Path, default=SOURCE_FONT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with --output, write nothing")
    args = parser.parse_args(argv)
    data, mapped = build(args.main_font, args.source_font)
    digest = hashlib.sha256(data).hexdigest()
    print(f"{len(data)} bytes, sha256 {digest}")
    print("maps: " + " ".join(f"U+{cp:04X}" for cp in mapped))
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == data
        print("identical" if same else "DIFFERS")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
