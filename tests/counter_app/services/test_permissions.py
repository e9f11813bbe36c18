"""Every privileged action refuses a role that may not do it, with a clear Japanese message,
and a 責任者's on-screen approval lets a 窓口担当 do the approvable ones."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from counter_app.domain.fees import Adjustment
from counter_app.errors import PermissionDenied
from counter_app.security.roles import Permission, Role, require
from counter_app.services.approval import approve_on_screen
from counter_app.services.audit_trail import check_audit_chain, list_audit
from counter_app.services.branch import update_branch
from counter_app.services.intake import register_intake
from counter_app.services.lifecycle import decide, extend_deadline
from counter_app.services.receipts import void_receipt
from counter_app.services.retention import purge_expired
from counter_app.services.reveal import reveal_personal_data
from counter_app.services.samples import (
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_branch,
    sample_self_intake,
)
from counter_app.services.sign_in import LoginFailed
from counter_app.services.staff_accounts import NewStaff, add_staff, list_staff, set_active
from counter_app.store.models import AuditEntry

from .conftest import NOW, TODAY


@pytest.fixture
def registered(counter):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    return result


def attempt(counter, action, actor, **kw):
    with counter.db.unit_of_work() as uow:
        return action(uow, actor, **kw)


ACTIONS = {
    "void": (
        lambda uow, a, r, **kw: void_receipt(uow, a, r.receipt_number, "誤り", now=NOW, **kw),
        "領収書の取消",
    ),
    "waiver": (
        lambda uow, a, r, **kw: register_intake(
            uow,
            a,
            dataclasses.replace(
                sample_self_intake(TODAY, amount_received=0),
                adjustment=Adjustment("waive", 0, "生活困窮"),
            ),
            now=NOW,
            **kw,
        ),
        "手数料の免除・減額",
    ),
    "reveal": (
        lambda uow, a, r, **kw: reveal_personal_data(
            uow, a, r.request_number, "照会", now=NOW, **kw
        ),
        "個人情報の表示",
    ),
    "decide": (
        lambda uow, a, r, **kw: decide(
            uow, a, r.request_number, {"disclosure": "disclosed_full"}, now=NOW, **kw
        ),
        "請求への回答",
    ),
    "extend": (
        lambda uow, a, r, **kw: extend_deadline(
            uow, a, r.request_number, "確認に時間を要する", now=NOW, **kw
        ),
        "請求への回答",
    ),
    "view_audit": (lambda uow, a, r, **kw: list_audit(uow, a), "操作記録の閲覧"),
    "verify_audit": (lambda uow, a, r, **kw: check_audit_chain(uow, a), "操作記録の閲覧"),
}

ADMIN_ONLY = {
    "configure": (lambda uow, a: update_branch(uow, a, sample_branch()), "設定の変更"),
    "add_staff": (
        lambda uow, a: add_staff(uow, a, NewStaff("sato", "佐藤", Role.STAFF, "sato-pass-1")),
        "職員アカウントの管理",
    ),
    "list_staff": (lambda uow, a: list_staff(uow, a), "職員アカウントの管理"),
    "disable_staff": (lambda uow, a: set_active(uow, a, "tanaka", False), "職員アカウントの管理"),
    "purge": (lambda uow, a: purge_expired(uow, a), "保存期間を過ぎた個人情報の消去"),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_staff_is_refused_supervisor_actions(counter, registered, name):
    action, label = ACTIONS[name]
    with pytest.raises(PermissionDenied) as info, counter.db.unit_of_work() as uow:
        action(uow, counter.staff, registered)
    assert label in info.value.message and "窓口担当" in info.value.message


#: What each allowed action returns (checked on its result) and the audit row it appends.
DONE = {
    "void": (lambda out, r: (out.original_number, out.refund) == (r.receipt_number, r.total)),
    "waiver": (lambda out, r: (out.total, out.request_number) == (0, "R-BR01-01-2025-000002")),
    "reveal": (lambda out, r: out.principal.name == "山田 花子" and not out.principal.masked),
    "decide": (lambda out, r: (out.number, out.status) == (r.request_number, "decided")),
    "extend": (lambda out, r: (out.number, out.status) == (r.request_number, "extended")),
    "view_audit": (
        lambda out, r: [row.action for row in out][-2:] == ["intake.register", "receipt.issue"]
    ),
    "verify_audit": (lambda out, r: out is None),  # None: the chain is intact
}
AUDITED = {
    "void": "receipt.void",
    "waiver": "fee.waive",
    "reveal": "personal.reveal",
    "decide": "request.decide",
    "extend": "request.extend",
}


def assert_done(uow, name, out, registered, actor, approver=None):
    """The action's result is what it did, and its audit row names who did and who approved
    it (in the same transaction: these tests never commit)."""
    assert DONE[name](out, registered), out
    if name in AUDITED:
        rows = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == AUDITED[name]).order_by(AuditEntry.seq)
        ).all()
        assert [(r.actor_id, r.approver_id) for r in rows] == [
            (actor.staff_id, approver.staff_id if approver else None)
        ]


@pytest.mark.parametrize("name", list(ACTIONS))
def test_supervisor_may(counter, registered, name):
    action, _ = ACTIONS[name]
    with counter.db.unit_of_work() as uow:
        out = action(uow, counter.supervisor, registered)
        assert_done(uow, name, out, registered, counter.supervisor)


@pytest.mark.parametrize("name", ["void", "waiver", "reveal", "decide", "extend"])
def test_staff_with_supervisor_approval_may(counter, registered, name):
    action, _ = ACTIONS[name]
    with counter.db.unit_of_work() as uow:
        out = action(uow, counter.staff, registered, approver=counter.supervisor)
        assert_done(uow, name, out, registered, counter.staff, counter.supervisor)


@pytest.mark.parametrize("name", list(ADMIN_ONLY))
@pytest.mark.parametrize("who", ["staff", "supervisor"])
def test_admin_only_actions(counter, name, who):
    action, label = ADMIN_ONLY[name]
    with pytest.raises(PermissionDenied) as info, counter.db.unit_of_work() as uow:
        action(uow, getattr(counter, who))
    assert label in info.value.message and "管理者" in info.value.message
    with counter.db.unit_of_work() as uow:
        action(uow, counter.admin)


def test_admin_actions_cannot_be_approved_by_a_supervisor(counter):
    with pytest.raises(PermissionDenied):
        require(counter.staff, Permission.MANAGE_STAFF, approver=counter.supervisor)


def test_close_day_is_a_supervisor_permission(counter):
    with pytest.raises(PermissionDenied) as info:
        require(counter.staff, Permission.CLOSE_DAY)
    assert "日報の締め" in info.value.message
    require(counter.supervisor, Permission.CLOSE_DAY)


def test_approval_checks_the_approvers_password_and_role(counter):
    db = counter.db
    approver = approve_on_screen(
        db,
        counter.staff,
        SAMPLE_SUPERVISOR.username,
        SAMPLE_SUPERVISOR.password,
        Permission.VOID_RECEIPT,
    )
    assert approver.staff_id == counter.supervisor.staff_id
    with pytest.raises(LoginFailed):
        approve_on_screen(
            db, counter.staff, SAMPLE_SUPERVISOR.username, "wrong-password", Permission.VOID_RECEIPT
        )
    with pytest.raises(PermissionDenied):
        approve_on_screen(
            db,
            counter.supervisor,
            SAMPLE_STAFF.username,
            SAMPLE_STAFF.password,
            Permission.VOID_RECEIPT,
        )
    with pytest.raises(PermissionDenied, match="本人以外"):
        approve_on_screen(
            db,
            counter.supervisor,
            SAMPLE_SUPERVISOR.username,
            SAMPLE_SUPERVISOR.password,
            Permission.VOID_RECEIPT,
        )
