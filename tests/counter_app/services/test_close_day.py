"""Closing a day: snapshot, close number, audit rows; afterwards the day refuses every entry
(intake, void, reprint, decide, start, withdraw) and the close row cannot change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from counter_app.errors import DomainError, InputError, MyNumberRefused, PermissionDenied
from counter_app.security.audit import verify_audit_chain
from counter_app.services.access import DayClosed
from counter_app.services.close_day import close_day, day_figures, snapshot_hash
from counter_app.services.intake import register_intake
from counter_app.services.lifecycle import decide, start_work, withdraw
from counter_app.services.receipts import reprint_receipt, void_receipt
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.models import AuditEntry, ClosedDay

from .conftest import NOW, TODAY

EVENING = NOW + dt.timedelta(hours=8)  # 18:00 the same day
NEXT_MORNING = NOW + dt.timedelta(days=1)


@pytest.fixture
def day(counter):
    """A day with two paid requests (one voided, one reprinted) and a free correction."""
    with counter.db.unit_of_work() as uow:
        first = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        second = register_intake(uow, counter.staff, sample_proxy_intake(TODAY), now=NOW)
        third = register_intake(uow, counter.staff, sample_correction_intake(TODAY), now=NOW)
        void_receipt(
            uow,
            counter.supervisor,
            first.receipt_number,
            "金額の誤り",
            now=NOW + dt.timedelta(hours=1),
        )
        reprint_receipt(uow, counter.staff, second.receipt_number, now=NOW + dt.timedelta(hours=2))
        uow.commit()
    return first, second, third


def close(counter, cash, actor=None, at=EVENING, **kw):
    with counter.db.unit_of_work() as uow:
        figures = close_day(uow, actor or counter.supervisor, TODAY, cash, now=at, **kw)
        uow.commit()
    return figures


def test_close_stores_an_immutable_snapshot_number_and_audit(counter, day):
    first, second, _ = day
    with counter.db.unit_of_work(read_only=True) as uow:
        interim = day_figures(uow, counter.staff, TODAY, now=EVENING)
    assert not interim.closed and interim.close_number is None
    assert interim.requests == 3 and interim.voids == 1 and interim.reprints == 1
    assert interim.cash_expected == second.total  # the first receipt was paid back
    assert interim.voided_amount == first.total

    figures = close(counter, second.total)
    assert figures.closed and figures.close_number == "C-BR01-01-2025-0001"
    assert figures.variance == 0 and figures.cash_counted == second.total
    assert figures.closed_by == "鈴木 責任者"
    assert (figures.requests, figures.fee + figures.postage) == (3, second.total)

    with counter.db.unit_of_work(read_only=True) as uow:
        row = uow.session.scalar(select(ClosedDay))
        assert row.business_date == TODAY and row.cash_expected == second.total
        assert row.snapshot_hash == snapshot_hash(row.snapshot)
        assert [(r["number"], r["kind"]) for r in row.snapshot["log"]["rows"]] == [
            ("R-BR01-01-2025-000001", "request"),
            ("R-BR01-01-2025-000002", "request"),
            ("R-BR01-01-2025-000003", "request"),
            ("R-BR01-01-2025-000001", "void"),  # the void, at its own time
        ]
        actions = [
            (a.action, json.loads(a.detail))
            for a in uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        ]
        assert verify_audit_chain(uow) is None
        again = day_figures(uow, counter.staff, TODAY)
    action, detail = actions[-1]
    assert action == "day.close"
    assert detail["close_number"] == "C-BR01-01-2025-0001"
    assert detail["snapshot_hash"] == figures.snapshot_hash
    assert detail["cash_counted"] == detail["cash_expected"] == second.total
    assert "山田" not in json.dumps([d for _, d in actions], ensure_ascii=False)
    assert again.closed and again.to_dict() == figures.to_dict()


def test_closed_day_refuses_every_entry_dated_that_day(counter, day):
    _, second, third = day
    close(counter, second.total)
    later_that_day = EVENING + dt.timedelta(minutes=30)
    attempts = {
        "intake": lambda uow: register_intake(
            uow, counter.staff, sample_self_intake(TODAY), now=later_that_day
        ),
        "intake backdated": lambda uow: register_intake(
            uow,
            counter.staff,
            sample_self_intake(received_at=NOW + dt.timedelta(hours=3)),
            now=NEXT_MORNING,
        ),
        "void": lambda uow: void_receipt(
            uow, counter.supervisor, second.receipt_number, "誤り", now=later_that_day
        ),
        "reprint": lambda uow: reprint_receipt(
            uow, counter.staff, second.receipt_number, now=later_that_day
        ),
        "decide": lambda uow: decide(
            uow,
            counter.supervisor,
            third.request_number,
            {"correction": "corrected"},
            now=later_that_day,
        ),
        "start": lambda uow: start_work(
            uow, counter.staff, third.request_number, now=later_that_day
        ),
        "withdraw": lambda uow: withdraw(
            uow, counter.staff, third.request_number, "本人の申出", now=later_that_day
        ),
    }
    for name, attempt in attempts.items():
        with counter.db.unit_of_work() as uow, pytest.raises(DayClosed) as refused:
            attempt(uow)
        assert "2025年6月2日の受付日報は締め済み" in refused.value.message, name
    # the next day is open: the same actions work
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(), now=NEXT_MORNING)
        reprint_receipt(uow, counter.staff, second.receipt_number, now=NEXT_MORNING)
        decide(
            uow,
            counter.supervisor,
            third.request_number,
            {"correction": "corrected"},
            now=NEXT_MORNING,
        )
        uow.commit()
    # and the closed day's figures did not move
    with counter.db.unit_of_work(read_only=True) as uow:
        frozen = day_figures(uow, counter.staff, TODAY)
    assert (frozen.requests, frozen.reprints, frozen.cash_expected) == (3, 1, second.total)


def test_a_second_close_is_refused_in_japanese(counter, day):
    close(counter, day[1].total)
    with pytest.raises(DomainError, match=r"すでに締め済みです \(締め番号 C-BR01-01-2025-0001\)"):
        close(counter, day[1].total, at=EVENING + dt.timedelta(hours=1))


def test_database_refuses_to_change_a_close_or_insert_on_a_closed_day(counter, day):
    close(counter, day[1].total)
    reprint = (
        "INSERT INTO receipt_reprints (id, branch_code, receipt_id, ordinal, reprinted_at,"
        " reprinted_on, staff_id) SELECT 'x', 'BR01', id, 99, '{at}', '{on}', staff_id"
        " FROM receipts LIMIT 1"
    )
    for statement, trigger in (
        ("UPDATE closed_days SET cash_counted = 0", "締め済みの日報は変更できません"),
        ("DELETE FROM closed_days", "締め済みの日報は削除できません"),
        (
            reprint.format(at="2025-06-02T10:00:00.000000Z", on="2025-06-02"),
            "締め済みの日付で再発行はできません",
        ),
    ):
        with counter.db.unit_of_work() as uow, pytest.raises(IntegrityError, match=trigger):
            uow.session.execute(text(statement))
    # the same reprint row dated the next day is accepted: the trigger refused the date
    with counter.db.unit_of_work() as uow:
        uow.session.execute(text(reprint.format(at="2025-06-03T10:00:00.000000Z", on="2025-06-03")))


def test_variance_needs_a_note_and_is_audited(counter, day):
    expected = day[1].total
    with pytest.raises(InputError, match="100円少ないため、過不足の理由を入力してください"):
        close(counter, expected - 100)
    with pytest.raises(MyNumberRefused) as refused:
        close(counter, expected - 100, variance_note="123456789018")
    assert "個人番号は記録できません" in refused.value.message
    with pytest.raises(InputError, match="「過不足の理由」に制御文字が含まれています"):
        close(counter, expected - 100, variance_note="釣銭\x07の渡し過ぎ")
    with pytest.raises(InputError, match="「過不足の理由」が長すぎます"):
        close(counter, expected - 100, variance_note="釣" * 5000)
    figures = close(counter, expected - 100, variance_note="釣銭の渡し過ぎ")
    assert figures.variance == -100 and figures.variance_note == "釣銭の渡し過ぎ"
    with counter.db.unit_of_work(read_only=True) as uow:
        last = uow.session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        again = day_figures(uow, counter.staff, TODAY)
    assert last.action == "day.cash_variance"
    assert json.loads(last.detail)["variance"] == -100
    assert "釣銭" not in last.detail  # free text stays in the snapshot, not the audit trail
    assert again.variance_note == "釣銭の渡し過ぎ"


def test_only_supervisors_close_unless_a_supervisor_approves(counter, day):
    with pytest.raises(PermissionDenied, match="「日報の締め」は責任者以上の権限"):
        close(counter, day[1].total, actor=counter.staff)
    figures = close(counter, day[1].total, actor=counter.staff, approver=counter.supervisor)
    assert figures.closed_by == "田中 窓口 (承認 鈴木 責任者)"
    with counter.db.unit_of_work(read_only=True) as uow:
        last = uow.session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert last.action == "day.close"
    assert (last.actor_id, last.approver_id) == (
        counter.staff.staff_id,
        counter.supervisor.staff_id,
    )


def test_admin_may_close(counter, day):
    figures = close(counter, day[1].total, actor=counter.admin)
    assert figures.closed and figures.close_number == "C-BR01-01-2025-0001"
    assert figures.closed_by == counter.admin.display_name  # no approval needed


@pytest.mark.parametrize(
    ("cash", "at", "message"),
    [
        (-1, EVENING, "現金の実査額 \\(-1円\\) が正しくありません"),
        (1.5, EVENING, "円単位の整数"),
        (0, NOW - dt.timedelta(days=1), "まだ来ていないため"),
    ],
)
def test_bad_closes_are_refused(counter, cash, at, message):
    with pytest.raises((InputError, DomainError), match=message):
        close(counter, cash, at=at)


def test_an_empty_day_closes_with_zero_cash(counter):
    figures = close(counter, 0)
    assert (figures.requests, figures.cash_expected, figures.variance) == (0, 0, 0)
    with counter.db.unit_of_work() as uow, pytest.raises(DayClosed) as refused:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=EVENING)
    assert "2025年6月2日の受付日報は締め済み" in refused.value.message


def test_close_numbers_are_gapless_per_fiscal_year(counter):
    numbers = []
    for offset in range(3):
        with counter.db.unit_of_work() as uow:
            figures = close_day(
                uow,
                counter.supervisor,
                TODAY + dt.timedelta(days=offset),
                0,
                now=EVENING + dt.timedelta(days=offset),
            )
            uow.commit()
        numbers.append(figures.close_number)
    assert numbers == ["C-BR01-01-2025-0001", "C-BR01-01-2025-0002", "C-BR01-01-2025-0003"]


def test_a_cash_count_that_does_not_make_the_cash_counted_is_refused_and_nothing_closes(
    counter, day
):
    from counter_app.domain.cash_count import CashCount
    from counter_app.errors import InputError

    _, second, _ = day
    count = CashCount.of({1000: 1})
    with pytest.raises(InputError, match="金種表の合計 \\(1,000円\\) と 合いません"):
        close(counter, second.total, cash_count=count)
    with counter.db.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(ClosedDay)) is None
