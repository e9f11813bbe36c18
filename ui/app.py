"""Start the counter window: options, Qt application, fonts, translations, then the login.

Startup budget: the login (or first-run) window is shown before the ORM and the services are
imported. Importing ``sqlalchemy.orm`` alone costs about half a second on a branch PC, so the
services are imported on a worker thread while the staff member types, and the database is
opened on the UI thread as soon as that import is done (see :class:`ui.session.Session`).

Options (``counter-app [options]``):

``--lang en``      the English catalogue instead of Japanese (the default)
``--large-text``   larger text everywhere (readability)
``--demo``         training mode: a throwaway database with synthetic requests, demo login
``--self-test``    open a database in a temporary folder, register a sample, render a receipt,
                   exit 0 (the packaged program's smoke test)
``--data-dir DIR`` the data folder (default: $COUNTER_APP_HOME, else the user data folder)
``--head-office``  the head-office desk (``ui.headoffice``): a desk account signs in to head
                   office's PostgreSQL instead of the counter's database
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Options:
    language: str = "ja"
    large_text: bool = False
    demo: bool = False
    self_test: bool = False
    data_dir: str | None = None
    head_office: bool = False


def parse_options(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(prog="counter-app", add_help=False)
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    parser.add_argument("--large-text", action="store_true")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--head-office", action="store_true")
    known, _unknown = parser.parse_known_args(list(argv))  # Qt's own options pass through
    return Options(
        language=known.lang,
        large_text=known.large_text,
        demo=known.demo,
        self_test=known.self_test,
        data_dir=known.data_dir,
        head_office=known.head_office,
    )


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


def setup_application(app: QApplication, options: Options) -> None:
    """Fonts, translations and style for a QApplication (used by run() and by tests)."""
    families = load_fonts()
    app.setFont(application_font(families, options.large_text))
    app._counter_translators = install_translators(app, options.language)  # keep alive
    from ui.indicator_style import install_indicator_style

    install_indicator_style(app)  # tick boxes and radio circles follow --large-text
    load_style(app, options.large_text)
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName(
        app.translate("App", "個人情報開示等請求 窓口受付")
        + (app.translate("App", " [研修モード]") if options.demo else "")
    )


def run(argv: Sequence[str]) -> int:
    """The window program. Returns the process exit code."""
    options = parse_options(argv)
    if options.self_test:
        from ui.self_test import run_self_test

        return run_self_test(options)
    if options.head_office:
        from ui.headoffice.app import run_desk

        return run_desk(options)
    if not options.demo:  # training mode keeps nothing in the data folder
        from counter_app.log_file import configure_logging

        configure_logging(options.data_dir, loggers=("counter_app", "ui"))

    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext, Settings
    from ui.session import Session

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "counter-app"])
    setup_application(app, options)
    context = AppContext(
        training=options.demo,
        settings=Settings(language=options.language, large_text=options.large_text),
    )
    session = Session(context, data_dir=options.data_dir)
    session.start()
    code = app.exec()
    session.shutdown()
    return code
