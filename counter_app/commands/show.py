"""``counter-app show REF``: one request (by number or id), personal data masked.

``--reveal --reason TEXT`` shows it unmasked (責任者, or ``--approver``); the reveal is
recorded with its reason and audited.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in, yen
from counter_app.errors import InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("show", help="請求の内容を表示する (個人情報は伏せ字)")
    p.add_argument("ref", help="受付番号 (例: R-BR01-2025-000001) または ID")
    p.add_argument(
        "--reveal", action="store_true", help="個人情報を表示する (責任者、記録されます)"
    )
    p.add_argument("--reason", default="", help="--reveal の理由")
    add_login_arguments(p, approver=True)
    p.set_defaults(handler=run)


def print_person(title: str, person: Any) -> None:
    print(f"{title}: {person.name}" + (f" ({person.furigana})" if person.furigana else ""))
    for label, value in (
        ("生年月日", person.birth_date),
        ("住所", " ".join(v for v in (person.postal_code, person.address) if v)),
        ("電話", person.phone),
        ("組合員番号", person.member_number),
    ):
        if value:
            print(f"  {label}: {value}")


def print_view(view: Any) -> None:
    print(f"受付番号: {view.number}  状態: {view.status_label}")
    received = view.received_at.astimezone().strftime("%Y-%m-%d %H:%M")
    print(f"受付日時: {received}  受付者: {view.created_by}")
    target = view.extended_target_on or view.target_on
    left = "" if view.days_left is None else f" (残り{view.days_left}日)"
    overdue = " 期限超過" if view.overdue else ""
    print(
        f"回答予定日: {target.isoformat()}{left}{overdue}  提訴可能日: {view.lawsuit_possible_from}"
    )
    if view.extension_reason:
        print(f"延長の理由: {view.extension_reason}")
    print_person("本人", view.principal)
    if view.proxy:
        print_person(f"代理人 [{view.proxy_kind_label}]", view.proxy)
    print(f"回答の受け取り: {view.delivery_label}")
    for item in view.items:
        outcome = f" → {item.outcome_label}" if item.outcome_label else ""
        print(f"請求: {item.label}{outcome}")
        if item.ground_label:
            print(f"  根拠: 個人情報の保護に関する法律 {item.ground_label}")
    for check in view.checks:
        who = "本人" if check.subject == "principal" else "代理人"
        result = "確認済" if check.passed else "不可"
        print(
            f"本人確認 ({who}): {result} {check.rule or ''} 書類: {'、'.join(check.document_types)}"
        )
    print(f"手数料: {yen(view.fee_total)} (手数料表 {view.schedule_version})")
    for receipt in view.receipts:
        mark = "取消" if receipt.kind == "void" else "領収書"
        extra = f" 再発行{receipt.reprint_count}回" if receipt.reprint_count else ""
        extra += f" (取消: {receipt.voided_by})" if receipt.voided_by else ""
        print(f"{mark}: {receipt.number} {yen(receipt.total)}{extra}")
    if view.settlement_label:
        print(f"精算: {view.settlement_label}")
    for settlement in view.settlements:
        mark = "精算取消" if settlement.kind == "void" else "精算書"
        extra = f" (取消: {settlement.voided_by})" if settlement.voided_by else ""
        print(
            f"{mark}: {settlement.number} {yen(settlement.total)} 写し{settlement.pages}枚{extra}"
        )
    if view.decision_explanation:
        print(f"説明: {view.decision_explanation}")


def run(args: argparse.Namespace) -> int:
    from counter_app.security.roles import Permission
    from counter_app.services.request_view import get_request
    from counter_app.services.reveal import reveal_personal_data

    if args.reason and not args.reveal:
        raise InputError("--reason は --reveal と一緒に指定してください。")
    approval = Permission.REVEAL_PERSONAL if args.reveal else None
    with signed_in(args, write=args.reveal, approval=approval) as (uow, actor, approver):
        if args.reveal:
            view = reveal_personal_data(uow, actor, args.ref, args.reason, approver=approver)
        else:
            view = get_request(uow, actor, args.ref)
    if args.json:
        print_json(view.to_dict())
    else:
        print_view(view)
    return 0
