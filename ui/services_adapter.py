"""The one place where the views call ``counter_app.services``.

Windows never talk to the database or the domain's storage: they call these functions with
the :class:`~ui.context.AppContext` and get plain values back (rows already masked, labels
already Japanese, PDF bytes already rendered by ``forms/``). Each function is one service call
in one unit of work, committed when it writes. The rules — roles, verdicts, masks, deadlines,
numbering — are the services' and the domain's; nothing here decides anything.

Importing this module is cheap: each function imports the service it calls
(``from counter_app.services import auth``) when it runs, so the login window can be shown
before the services and the ORM behind them are loaded (see :func:`import_services`).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from counter_app.errors import CounterAppError, PermissionDenied
from ui.detail_data import (
    ItemInfo,
    ReceiptInfo,
    RequestDetail,
    SettlementInfo,
    TimelineEntry,
)
from ui.request_table import RequestRow


def import_services() -> None:
    """Import the services a login needs (the slow part of startup). Thread-safe."""
    from counter_app.services import (  # noqa: F401
        branch,
        database,
        request_view,
        search,
        staff_accounts,
    )


def _require_db(context: Any) -> None:
    if context.db is None:
        raise CounterAppError(
            "データベースがまだ開かれていません。しばらく待ってからやり直してください。"
        )


@contextmanager
def unit_of_work(context: Any, *, write: bool = True) -> Iterator[Any]:
    """A unit of work on the context's database, committed on success when ``write``."""
    _require_db(context)
    if write:
        with context.db.unit_of_work() as uow:
            yield uow
            uow.commit()
    else:
        with context.db.unit_of_work(read_only=True) as uow:
            yield uow


def _actor(context: Any) -> Any:
    if context.actor is None:
        raise PermissionDenied("ログインしていません。", hint="ログインし直してください。")
    return context.actor


def _now(context: Any) -> dt.datetime:
    return context.now() if hasattr(context, "now") else dt.datetime.now(dt.UTC)


# --------------------------------------------------------------------------- database
def open_database(context: Any) -> None:
    """Open (and migrate) the data folder's database, the key from the OS keyring (a damaged
    or empty one is refused untouched, the newest good backup named)."""
    from counter_app.services import database

    context.db = database.open_counter_database(context.data_dir, create=True)


def keyring_problem() -> str | None:
    """Why the database key could not be kept in the OS keyring (None when it can).

    Asked before the first-run form is shown: the key is created and stored (or found) now,
    exactly as the first run would, so a missing or locked keyring is said before anything
    is typed rather than after the form is filled.
    """
    from counter_app.security.keys import load_key

    try:
        load_key(create=True)
    except CounterAppError as exc:
        return exc.user_text()
    return None


def open_training_database(
    context: Any, accounts: Sequence[tuple[str, str, str]], password: str
) -> None:
    """Training mode: a throwaway database (random key, no keyring) with the samples' branch,
    demo login and synthetic requests, plus the other demo accounts of ``accounts``."""
    from counter_app.security.roles import Role
    from counter_app.services import samples
    from counter_app.services import staff_accounts as auth

    db, demo = samples.create_training_database(context.data_dir)
    context.db = db
    with unit_of_work(context) as uow:
        for username, role, name in accounts:
            if username == samples.DEMO_USERNAME:
                continue
            auth.create_staff(
                uow,
                demo.branch_code,
                auth.NewStaff(username, name, Role(role), password),
                at=_now(context),
                by=demo,
            )


def initialise(context: Any, answers: Any) -> None:
    """First run: create the database, the branch and the first administrator."""
    from counter_app.security.roles import Role
    from counter_app.services import branch
    from counter_app.services import staff_accounts as auth

    if context.db is None:
        open_database(context)
    with unit_of_work(context) as uow:
        branch.initialise(
            uow,
            branch.BranchInput(
                code=answers.branch_code,
                name=answers.branch_name,
                postal_code=answers.postal_code,
                address=answers.address,
                phone=answers.phone,
                issuer_name=answers.issuer_name,
                registration_number=answers.registration_number,
            ),
            auth.NewStaff(
                answers.admin_username,
                answers.admin_display_name,
                Role.ADMIN,
                answers.admin_password,
            ),
        )


def branch_name(context: Any) -> str:
    if context.db is None:
        return ""
    from counter_app.services import branch

    try:
        with unit_of_work(context, write=False) as uow:
            return str(branch.get_branch(uow).name)
    except CounterAppError:
        return ""


# ----------------------------------------------------------------------------- staff
def login(context: Any, username: str, password: str) -> Any:
    """Sign in (``counter_app.services.sign_in.sign_in``: lockout after repeated failures,
    every failure recorded). When the audit trail's end is broken, a supervisor or
    administrator is let in without the sign-in row, to run the 管理 tab's check
    (``counter_app.services.inspection``); every action that records refuses meanwhile."""
    from counter_app.services.inspection import sign_in_or_inspect

    _require_db(context)
    return sign_in_or_inspect(context.db, username, password, at=_now(context))


def authenticate(context: Any, username: str, password: str, permission: str | None = None) -> Any:
    """A supervisor approving on the logged-in person's screen; returns the approver.

    With no ``permission`` the approver must be able to approve supervisor actions in
    general (every approvable permission needs the same role). The approval is recorded
    with both people; wrong passwords count towards the supervisor's lockout.
    """
    from counter_app.security.roles import APPROVABLE, Permission
    from counter_app.services.approval import approve_on_screen

    _require_db(context)
    wanted = Permission(permission) if permission else sorted(APPROVABLE)[0]
    return approve_on_screen(
        context.db, _actor(context), username, password, wanted, at=_now(context)
    )


def unlock(context: Any, password: str) -> Any:
    """Unlock the screen after the idle lock: the signed-in person's own password."""
    from counter_app.services.screen_lock import reauthenticate

    _require_db(context)
    context.actor = reauthenticate(context.db, _actor(context), password, at=_now(context))
    return context.actor


def idle_lock_minutes() -> int:
    """Minutes without input before the screen locks (security.toml ``[session]``)."""
    from counter_app.services.screen_lock import idle_lock_minutes as minutes

    return int(minutes())


def text_limits() -> dict[str, int]:
    """The services' longest accepted texts (characters), for the boxes' counters:
    ``text`` (a reason, an explanation), ``name`` (a staff member's name), ``branch_text``
    (branch name, issuer) and ``branch_address`` (printed on one line of the slip)."""
    from counter_app.services.access import MAX_ADDRESS, MAX_NAME, MAX_TEXT
    from counter_app.services.branch import MAX_BRANCH_ADDRESS

    return {
        "text": MAX_TEXT,
        "name": MAX_NAME,
        "branch_text": MAX_ADDRESS,
        "branch_address": MAX_BRANCH_ADDRESS,
    }


def staff_accounts(context: Any) -> list[Any]:
    from counter_app.services import staff_accounts as auth

    with unit_of_work(context, write=False) as uow:
        return [_StaffRow(s) for s in auth.list_staff(uow, _actor(context))]


class _StaffRow:
    def __init__(self, info: Any) -> None:
        self.staff_id = info.id
        self.username = info.username
        self.display_name = info.display_name
        self.role = info.role
        self.role_label = info.role.label
        self.active = info.active


def add_staff(context: Any, *, username: str, display_name: str, role: str, password: str) -> None:
    from counter_app.security.roles import Role
    from counter_app.services import staff_accounts as auth

    with unit_of_work(context) as uow:
        auth.add_staff(
            uow, _actor(context), auth.NewStaff(username, display_name, Role(role), password)
        )


def set_staff_active(context: Any, staff_id: str, active: bool) -> None:
    from counter_app.services import staff_accounts as auth

    username = next(
        (s.username for s in staff_accounts(context) if s.staff_id == staff_id), staff_id
    )
    with unit_of_work(context) as uow:
        auth.set_active(uow, _actor(context), username, active)


def branch_info(context: Any) -> dict[str, str]:
    """The branch as stored (code, name, postal_code, address, phone, issuer_name,
    registration_number)."""
    from counter_app.services import branch

    with unit_of_work(context, write=False) as uow:
        return dict(branch.get_branch(uow).to_dict())


def update_branch(context: Any, values: dict[str, str]) -> None:
    """Correct the branch's printed identity (administrator; recorded)."""
    from counter_app.services import branch

    code = branch_info(context)["code"]
    with unit_of_work(context) as uow:
        branch.update_branch(
            uow, _actor(context), branch.BranchInput(code=code, **values), at=_now(context)
        )


def set_staff_password(context: Any, username: str, password: str) -> None:
    from counter_app.services import staff_accounts as auth

    with unit_of_work(context) as uow:
        auth.change_password(uow, _actor(context), username, password, at=_now(context))


def change_own_password(context: Any, current_password: str, new_password: str) -> None:
    """The logged-in person's own password (any role): the current one is checked like a
    sign-in (a wrong one counts towards the lockout)."""
    from counter_app.services.own_password import change_own_password as change

    _require_db(context)
    change(context.db, _actor(context), current_password, new_password, at=_now(context))


def unlock_account(context: Any, username: str) -> None:
    from counter_app.services.staff_accounts import unlock_account as lift

    _require_db(context)
    lift(context.db, _actor(context), username, at=_now(context))


def branch_settings(context: Any) -> list[tuple[str, str]]:
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


def fee_schedule_in_force(context: Any) -> tuple[str, list[tuple[str, str]]]:
    """The fee schedule version in force today, as (heading, rows of label/value)."""
    from counter_app.config.fees import load_fee_schedules
    from counter_app.domain.requests import RequestType

    today = context.today() if hasattr(context, "today") else dt.date.today()
    schedule = load_fee_schedules().in_force(today)
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
    return heading, rows


# -------------------------------------------------------------------------- requests
def list_requests(
    context: Any,
    *,
    scope: str = "today",
    status: str | None = None,
    query: str = "",
    overdue_only: bool = False,
) -> list[RequestRow]:
    """The request list with the filters of the main window (masked rows)."""
    from counter_app.services import search

    today = context.today()
    with unit_of_work(context, write=False) as uow:
        found = search.list_requests(
            uow,
            _actor(context),
            scope=scope,
            status=status,
            query=query,
            overdue_only=overdue_only,
            today=today,
        )
        return [_row(item) for item in found]


def _row(item: Any) -> RequestRow:
    return RequestRow(
        request_id=item.request_id,
        number=item.number,
        received_at=item.received_at,
        name=item.name_masked,
        phone=item.phone_masked,
        types=tuple(t.label for t in item.request_types),
        status=item.status.value,
        status_label=item.status.label,
        target_on=item.target_on,
        days_left=item.days_left,
        overdue=item.overdue,
        proxy=bool(item.proxy_kind),
    )


def previous_request(context: Any, member_number: str) -> Any:
    """The latest earlier request of this member number, masked
    (``services.member_lookup.PreviousRequest``), or None."""
    from counter_app.services.member_lookup import find_previous_request

    with unit_of_work(context, write=False) as uow:
        return find_previous_request(uow, _actor(context), member_number)


def person_from_previous(context: Any, request_id: str, member_number: str) -> Any:
    """The person's data of that request in full (``services.member_lookup.PersonOnFile``);
    the lookup is audited."""
    from counter_app.services.member_lookup import person_from_request

    with unit_of_work(context) as uow:
        return person_from_request(
            uow, _actor(context), request_id, member_number, now=_now(context)
        )


def reveal(context: Any, request_id: str, reason: str, approver: Any = None) -> tuple[str, str]:
    """The request's name and phone in full (supervisor; recorded with the reason)."""
    from counter_app.services.reveal import reveal_personal_data

    with unit_of_work(context) as uow:
        shown = reveal_personal_data(
            uow, _actor(context), request_id, reason, approver=approver, now=_now(context)
        )
    return shown.principal.name, shown.principal.phone


def _summary(details: dict[str, Any]) -> str:
    """One line of an item's stored details (already labelled by the domain where it can)."""
    from counter_app.domain.requests import DataScope, SuspensionGround

    parts = []
    scopes = details.get("scopes") or []
    if scopes:
        labels = []
        for value in scopes:
            try:
                labels.append(DataScope(value).label)
            except ValueError:
                labels.append(str(value))
        parts.append("・".join(labels))
    if details.get("period"):
        parts.append(f"期間: {details['period']}")
    if details.get("correction_item"):
        parts.append(f"訂正: {details['correction_item']}")
    if details.get("suspension_ground"):
        try:
            parts.append(SuspensionGround(details["suspension_ground"]).label)
        except ValueError:
            parts.append(str(details["suspension_ground"]))
    if details.get("detail"):
        parts.append(str(details["detail"]))
    return " / ".join(parts)


def request_detail(context: Any, request_id: str) -> RequestDetail:
    """The detail window's content: the masked view, the receipts and the timeline."""
    from counter_app.domain.requests import TRANSITIONS, RequestStatus
    from counter_app.services import audit_trail, request_view

    with unit_of_work(context, write=False) as uow:
        shown = request_view.get_request(uow, _actor(context), request_id, on=context.today())
        timeline = audit_trail.request_timeline(uow, _actor(context), shown.id)
    status = RequestStatus(shown.status)
    proxy = ""
    if shown.proxy is not None:
        proxy = f"{shown.proxy.name} ({shown.proxy_kind_label or ''})"
    return RequestDetail(
        request_id=shown.id,
        number=shown.number,
        status=shown.status,
        status_label=shown.status_label,
        received_at=shown.received_at,
        requester=shown.principal.name,
        proxy=proxy,
        target_on=shown.target_on,
        extended_target_on=shown.extended_target_on,
        lawsuit_possible_from=shown.lawsuit_possible_from,
        days_left=shown.days_left,
        overdue=shown.overdue,
        delivery_label=shown.delivery_label,
        disclosure_method=shown.disclosure_method,
        items=tuple(
            ItemInfo(
                item_id=i.request_type,
                request_type=i.request_type,
                label=i.label,
                details=_summary(i.details),
                outcome_label=i.outcome_label or "",
            )
            for i in shown.items
        ),
        receipts=tuple(
            ReceiptInfo(
                receipt_id=r.id,
                number=r.number,
                total=r.total,
                issued_at=r.issued_at,
                voided=r.voided_by is not None,
                reprint_count=r.reprint_count,
                is_void_record=r.kind == "void",
            )
            for r in shown.receipts
        ),
        timeline=tuple(
            TimelineEntry(e.at_utc, _timeline_text(e), e.actor_name, e.approver_name)
            for e in timeline
        ),
        fee_total=shown.fee_total,
        allowed=frozenset(s.value for s in TRANSITIONS[status]),
        settlement_state=shown.settlement_state,
        settlement_label=shown.settlement_label or "",
        settlements=tuple(
            SettlementInfo(
                settlement_id=x.id,
                number=x.number,
                total=x.total,
                pages=x.pages,
                voided=x.voided_by is not None,
                is_void_record=x.kind == "void",
            )
            for x in shown.settlements
        ),
        **_head_office_fields(shown.head_office_decision),
    )


def _head_office_fields(decision: dict[str, Any] | None) -> dict[str, str]:
    """When, who and what head office decided, for the detail window (nothing if it has not)."""
    if not decision:
        return {}
    import datetime as dt

    from counter_app.services.clock import JST

    at = dt.datetime.fromisoformat(decision["decided_at"]).astimezone(JST)
    return {
        "head_office_decided_at": f"{at:%Y/%m/%d %H:%M}",
        "head_office_decided_by": decision["decided_by"],
        "head_office_outcomes": "、".join(decision["outcome_labels"].values()),
    }


def head_office_notices(context: Any, request_id: str) -> list[bytes]:
    """The notice letters of head office's decision on a request (one per request type)."""
    from counter_app.services import printing, request_view

    with unit_of_work(context, write=False) as uow:
        shown = request_view.get_request(uow, _actor(context), request_id, on=context.today())
        decision = shown.head_office_decision or {}
        data = [
            printing.notice_data(uow, request_id, kind) for kind in decision.get("outcomes", {})
        ]
    return [_render("notices", d) for d in data]


def _timeline_text(entry: Any) -> str:
    text = entry.action_label
    detail = entry.detail or {}
    if entry.action == "request.extend" and detail.get("extended_target_on"):
        text += f" (新しい期限 {detail['extended_target_on']})"
    if entry.action == "request.decide":
        text += _decision_grounds_text(detail)
    return text


def _decision_grounds_text(detail: dict[str, Any]) -> str:
    """The grounds a decision cited (audit detail ``ground`` / ``purpose_notice_ground``)."""
    from counter_app.domain.requests import PurposeNoticeGround, RefusalGround

    labels = []
    for key, family in (("ground", RefusalGround), ("purpose_notice_ground", PurposeNoticeGround)):
        code = detail.get(key)
        if code:
            try:
                labels.append(family(code).label)
            except ValueError:
                labels.append(str(code))
    return f" (根拠: {'、'.join(labels)})" if labels else ""


def _render(document: str, data: Any) -> bytes:
    module = importlib.import_module(f"forms.{document}")
    return bytes(module.render(data))


def start_work(context: Any, request_id: str) -> None:
    from counter_app.services import lifecycle

    with unit_of_work(context) as uow:
        lifecycle.start_work(uow, _actor(context), request_id, now=_now(context))


def withdraw(context: Any, request_id: str, reason: str) -> None:
    from counter_app.services import lifecycle

    with unit_of_work(context) as uow:
        lifecycle.withdraw(uow, _actor(context), request_id, reason, now=_now(context))


def extend(context: Any, request_id: str, reason: str, approver: Any = None) -> bytes:
    """Extend the answer date once; returns the extension notice (PDF)."""
    from counter_app.services import lifecycle, printing

    with unit_of_work(context) as uow:
        lifecycle.extend_deadline(
            uow, _actor(context), request_id, reason, approver=approver, now=_now(context)
        )
        data = printing.extension_notice_data(uow, request_id)
    return _render("notices", data)


def _decide(
    uow: Any, context: Any, request_id: str, decision: dict[str, Any], approver: Any
) -> list[Any]:
    from counter_app.services import lifecycle, printing

    lifecycle.decide(
        uow,
        _actor(context),
        request_id,
        decision["outcomes"],
        ground=decision.get("ground") or None,
        purpose_notice_ground=decision.get("purpose_notice_ground") or None,
        explanation=decision.get("explanation", ""),
        approver=approver,
        now=_now(context),
    )
    return [printing.notice_data(uow, request_id, kind) for kind in decision["outcomes"]]


def preview_notice(
    context: Any, request_id: str, decision: dict[str, Any], approver: Any = None
) -> list[bytes]:
    """The notice letters exactly as the decision would print them; nothing is recorded.

    The decision is applied inside a unit of work that is never committed (rolled back), so
    the services check it exactly as they will on confirmation.
    """
    _require_db(context)
    with context.db.unit_of_work() as uow:  # no commit: rolled back on exit
        notices = _decide(uow, context, request_id, decision, approver)
    return [_render("notices", data) for data in notices]


def decide(
    context: Any, request_id: str, decision: dict[str, Any], approver: Any = None
) -> list[bytes]:
    """Record the decision (every request type); returns the notice letters (PDF each).

    ``decision``: ``{"outcomes": {request_type: outcome}, "ground": value or None,
    "purpose_notice_ground": value or None, "explanation": str}``. ``ground`` is the Art. 33(2)
    ground (RefusalGround) of a disclosure refused in whole or part, ``purpose_notice_ground``
    the Art. 32(2) ground (PurposeNoticeGround) of a purpose notice not given.
    """
    with unit_of_work(context) as uow:
        notices = _decide(uow, context, request_id, decision, approver)
    return [_render("notices", data) for data in notices]


def blank_form_pdf(context: Any, kind: str) -> bytes:
    """A blank form to fill in by hand: ``"power_of_attorney"`` (委任状) or ``"request_form"``
    (開示等請求書), with proxy.toml's months; marked 見本 in training mode."""
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.blank_form_data(uow, kind)
    return _render("blank_forms", data)


def slip_pdf(context: Any, request_id: str) -> bytes:
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.slip_data(uow, request_id)
    return _render("slip", data)


def receipt_pdf(context: Any, receipt_id: str) -> bytes:
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.receipt_data(uow, receipt_id)
    return _render("receipt", data)


def reprint_receipt(context: Any, receipt_id: str, approver: Any = None) -> bytes:
    """Count a reprint and return the receipt marked 再発行 (n回目)."""
    from counter_app.services import printing, receipts

    with unit_of_work(context) as uow:
        receipts.reprint_receipt(uow, _actor(context), receipt_id, now=_now(context))
        data = printing.receipt_data(uow, receipt_id)
    return _render("receipt", data)


def void_receipt(context: Any, receipt_id: str, reason: str, approver: Any = None) -> bytes:
    """Void a receipt (supervisor, or approved by one); returns it marked 取消."""
    from counter_app.services import printing, receipts

    with unit_of_work(context) as uow:
        receipts.void_receipt(
            uow, _actor(context), receipt_id, reason, approver=approver, now=_now(context)
        )
        data = printing.receipt_data(uow, receipt_id)
    return _render("receipt", data)


# -------------------------------------------------------------------------- 精算
def preview_settlement(context: Any, request_id: str, pages: int) -> Any:
    """What settling with ``pages`` actual pages gives (``SettlementPreview``), unrecorded."""
    from counter_app.services.settlement import preview_settlement as preview

    with unit_of_work(context, write=False) as uow:
        return preview(uow, _actor(context), request_id, pages)


def record_settlement(context: Any, request_id: str, pages: int, received: int) -> bytes:
    """Record the settlement (cash in or out) and return its 精算書 to print."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        done = settlement.record_settlement(
            uow, _actor(context), request_id, pages, amount_received=received, now=_now(context)
        )
        data = printing.settlement_receipt_data(uow, done.settlement_id)
    return _render("receipt", data)


def reprint_settlement(context: Any, settlement_id: str) -> bytes:
    """Count a reprint and return the 精算書 marked 再発行 (n回目)."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        settlement.reprint_settlement(uow, _actor(context), settlement_id, now=_now(context))
        data = printing.settlement_receipt_data(uow, settlement_id)
    return _render("receipt", data)


def void_settlement(context: Any, settlement_id: str, reason: str, approver: Any = None) -> bytes:
    """Void a settlement (supervisor, or approved by one); returns its 精算書 marked 取消."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        settlement.void_settlement(
            uow, _actor(context), settlement_id, reason, approver=approver, now=_now(context)
        )
        data = printing.settlement_receipt_data(uow, settlement_id)
    return _render("receipt", data)


# -------------------------------------------------------------------------- the day
def daily_log(context: Any, day: dt.date) -> Any:
    """The day's log (``counter_app.printables.DailyLogData``): interim, or the closed snapshot."""
    from counter_app.services.daily_log import daily_log_data

    with unit_of_work(context, write=False) as uow:
        return daily_log_data(uow, _actor(context), day, now=_now(context))


def daily_log_pdf(context: Any, day: dt.date) -> bytes:
    return _render("daily_log", daily_log(context, day))


def close_day(
    context: Any,
    day: dt.date,
    pieces: tuple[int, ...],
    variance_note: str = "",
    approver: Any = None,
) -> tuple[bytes, str]:
    """Close the day with the cash count — the 金種表's pieces per denomination, largest
    first; their total is the cash counted — and the reason for any difference, then take the
    automatic backup. Returns the closed day's log (PDF) and a Japanese line on the backup
    (a failed backup does not undo the close: the line says what to do)."""
    from counter_app.domain.cash_count import CashCount
    from counter_app.services import close_day as closing

    count = CashCount(tuple(pieces))
    with unit_of_work(context) as uow:
        closing.close_day(
            uow,
            _actor(context),
            day,
            count.total,
            cash_count=count,
            variance_note=variance_note,
            approver=approver,
            now=_now(context),
        )
    from counter_app.services.backup.take import backup_after_day_close

    try:
        info = backup_after_day_close(context.db, approver or _actor(context))
        note = f"自動バックアップを作成しました: {info.path}"
    except CounterAppError as exc:
        note = (
            "日報は締めましたが、自動バックアップを作成できませんでした: "
            f"{exc.user_text()}\n空き容量などを確認し、管理画面から作成してください。"
        )
    return daily_log_pdf(context, day), note


def check_audit(context: Any) -> Any:
    """The audit trail's hash chain, sealed head, the backups' anchors and the keyring's
    rollback anchor (責任者・管理者)."""
    from counter_app.services import audit_verify
    from counter_app.services.backup.folder import backup_findings, backup_folder

    found = backup_findings(backup_folder(context.db.folder), context.db.encryption_key())
    anchors, problems = audit_verify.installation_evidence(context.db)
    with unit_of_work(context, write=False) as uow:
        return audit_verify.check_audit(
            uow, _actor(context), [*found.anchors, *anchors], [*found.problems, *problems]
        )


def save_file(data_folder: Any, path: str, data: bytes, *, force: bool) -> None:
    """Write a file the user chose (a PDF) through the core's guarded writer: never into the
    data or backup folder, never half a file (raises a CounterAppError with the reason)."""
    from counter_app.services.output_files import save_output_file

    save_output_file(data_folder, path, data, force=force)
