"""A request's lifecycle from the command line.

- ``counter-app decide REF --outcome TYPE=OUTCOME ... [--ground G] [--purpose-notice-ground G]
  [--explanation TEXT]``: ``--ground`` is the Art. 33(2) ground of a disclosure refused in
  whole or part, ``--purpose-notice-ground`` the Art. 32(2) ground of a purpose notice the
  co-op decides not to give
- ``counter-app start-work REF``
- ``counter-app extend REF --reason TEXT``
- ``counter-app withdraw REF --reason TEXT``

Deciding and extending need a 責任者 (or ``--approver``).
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.domain.requests import Outcome, PurposeNoticeGround, RefusalGround, RequestType
from counter_app.errors import InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "decide",
        help="請求に回答する (責任者)",
        description="請求の種類ごとに回答を記録します。開示の不開示・一部開示には法第33条第2項の"
        "理由 (--ground)、利用目的を通知しないときは法第32条第2項の理由 (--purpose-notice-ground)"
        "と、どちらも理由の説明 (--explanation) が必要です。",
    )
    p.add_argument("ref", help="受付番号または ID")
    p.add_argument(
        "--outcome",
        action="append",
        required=True,
        metavar="TYPE=OUTCOME",
        help="種類=回答 (種類ごとに1つ): 種類 "
        + ", ".join(t.value for t in RequestType)
        + " / 回答 "
        + ", ".join(f"{o.value}={o.label}" for o in Outcome),
    )
    p.add_argument(
        "--ground",
        help="開示の不開示・一部開示の理由 (法第33条第2項): "
        + ", ".join(g.value for g in RefusalGround),
    )
    p.add_argument(
        "--purpose-notice-ground",
        metavar="GROUND",
        help="利用目的を通知しない理由 (法第32条第2項): "
        + ", ".join(g.value for g in PurposeNoticeGround),
    )
    p.add_argument("--explanation", default="", help="理由の説明 (法第36条)")
    add_login_arguments(p, approver=True)
    p.set_defaults(handler=run_decide)

    s = subparsers.add_parser("start-work", help="請求の対応を開始する")
    s.add_argument("ref", help="受付番号または ID")
    add_login_arguments(s)
    s.set_defaults(handler=run_start)

    e = subparsers.add_parser("extend", help="回答期限を延長する (1回まで、責任者)")
    e.add_argument("ref", help="受付番号または ID")
    e.add_argument("--reason", required=True, help="延長の理由")
    add_login_arguments(e, approver=True)
    e.set_defaults(handler=run_extend)

    w = subparsers.add_parser("withdraw", help="請求の取下げを記録する")
    w.add_argument("ref", help="受付番号または ID")
    w.add_argument("--reason", required=True, help="取下げの理由")
    add_login_arguments(w)
    w.set_defaults(handler=run_withdraw)


def parse_outcomes(values: list[str]) -> dict[RequestType, Outcome]:
    outcomes: dict[RequestType, Outcome] = {}
    for value in values:
        kind, sep, outcome = value.partition("=")
        if not sep:
            raise InputError(f"--outcome「{value}」は 種類=回答 の形で指定してください。")
        try:
            key = RequestType(kind.strip())
        except ValueError:
            raise InputError(
                f"請求の種類「{kind}」は使えません。",
                hint="使える値: " + "、".join(t.value for t in RequestType),
            ) from None
        try:
            outcomes[key] = Outcome(outcome.strip())
        except ValueError:
            raise InputError(
                f"回答「{outcome}」は使えません。",
                hint="使える値: " + "、".join(o.value for o in Outcome),
            ) from None
    return outcomes


def _report(args: argparse.Namespace, change: Any, verb: str) -> int:
    if args.json:
        print_json(change.to_dict())
    else:
        print(f"{change.number}: {verb} (状態: {change.status_label})")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.lifecycle import decide

    outcomes = parse_outcomes(args.outcome)
    with signed_in(args, write=True, approval=Permission.DECIDE_REQUEST) as (uow, actor, approver):
        change = decide(
            uow,
            actor,
            args.ref,
            outcomes,
            ground=args.ground,
            purpose_notice_ground=args.purpose_notice_ground,
            explanation=args.explanation,
            approver=approver,
        )
    return _report(args, change, "回答を記録しました")


def run_start(args: argparse.Namespace) -> int:
    from counter_app.services.lifecycle import start_work

    with signed_in(args, write=True) as (uow, actor, _):
        change = start_work(uow, actor, args.ref)
    return _report(args, change, "対応を開始しました")


def run_extend(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.lifecycle import extend_deadline

    with signed_in(args, write=True, approval=Permission.DECIDE_REQUEST) as (uow, actor, approver):
        change = extend_deadline(uow, actor, args.ref, args.reason, approver=approver)
    return _report(args, change, "回答期限を延長しました")


def run_withdraw(args: argparse.Namespace) -> int:
    from counter_app.services.lifecycle import withdraw

    with signed_in(args, write=True) as (uow, actor, _):
        change = withdraw(uow, actor, args.ref, args.reason)
    return _report(args, change, "取下げを記録しました")
