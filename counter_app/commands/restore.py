"""``counter-app restore FILE``: put a backup back in place of the database (管理者).

Both the check (without ``--yes``: it only checks the backup against its manifest and says
what it would do) and the restore need the 管理者's sign-in, against the **current** database
through the same sign-in as every command (lockout, audit); only when the current database
cannot be read at all is the 管理者 checked against the backup instead
(:mod:`counter_app.services.restore_sign_in`). Nothing about the backup's contents or counts
is shown before that. A copy of the current database is kept in ``replaced-<time>/`` of the data folder (never
deleted), then the backup replaces it in one step (a power cut leaves one or the other);
afterwards the restored database is checked against the backup (file hash, row counts, last
audit row). No other window or command may have the database open meanwhile.

A backup made from another installation (its installation id differs from this data folder's)
is refused; ``--from-other-installation`` is the migration path, on purpose: it still needs the
管理者, and the restore's audit row says that the data came from another installation. The
rollback anchor in the OS keyring is reset to the restored database (docs/trust.md).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "restore",
        help="バックアップからデータベースを復元する (管理者)",
        description="バックアップを控えと照合し、--yes を付けたときだけ現在のデータベースと入れ替えます。"
        "元のデータベースは replaced-日時 フォルダに残します。",
    )
    p.add_argument("file", help="バックアップファイル (.db)")
    p.add_argument("--yes", action="store_true", help="確認済みとして実際に復元する")
    p.add_argument(
        "--from-other-installation",
        action="store_true",
        help="別の設置 (端末) のバックアップから移行する (管理者。操作記録に移行として残る)",
    )
    add_login_arguments(p)
    p.set_defaults(handler=run)


def _local(iso: str) -> str:
    """A manifest's UTC time as the branch's local time (Asia/Tokyo)."""
    import datetime as dt

    from counter_app.services.clock import JST

    try:
        return dt.datetime.fromisoformat(iso).astimezone(JST).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return str(iso)


def run(args: argparse.Namespace) -> int:
    from counter_app.commands._login import PASSWORD_ENV, read_secret
    from counter_app.errors import InputError
    from counter_app.files.input import MAX_BACKUP_BYTES, check_input_file
    from counter_app.security.keys import load_key
    from counter_app.services.backup.restore import check_installation, restore_backup
    from counter_app.services.backup.verify import verify_backup
    from counter_app.services.database import data_dir
    from counter_app.services.restore_sign_in import BACKUP, sign_in_for_restore

    folder = data_dir(args.data_dir)
    backup = check_input_file(args.file, limit=MAX_BACKUP_BYTES, what="バックアップファイル")
    if not args.user:
        raise InputError(
            "復元する管理者のユーザーIDを --user で指定してください。",
            hint="復元も、その前の照合も、管理者のログインが必要です。",
        )
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    admin = sign_in_for_restore(folder, backup, args.user, password)
    if admin.signed_in_against == BACKUP:
        print(
            "現在のデータベースを読めないため、管理者をバックアップの職員情報で確認しました。",
            file=sys.stderr,
        )
    manifest = verify_backup(backup, data_folder=folder)
    other = args.from_other_installation
    key = load_key(create=False)
    if key is not None:  # a backup of another installation stops here
        check_installation(folder, backup, manifest, key=key, from_other_installation=other)
    if not args.yes:
        result = {"ok": True, "restored": False, **manifest}
        if args.json:
            print_json(result)
        else:
            print(
                f"バックアップ {backup.name} は控えと一致しています ({_local(manifest['taken_at'])} 作成)。"
            )
            print(
                f"  請求 {manifest['counts'].get('requests', 0)}件、操作記録 {manifest['audit_seq']}件まで"
            )
            print(
                "復元するには --yes を付けて実行してください。現在のデータベースの写しは残します。"
            )
        return 0
    report = restore_backup(
        folder,
        backup,
        actor_id=admin.actor.staff_id,
        signed_in_against=admin.signed_in_against,
        from_other_installation=other,
    )
    if args.json:
        print_json({"ok": True, "restored": True, **report.to_dict()})
        return 0
    print(f"復元しました: {report.restored_to}")
    print(f"  SHA-256 {report.sha256} (バックアップと一致)")
    print(f"  請求 {report.counts.get('requests', 0)}件、操作記録 {report.audit_seq}件まで (一致)")
    if report.previous_kept_in:
        print(f"  元のデータベースの写しは {report.previous_kept_in} にあります。")
    return 0
