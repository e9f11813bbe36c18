"""``counter-app init``: create the encrypted database, the branch and the first 管理者.

Everything is checked before the database file is created; if the setup still fails, the
new files are removed, so a second try starts clean. The administrator's password comes from
``--password-stdin``, COUNTER_APP_PASSWORD or a prompt (asked twice on a terminal).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any

from counter_app.commands._login import PASSWORD_ENV, add_json_argument, print_json, read_secret
from counter_app.errors import InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "init",
        help="初期設定: データベース・支店・最初の管理者を作成",
        description="暗号化データベースを作成し、支店情報と最初の管理者を登録します。"
        "暗号鍵は OS のキーリング (サービス名 counter-app) に保存されます。",
    )
    p.add_argument(
        "--branch-code", required=True, help="支店コード (英大文字で始まる2〜8文字、例: BR01)"
    )
    p.add_argument("--branch-name", required=True, help="支店名 (例: 水戸宅配センター)")
    p.add_argument("--postal-code", default="", help="支店の郵便番号 (例: 310-0000)")
    p.add_argument("--address", required=True, help="支店の住所")
    p.add_argument("--phone", required=True, help="支店の電話番号")
    p.add_argument("--issuer-name", required=True, help="発行者名 (例: いばらきコープ生活協同組合)")
    p.add_argument(
        "--registration-number", required=True, help="適格請求書発行事業者登録番号 (T + 13桁)"
    )
    p.add_argument("--admin-user", required=True, help="最初の管理者のユーザーID")
    p.add_argument("--admin-name", required=True, help="最初の管理者の氏名")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"管理者のパスワードを標準入力から読む (既定: 環境変数 {PASSWORD_ENV}、なければ入力を求める)",
    )
    add_json_argument(p)
    p.set_defaults(handler=run)


def _admin_password(args: argparse.Namespace) -> str:
    password = read_secret(args, PASSWORD_ENV, "管理者のパスワード: ")
    if not args.password_stdin and not os.environ.get(PASSWORD_ENV) and sys.stdin.isatty():
        import getpass

        if getpass.getpass("もう一度入力してください: ") != password:
            raise InputError("パスワードが一致しません。")
    return password


def run(args: argparse.Namespace) -> int:
    from counter_app.config.security import security_settings
    from counter_app.security.password_policy import check_new_password
    from counter_app.security.roles import Role
    from counter_app.services.branch import BranchInput, initialise
    from counter_app.services.database import data_dir, database_exists, open_counter_database
    from counter_app.services.staff_accounts import NewStaff, normalise_username

    branch = BranchInput(
        code=args.branch_code,
        name=args.branch_name,
        postal_code=args.postal_code,
        address=args.address,
        phone=args.phone,
        issuer_name=args.issuer_name,
        registration_number=args.registration_number,
    ).validated()
    admin = NewStaff(normalise_username(args.admin_user), args.admin_name, Role.ADMIN, "")
    if not admin.display_name.strip():
        raise InputError("管理者の氏名を入力してください。")
    folder = data_dir(getattr(args, "data_dir", None))
    if database_exists(folder):
        from counter_app.services.damage_advice import advise
        from counter_app.services.database import AlreadyInitialised, DatabaseEmpty

        path = folder / "counter.db"
        if path.is_file() and path.stat().st_size == 0:  # not a database: say so, and how on
            raise advise(DatabaseEmpty(str(path)), folder)
        raise AlreadyInitialised(str(path))
    password = _admin_password(args)
    check_new_password(password, policy=security_settings().password)
    admin = NewStaff(admin.username, admin.display_name, Role.ADMIN, password)

    db = open_counter_database(folder, must_be_new=True)
    try:
        with db.unit_of_work() as uow:
            actor = initialise(uow, branch, admin)
            uow.commit()
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                (folder / f"counter.db{suffix}").unlink()
        raise
    db.close()
    result = {
        "database": str(folder / "counter.db"),
        "branch": branch.__dict__,
        "admin": {"id": actor.staff_id, "username": actor.username, "role": actor.role.value},
    }
    if args.json:
        print_json(result)
    else:
        print(f"初期設定が完了しました: {branch.name} ({branch.code})")
        print(f"  データベース: {result['database']}")
        print(f"  管理者: {actor.display_name} ({actor.username})")
    return 0
