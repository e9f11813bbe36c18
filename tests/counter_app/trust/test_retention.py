"""Retention purge: dry run first, then identity and contact data of finished requests past
the period are gone (search index included); numbers, dates, outcomes, amounts and audit rows
remain; the purge is audited and reports what it removed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from counter_app.errors import PermissionDenied
from counter_app.services.audit_verify import verify_audit
from counter_app.services.clock import today
from counter_app.services.lifecycle import decide, withdraw
from counter_app.services.retention import PURGED_NAME, after_purge_commit, purge_expired
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.models import (
    AuditEntry,
    FeeRecord,
    IdentityCheck,
    Person,
    ProxyCheck,
    Receipt,
    Request,
    RequestItem,
)

from .conftest import register

YEARS = 3  # resources/config/security.toml


@pytest.fixture
def finished(counter):
    """A decided self request, a withdrawn proxy request, and one still open."""
    decided = register(counter, sample_self_intake())
    withdrawn = register(counter, sample_proxy_intake())
    still_open = register(counter, sample_correction_intake())
    with counter.db.unit_of_work() as uow:
        decide(uow, counter.supervisor, decided.request_number, {"disclosure": "disclosed_full"})
        withdraw(uow, counter.staff, withdrawn.request_number, "山田 花子さんの都合により取下げ")
        uow.commit()
    return decided, withdrawn, still_open


def snapshot(db):
    with db.unit_of_work(read_only=True) as uow:
        s = uow.session
        return {
            "people": [
                (p.id, p.name, p.address, p.phone, p.birth_date)
                for p in s.scalars(select(Person).order_by(Person.id))
            ],
            "audit": s.scalar(select(func.count()).select_from(AuditEntry)),
            "requests": [
                (r.number, r.status, r.received_on, r.decided_at, r.closed_at)
                for r in s.scalars(select(Request).order_by(Request.number))
            ],
            "receipts": [
                (r.number, r.total, r.tax_10)
                for r in s.scalars(select(Receipt).order_by(Receipt.number))
            ],
            "fees": sorted(s.scalars(select(FeeRecord.total))),
            "outcomes": sorted(
                (i.request_type, i.outcome or "") for i in s.scalars(select(RequestItem))
            ),
        }


def test_dry_run_reports_and_changes_nothing(counter, finished):
    decided, withdrawn, _ = finished
    before = snapshot(counter.db)
    later = today() + dt.timedelta(days=365 * YEARS + 1)
    with counter.db.unit_of_work() as uow:
        report = purge_expired(uow, counter.admin, dry_run=True, today=later)
        uow.commit()
    assert report.dry_run
    assert {r.number for r in report.requests} == {decided.request_number, withdrawn.request_number}
    assert report.people == 3  # 山田 花子 twice (self, principal) + 髙橋 一郎 (proxy)
    assert report.fields["people.name"] == 3 and report.fields["people.address"] >= 2
    assert report.fields["identity_checks.documents"] >= 2
    assert report.fields["proxy_checks.inputs"] == 1
    assert report.fields["requests.closing_reason"] == 1
    assert "試行" in report.text() and decided.request_number in report.text()
    assert snapshot(counter.db) == before  # not even an audit row

    # a day before the period ends: nothing is due
    early = today() + dt.timedelta(days=365 * YEARS - 2)
    with counter.db.unit_of_work(read_only=True) as uow:
        assert purge_expired(uow, counter.admin, dry_run=True, today=early).requests == ()


def test_purge_removes_identity_and_contact_data_and_keeps_the_record(counter, finished):
    decided, withdrawn, still_open = finished
    before = snapshot(counter.db)
    later = today() + dt.timedelta(days=365 * YEARS + 1)
    with counter.db.unit_of_work(read_only=True) as uow:
        dry = purge_expired(uow, counter.admin, dry_run=True, today=later)
    with counter.db.unit_of_work() as uow:
        report = purge_expired(uow, counter.admin, dry_run=False, today=later)
        uow.commit()
    after_purge_commit(counter.db)
    assert not report.dry_run
    assert report.requests == dry.requests and report.fields == dry.fields  # as announced

    after = snapshot(counter.db)
    # what must remain, remains
    assert after["requests"] == before["requests"]
    assert after["receipts"] == before["receipts"]
    assert after["fees"] == before["fees"]
    assert after["outcomes"] == before["outcomes"]
    assert after["audit"] == before["audit"] + len(report.requests) + 1
    with counter.db.unit_of_work(read_only=True) as uow:
        s = uow.session
        assert verify_audit(uow).ok
        open_request = s.scalar(select(Request).where(Request.number == still_open.request_number))
        purged_ids = {decided.request_id, withdrawn.request_id}
        for request in s.scalars(select(Request).where(Request.id.in_(purged_ids))):
            for person in filter(None, (request.principal, request.proxy)):
                assert person.purged_at is not None
                assert person.name == PURGED_NAME
                assert (
                    person.furigana,
                    person.address,
                    person.phone,
                    person.member_number,
                    person.postal_code,
                    person.name_key,
                    person.kana_key,
                ) == ("",) * 7
                assert person.birth_date is None
            assert not request.closing_reason and not request.note
            for check in s.scalars(
                select(IdentityCheck).where(IdentityCheck.request_id == request.id)
            ):
                assert check.documents == [] and check.passed  # the verdict stays
            proxy = s.scalar(select(ProxyCheck).where(ProxyCheck.request_id == request.id))
            assert proxy is None or (proxy.inputs == {} and proxy.passed)
        # the open request is untouched
        assert (
            open_request.principal.name == "𠮷田 太郎" and open_request.principal.purged_at is None
        )
        # the search index forgot the purged names, not the open one
        docs = s.execute(text("SELECT person_id FROM search_docs")).scalars().all()
        assert docs == [open_request.principal_id]
        hits = s.execute(
            text("SELECT count(*) FROM search_trigram WHERE search_trigram MATCH :q"),
            {"q": '"山田花"'},
        ).scalar()
        assert hits == 0
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.action.like("retention.%")).order_by(AuditEntry.seq)
        ).all()
    assert [r.action for r in rows][-1] == "retention.purge"
    summary = json.loads(rows[-1].detail)
    assert summary["requests"] == 2 and summary["people"] == 3
    assert {r.request_id for r in rows[:-1]} == {decided.request_id, withdrawn.request_id}
    assert all("山田" not in r.detail and "髙橋" not in r.detail for r in rows)

    # a second purge finds nothing left to do
    with counter.db.unit_of_work() as uow:
        again = purge_expired(uow, counter.admin, dry_run=False, today=later)
        uow.commit()
    assert again.requests == () and again.fields == {}


def test_only_an_administrator_may_purge(counter, finished):
    for actor in (counter.staff, counter.supervisor):
        with (
            counter.db.unit_of_work(read_only=True) as uow,
            pytest.raises(PermissionDenied) as refused,
        ):
            purge_expired(uow, actor, dry_run=True)
        assert "は管理者以上の権限が必要です" in refused.value.message
        assert actor.display_name in refused.value.message


def test_years_before_handles_29_february():
    from counter_app.services.retention import years_before

    assert years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)
    assert years_before(dt.date(2028, 3, 1), 3) == dt.date(2025, 3, 1)
    assert years_before(dt.date(2, 1, 1), 3) == dt.date.min  # found by hypothesis
