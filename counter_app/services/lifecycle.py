"""A request's life after intake: start work, extend once, decide, withdraw.

Every move goes through :func:`counter_app.domain.requests.transition` (an illegal move
raises IllegalTransition in Japanese). Deciding and extending need a 責任者 (or a 責任者's
approval); starting work and withdrawing any staff. A decision gives one outcome per request
type; a refusal or partial disclosure needs a statutory ground — Art. 33(2) for a disclosure,
Art. 32(2) for a purpose notice the co-op decides not to give (see
:mod:`counter_app.domain.decision_grounds`) — and every outcome that does not grant the request
in full needs an explanation (Art. 36). Falling back to paper
(Art. 33(1) ただし書) is only for a disclosure asked for by another method, and needs the
reason recorded: the letter tells the person the method asked for, paper, and why (Art.
33(3), Art. 36).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from counter_app.domain.deadlines import compute_deadlines, extend
from counter_app.domain.decision_grounds import (
    GROUNDED_OUTCOMES,
    PURPOSE_NOTICE_ARTICLE,
    REFUSAL_ARTICLE,
    Ground,
    purpose_notice_ground,
    refusal_ground,
)
from counter_app.domain.requests import (
    OUTCOMES_BY_TYPE,
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestStatus,
    RequestType,
    transition,
)
from counter_app.errors import InputError
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import (
    MAX_TEXT,
    check_text,
    ensure_branch,
    ensure_day_open,
    find_request,
    required_text,
)
from counter_app.services.clock import local_date, now_utc
from counter_app.services.rules import rules_of_version
from counter_app.services.trail import record
from counter_app.store.models import Request
from counter_app.store.uow import UnitOfWork


@dataclass(frozen=True)
class StatusChange:
    request_id: str
    number: str
    previous: str
    status: str
    status_label: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def _move(
    uow: UnitOfWork, actor: Actor, ref: str, target: RequestStatus, now: dt.datetime
) -> tuple[Request, RequestStatus]:
    branch = ensure_branch(uow, actor)
    ensure_day_open(uow, branch, local_date(now))
    request = find_request(uow, ref)
    previous = RequestStatus(request.status)
    request.status = transition(previous, target).value
    request.updated_at = now
    return request, previous


def _change(request: Request, previous: RequestStatus) -> StatusChange:
    status = RequestStatus(request.status)
    return StatusChange(request.id, request.number, previous.value, status.value, status.label)


def start_work(
    uow: UnitOfWork, actor: Actor, ref: str, *, now: dt.datetime | None = None
) -> StatusChange:
    require(actor, Permission.PROGRESS_REQUEST)
    now = now or now_utc()
    request, previous = _move(uow, actor, ref, RequestStatus.IN_PROGRESS, now)
    request.started_at = now
    record(
        uow, actor, "request.start", at=now, request_id=request.id, detail={"from": previous.value}
    )
    return _change(request, previous)


def extend_deadline(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    reason: str,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> StatusChange:
    """Extend the answer target once (責任者), with a reason (the notice letter says it)."""
    require(actor, Permission.DECIDE_REQUEST, approver=approver)
    reason = required_text(reason, "延長の理由")
    now = now or now_utc()
    request, previous = _move(uow, actor, ref, RequestStatus.EXTENDED, now)
    rules = rules_of_version(request.rules_version)  # the rules of its first deadlines
    calendar, deadline_rules = rules.calendar, rules.deadline_rules
    first = compute_deadlines(request.received_on, calendar=calendar, rules=deadline_rules)
    deadlines = extend(first, reason, calendar=calendar, rules=deadline_rules)
    request.extended_target_on = deadlines.extended_target
    request.extension_reason = reason
    record(
        uow,
        actor,
        "request.extend",
        at=now,
        request_id=request.id,
        approver=approver if not actor.may(Permission.DECIDE_REQUEST) else None,
        detail={
            "from": previous.value,
            "extended_target_on": deadlines.extended_target.isoformat()
            if deadlines.extended_target
            else None,
        },
    )
    return _change(request, previous)


def _grounds(
    chosen: Mapping[RequestType, Outcome],
    ground: Ground | str | None,
    notice_ground: Ground | str | None,
) -> tuple[RefusalGround | None, PurposeNoticeGround | None]:
    """The Art. 33(2) ground of the disclosures and the Art. 32(2) ground of the purpose
    notice, each required exactly when an outcome of its types refuses (in whole or part)."""
    disclosures = [
        k
        for k, o in chosen.items()
        if k is not RequestType.PURPOSE_NOTICE and o in GROUNDED_OUTCOMES
    ]
    notice_refused = chosen.get(RequestType.PURPOSE_NOTICE) in GROUNDED_OUTCOMES
    # An Art. 32(2) ground given as ``ground`` says by its type whose it is.
    if isinstance(ground, PurposeNoticeGround) and not disclosures and notice_ground is None:
        ground, notice_ground = None, ground

    refusal = None
    if disclosures:
        if ground is None:
            raise InputError(
                f"不開示・一部開示には{REFUSAL_ARTICLE}の理由を選んでください"
                f" ({'、'.join(k.label for k in disclosures)})。",
                hint="使える値: " + "、".join(f"{g.value} ({g.label})" for g in RefusalGround),
            )
        refusal = refusal_ground(ground)
    elif ground is not None:
        if notice_refused:
            purpose_notice_ground(ground)  # an Art. 33(2) ground here: refused naming both
            raise InputError(
                f"利用目的を通知しない理由は、{REFUSAL_ARTICLE}の理由ではなく"
                f"{PURPOSE_NOTICE_ARTICLE}の理由として指定してください。",
                hint="使える値: "
                + "、".join(f"{g.value} ({g.label})" for g in PurposeNoticeGround),
            )
        raise InputError(f"不開示・一部開示でない回答には{REFUSAL_ARTICLE}の理由は指定できません。")

    notice = None
    if notice_refused:
        if notice_ground is None:
            raise InputError(
                f"利用目的を通知しないときは{PURPOSE_NOTICE_ARTICLE}の理由を選んでください"
                " (通知しない旨と理由をご本人に通知します: 法第32条第3項)。",
                hint="使える値: "
                + "、".join(f"{g.value} ({g.label})" for g in PurposeNoticeGround),
            )
        notice = purpose_notice_ground(notice_ground)
    elif notice_ground is not None:
        raise InputError(
            f"{PURPOSE_NOTICE_ARTICLE}の理由は、「{RequestType.PURPOSE_NOTICE.label}」を"
            "通知しないと決めたときだけ指定できます。"
        )
    return refusal, notice


def decide(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    outcomes: Mapping[RequestType, Outcome] | Mapping[str, str],
    *,
    ground: Ground | str | None = None,
    purpose_notice_ground: Ground | str | None = None,
    explanation: str = "",
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> StatusChange:
    """Record the decision on every request type of the request (責任者).

    ``ground``: the Art. 33(2) ground (:class:`RefusalGround`) when a disclosure or record
    disclosure is refused in whole or part. ``purpose_notice_ground``: the Art. 32(2) ground
    (:class:`PurposeNoticeGround`) when the purpose notice is refused (not given). A
    PurposeNoticeGround passed as ``ground`` is taken as the purpose notice's when no
    disclosure needs one. A ground of the wrong article is refused, naming the article."""
    require(actor, Permission.DECIDE_REQUEST, approver=approver)
    now = now or now_utc()
    request, previous = _move(uow, actor, ref, RequestStatus.DECIDED, now)
    try:
        chosen = {RequestType(k): Outcome(v) for k, v in outcomes.items()}
    except ValueError as exc:
        raise InputError(f"回答の指定が正しくありません ({exc})。") from None
    types = {RequestType(i.request_type): i for i in request.items}
    unknown = set(chosen) - set(types)
    if unknown:
        raise InputError(
            "この請求にない種類への回答があります: " + "、".join(t.label for t in unknown)
        )
    missing = set(types) - set(chosen)
    if missing:
        raise InputError(
            "回答が入力されていない種類があります: " + "、".join(t.label for t in missing)
        )
    for kind, outcome in chosen.items():
        if outcome not in OUTCOMES_BY_TYPE[kind]:
            raise InputError(f"「{kind.label}」に「{outcome.label}」の回答はできません。")
    if Outcome.METHOD_CHANGED_TO_PAPER in chosen.values():
        asked = DisclosureMethod(request.disclosure_method) if request.disclosure_method else None
        if asked is None or asked is DisclosureMethod.PAPER:
            raise InputError(
                f"「{Outcome.METHOD_CHANGED_TO_PAPER.label}」は、書面以外の方法で開示を"
                "請求されたときだけ選べます。",
                hint=f"請求された開示の方法: {asked.label if asked else 'なし'}",
            )
    refusal, notice = _grounds(chosen, ground, purpose_notice_ground)
    text = (explanation or "").strip()
    if any(o.needs_ground for o in chosen.values()):
        text = required_text(text, "理由の説明 (法第36条)")
    elif Outcome.METHOD_CHANGED_TO_PAPER in chosen.values():
        text = required_text(text, "書面に変更する理由 (法第33条第3項・第36条)")
    elif text:
        check_text(text, "説明", limit=MAX_TEXT, multiline=True)
    for kind, item in types.items():
        item.outcome = chosen[kind].value
    request.decided_at = now
    request.decided_by = actor.staff_id
    request.decision_ground = refusal.value if refusal else None
    request.purpose_notice_ground = notice.value if notice else None
    request.decision_explanation = text or None
    record(
        uow,
        actor,
        "request.decide",
        at=now,
        request_id=request.id,
        approver=approver if not actor.may(Permission.DECIDE_REQUEST) else None,
        detail={
            "from": previous.value,
            "outcomes": {k.value: v.value for k, v in sorted(chosen.items())},
            "ground": refusal.value if refusal else None,
            "purpose_notice_ground": notice.value if notice else None,
        },
    )
    return _change(request, previous)


def withdraw(
    uow: UnitOfWork, actor: Actor, ref: str, reason: str, *, now: dt.datetime | None = None
) -> StatusChange:
    """The person withdraws the request (取下げ)."""
    require(actor, Permission.PROGRESS_REQUEST)
    reason = required_text(reason, "取下げの理由")
    now = now or now_utc()
    request, previous = _move(uow, actor, ref, RequestStatus.WITHDRAWN, now)
    request.closed_at = now
    request.closing_reason = reason
    record(
        uow,
        actor,
        "request.withdraw",
        at=now,
        request_id=request.id,
        detail={"from": previous.value},
    )
    return _change(request, previous)
