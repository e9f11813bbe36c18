"""Facade of the 管理 window (``ui.admin``): staff accounts, the branch's printed identity,
the fee schedule in force and the audit trail's check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.security.roles import Role
from ui.context import AppContext
from ui.facade._access import now, require_db, signed_in, unit_of_work

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.services.audit_verify import AuditVerdict


@dataclass(frozen=True)
class StaffRow:
    """One staff account as the 職員 tab lists it."""

    staff_id: str
    username: str
    display_name: str
    role: Role
    role_label: str
    active: bool


@dataclass(frozen=True)
class FeeScheduleView:
    """The fee schedule version in force: a heading and rows of (label, value)."""

    heading: str
    rows: tuple[tuple[str, str], ...]


def staff_accounts(context: AppContext) -> list[StaffRow]:
    from counter_app.services import staff_accounts as accounts

    with unit_of_work(context, write=False) as uow:
        return [
            StaffRow(
                staff_id=s.id,
                username=s.username,
                display_name=s.display_name,
                role=s.role,
                role_label=s.role.label,
                active=s.active,
            )
            for s in accounts.list_staff(uow, signed_in(context))
        ]


def add_staff(
    context: AppContext, *, username: str, display_name: str, role: str, password: str
) -> None:
    from counter_app.services import staff_accounts as accounts

    with unit_of_work(context) as uow:
        accounts.add_staff(
            uow, signed_in(context), accounts.NewStaff(username, display_name, Role(role), password)
        )


def set_staff_active(context: AppContext, staff_id: str, active: bool) -> None:
    from counter_app.services import staff_accounts as accounts

    username = next(
        (s.username for s in staff_accounts(context) if s.staff_id == staff_id), staff_id
    )
    with unit_of_work(context) as uow:
        accounts.set_active(uow, signed_in(context), username, active)


def set_staff_password(context: AppContext, username: str, password: str) -> None:
    from counter_app.services import staff_accounts as accounts

    with unit_of_work(context) as uow:
        accounts.change_password(uow, signed_in(context), username, password, at=now(context))


def unlock_account(context: AppContext, username: str) -> None:
    from counter_app.services.staff_accounts import unlock_account as lift

    require_db(context)
    lift(context.db, signed_in(context), username, at=now(context))


def branch_info(context: AppContext) -> dict[str, str]:
    """The branch as stored (code, name, postal_code, address, phone, issuer_name,
    registration_number)."""
    from counter_app.services import branch

    with unit_of_work(context, write=False) as uow:
        return dict(branch.get_branch(uow).to_dict())


def update_branch(context: AppContext, values: dict[str, str]) -> None:
    """Correct the branch's printed identity (administrator; recorded)."""
    from counter_app.services import branch

    code = branch_info(context)["code"]
    with unit_of_work(context) as uow:
        branch.update_branch(
            uow, signed_in(context), branch.BranchInput(code=code, **values), at=now(context)
        )


def branch_settings(context: AppContext) -> list[tuple[str, str]]:
    """The branch's settings as (label, value) rows."""
    from counter_app.services import branch

    with unit_of_work(context, write=False) as uow:
        info = branch.get_branch(uow)
    return [
        ("支店コード", info.code),
        ("支店名", info.name),
        ("郵便番号", info.postal_code),
        ("住所", info.address),
        ("電話番号", info.phone),
        ("発行者名", info.issuer_name),
        ("登録番号", info.registration_number),
    ]


def fee_schedule_in_force(context: AppContext) -> FeeScheduleView:
    """The fee schedule version in force today."""
    from counter_app.domain.requests import RequestType
    from counter_app.services.rules import rules_in_force

    today = context.today() if hasattr(context, "today") else dt.date.today()
    schedule = rules_in_force(today).fee_schedules.in_force(today)
    start = schedule.effective_from
    heading = f"{start.year}年{start.month}月{start.day}日施行の手数料表" + (
        f" ({schedule.note})" if schedule.note else ""
    )
    rows = []
    for request_type in RequestType:
        fee = schedule.handling_fees.get(request_type)
        rows.append(
            (f"{request_type.label} 手数料", f"{fee:,}円" if fee is not None else "無料 (法第38条)")
        )
    treatment = "内税" if schedule.tax_treatment.value == "inclusive" else "外税"
    copy_fee = f"1枚 {schedule.copy_fee_per_page:,}円"
    if schedule.free_pages:
        copy_fee += f" (最初の {schedule.free_pages} 枚は無料)"
    rows += [
        (schedule.copy_label, copy_fee),
        (schedule.medium_label, f"1枚 {schedule.medium_fee:,}円"),
        ("郵送料", "実費を手数料に含める" if schedule.charge_postage else "含めない"),
        (
            "消費税",
            f"{schedule.tax_rate}% ({treatment}、端数は{schedule.rounding.label})",
        ),
    ]
    return FeeScheduleView(heading, tuple(rows))


def check_audit(context: AppContext) -> AuditVerdict:
    """The audit trail's hash chain, sealed head, the backups' anchors and the keyring's
    rollback anchor (責任者・管理者)."""
    from counter_app.services import audit_verify
    from counter_app.services.backup.folder import backup_findings, backup_folder

    found = backup_findings(backup_folder(context.db.folder), context.db.encryption_key())
    anchors, problems = audit_verify.installation_evidence(context.db)
    with unit_of_work(context, write=False) as uow:
        return audit_verify.check_audit(
            uow, signed_in(context), [*found.anchors, *anchors], [*found.problems, *problems]
        )
