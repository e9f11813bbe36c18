"""``counter-app audit [list] [--request REF] [--after SEQ] [--limit N]`` and
``counter-app audit verify``: the audit trail (責任者 / 管理者).

``verify`` recomputes the hash chain, checks its sealed head, the anchors kept in the
backups' (authenticated) manifests and the rollback anchor in the OS keyring, and reports the
first broken row (exit 1), or that all is intact (exit 0). It runs even when the end of the
trail is broken and nothing can be appended: the supervisor is then signed in without the
``auth.login`` row (:mod:`counter_app.services.inspection`).

``accept-rollback`` (管理者, ``--yes``): the database is behind its rollback anchor (an older
file was put in place outside ``restore``) and the administrator accepts it on purpose: an
``anchor.accept`` audit row records the anchor given up, and numbers are handed out again.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.services.clock import JST


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("audit", help="操作記録 (監査ログ) の一覧と検証 (責任者)")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    lst = sub.add_parser("list", help="操作記録の一覧 (既定)")
    for parser in (p, lst):
        parser.add_argument("--request", help="この請求 (受付番号または ID) の記録だけ")
        parser.add_argument("--after", type=int, default=0, help="この番号より後の記録 (既定 0)")
        parser.add_argument("--limit", type=int, default=200, help="最大件数 (既定 200、0 で全件)")
        add_login_arguments(parser)
        parser.set_defaults(handler=run_list)
    ver = sub.add_parser("verify", help="ハッシュの連鎖を検証する")
    add_login_arguments(ver)
    ver.set_defaults(handler=run_verify)
    acc = sub.add_parser(
        "accept-rollback",
        help="以前の状態に戻したデータベースを承認し、番号の発行を再開する (管理者)",
        description="データベースがキーリングに記録した最新の状態より古いとき、意図した復元として"
        "承認します。--yes を付けたときだけ承認し、操作記録に残します。",
    )
    acc.add_argument("--yes", action="store_true", help="確認済みとして承認する")
    add_login_arguments(acc)
    acc.set_defaults(handler=run_accept_rollback)


def run_list(args: argparse.Namespace) -> int:
    from counter_app.services.audit_trail import list_audit

    with signed_in(args) as (uow, actor, _):
        rows = list_audit(
            uow, actor, request_ref=args.request, after_seq=args.after, limit=args.limit or None
        )
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    for r in rows:
        at = r.at_utc.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")
        who = r.actor_name + (f" (承認: {r.approver_name})" if r.approver_name else "")
        number = r.detail.get("number", "")
        print(f"{r.seq}\t{at}\t{r.action_label}\t{who}\t{number}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Chain, sealed head, the anchors of the backups and of the keyring (services.audit_verify)."""
    from counter_app.commands._login import PASSWORD_ENV, read_secret
    from counter_app.errors import InputError
    from counter_app.services.audit_verify import check_audit, installation_evidence
    from counter_app.services.backup.folder import backup_findings, backup_folder
    from counter_app.services.database import open_counter_database
    from counter_app.services.inspection import sign_in_or_inspect

    if not args.user:
        raise InputError("ログインする職員のユーザーIDを --user で指定してください。")
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        actor = sign_in_or_inspect(db, args.user, password)
        found = backup_findings(backup_folder(db.folder), db.encryption_key())
        anchors, problems = installation_evidence(db)
        with db.unit_of_work(read_only=True) as uow:
            verdict = check_audit(
                uow, actor, [*found.anchors, *anchors], [*found.problems, *problems]
            )
    finally:
        db.close()
    if args.json:
        print_json(
            {"intact": verdict.ok, "first_broken_seq": verdict.first_broken, **verdict.to_dict()}
        )
    else:
        print(verdict.text())
        if not verdict.ok:
            print("改ざんまたは破損の可能性があります。管理者に連絡してください。")
    return 0 if verdict.ok else 1


def run_accept_rollback(args: argparse.Namespace) -> int:
    """Accept, on purpose, a database that is behind its rollback anchor (管理者, audited)."""
    from counter_app.commands._login import PASSWORD_ENV, read_secret
    from counter_app.errors import InputError, PermissionDenied
    from counter_app.security.roles import Role
    from counter_app.services.database import open_counter_database
    from counter_app.services.rollback import accept_rollback, rollback_problem
    from counter_app.services.sign_in import sign_in

    if not args.user:
        raise InputError("承認する管理者のユーザーIDを --user で指定してください。")
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    db = open_counter_database(getattr(args, "data_dir", None))
    try:
        actor = sign_in(db, args.user, password)
        if actor.role is not Role.ADMIN:
            raise PermissionDenied(
                "以前の状態の承認は管理者が行います。",
                hint="管理者のアカウントで実行してください。",
            )
        problem = rollback_problem(db)
        if problem is None:
            result = {"ok": True, "accepted": False, "problem": ""}
            message = "データベースは最新の状態に一致しています。承認の必要はありません。"
        elif not args.yes:
            result = {"ok": True, "accepted": False, "problem": problem}
            message = (
                f"{problem}\n承認すると、この状態を正として番号の発行を再開します "
                "(失われた記録は戻りません)。承認するには --yes を付けて実行してください。"
            )
        else:
            accepted = accept_rollback(db, actor)
            result = {"ok": True, "accepted": True, "problem": problem, **accepted}
            message = (
                f"承認しました。操作記録 番号 {accepted['audit_seq']} を新しい基準にしました "
                f"(それまでの基準は番号 {accepted['anchor_before_seq']})。"
            )
    finally:
        db.close()
    if args.json:
        print_json(result)
    else:
        print(message)
    return 0
