"""``counter-app backup``: an encrypted backup now (責任者 / 管理者); ``backup list`` and
``backup verify FILE`` check the backups in the backup folder (security.toml ``[backup]``).

All three need a 責任者 or 管理者 signed in (the one sign-in, lockout and audit): a check
shows what a backup holds (row counts, the newest audit row), and nothing about a backup's
contents is shown without a sign-in (issue 9 item 13).

The backup is as unreadable as the database (same SQLCipher key, from the OS keyring). Only
the newest ``[backup] keep`` backups are kept. See docs/trust.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json
from counter_app.errors import CounterAppError, PermissionDenied
from counter_app.security.roles import Role


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "backup",
        help="暗号化したバックアップを作成・一覧・検証する (責任者)",
        description="データベースを暗号化したまま複製します。古いバックアップは設定の件数まで残します。",
    )
    sub = p.add_subparsers(dest="backup_command", metavar="ACTION")
    create = sub.add_parser("create", help="バックアップを作成する (既定)")
    for parser in (p, create):
        add_login_arguments(parser)
        parser.set_defaults(handler=run_create)
    listing = sub.add_parser("list", help="保存されているバックアップと控えの照合 (責任者)")
    add_login_arguments(listing)
    listing.set_defaults(handler=run_list)
    verify = sub.add_parser(
        "verify", help="バックアップを控え (ハッシュ・行数・操作記録) と照合する (責任者)"
    )
    verify.add_argument("file", help="バックアップファイル (.db)")
    add_login_arguments(verify)
    verify.set_defaults(handler=run_verify)


def sign_in_from_args(args: argparse.Namespace, db: Any) -> Any:
    """Sign in with --user and the password (lockout applies); the actor."""
    from counter_app.commands._login import PASSWORD_ENV, read_secret
    from counter_app.errors import InputError
    from counter_app.services.sign_in import sign_in

    if not args.user:
        raise InputError(
            "ログインする職員のユーザーIDを指定してください。",
            hint="--user ユーザーID (または環境変数 COUNTER_APP_USER) で指定します。",
        )
    return sign_in(db, args.user, read_secret(args, PASSWORD_ENV, "パスワード: "))


def _supervisor(args: argparse.Namespace, db: Any, what: str) -> Any:
    """Sign in (lockout applies) and require a 責任者 or 管理者; the actor."""
    actor = sign_in_from_args(args, db)
    if actor.role.rank < Role.SUPERVISOR.rank:
        raise PermissionDenied(
            f"{what}は責任者以上が行います。",
            hint="責任者または管理者のアカウントで実行してください。",
        )
    return actor


def _require_supervisor(args: argparse.Namespace, what: str) -> None:
    """The sign-in of ``backup list`` / ``verify``: against the current database, closed again
    before any backup is opened."""
    from counter_app.services.database import open_counter_database

    db = open_counter_database(args.data_dir)
    try:
        _supervisor(args, db, what)
    finally:
        db.close()


def run_create(args: argparse.Namespace) -> int:
    from counter_app.services.backup.take import take_backup
    from counter_app.services.database import open_counter_database

    db = open_counter_database(args.data_dir)
    try:
        actor = _supervisor(args, db, "バックアップの作成")
        info = take_backup(db, actor)
    finally:
        db.close()
    if args.json:
        print_json(info.to_dict())
        return 0
    print(f"バックアップを作成しました: {info.path}")
    print(f"  大きさ {info.size:,} バイト  SHA-256 {info.sha256}")
    print(f"  請求 {info.counts.get('requests', 0)}件  操作記録 {info.audit_seq}件まで")
    for name in info.removed:
        print(f"  古いバックアップを削除しました: {name}")
    return 0


def _folder(args: argparse.Namespace) -> Path:
    from counter_app.services.backup.folder import backup_folder
    from counter_app.services.database import data_dir

    return backup_folder(data_dir(args.data_dir))


def run_list(args: argparse.Namespace) -> int:
    from counter_app.services.backup.folder import list_backups
    from counter_app.services.backup.verify import verify_backup
    from counter_app.services.database import data_dir

    _require_supervisor(args, "バックアップの照合")
    rows = []
    for path in list_backups(_folder(args)):
        try:
            manifest = verify_backup(path, data_folder=data_dir(args.data_dir))
            rows.append(
                {
                    "file": path.name,
                    "ok": True,
                    "taken_at": manifest["taken_at"],
                    "reason": manifest["reason"],
                    "size": manifest["size"],
                    "problem": "",
                }
            )
        except CounterAppError as exc:
            rows.append({"file": path.name, "ok": False, "problem": exc.message})
    if args.json:
        print_json(rows)
    elif not rows:
        print(f"バックアップはありません ({_folder(args)})。")
    for row in [] if args.json else rows:
        if row["ok"]:
            print(f"{row['file']}\t正常\t{row['reason']}\t{row['size']:,} バイト")
        else:
            print(f"{row['file']}\t使用不可\t{row['problem']}")
    return 0 if all(r["ok"] for r in rows) else 1


def run_verify(args: argparse.Namespace) -> int:
    from counter_app.files.input import MAX_BACKUP_BYTES, check_input_file
    from counter_app.services.backup.verify import verify_backup
    from counter_app.services.database import data_dir

    check_input_file(args.file, limit=MAX_BACKUP_BYTES, what="バックアップファイル")
    _require_supervisor(args, "バックアップの照合")
    manifest = verify_backup(Path(args.file), data_folder=data_dir(args.data_dir))
    if args.json:
        print_json({"ok": True, **manifest})
    else:
        print(
            f"バックアップ {Path(args.file).name} は控えと一致しています "
            f"(SHA-256、{len(manifest['counts'])}表の行数、操作記録 {manifest['audit_seq']}件まで)。"
        )
    return 0
