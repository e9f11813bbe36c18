"""A member number seen before at this counter: the person's data of the latest request.

When staff type a member number that an earlier request at this branch carried, the intake
offers to fill the person's data from it. Two steps, like search and reveal:

- :func:`find_previous_request` — the latest earlier request with that member number, masked
  (number, date, masked name and address), for the offer on the screen. Nothing unmasked
  leaves the store, so it is not audited (as a search is not);
- :func:`person_from_request` — once the staff confirms the offer, the person's data of that
  request in full, to fill the fields. It is audited as a lookup (``person.lookup``, with the
  request's id and nothing personal in the row).

Either needs the permission to take an intake (``register_intake``), the acting staff's
branch, and a request of that branch; a request whose personal data was purged (retention)
is never offered. The member number is compared exactly, after folding full-width digits.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.errors import InputError
from counter_app.security.masking import mask_address, mask_name
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import ensure_branch, session_of
from counter_app.services.clock import now_utc
from counter_app.services.trail import record
from counter_app.store.models import Person, Request
from counter_app.store.uow import UnitOfWork

#: The audit action of a confirmed lookup.
LOOKUP_ACTION = "person.lookup"


@dataclass(frozen=True)
class PreviousRequest:
    """The offer: which earlier request, with the person's data masked."""

    request_id: str
    number: str
    received_on: dt.date
    name: str  # masked
    address: str  # masked


@dataclass(frozen=True)
class PersonOnFile:
    """The person's data of an earlier request, in full (after a confirmed, audited lookup)."""

    member_number: str
    name: str
    furigana: str
    birth_date: dt.date | None
    postal_code: str
    address: str
    phone: str


def fold_member_number(text: str) -> str:
    """The member number as compared: NFKC (full-width digits), no surrounding spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def _latest(uow: UnitOfWork, branch: str, member_number: str) -> Request | None:
    return session_of(uow).scalar(
        select(Request)
        .join(Person, Request.principal_id == Person.id)
        .where(
            Request.branch_code == branch,
            Person.member_number == member_number,
            Person.purged_at.is_(None),
        )
        .order_by(Request.received_at.desc(), Request.number.desc())
        .limit(1)
    )


def find_previous_request(
    uow: UnitOfWork, actor: Actor, member_number: str
) -> PreviousRequest | None:
    """The latest request of this branch whose principal had ``member_number``, masked;
    None when there is none (or the number is empty)."""
    require(actor, Permission.REGISTER_INTAKE)
    branch = ensure_branch(uow, actor)
    folded = fold_member_number(member_number)
    if not folded:
        return None
    request = _latest(uow, branch, folded)
    if request is None:
        return None
    return PreviousRequest(
        request_id=request.id,
        number=request.number,
        received_on=request.received_on,
        name=mask_name(request.principal.name),
        address=mask_address(request.principal.address),
    )


def person_from_request(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    member_number: str,
    *,
    now: dt.datetime | None = None,
) -> PersonOnFile:
    """The principal's data of ``request_id`` in full, for the fields of a new intake. The
    request must be of this branch and carry ``member_number`` (the one typed); the lookup
    is audited."""
    require(actor, Permission.REGISTER_INTAKE)
    branch = ensure_branch(uow, actor)
    now = now or now_utc()
    folded = fold_member_number(member_number)
    request = session_of(uow).get(Request, request_id)
    person = request.principal if request is not None else None
    if (
        request is None
        or person is None
        or request.branch_code != branch
        or not folded
        or person.member_number != folded
        or person.purged_at is not None
    ):
        raise InputError(
            "この組合員番号の以前の受付が見つかりません。",
            hint="組合員番号を確かめるか、ご本人の情報を入力してください。",
        )
    record(uow, actor, LOOKUP_ACTION, at=now, request_id=request.id)
    return PersonOnFile(
        member_number=person.member_number,
        name=person.name,
        furigana=person.furigana,
        birth_date=person.birth_date,
        postal_code=person.postal_code,
        address=person.address,
        phone=person.phone,
    )
