"""How the counter window looks: the bundled Japanese fonts, the translations and the style
sheets (``resources/``), applied by :func:`ui.app.setup_application` and checked by the
packaged program's self-test (:mod:`ui.self_test`).

Qt is imported inside each function: importing this module costs nothing before the window.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: Qt is imported when the window is wanted
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

#: Base text size in points, and the size with --large-text.
NORMAL_POINT_SIZE = 11
LARGE_POINT_SIZE = 15
#: Families tried, in order, for the whole UI (the bundled one is loaded first).
PREFERRED_FAMILIES = ("BIZ UDGothic", "BIZ UDPGothic", "IPAexGothic", "Noto Sans CJK JP")


def resources_dir() -> Path:
    from counter_app.paths import resources_dir as bundled

    return bundled()


def load_fonts(fonts_dir: Path | None = None) -> list[str]:
    """Register every TrueType/OpenType file of resources/fonts; return the families loaded."""
    from PySide6.QtGui import QFontDatabase

    folder = fonts_dir or resources_dir() / "fonts"
    families: list[str] = []
    if not folder.is_dir():
        log.warning("no bundled font folder at %s", folder)
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".ttf", ".otf", ".ttc"):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def application_font(loaded: Sequence[str], large_text: bool) -> QFont:
    """The UI font: the bundled Japanese face first, then system Japanese faces."""
    from PySide6.QtGui import QFont

    ordered = [f for f in PREFERRED_FAMILIES if f in loaded]
    ordered += [f for f in loaded if f not in ordered]  # e.g. the fallback subset (𠮷...)
    ordered += [f for f in PREFERRED_FAMILIES if f not in ordered]
    font = QFont()
    font.setFamilies(ordered)
    font.setPointSize(LARGE_POINT_SIZE if large_text else NORMAL_POINT_SIZE)
    return font


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own Japanese strings (qtbase_ja) by default; our English catalogue for --lang en.

    The source strings of the program are Japanese, so Japanese needs no catalogue of ours.
    Returns the translators (they must stay alive as long as the application).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    installed = []
    if language == "ja":
        QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load("qtbase_ja", qt_dir) or qt.load(
            "qtbase_ja", str(resources_dir() / "translations")
        ):
            app.installTranslator(qt)
            installed.append(qt)
        else:
            log.warning("qtbase_ja not found in %s", qt_dir)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Japan))
        ours = QTranslator(app)
        if ours.load(f"counter_app_{language}", str(resources_dir() / "translations")):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning("no catalogue counter_app_%s.qm; showing Japanese", language)
    return installed


def load_style(app: QApplication, large_text: bool) -> None:
    """Apply resources/styles/counter.qss (and large.qss with --large-text) if present."""
    styles = resources_dir() / "styles"
    text = ""
    for name in ("counter.qss", "large.qss" if large_text else ""):
        path = styles / name
        if name and path.is_file():
            text += path.read_text(encoding="utf-8") + "\n"
    if text:
        app.setStyleSheet(text)
