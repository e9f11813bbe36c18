"""Staff roles and what each may do.

Roles: 窓口担当 (staff), 責任者 (supervisor), 管理者 (admin). Privileged actions need a
supervisor or an admin; staff and configuration management need an admin. A staff member may
do a supervisor's action when a supervisor approves it on their screen (the supervisor signs
in with their own password; the approver's id goes into the audit row).

| permission        | staff | supervisor | admin |
|-------------------|-------|------------|-------|
| register_intake   | yes   | yes        | yes   |
| reprint_receipt   | yes   | yes        | yes   |
| progress_request  | yes   | yes        | yes   |  (start work, withdraw)
| view_audit        | -     | yes        | yes   |
| void_receipt      | -     | yes        | yes   |
| waive_fee         | -     | yes        | yes   |  (waive or reduce)
| decide_request    | -     | yes        | yes   |  (decide, extend)
| close_day         | -     | yes        | yes   |
| reveal_personal   | -     | yes        | yes   |
| configure         | -     | -          | yes   |
| manage_staff      | -     | -          | yes   |
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from counter_app.errors import PermissionDenied


class Role(StrEnum):
    STAFF = "staff"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"staff": "窓口担当", "supervisor": "責任者", "admin": "管理者"}[self.value]

    @property
    def rank(self) -> int:
        return {"staff": 0, "supervisor": 1, "admin": 2}[self.value]


class Permission(StrEnum):
    REGISTER_INTAKE = "register_intake"
    REPRINT_RECEIPT = "reprint_receipt"
    PROGRESS_REQUEST = "progress_request"
    VIEW_AUDIT = "view_audit"
    VOID_RECEIPT = "void_receipt"
    WAIVE_FEE = "waive_fee"
    DECIDE_REQUEST = "decide_request"
    CLOSE_DAY = "close_day"
    REVEAL_PERSONAL = "reveal_personal"
    CONFIGURE = "configure"
    MANAGE_STAFF = "manage_staff"
    PURGE_EXPIRED = "purge_expired"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def minimum_role(self) -> Role:
        return _MINIMUM[self]


_LABELS = {
    Permission.REGISTER_INTAKE: "請求の受付",
    Permission.REPRINT_RECEIPT: "領収書の再発行",
    Permission.PROGRESS_REQUEST: "請求の対応開始・取下げ",
    Permission.VIEW_AUDIT: "操作記録の閲覧",
    Permission.VOID_RECEIPT: "領収書の取消",
    Permission.WAIVE_FEE: "手数料の免除・減額",
    Permission.DECIDE_REQUEST: "請求への回答・期限の延長",
    Permission.CLOSE_DAY: "日報の締め",
    Permission.REVEAL_PERSONAL: "個人情報の表示",
    Permission.CONFIGURE: "設定の変更",
    Permission.MANAGE_STAFF: "職員アカウントの管理",
    Permission.PURGE_EXPIRED: "保存期間を過ぎた個人情報の消去",
}

_MINIMUM = {
    Permission.REGISTER_INTAKE: Role.STAFF,
    Permission.REPRINT_RECEIPT: Role.STAFF,
    Permission.PROGRESS_REQUEST: Role.STAFF,
    Permission.VIEW_AUDIT: Role.SUPERVISOR,
    Permission.VOID_RECEIPT: Role.SUPERVISOR,
    Permission.WAIVE_FEE: Role.SUPERVISOR,
    Permission.DECIDE_REQUEST: Role.SUPERVISOR,
    Permission.CLOSE_DAY: Role.SUPERVISOR,
    Permission.REVEAL_PERSONAL: Role.SUPERVISOR,
    Permission.CONFIGURE: Role.ADMIN,
    Permission.MANAGE_STAFF: Role.ADMIN,
    Permission.PURGE_EXPIRED: Role.ADMIN,
}

#: Permissions a supervisor may grant on a staff member's screen (not admin-only ones).
APPROVABLE = frozenset(p for p, r in _MINIMUM.items() if r is Role.SUPERVISOR)


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member acting (from ``services.sign_in.sign_in``)."""

    staff_id: str
    username: str
    display_name: str
    role: Role
    branch_code: str

    def may(self, permission: Permission) -> bool:
        return self.role.rank >= permission.minimum_role.rank


def require(actor: Actor, permission: Permission, *, approver: Actor | None = None) -> None:
    """Raise PermissionDenied (Japanese) unless ``actor`` (or ``approver``) may do it."""
    if actor.may(permission):
        return
    if (
        approver is not None
        and permission in APPROVABLE
        and approver.may(permission)
        and approver.staff_id != actor.staff_id
    ):
        return
    needed = permission.minimum_role.label
    approval = "、または責任者の承認" if permission in APPROVABLE else ""
    raise PermissionDenied(
        f"「{permission.label}」は{needed}以上の権限{approval}が必要です"
        f" ({actor.display_name} さんは{actor.role.label})。",
        hint="権限のある職員に操作を依頼してください。",
    )
