"""The ``counter-app`` program: the window by default, the headless CLI with a command.

``counter-app``               -> the counter window (first-run setup, then login)
``counter-app --demo``        -> training mode on a throwaway database
``counter-app quote ...``     -> a headless command (see ``counter-app --help``)
``counter-app pdf ...``       -> a printed document as a PDF file (``forms.headless``)

Qt is imported only when the window is wanted, so headless commands start fast and run on
machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

#: Options that belong to the window rather than to a headless command.
WINDOW_OPTIONS = {"--demo", "--self-test", "--large-text", "--lang"}


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
        try:
            from ui.app import run
        except ImportError as exc:  # the window is not installed in this build
            print(f"画面を起動できません: {exc}", file=sys.stderr)
            return 2
        return run(args)
    from counter_app.cli import main as cli_main
    from forms import headless  # `counter-app pdf`: the forms sit above the core

    return cli_main(args, extra=[headless.register])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
