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
from typing import TYPE_CHECKING

from ui.appearance import application_font, install_translators, load_fonts, load_style

if TYPE_CHECKING:  # annotations only: Qt is imported when the window is wanted
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


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

        return run_desk(lambda app: setup_application(app, options))
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
