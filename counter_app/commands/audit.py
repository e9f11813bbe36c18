"""``counter-app audit [list] [--request REF] [--after SEQ] [--limit N]`` and
``counter-app audit verify``: the audit trail (責任者 / 管理者).

``verify`` recomputes the hash chain, checks its sealed head and the anchors kept in the
backups' manifests, and reports the first broken row (exit 1), or that all is intact (exit 0).
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
    """Chain, sealed head and the anchors of the backups (see services.audit_verify)."""
    from counter_app.services.audit_verify import check_audit
    from counter_app.services.backup import backup_anchors, backup_folder
    from counter_app.services.database import data_dir

    anchors = backup_anchors(backup_folder(data_dir(getattr(args, "data_dir", None))))
    with signed_in(args) as (uow, actor, _):
        verdict = check_audit(uow, actor, anchors)
    if args.json:
        print_json(
            {"intact": verdict.ok, "first_broken_seq": verdict.first_broken, **verdict.to_dict()}
        )
    else:
        print(verdict.text())
        if not verdict.ok:
            print("改ざんまたは破損の可能性があります。管理者に連絡してください。")
    return 0 if verdict.ok else 1
