"""A member number seen before: the latest earlier request, masked; the person's data in full
only on a confirmed lookup, audited; the intake permission and this branch's requests only;
never a purged person."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter_app.errors import InputError, PermissionDenied
from counter_app.services.intake import register_intake
from counter_app.services.member_lookup import (
    LOOKUP_ACTION,
    find_previous_request,
    fold_member_number,
    person_from_request,
)
from counter_app.services.samples import hanako, sample_self_intake
from counter_app.store.models import AuditEntry, Person

from .conftest import NOW, TODAY


def register(counter, person, at):
    with counter.db.unit_of_work() as uow:
        intake = dataclasses.replace(sample_self_intake(TODAY, requester=person), received_at=at)
        result = register_intake(uow, counter.staff, intake, now=at)
        uow.commit()
    return result


@pytest.fixture
def two_visits(counter):
    """山田 花子 came twice: the second time she had moved."""
    first = register(counter, hanako(TODAY), NOW - dt.timedelta(hours=2))
    moved = dataclasses.replace(hanako(TODAY), address="茨城県つくば市見本台1-1-1")
    second = register(counter, moved, NOW - dt.timedelta(hours=1))
    return first, second


def lookups(counter) -> int:
    with counter.db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == LOOKUP_ACTION)
        )


def test_the_latest_request_is_offered_masked_and_not_audited(counter, two_visits):
    _, second = two_visits
    with counter.db.unit_of_work(read_only=True) as uow:
        offer = find_previous_request(uow, counter.staff, "1234567")
    assert offer is not None
    assert offer.number == second.request_number
    assert offer.received_on == TODAY
    assert "花子" not in offer.name and offer.name.startswith("山田")
    assert "1-1-1" not in offer.address
    assert lookups(counter) == 0


def test_the_confirmed_lookup_gives_the_data_in_full_and_is_audited(counter, two_visits):
    _, second = two_visits
    with counter.db.unit_of_work() as uow:
        offer = find_previous_request(uow, counter.staff, "1234567")
        person = person_from_request(uow, counter.staff, offer.request_id, "1234567", now=NOW)
        uow.commit()
    assert person.name == "山田 花子"
    assert person.address == "茨城県つくば市見本台1-1-1"  # the latest visit's
    assert person.birth_date == hanako(TODAY).birth_date
    assert lookups(counter) == 1
    with counter.db.unit_of_work(read_only=True) as uow:
        row = uow.session.scalar(select(AuditEntry).where(AuditEntry.action == LOOKUP_ACTION))
    assert row.request_id == second.request_id
    assert "花子" not in row.detail and "1234567" not in row.detail


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="0123456789０１２３４５６７８９ -A", min_size=0, max_size=9))
def test_only_the_same_member_number_is_offered(counter, two_visits, typed):
    with counter.db.unit_of_work(read_only=True) as uow:
        offer = find_previous_request(uow, counter.staff, typed)
    assert (offer is not None) == (fold_member_number(typed) == "1234567")


def test_a_request_is_not_filled_under_another_member_number(counter, two_visits):
    first, _ = two_visits
    with counter.db.unit_of_work() as uow, pytest.raises(InputError):
        person_from_request(uow, counter.staff, first.request_id, "7654321", now=NOW)
    assert lookups(counter) == 0


def test_a_purged_person_is_never_offered(counter, two_visits):
    with counter.db.unit_of_work() as uow:
        for person in uow.session.scalars(select(Person)):
            person.purged_at = NOW
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        assert find_previous_request(uow, counter.staff, "1234567") is None


def test_staff_of_another_branch_is_refused(counter, two_visits):
    first, _ = two_visits
    stranger = dataclasses.replace(counter.staff, branch_code="ZZ99")
    with counter.db.unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            find_previous_request(uow, stranger, "1234567")
        with pytest.raises(PermissionDenied):
            person_from_request(uow, stranger, first.request_id, "1234567", now=NOW)
