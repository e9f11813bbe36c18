"""Facade of the main window's list (``ui.main_window``) and of the intake's look-up of a
member's earlier request (``ui.intake.requester``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.context import AppContext
from ui.facade._access import now, signed_in, unit_of_work
from ui.request_table import RequestRow

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.services.member_lookup import PersonOnFile, PreviousRequest
    from counter_app.services.search import RequestListItem


def list_requests(
    context: AppContext,
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
            signed_in(context),
            scope=scope,
            status=status,
            query=query,
            overdue_only=overdue_only,
            today=today,
        )
        return [_row(item) for item in found]


def _row(item: RequestListItem) -> RequestRow:
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


def previous_request(context: AppContext, member_number: str) -> PreviousRequest | None:
    """The latest earlier request of this member number, masked, or None."""
    from counter_app.services.member_lookup import find_previous_request

    with unit_of_work(context, write=False) as uow:
        return find_previous_request(uow, signed_in(context), member_number)


def person_from_previous(context: AppContext, request_id: str, member_number: str) -> PersonOnFile:
    """The person's data of that request in full; the lookup is audited."""
    from counter_app.services.member_lookup import person_from_request

    with unit_of_work(context) as uow:
        return person_from_request(
            uow, signed_in(context), request_id, member_number, now=now(context)
        )
