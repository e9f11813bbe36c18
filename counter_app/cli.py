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
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from counter_app.console import use_utf8_console
from counter_app.echo import shown_message
from counter_app.errors import CounterAppError, StorageError

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
        self.exit(
            EXIT_USER_ERROR, shown_message(f"{self.prog}: 指定が正しくありません: {message}") + "\n"
        )


def environment_error(exc: OSError) -> CounterAppError | None:
    """The user-facing error for an OSError that reached the top, or None for a bug: a full
    disk (ENOSPC, quota) and a path longer than the system allows, wherever they arose."""
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        from counter_app.errors import DiskFull

        return DiskFull()
    if exc.errno == errno.ENAMETOOLONG:
        from counter_app.files.paths import too_long

        return too_long(str(exc.filename or ""))
    return None


def data_dir_argument(text: str) -> str:
    """``--data-dir``: a path the system can open (not empty, no NUL, not over-long)."""
    from counter_app.files.paths import FileRefused, check_path_text

    try:
        return check_path_text(text, "データフォルダ")
    except FileRefused as refused:
        raise argparse.ArgumentTypeError(refused.message) from None


#: ``counter-app --help``: the window's options (ui/app.py reads them; listed here because
#: ``--help`` is answered by this parser).
WINDOW_HELP = """\
窓口画面 (ウィンドウ): コマンドを付けずに起動します。
  counter-app                 窓口画面 (初めての起動では支店と最初の管理者を登録)
  --demo                      研修モード: 見本データ入りの使い捨てデータベース (キーリング不要、
                              印刷物はすべて「見本」)
  --lang {ja,en}              表示の言語 (既定 ja)
  --large-text                大きな文字で表示する
  --self-test                 動作確認: 一時フォルダで受付と領収書を試して終了する (画面は不要)
  --data-dir DIR              データフォルダ (既定: 環境変数 COUNTER_APP_HOME、なければ
                              ユーザーのデータフォルダ)
コマンドごとの説明: counter-app COMMAND --help"""


#: A function adding commands to the CLI from above the core (``register(subparsers)``).
Registrar = Callable[[Any], None]


def build_parser(extra: Sequence[Registrar] = ()) -> JapaneseArgumentParser:
    """The CLI's parser: the core's commands, then ``extra`` ones (the ``counter-app`` program
    adds ``pdf`` from ``forms``, which the core may not import)."""
    parser = JapaneseArgumentParser(
        prog="counter-app",
        description="個人情報開示等請求 窓口受付アプリ (コマンド版)",
        epilog=WINDOW_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data-dir", type=data_dir_argument, help="データフォルダ (既定: ユーザーのデータフォルダ)"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=JapaneseArgumentParser
    )
    for name in command_modules():
        importlib.import_module(name).register(sub)
    for register in extra:
        register(sub)
    return parser


def configure_logging(data_dir: str | None) -> None:
    """Send the program's log (tracebacks of bugs included) to ``<data folder>/logs``,
    private to the user and with personal data masked (:mod:`counter_app.log_file`).

    If the folder cannot be created (read-only disk...), logging stays silent: a command must
    not fail because its log cannot be written.
    """
    from counter_app.log_file import configure_logging as to_log_file

    to_log_file(data_dir)


def main(argv: Sequence[str] | None = None, extra: Sequence[Registrar] = ()) -> int:
    use_utf8_console()  # before any output: a Windows console would otherwise write cp1252
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    configure_logging(args.data_dir)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        try:
            return int(args.handler(args) or EXIT_OK)
        except OSError as exc:
            known = environment_error(exc)
            if known is None:
                raise
            raise known from exc
    except CounterAppError as exc:
        if isinstance(exc, StorageError):  # damage found mid-command: name a good backup
            from counter_app.paths import data_dir
            from counter_app.services.damage_advice import advise

            exc = advise(exc, data_dir(args.data_dir))
        print(shown_message(f"エラー: {exc.user_text()}"), file=sys.stderr)
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
