"""The ``counter-app`` program: the window by default, the headless CLI with a command.

``counter-app``               -> the counter window (first-run setup, then login)
``counter-app --demo``        -> training mode on a throwaway database
``counter-app --head-office`` -> the head-office desk (signs in to head office's PostgreSQL)
``counter-app quote ...``     -> a headless command (see ``counter-app --help``)
``counter-app pdf ...``       -> a printed document as a PDF file (``forms.headless``)

Qt is imported only when the window is wanted, so headless commands start fast and run on
machines without a display. Without a desktop session (Linux: no DISPLAY/WAYLAND_DISPLAY) the
window is refused with a Japanese message naming ``--self-test`` and the commands, before Qt
could abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

#: Options that belong to the window rather than to a headless command.
WINDOW_OPTIONS = {"--demo", "--self-test", "--large-text", "--lang", "--head-office"}
#: Qt platforms (QT_QPA_PLATFORM) that draw without a desktop session.
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
)
#: Said instead of Qt's abort (and its misleading libxcb-cursor hint) when there is no desktop.
NO_DESKTOP = (
    "窓口画面を表示できません: デスクトップの画面がありません "
    "(環境変数 DISPLAY も WAYLAND_DISPLAY も設定されていません)。\n"
    "デスクトップにログインした状態で counter-app を起動してください。\n"
    "画面がなくても使えるもの: 動作確認は counter-app --self-test、"
    "受付・一覧・日報などの操作はコマンド版です (counter-app --help で一覧)。"
)


def missing_desktop(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True on Linux/BSD when a window has nowhere to appear: no X11 or Wayland display, and
    QT_QPA_PLATFORM does not ask for a platform that draws without one (offscreen...).

    Qt itself would abort the process (SIGABRT) with a hint about libxcb-cursor.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "")
    # "offscreen", "offscreen:fontengine=freetype", or a fallback list "xcb;offscreen"
    names = {part.split(":", 1)[0].strip() for part in requested.split(";")}
    return not names & HEADLESS_PLATFORMS


def wants_window(argv: Sequence[str]) -> bool:
    words = [a for a in argv if not a.startswith("-")]
    options = {a.split("=", 1)[0] for a in argv if a.startswith("--")}
    if "--help" in options or "-h" in argv:
        return False
    if options & WINDOW_OPTIONS:
        return True
    # --data-dir DIR alone still means "open the window on that folder".
    return not [w for w in words if w not in _option_values(argv)]


def _option_values(argv: Sequence[str]) -> set[str]:
    values = set()
    for i, arg in enumerate(argv[:-1]):
        if arg in ("--data-dir", "--lang"):
            values.add(argv[i + 1])
    return values


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_window(args):
        if missing_desktop() and "--self-test" not in args:  # the self-test draws offscreen
            print(NO_DESKTOP, file=sys.stderr)
            return 2
        try:
            from ui.app import run
        except ImportError as exc:  # the window is not installed in this build
            print(f"画面を起動できません: {exc}", file=sys.stderr)
            return 2
        return run(args)
    from counter_app.cli import main as cli_main
    from forms import (
        headless,  # `counter-app pdf`: the forms sit above the core
        hq_stats,  # `counter-app hq-report`: the desk's statistics as a PDF
    )

    return cli_main(args, extra=[headless.register, hq_stats.register])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
