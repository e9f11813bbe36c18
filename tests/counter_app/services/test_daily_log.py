"""daily_log_data: rows, events, totals and cash of a day (interim), the frozen closed log,
the overdue and repeat flags, and the real PDF of forms.daily_log read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pypdf
import pytest

from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.printables.daily_log import LogRowKind, LogState
from counter_app.services.close_day import close_day
from counter_app.services.daily_log import daily_log_data
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import PersonInput
from counter_app.services.lifecycle import decide
from counter_app.services.receipts import reprint_receipt, void_receipt
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from forms.daily_log import render

from .conftest import NOW, TODAY

EVENING = NOW + dt.timedelta(hours=8)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def day(counter):
    with counter.db.unit_of_work() as uow:
        first = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        second = register_intake(
            uow, counter.staff, sample_proxy_intake(TODAY), now=NOW + dt.timedelta(minutes=20)
        )
        third = register_intake(
            uow, counter.staff, sample_correction_intake(TODAY), now=NOW + dt.timedelta(minutes=40)
        )
        void_receipt(
            uow,
            counter.supervisor,
            first.receipt_number,
            "金額の誤り",
            now=NOW + dt.timedelta(hours=1),
        )
        reprint_receipt(uow, counter.staff, second.receipt_number, now=NOW + dt.timedelta(hours=2))
        reprint_receipt(uow, counter.staff, second.receipt_number, now=NOW + dt.timedelta(hours=3))
        uow.commit()
    return first, second, third


def log(counter, on=TODAY, **kw):
    with counter.db.unit_of_work(read_only=True) as uow:
        return daily_log_data(uow, counter.staff, on, **kw)


def test_interim_log_of_the_day(counter, day):
    first, second, third = day
    data = log(counter, now=EVENING)
    assert data.state is LogState.INTERIM and data.close_number is None
    assert data.issuer.branch_name == "水戸宅配センター"
    assert [(r.number, r.kind) for r in data.rows] == [
        (first.request_number, LogRowKind.REQUEST),
        (second.request_number, LogRowKind.REQUEST),
        (third.request_number, LogRowKind.REQUEST),
        (first.request_number, LogRowKind.VOID),  # the void, at its own time
    ]
    self_row, proxy_row, free_row, void_line = data.rows
    assert void_line.received_at == NOW + dt.timedelta(hours=1)
    assert void_line.receipt_number == first.receipt_number
    assert (void_line.fee, void_line.postage, void_line.tax) == (
        -self_row.fee,
        -self_row.postage,
        -self_row.tax,
    )
    assert void_line.staff_name == "鈴木 責任者" and void_line.status is None
    assert self_row.requester_kind == "本人" and self_row.id_rule == "写真付1点"
    assert self_row.request_types == (RequestType.DISCLOSURE,)
    assert self_row.receipt_voided and self_row.postage > 0
    assert self_row.fee + self_row.postage == first.total
    assert proxy_row.requester_kind == "任意代理人"
    assert proxy_row.id_rule == "(代)写真付1点"
    assert proxy_row.proxy_docs == "委任状・印鑑証明"
    assert (proxy_row.reprint_count, proxy_row.postage) == (2, 0)  # handed over at the counter
    assert proxy_row.staff_name == "田中 窓口"
    assert (free_row.fee, free_row.tax, free_row.receipt_number) == (0, 0, None)
    requests = [r for r in data.rows if r.kind is LogRowKind.REQUEST]
    assert all(r.status is RequestStatus.RECEIVED and not r.overdue for r in requests)

    assert [(e.kind, e.receipt_number) for e in data.events] == [
        ("void", first.receipt_number),
        ("reprint", second.receipt_number),
        ("reprint", second.receipt_number),
    ]
    void = data.events[0]
    assert void.amount == first.total and void.staff_name == "鈴木 責任者"
    assert void.reason.endswith("金額の誤り")
    totals = data.effective_totals
    assert totals.requests == 3
    assert totals.fee + totals.postage == second.total  # the void line cancels the row
    assert totals.voided_amount == first.total
    assert data.cash_expected == second.total
    assert data.cash_counted is None


def test_overdue_and_repeat_flags(counter):
    again = dt.timedelta(days=30)  # the bundled calendar.toml's [daily_log] window
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        # 山田 花子 again within the window (same member number) -> repeat
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(TODAY + again),
            now=NOW + again,
        )
        # same name written with other spacing, no member number -> repeat by name key
        other = PersonInput(
            name="山田　花子",
            furigana="",
            birth_date=dt.date(1980, 4, 1),
            phone="",
            member_number="",
        )
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(TODAY + again, requester=other),
            now=NOW + again + dt.timedelta(minutes=5),
        )
        # 𠮷田 太郎 for the first time -> no flag
        register_intake(
            uow,
            counter.staff,
            sample_correction_intake(TODAY + again),
            now=NOW + again + dt.timedelta(minutes=10),
        )
        # and much later: outside the window
        far = again + dt.timedelta(days=30 + 1)
        register_intake(uow, counter.staff, sample_correction_intake(TODAY + far), now=NOW + far)
        uow.commit()
    first_day = log(counter, TODAY, now=NOW + dt.timedelta(days=15))
    assert [r.repeat for r in first_day.rows] == [False]
    assert [r.overdue for r in first_day.rows] == [True]  # target 6/16, printed on 6/17
    assert [r.repeat for r in log(counter, TODAY + again).rows] == [True, True, False]
    assert [r.repeat for r in log(counter, TODAY + far).rows] == [False]


def test_decided_request_is_not_overdue(counter):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, sample_correction_intake(TODAY), now=NOW)
        decide(
            uow,
            counter.supervisor,
            result.request_number,
            {"correction": "corrected"},
            now=NOW + dt.timedelta(days=3),
        )
        uow.commit()
    (row,) = log(counter, now=NOW + dt.timedelta(days=40)).rows
    assert row.status is RequestStatus.DECIDED and not row.overdue


def test_closed_log_is_the_snapshot_and_prints_as_closed(counter, day):
    _, second, _ = day
    before = log(counter, now=EVENING)
    with counter.db.unit_of_work() as uow:
        close_day(
            uow, counter.supervisor, TODAY, second.total + 50, variance_note="釣銭", now=EVENING
        )
        uow.commit()
    with counter.db.unit_of_work() as uow:
        # a decision the next day changes the request, not the closed log
        decide(
            uow,
            counter.supervisor,
            day[2].request_number,
            {"correction": "corrected"},
            now=NOW + dt.timedelta(days=1),
        )
        uow.commit()
    closed = log(counter, now=NOW + dt.timedelta(days=30))
    assert closed.state is LogState.CLOSED
    assert closed.close_number == "C-BR01-01-2025-0001"
    assert closed.closed_at == EVENING.astimezone(dt.UTC)
    assert closed.closed_by == "鈴木 責任者"
    assert closed.cash_counted == second.total + 50
    assert closed.rows == before.rows and closed.events == before.events
    assert closed.effective_totals == before.effective_totals
    assert closed.rows[2].status is RequestStatus.RECEIVED  # as it was at close
    assert not closed.copy
    copy = log(counter, copy=True)
    assert copy.copy and copy.rows == closed.rows

    text = pdf_text(render(closed))
    assert "受付日報" in text and "締め番号C-BR01-01-2025-0001" in text
    assert "中間出力" not in text
    assert "過剰50円" in text and "釣銭" in text  # the difference and its reason
    assert all(r.number in text for r in closed.rows)
    assert "写し" in pdf_text(render(copy))


def test_interim_log_prints(counter, day):
    data = log(counter, now=EVENING)
    pdf = render(data)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "中間出力" in text
    assert "受付件数3件" in text
    assert "未実査" in text
    assert "再発行2" in text and "取消" in text
    assert "山田" not in text  # the log lists numbers and kinds, not the requesters' names


def test_empty_day_and_training_flag(counter):
    data = log(counter, TODAY - dt.timedelta(days=1))
    assert data.rows == () and data.cash_expected == 0
    assert not data.training
    assert log(counter, training=True).training
    assert "本日の受付はありません" in pdf_text(render(dataclasses.replace(data, training=True)))


def test_branch_code_or_actor(counter, day):
    with counter.db.unit_of_work(read_only=True) as uow:
        by_code = daily_log_data(uow, "BR01", TODAY, now=EVENING)
        by_actor = daily_log_data(uow, counter.supervisor, TODAY, now=EVENING)
    assert by_code.rows == by_actor.rows


def test_a_close_row_without_snapshot_still_prints_as_closed(counter, day):
    from counter_app.store.models import ClosedDay

    with counter.db.unit_of_work() as uow:  # as another tool might write it: no snapshot
        uow.session.add(
            ClosedDay(
                branch_code="BR01",
                business_date=TODAY,
                closed_at=EVENING,
                closed_by=counter.supervisor.staff_id,
                cash_expected=None,
                cash_counted=None,
            )
        )
        uow.commit()
    data = log(counter, now=EVENING)
    assert data.state is LogState.CLOSED and len(data.rows) == 4  # 3 requests, 1 void
    assert data.closed_by == "鈴木 責任者"


# -- the 再請求 window is head-office configuration (calendar.toml [daily_log]) ----------------
def head_office_window(tmp_path, monkeypatch, days: int) -> None:
    """A head-office override folder whose calendar.toml sets the 再請求 window to ``days``."""
    from counter_app import paths

    folder = tmp_path / f"head-office-{days}"
    folder.mkdir()
    text = (paths.bundled_config_dir() / "calendar.toml").read_text(encoding="utf-8")
    assert "repeat_window_days = 30 " in text
    text = text.replace("repeat_window_days = 30 ", f"repeat_window_days = {days} ", 1)
    (folder / "calendar.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(folder))


LATER = dt.timedelta(days=31)


@pytest.fixture
def asked_31_days_earlier(counter):
    """山田 花子 on TODAY, then again 31 days later."""
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        register_intake(uow, counter.staff, sample_self_intake(TODAY + LATER), now=NOW + LATER)
        uow.commit()
    return TODAY + LATER


def test_a_person_who_asked_31_days_earlier_is_a_repeat_with_45_days_not_with_30(
    counter, asked_31_days_earlier, tmp_path, monkeypatch
):
    day = asked_31_days_earlier
    at = NOW + LATER + dt.timedelta(hours=1)
    assert [r.repeat for r in log(counter, day, now=at).rows] == [False]  # bundled: 30 days
    head_office_window(tmp_path, monkeypatch, 45)
    assert [r.repeat for r in log(counter, day, now=at).rows] == [True]
    head_office_window(tmp_path, monkeypatch, 30)
    assert [r.repeat for r in log(counter, day, now=at).rows] == [False]
    head_office_window(tmp_path, monkeypatch, 31)  # the window's first day counts
    assert [r.repeat for r in log(counter, day, now=at).rows] == [True]


def test_a_closed_day_keeps_the_flags_and_window_it_was_closed_with(
    counter, asked_31_days_earlier, tmp_path, monkeypatch
):
    from counter_app.services.close_day import day_figures
    from counter_app.services.daily_log import closed_day
    from counter_app.services.daily_log_snapshot import SNAPSHOT_FORMAT

    day = asked_31_days_earlier
    at = NOW + LATER + dt.timedelta(hours=8)
    head_office_window(tmp_path, monkeypatch, 45)
    with counter.db.unit_of_work() as uow:
        expected = daily_log_data(uow, counter.staff, day, now=at).cash_expected
        close_day(uow, counter.supervisor, day, expected, now=at)
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        log_json = closed_day(uow, "BR01", day).snapshot["log"]
    assert log_json["format"] == SNAPSHOT_FORMAT == 4
    assert log_json["repeat_window_days"] == 45
    assert [r["repeat"] for r in log_json["rows"]] == [True]

    head_office_window(tmp_path, monkeypatch, 30)  # head office narrows the window later
    later = at + dt.timedelta(days=2)
    closed = log(counter, day, now=later)
    assert closed.state is LogState.CLOSED
    assert [r.repeat for r in closed.rows] == [True]  # as closed
    with counter.db.unit_of_work(read_only=True) as uow:
        assert day_figures(uow, counter.supervisor, day, now=later).repeat == 1
    assert "再請求1件" in pdf_text(render(closed))
    assert "再請求1件" in pdf_text(render(log(counter, day, copy=True, now=later)))


def test_a_format_1_snapshot_without_the_window_still_reads_back(counter, day):
    from counter_app.services.daily_log import compute_log
    from counter_app.services.daily_log_snapshot import LogContent

    with counter.db.unit_of_work(read_only=True) as uow:
        content = compute_log(uow, "BR01", TODAY, now=EVENING)
    assert content.repeat_window_days == 30
    old = content.to_json()
    old["format"] = 1
    del old["repeat_window_days"]
    # as format 1-2 stored them: no void lines, no kind, totals leaving voided rows out
    old["rows"] = [r for r in old["rows"] if r.pop("kind") == "request"]
    kept = [r for r in old["rows"] if not r["receipt_voided"]]
    old["totals"].update({k: sum(r[k] for r in kept) for k in ("fee", "tax", "postage")})
    back = LogContent.from_json(old)
    assert back.repeat_window_days is None
    requests = [r for r in content.rows if r.kind is LogRowKind.REQUEST]
    assert [r for r in back.rows if r.kind is LogRowKind.REQUEST] == requests
    # each voided row is followed by the 取消 line it implies: the columns add up to the
    # totals frozen then
    voided = next(i for i, r in enumerate(back.rows) if r.receipt_voided)
    line = back.rows[voided + 1]
    assert line.kind is LogRowKind.VOID and line.fee == -back.rows[voided].fee
    for key in ("fee", "tax", "postage"):
        assert sum(getattr(r, key) for r in back.rows) == old["totals"][key]


# -- the log adds up: a day with voids (one of an earlier day's receipt) and reprints ----------
def test_the_printed_log_of_a_day_with_voids_and_reprints_adds_up_to_the_cash(counter, day):
    from tests.forms.test_daily_log_reconciles import assert_reconciles

    _, second, _ = day
    next_day = TODAY + dt.timedelta(days=1)
    with counter.db.unit_of_work() as uow:  # the next day: a new request, and a void of
        # yesterday's second receipt
        late = register_intake(
            uow, counter.staff, sample_self_intake(next_day), now=NOW + dt.timedelta(days=1)
        )
        void_receipt(
            uow,
            counter.supervisor,
            second.receipt_number,
            "二重受付",
            now=NOW + dt.timedelta(days=1, hours=1),
        )
        reprint_receipt(uow, counter.staff, late.receipt_number, now=NOW + dt.timedelta(days=1))
        uow.commit()
    for on, expected_cash in ((TODAY, second.total), (next_day, late.total - second.total)):
        data = log(counter, on, now=EVENING + dt.timedelta(days=1))
        figures = assert_reconciles(data)  # every column: the lines sum to the total
        assert figures["受領額"][1] == data.cash_expected == expected_cash
    # the next day shows yesterday's receipt going back on its own 取消 line
    assert -second.total in figures["受領額"][0]


def test_a_closed_day_prints_its_cash_count_and_the_reason_for_a_shortage(counter, day):
    from counter_app.domain.cash_count import CashCount
    from counter_app.services.daily_log import closed_day

    expected = log(counter, now=EVENING).cash_expected
    count = CashCount.of({1000: expected // 1000, 100: (expected % 1000) // 100 - 1})
    shortage = expected - count.total
    assert shortage > 0
    with counter.db.unit_of_work() as uow:
        close_day(
            uow,
            counter.supervisor,
            TODAY,
            None,
            cash_count=count,
            variance_note="釣銭の渡し誤り",
            now=EVENING,
        )
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        record = closed_day(uow, "BR01", TODAY)
        assert record.cash_counted == count.total
        assert record.cash_denominations == count.to_json()
        assert record.snapshot["cash"]["denominations"] == count.to_json()
    closed = log(counter, now=EVENING)
    assert closed.cash_count == count and closed.variance_note == "釣銭の渡し誤り"
    text = pdf_text(render(closed))
    assert f"不足{shortage:,}円" in text and "釣銭の渡し誤り" in text
    assert "金種表" in text and f"合計（実査額）{count.total:,}" in text


# -- 精算: settlement lines among the requests and voids -----------------------------------------
def test_a_day_with_settlements_a_refund_a_void_and_reprints_adds_up_to_the_cash(counter, fees_dir):
    """Ten days after two requests taken with the page count 未定 (handling fee + a 1,500 yen
    postage deposit): one is settled (collected), voided (精算取消) and settled again, the
    other refunded; that day also has a new intake whose receipt is voided, a reprint of a
    receipt and of a 精算書. The printed columns sum to the totals, the 受領額 total is the
    cash those events moved, and the closed day reprints the same lines."""
    from counter_app.services.daily_log import compute_log
    from counter_app.services.settlement import (
        record_settlement,
        reprint_settlement,
        void_settlement,
    )
    from tests.forms.test_daily_log_reconciles import assert_reconciles

    fees_dir("postage_deposit = 0", "postage_deposit = 1500")
    undecided = dataclasses.replace(
        sample_self_intake(TODAY), pages=0, pages_undecided=True, amount_received=5000
    )
    later = NOW + dt.timedelta(days=10)
    day = later.date()
    at = [later + dt.timedelta(minutes=15 * i) for i in range(10)]
    with counter.db.unit_of_work() as uow:
        collect = register_intake(uow, counter.staff, undecided, now=NOW)
        refund = register_intake(uow, counter.staff, undecided, now=NOW + dt.timedelta(minutes=5))
        uow.commit()
    with counter.db.unit_of_work() as uow:
        voided = register_intake(uow, counter.staff, sample_self_intake(day), now=at[0])
        kept = register_intake(uow, counter.staff, sample_proxy_intake(day), now=at[1])
        void_receipt(uow, counter.supervisor, voided.receipt_number, "二重受付", now=at[2])
        reprint_receipt(uow, counter.staff, kept.receipt_number, now=at[3])
        first = record_settlement(
            uow, counter.staff, collect.request_id, 150, amount_received=10_000, now=at[4]
        )
        undone = void_settlement(uow, counter.supervisor, first.number, "枚数の数え誤り", now=at[5])
        second = record_settlement(
            uow, counter.staff, collect.request_id, 140, amount_received=10_000, now=at[6]
        )
        back = record_settlement(uow, counter.staff, refund.request_id, 2, now=at[7])
        reprint_settlement(uow, counter.staff, second.number, now=at[8])
        uow.commit()
    assert first.difference > 0 and second.difference > 0 and back.difference < 0

    data = log(counter, day, now=at[9])
    kinds = [r.kind for r in data.rows]
    assert kinds == [
        LogRowKind.REQUEST,
        LogRowKind.REQUEST,
        LogRowKind.VOID,
        LogRowKind.SETTLEMENT,
        LogRowKind.SETTLEMENT_VOID,
        LogRowKind.SETTLEMENT,
        LogRowKind.SETTLEMENT,
    ]
    lines = [r for r in data.rows if r.kind.is_settlement]
    assert [(r.receipt_number, r.total) for r in lines] == [
        (first.number, first.difference),
        (first.number, -first.difference),  # the 精算取消 line: the settlement negated
        (second.number, second.difference),
        (back.number, back.difference),
    ]
    assert [r.number for r in lines] == [collect.request_number] * 3 + [refund.request_number]
    # the deposit went back with the refund: its line's 郵送料 is negative
    assert lines[-1].postage < 0 and lines[-1].tax < 0
    expected_cash = kept.total + second.difference + back.difference
    assert data.cash_expected == expected_cash
    assert data.effective_totals.settled_amount == second.difference + back.difference
    assert data.effective_totals.requests == 2
    # the events keep who approved the 精算取消 and why, and the 精算書's reprint
    (event,) = [e for e in data.events if e.kind == "settlement_void"]
    assert undone.void_number in event.reason and event.staff_name == "鈴木 責任者"
    assert any(e.kind == "reprint" and e.receipt_number == second.number for e in data.events)

    figures = assert_reconciles(data)  # every column: the lines sum to the total printed
    assert figures["受領額"][1] == data.cash_expected
    assert back.difference in figures["受領額"][0]  # the refund, △ on paper
    text = pdf_text(render(data))
    assert "精算取消" in text and f"再発行{second.number}" in text.replace("精算書", "")
    assert "精算3件・精算取消1件" in text

    # each request row and its settlement lines together carry the actual fee
    with counter.db.unit_of_work(read_only=True) as uow:
        intake_day = compute_log(uow, "BR01", TODAY, now=at[9])
    (row,) = [r for r in intake_day.rows if r.number == refund.request_number]
    assert row.total + back.difference == back.actual_total
    assert row.postage + lines[-1].postage >= 0

    # closed: the snapshot carries the settlement lines, the log reprints the same
    with counter.db.unit_of_work() as uow:
        close_day(uow, counter.supervisor, day, data.cash_expected, now=at[9])
        uow.commit()
    with counter.db.unit_of_work() as uow:  # the next day: the refund is voided
        void_settlement(
            uow, counter.supervisor, back.number, "返金の誤り", now=later + dt.timedelta(days=1)
        )
        uow.commit()
    closed = log(counter, day, now=at[9], copy=True)
    assert closed.state is LogState.CLOSED
    assert closed.rows == data.rows and closed.events == data.events
    assert closed.effective_totals == data.effective_totals
    assert closed.cash_expected == expected_cash
    assert assert_reconciles(closed)["受領額"][1] == expected_cash
