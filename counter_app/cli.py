"""The headless entry point: ``counter-app COMMAND ...`` (or ``python -m counter_app``).

Each command lives in its own module under :mod:`counter_app.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function taking the
parsed arguments and returning the exit code. Errors the user can act on
(:class:`CounterAppError`) are printed in Japanese with exit code 2; anything else is a bug:
a short apology is printed and the traceback goes to the log only.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from counter_app.console import use_utf8_console
from counter_app.errors import CounterAppError

log = logging.getLogger("counter_app")
log.addHandler(logging.NullHandler())  # never print a traceback to the terminal

#: Order of the commands in ``--help``; modules not named here follow alphabetically.
COMMAND_ORDER = ("init", "staff", "intake", "list", "show", "search", "quote", "verify_id")


def command_modules() -> list[str]:
    """Every module of :mod:`counter_app.commands`, each adding its sub-commands."""
    import counter_app.commands as package

    names = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
    names.sort(key=lambda n: (rank.get(n, len(rank)), n))
    return [f"counter_app.commands.{n}" for n in names]


EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_BUG = 70


class JapaneseArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage mistakes in Japanese and exits with code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: 指定が正しくありません: {message}\n")


def build_parser() -> JapaneseArgumentParser:
    parser = JapaneseArgumentParser(
        prog="counter-app", description="個人情報開示等請求 窓口受付アプリ (コマンド版)"
    )
    parser.add_argument("--data-dir", help="データフォルダ (既定: ユーザーのデータフォルダ)")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=JapaneseArgumentParser
    )
    for name in command_modules():
        importlib.import_module(name).register(sub)
    return parser


def configure_logging(data_dir: str | None) -> None:
    """Send the program's log (tracebacks of bugs included) to ``<data folder>/logs``.

    If the folder cannot be created (read-only disk...), logging stays silent: a command must
    not fail because its log cannot be written.
    """
    from logging.handlers import RotatingFileHandler

    from counter_app.store.location import data_dir as resolve_data_dir

    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return
    try:
        folder = resolve_data_dir(data_dir) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "counter-app.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    use_utf8_console()  # before any output: a Windows console would otherwise write cp1252
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.data_dir)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        return int(args.handler(args) or EXIT_OK)
    except CounterAppError as exc:
        print(f"エラー: {exc.user_text()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return EXIT_OK
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return 130
    except Exception:  # a bug: never show a traceback to the user
        log.exception("unexpected error in command %s", args.command)
        print(
            "エラー: 予期しない問題が発生しました。入力内容は保存されていません。"
            "管理者に連絡してください。",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
