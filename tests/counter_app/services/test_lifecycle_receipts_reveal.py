"""Lifecycle moves, receipt void/reprint, reveal: stored, audited, illegal moves refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.errors import DomainError, IllegalTransition, InputError, MyNumberRefused
from counter_app.security.audit import verify_audit_chain
from counter_app.services.access import DayClosed
from counter_app.services.audit_trail import request_timeline
from counter_app.services.intake import register_intake
from counter_app.services.lifecycle import decide, extend_deadline, start_work, withdraw
from counter_app.services.receipts import reprint_receipt, void_receipt
from counter_app.services.request_view import get_request
from counter_app.services.reveal import reveal_personal_data
from counter_app.services.samples import sample_proxy_intake, sample_self_intake
from counter_app.store.models import AuditEntry, ClosedDay, Receipt, Reveal

from .conftest import NOW, TODAY


def register(counter, intake):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, intake, now=NOW)
        uow.commit()
    return result


def do(counter, fn, *args, **kw):
    with counter.db.unit_of_work() as uow:
        out = fn(uow, *args, now=NOW, **kw)
        uow.commit()
    return out


def view(counter, number, on=TODAY):
    with counter.db.unit_of_work(read_only=True) as uow:
        return get_request(uow, counter.staff, number, on=on)


def test_full_lifecycle_with_extension_and_partial_disclosure(counter):
    r = register(counter, sample_self_intake(TODAY))
    assert do(counter, start_work, counter.staff, r.request_number).status == "in_progress"
    change = do(
        counter,
        extend_deadline,
        counter.supervisor,
        r.request_number,
        "第三者への照会に時間を要するため",
    )
    assert change.status == "extended"
    v = view(counter, r.request_number)
    assert v.extended_target_on == dt.date(2025, 6, 30) and v.days_left == 28
    with pytest.raises(IllegalTransition, match="1回まで"):
        do(counter, extend_deadline, counter.supervisor, r.request_number, "再延長")
    with pytest.raises(InputError, match="第33条第2項"):
        do(
            counter,
            decide,
            counter.supervisor,
            r.request_number,
            {"disclosure": "disclosed_partial"},
        )
    with pytest.raises(InputError, match="法第36条"):
        do(
            counter,
            decide,
            counter.supervisor,
            r.request_number,
            {"disclosure": "disclosed_partial"},
            ground="harm",
        )
    do(
        counter,
        decide,
        counter.supervisor,
        r.request_number,
        {"disclosure": "disclosed_partial"},
        ground="harm",
        explanation="第三者の個人情報を含む部分を除きました",
    )
    v = view(counter, r.request_number)
    assert v.status == "decided" and v.items[0].outcome == "disclosed_partial"
    assert v.decision_ground == "harm" and v.days_left is None and not v.overdue
    with pytest.raises(IllegalTransition, match="回答済"):
        do(counter, withdraw, counter.staff, r.request_number, "本人の申出")
    with counter.db.unit_of_work(read_only=True) as uow:
        actions = [row.action for row in request_timeline(uow, counter.staff, r.request_number)]
        assert verify_audit_chain(uow) is None
    assert actions == [
        "intake.register",
        "receipt.issue",
        "request.start",
        "request.extend",
        "request.decide",
    ]


def test_decide_checks_outcomes_per_type(counter):
    r = register(counter, sample_proxy_intake(TODAY))  # purpose notice + disclosure
    with pytest.raises(InputError, match="回答が入力されていない"):
        do(counter, decide, counter.supervisor, r.request_number, {"disclosure": "disclosed_full"})
    with pytest.raises(InputError, match="できません"):
        do(
            counter,
            decide,
            counter.supervisor,
            r.request_number,
            {"disclosure": "corrected", "purpose_notice": "notified"},
        )
    with pytest.raises(InputError, match="この請求にない"):
        do(
            counter,
            decide,
            counter.supervisor,
            r.request_number,
            {
                "disclosure": "disclosed_full",
                "purpose_notice": "notified",
                "correction": "corrected",
            },
        )
    change = do(
        counter,
        decide,
        counter.supervisor,
        r.request_number,
        {"disclosure": "disclosed_full", "purpose_notice": "notified"},
    )
    assert (change.number, change.previous, change.status) == (
        r.request_number,
        "received",
        "decided",
    )
    v = view(counter, r.request_number)
    assert {(i.request_type, i.outcome) for i in v.items} == {
        ("purpose_notice", "notified"),
        ("disclosure", "disclosed_full"),
    }
    assert v.decision_ground is None  # a full disclosure needs no ground


def test_withdraw_needs_a_reason_without_my_number(counter):
    r = register(counter, sample_self_intake(TODAY))
    with pytest.raises(InputError, match="取下げの理由"):
        do(counter, withdraw, counter.staff, r.request_number, "  ")
    with pytest.raises(MyNumberRefused) as refused:
        do(counter, withdraw, counter.staff, r.request_number, "番号 123456789018 の件")
    assert "個人番号は記録できません" in refused.value.message
    assert view(counter, r.request_number).status == "received"  # nothing was changed
    assert (
        do(counter, withdraw, counter.staff, r.request_number, "本人の申出").status == "withdrawn"
    )


def test_overdue_is_computed_not_stored(counter):
    r = register(counter, sample_self_intake(TODAY))
    assert view(counter, r.request_number, on=dt.date(2025, 6, 16)).overdue is False
    late = view(counter, r.request_number, on=dt.date(2025, 6, 17))
    assert late.overdue and late.days_left == -1


def test_void_is_a_new_record_and_cannot_repeat(counter):
    r = register(counter, sample_self_intake(TODAY))
    result = do(counter, void_receipt, counter.supervisor, r.receipt_number, "金額の誤り")
    assert result.void_number == "BR01-01-2025-000002" and result.refund == r.total
    with counter.db.unit_of_work(read_only=True) as uow:
        original = uow.session.scalar(select(Receipt).where(Receipt.number == r.receipt_number))
        void = uow.session.scalar(select(Receipt).where(Receipt.number == result.void_number))
    assert original.total == r.total and original.kind == "issued"  # never changed
    assert void.kind == "void" and void.voids_receipt_id == original.id and void.total == -r.total
    assert void.void_reason == "金額の誤り"
    with pytest.raises(DomainError, match="すでに取り消されています"):
        do(counter, void_receipt, counter.supervisor, r.receipt_number, "もう一度")
    with pytest.raises(DomainError, match="取消の記録"):
        do(counter, void_receipt, counter.supervisor, result.void_number, "取消の取消")
    with pytest.raises(InputError, match="取消の理由"):
        do(counter, void_receipt, counter.supervisor, r.receipt_number, "")


def test_reprints_are_counted(counter):
    r = register(counter, sample_self_intake(TODAY))
    counts = [
        do(counter, reprint_receipt, counter.staff, r.receipt_number).reprint_count
        for _ in range(3)
    ]
    assert counts == [1, 2, 3]
    assert view(counter, r.request_number).receipts[0].reprint_count == 3


def test_closed_day_refuses_every_write(counter):
    r = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work() as uow:
        uow.session.add(
            ClosedDay(
                branch_code="BR01",
                business_date=TODAY,
                closed_at=NOW,
                closed_by=counter.supervisor.staff_id,
            )
        )
        uow.commit()
    for call in (
        lambda: do(counter, void_receipt, counter.supervisor, r.receipt_number, "誤り"),
        lambda: do(counter, reprint_receipt, counter.staff, r.receipt_number),
        lambda: do(counter, start_work, counter.staff, r.request_number),
        lambda: do(counter, extend_deadline, counter.supervisor, r.request_number, "理由"),
        lambda: do(counter, withdraw, counter.staff, r.request_number, "理由"),
        lambda: do(
            counter, decide, counter.supervisor, r.request_number, {"disclosure": "disclosed_full"}
        ),
    ):
        with pytest.raises(DayClosed) as refused:
            call()
        assert "2025年6月2日の受付日報は締め済み" in refused.value.message
    # the next day is open again
    tomorrow = NOW + dt.timedelta(days=1)
    with counter.db.unit_of_work() as uow:
        assert (
            start_work(uow, counter.staff, r.request_number, now=tomorrow).status == "in_progress"
        )


def test_masked_by_default_and_reveal_is_recorded(counter):
    r = register(counter, sample_proxy_intake(TODAY))
    masked = view(counter, r.request_number)
    assert masked.principal.name == "山田 **" and masked.principal.phone == "090-****-5678"
    assert masked.proxy.name == "髙橋 **" and masked.principal.masked
    shown = do(
        counter, reveal_personal_data, counter.supervisor, r.request_number, "本人からの電話照会"
    )
    assert shown.principal.name == "山田 花子" and shown.proxy.name == "髙橋 一郎"
    with counter.db.unit_of_work(read_only=True) as uow:
        reveal = uow.session.scalar(select(Reveal))
        row = uow.session.scalar(select(AuditEntry).where(AuditEntry.action == "personal.reveal"))
    assert reveal.reason == "本人からの電話照会" and reveal.actor_id == counter.supervisor.staff_id
    assert reveal.id in row.detail and "山田" not in row.detail and "照会" not in row.detail


def test_an_issued_receipt_and_its_reprints_cannot_be_changed_or_deleted(counter):
    """§6 "an issued receipt is never changed": the database itself refuses it (migration
    0008), as it does for the audit trail and the closed days."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    r = register(counter, sample_self_intake(TODAY))
    do(counter, reprint_receipt, counter.staff, r.receipt_number)
    for statement, says in (
        ("UPDATE receipts SET total = 0", "発行済みの領収書は変更できません"),
        ("DELETE FROM receipts", "発行済みの領収書は削除できません"),
        ("UPDATE receipt_reprints SET ordinal = 9", "再発行の記録は変更できません"),
        ("DELETE FROM receipt_reprints", "再発行の記録は削除できません"),
    ):
        with counter.db.unit_of_work() as uow, pytest.raises(IntegrityError, match=says):
            uow.session.execute(text(statement))
    # a void is a new row: still allowed, and the original is as issued
    do(counter, void_receipt, counter.supervisor, r.receipt_number, "金額の誤り")
    with counter.db.unit_of_work(read_only=True) as uow:
        rows = uow.session.execute(text("SELECT kind, total FROM receipts ORDER BY seq")).all()
    assert [tuple(row) for row in rows] == [("issued", r.total), ("void", -r.total)]
