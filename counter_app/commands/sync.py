"""``counter-app sync push | pull | status``: the terminal's exchange with head office.

``push`` sends the outbox (every committed change not yet acknowledged) in batches and deletes
only what head office acknowledged; ``pull`` brings head office's decisions and configuration
bundles for this branch; ``status`` prints 未送信 n 件 / 最終送信 / 最後のエラー (``--json``
for scripts). No sign-in: the data sent is what the counter already committed, and a scheduled
task can run them. A refusal is printed in Japanese (exit 2) and kept for ``status`` and the
window; the counter keeps taking requests meanwhile.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from counter_app.commands._login import print_json
from counter_app.services.clock import JST

T = TypeVar("T")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("sync", help="本部との同期 (送信・受信・状態)")
    sub = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    push = sub.add_parser("push", help="未送信の記録を本部へ送る")
    pull = sub.add_parser("pull", help="本部の決定・設定を受け取る")
    status = sub.add_parser("status", help="未送信の件数、最終送信、最後のエラーを表示する")
    for parser, handler in ((push, run_push), (pull, run_pull), (status, run_status)):
        parser.add_argument("--json", action="store_true", help="結果を JSON で出力する")
        parser.set_defaults(handler=handler)


def _open(args: argparse.Namespace) -> Any:
    from counter_app.services.database import open_counter_database

    return open_counter_database(getattr(args, "data_dir", None))


def _folder(args: argparse.Namespace) -> Any:
    from counter_app.services.database import data_folder

    return data_folder(getattr(args, "data_dir", None))


def _transport(db: Any, args: argparse.Namespace) -> Any:
    """Head office's transport; a refusal before any exchange (passphrase missing from the
    keyring, certificate files gone, not enrolled) is kept for ``status`` and the window,
    as push and pull keep theirs, then shown."""
    from counter_app.sync.enrolment import open_transport
    from counter_app.sync.protocol import SyncError
    from counter_app.sync.state import record_error

    try:
        return open_transport(db, _folder(args))
    except SyncError as error:
        record_error(db, error, dt.datetime.now(dt.UTC))
        raise


def _time(value: Any) -> str:
    return value.astimezone(JST).strftime("%Y-%m-%d %H:%M") if value else "まだありません"


def run_status(args: argparse.Namespace) -> int:
    from counter_app.sync.state import sync_status

    db = _open(args)
    try:
        status = sync_status(db)
    finally:
        db.close()
    if args.json:
        print_json(status.to_json())
        return 0
    print(f"端末: {status.terminal or '未設定'}")
    print(f"本部: {status.hq_address or '未登録 (単独で動いています)'}")
    print(f"未送信: {status.pending} 件")
    print(f"最終送信: {_time(status.last_push_at)}")
    print(f"最終受信: {_time(status.last_pull_at)}")
    print(f"最後のエラー: {status.last_error or 'なし'}")
    return 0


def _exchange(args: argparse.Namespace, step: Callable[[Any, Any], T]) -> T:
    """Open the database and head office's transport, run ``step`` (push or pull), close both."""
    db = _open(args)
    try:
        transport = _transport(db, args)
        try:
            return step(db, transport)
        finally:
            transport.close()
    finally:
        db.close()


def run_push(args: argparse.Namespace) -> int:
    from counter_app.sync.push import push

    result = _exchange(args, push)
    if args.json:
        print_json(
            {
                "batches": result.batches,
                "changes": result.changes,
                "acked_seq": result.acked_seq,
                "pending": result.pending,
            }
        )
    else:
        print(
            f"送信しました: {result.changes} 件 ({result.batches} 回)。未送信: {result.pending} 件"
        )
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from counter_app.sync.pull import pull

    summary = _exchange(args, pull)
    if args.json:
        print_json(
            {
                "decisions": summary.decisions,
                "config_bundles": summary.config_bundles,
                "skipped": summary.skipped,
                "mark": summary.mark,
            }
        )
    else:
        print(
            f"受信しました: 決定 {summary.decisions} 件、設定 {summary.config_bundles} 件"
            + (f" (この版では取り込まない項目 {summary.skipped} 件)" if summary.skipped else "")
        )
    return 0
