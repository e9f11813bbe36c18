"""``counter-app staff add|list|disable|enable|unlock|password``: staff accounts (管理者)."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    add_login_arguments,
    print_json,
    read_secret,
    signed_in,
)
from counter_app.errors import InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("staff", help="職員アカウントの管理 (管理者)")
    sub = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    add = sub.add_parser(
        "add",
        help="職員を登録する",
        description="新しいパスワードは環境変数 "
        f"{NEW_PASSWORD_ENV}、標準入力 (--password-stdin の2行目)、または入力で指定します。",
    )
    add.add_argument("username", help="ユーザーID (英小文字・数字・. _ -)")
    add.add_argument("--name", required=True, help="職員の氏名")
    add.add_argument(
        "--role",
        required=True,
        choices=["staff", "supervisor", "admin"],
        help="役割: staff=窓口担当, supervisor=責任者, admin=管理者",
    )
    add_login_arguments(add)
    add.set_defaults(handler=run_add)

    lst = sub.add_parser("list", help="職員の一覧")
    add_login_arguments(lst)
    lst.set_defaults(handler=run_list)

    for action, label in (("disable", "無効にする"), ("enable", "有効にする")):
        q = sub.add_parser(action, help=f"職員アカウントを{label}")
        q.add_argument("username")
        add_login_arguments(q)
        q.set_defaults(handler=run_active, active=action == "enable")

    unlock = sub.add_parser("unlock", help="ログイン失敗によるロックを解除する (管理者)")
    unlock.add_argument("username")
    add_login_arguments(unlock)
    unlock.set_defaults(handler=run_unlock)

    pw = sub.add_parser("password", help="パスワードを変更する (自分、または管理者が他の職員)")
    pw.add_argument("username")
    add_login_arguments(pw)
    pw.set_defaults(handler=run_password)


def _new_password(args: argparse.Namespace) -> str:
    return read_secret(args, NEW_PASSWORD_ENV, "新しいパスワード: ", what="新しいパスワード")


def _print_staff(info: Any) -> None:
    state = "" if info.active else " (無効)"
    print(f"{info.username}\t{info.display_name}\t{info.role.label}{state}")


def run_add(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Role
    from counter_app.services.staff_accounts import NewStaff, add_staff

    with signed_in(args, write=True) as (uow, actor, _):
        new = NewStaff(args.username, args.name, Role(args.role), _new_password(args))
        info = add_staff(uow, actor, new)
    if args.json:
        print_json(info.to_dict())
    else:
        print("職員を登録しました:")
        _print_staff(info)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from counter_app.services.staff_accounts import list_staff

    with signed_in(args) as (uow, actor, _):
        people = list_staff(uow, actor)
    if args.json:
        print_json([p.to_dict() for p in people])
    else:
        for info in people:
            _print_staff(info)
    return 0


def run_active(args: argparse.Namespace) -> int:
    from counter_app.services.staff_accounts import set_active

    with signed_in(args, write=True) as (uow, actor, _):
        info = set_active(uow, actor, args.username, args.active)
    if args.json:
        print_json(info.to_dict())
    else:
        _print_staff(info)
    return 0


def run_password(args: argparse.Namespace) -> int:
    """One's own password (the sign-in password is the current one: the sign-in checked it,
    with the lockout) or, for a 管理者, another staff member's."""
    from counter_app.services.database import open_counter_database
    from counter_app.services.own_password import set_own_password
    from counter_app.services.sign_in import sign_in
    from counter_app.services.staff_accounts import change_password, normalise_username

    if not args.user:
        raise InputError("ログインする職員のユーザーIDを --user で指定してください。")
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        actor = sign_in(db, args.user, password)  # through the lockout, audited
        new_password = _new_password(args)
        with db.unit_of_work() as uow:
            if actor.username == normalise_username(args.username):
                # the sign-in just above checked the current password (lockout, audit)
                set_own_password(uow, actor, password, new_password)
            else:
                change_password(uow, actor, args.username, new_password)
            uow.commit()
    finally:
        db.close()
    if args.json:
        print_json({"username": args.username, "changed": True})
    else:
        print(f"{args.username} のパスワードを変更しました。")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from counter_app.services.database import open_counter_database
    from counter_app.services.sign_in import sign_in
    from counter_app.services.staff_accounts import unlock_account

    if not args.user:
        raise InputError("ログインする管理者のユーザーIDを --user で指定してください。")
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        admin = sign_in(db, args.user, password)
        unlock_account(db, admin, args.username)
    finally:
        db.close()
    if args.json:
        print_json({"username": args.username, "unlocked": True})
    else:
        print(f"{args.username} のロックを解除しました。")
    return 0
