"""Facade of what the request-detail window does to a request (``ui.detail``): start, withdraw,
extend, decide (with the notice letters, previewed unrecorded first) and reveal the person's
data. Each returns the letter to print where there is one (PDF bytes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from counter_app.security.roles import Actor
from ui.context import AppContext
from ui.facade._access import now, render, require_db, signed_in, unit_of_work

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.printables.notice import NoticeData


@dataclass(frozen=True)
class Decision:
    """What the decision dialog sends (``ui.detail.decision_dialog.DecisionDialog``).

    ``outcomes``: request type → outcome (``RequestType`` / ``Outcome`` values). ``ground`` is
    the Art. 33(2) ground (``RefusalGround``) of a disclosure refused in whole or part,
    ``purpose_notice_ground`` the Art. 32(2) ground (``PurposeNoticeGround``) of a purpose
    notice not given; ``explanation`` the reasons written to the requester.
    """

    outcomes: Mapping[str, str] = field(default_factory=dict)
    ground: str | None = None
    purpose_notice_ground: str | None = None
    explanation: str = ""


@dataclass(frozen=True)
class RevealedPerson:
    """The request's name and phone in full (after a recorded reveal)."""

    name: str
    phone: str


def reveal(
    context: AppContext, request_id: str, reason: str, approver: Actor | None = None
) -> RevealedPerson:
    """The request's name and phone in full (supervisor; recorded with the reason)."""
    from counter_app.services.reveal import reveal_personal_data

    with unit_of_work(context) as uow:
        shown = reveal_personal_data(
            uow, signed_in(context), request_id, reason, approver=approver, now=now(context)
        )
    return RevealedPerson(shown.principal.name, shown.principal.phone)


def start_work(context: AppContext, request_id: str) -> None:
    from counter_app.services import lifecycle

    with unit_of_work(context) as uow:
        lifecycle.start_work(uow, signed_in(context), request_id, now=now(context))


def withdraw(context: AppContext, request_id: str, reason: str) -> None:
    from counter_app.services import lifecycle

    with unit_of_work(context) as uow:
        lifecycle.withdraw(uow, signed_in(context), request_id, reason, now=now(context))


def extend(
    context: AppContext, request_id: str, reason: str, approver: Actor | None = None
) -> bytes:
    """Extend the answer date once; returns the extension notice (PDF)."""
    from counter_app.services import lifecycle, printing

    with unit_of_work(context) as uow:
        lifecycle.extend_deadline(
            uow, signed_in(context), request_id, reason, approver=approver, now=now(context)
        )
        data = printing.extension_notice_data(uow, request_id)
    return render("notices", data)


def _decide(
    uow: Any,
    context: AppContext,
    request_id: str,
    decision: Decision,
    approver: Actor | None,
) -> list[NoticeData]:
    from counter_app.services import lifecycle, printing

    lifecycle.decide(
        uow,
        signed_in(context),
        request_id,
        dict(decision.outcomes),
        ground=decision.ground or None,
        purpose_notice_ground=decision.purpose_notice_ground or None,
        explanation=decision.explanation,
        approver=approver,
        now=now(context),
    )
    return [printing.notice_data(uow, request_id, kind) for kind in decision.outcomes]


def preview_notice(
    context: AppContext, request_id: str, decision: Decision, approver: Actor | None = None
) -> list[bytes]:
    """The notice letters exactly as the decision would print them; nothing is recorded.

    The decision is applied inside a unit of work that is never committed (rolled back), so
    the services check it exactly as they will on confirmation.
    """
    require_db(context)
    with context.db.unit_of_work() as uow:  # no commit: rolled back on exit
        notices = _decide(uow, context, request_id, decision, approver)
    return [render("notices", data) for data in notices]


def decide(
    context: AppContext, request_id: str, decision: Decision, approver: Actor | None = None
) -> list[bytes]:
    """Record the decision (every request type); returns the notice letters (PDF each)."""
    with unit_of_work(context) as uow:
        notices = _decide(uow, context, request_id, decision, approver)
    return [render("notices", data) for data in notices]
