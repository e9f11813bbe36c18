"""精算 (domain.md section 10) through the service: a request taken with the page count 未定
is 精算待ち; the settlement computes the actual fee from the schedule of the request date,
collects or refunds the difference on a 精算書 of its own series pointing at the first
receipt, is on the daily log of its day, cannot be recorded twice or changed, and is voided
only by a supervisor."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from counter_app.domain.fees import FeeQuote
from counter_app.errors import DomainError, InputError, PermissionDenied
from counter_app.security.audit import verify_audit_chain
from counter_app.services.access import DayClosed
from counter_app.services.close_day import close_day
from counter_app.services.daily_log import compute_log
from counter_app.services.intake import register_intake
from counter_app.services.request_view import get_request
from counter_app.services.samples import sample_self_intake
from counter_app.services.settlement import (
    preview_settlement,
    record_settlement,
    void_settlement,
)
from counter_app.store.models import AuditEntry, NumberCounter, Receipt, Request, Settlement

from .conftest import NOW, TODAY

LATER = NOW + dt.timedelta(days=10)  # the answer is prepared ten days later


def undecided(amount: int = 1000, **changes):
    intake = sample_self_intake(TODAY)
    return dataclasses.replace(
        intake, pages=0, pages_undecided=True, amount_received=amount, **changes
    )


def register(counter, intake, now=NOW):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, intake, now=now)
        uow.commit()
    return result


def settle(counter, ref, pages, *, received=0, actor=None, now=LATER):
    with counter.db.unit_of_work() as uow:
        result = record_settlement(
            uow, actor or counter.staff, ref, pages, amount_received=received, now=now
        )
        uow.commit()
    return result


def preview(counter, ref, pages):
    with counter.db.unit_of_work(read_only=True) as uow:
        return preview_settlement(uow, counter.staff, ref, pages)


def rows(counter, model):
    with counter.db.unit_of_work(read_only=True) as uow:
        return list(uow.session.scalars(select(model)))


def test_undecided_takes_the_handling_fee_and_the_request_is_pending(counter):
    result = register(counter, undecided())
    assert result.total == 1000 and result.settlement_pending
    with counter.db.unit_of_work(read_only=True) as uow:
        request = uow.session.get(Request, result.request_id)
        assert request.settlement_state == "pending"
        receipt = uow.session.get(Receipt, result.receipt_id)
        quote = FeeQuote.from_dict(receipt.quote)
        assert [line.code for line in quote.lines] == ["handling:disclosure"]
        assert quote.settlement_pending
        view = get_request(uow, counter.staff, result.request_number)
        assert (view.settlement_state, view.settlement_label) == ("pending", "精算待ち")


def test_settlement_collects_the_difference_on_its_own_numbered_receipt(counter):
    first = register(counter, undecided())
    # the actual fee is what a request with 12 pages known at the counter costs
    known = sample_self_intake(TODAY)
    shown = preview(counter, first.request_number, 12)
    with counter.db.unit_of_work(read_only=True) as uow:
        from counter_app.services.intake import check_intake

        expected_total = check_intake(known, now=NOW).quote.total
    assert shown.figures.actual.total == expected_total
    assert shown.difference == expected_total - 1000 > 0
    assert shown.first_receipt_number == first.receipt_number

    done = settle(counter, first.request_number, 12, received=shown.difference + 500)
    assert done.number == "S-BR01-01-2025-000001"
    assert done.first_receipt_number == "BR01-01-2025-000001"
    assert (done.difference, done.change) == (shown.difference, 500)
    (row,) = rows(counter, Settlement)
    assert row.kind == "settlement" and row.receipt_id == first.receipt_id
    assert row.settled_on == LATER.date() and row.pages == 12
    # the two documents together carry the actual fee and its tax, no more, no less
    actual = FeeQuote.from_dict(row.quote)
    (receipt,) = rows(counter, Receipt)
    assert receipt.total + row.total == actual.total
    assert receipt.tax_10 + row.tax_10 == actual.tax_by_rate[10]
    with counter.db.unit_of_work(read_only=True) as uow:
        view = get_request(uow, counter.staff, first.request_number)
        assert view.settlement_state == "settled"
        assert [s.number for s in view.settlements] == [done.number]
        actions = list(
            uow.session.scalars(
                select(AuditEntry.action).where(AuditEntry.request_id == first.request_id)
            )
        )
        assert actions[-1] == "settlement.record"
        assert verify_audit_chain(uow) is None


def test_a_settlement_cannot_be_recorded_twice(counter):
    first = register(counter, undecided())
    done = settle(counter, first.request_id, 3, received=5000)
    with pytest.raises(DomainError, match=f"すでに精算されています \\(精算書 {done.number}\\)"):
        settle(counter, first.request_number, 3, received=5000)
    assert len(rows(counter, Settlement)) == 1
    counters = {c.series: c.last_value for c in rows(counter, NumberCounter)}
    assert counters["settlement"] == 1  # the refused second call took no number
    # and the database refuses a second settlement of the same attempt, whoever writes it
    (row,) = rows(counter, Settlement)
    with counter.db.unit_of_work() as uow, pytest.raises(IntegrityError):
        copy = {c.name: getattr(row, c.name) for c in Settlement.__table__.columns}
        copy.update(id="x", number="S-BR01-01-2025-999999", seq=999999)
        uow.session.execute(Settlement.__table__.insert(), [copy])


def test_settlements_are_immutable(counter):
    first = register(counter, undecided())
    settle(counter, first.request_id, 3, received=5000)
    for statement in ("UPDATE settlements SET total = 0", "DELETE FROM settlements"):
        with counter.db.unit_of_work() as uow, pytest.raises(Exception, match="精算書は"):
            uow.session.execute(text(statement))


def test_refund_when_the_deposit_was_more_than_the_postage(counter, fees_dir):
    fees_dir("postage_deposit = 0", "postage_deposit = 1500")
    first = register(counter, undecided(amount=2500))
    assert first.total == 2500  # handling fee + the deposit
    with counter.db.unit_of_work(read_only=True) as uow:
        lines = FeeQuote.from_dict(uow.session.get(Receipt, first.receipt_id).quote).lines
    assert [line.code for line in lines] == ["handling:disclosure", "postage_deposit"]
    with pytest.raises(InputError, match="返金"):
        settle(counter, first.request_id, 2, received=100)
    done = settle(counter, first.request_id, 2)
    assert done.difference < 0 and done.refund == -done.difference
    assert done.amount_received == done.change == 0


def test_the_proviso_names_the_postage_a_deposit_or_a_settlement_covers(counter, fees_dir):
    """但し書き: the deposit taken for the postage is postage (「…及び郵送料として」), and a
    settlement of a mailed answer settles the postage too; handed over, neither."""
    from counter_app.domain.requests import Delivery
    from counter_app.services.printing import receipt_data, settlement_receipt_data

    fees_dir("postage_deposit = 0", "postage_deposit = 1500")
    mailed = register(counter, undecided(amount=2500))
    handed = register(counter, undecided(delivery=Delivery.COUNTER, mail_class=None))
    refund = settle(counter, mailed.request_id, 2)
    collect = settle(counter, handed.request_id, 150, received=10_000)
    with counter.db.unit_of_work(read_only=True) as uow:
        provisos = [
            receipt_data(uow, mailed.receipt_number).proviso,
            settlement_receipt_data(uow, refund.number).proviso,
            receipt_data(uow, handed.receipt_number).proviso,
            settlement_receipt_data(uow, collect.number).proviso,
        ]
    assert provisos == [
        "個人情報開示等請求手数料及び郵送料として",
        "個人情報開示等請求手数料及び郵送料の精算 (返金) として",
        "個人情報開示等請求手数料として",
        "個人情報開示等請求手数料の精算として",
    ]


def test_the_schedule_of_the_request_date_is_used(counter, fees_dir):
    first = register(counter, undecided())
    # a new version with dearer copies comes into force between intake and answer
    fees_dir(
        "# 改定の例",
        '[[schedule]]\neffective_from = 2025-06-05\nkind = "actual"\n'
        "handling_fee = { purpose_notice = 600, disclosure = 1500, record_disclosure = 1500 }\n"
        "copy_fee_per_page = 50\nmedium_fee = 100\ntax_rate = 10\n# 改定の例",
    )
    done = settle(counter, first.request_id, 10, received=10_000)
    (row,) = rows(counter, Settlement)
    copy_line = next(line for line in FeeQuote.from_dict(row.quote).lines if line.code == "copy")
    assert (copy_line.unit_price, copy_line.amount) == (10, 100)
    assert row.schedule_version == "2024-04-01" and done.charged == 1000


def test_void_needs_a_supervisor_and_the_request_is_pending_again(counter):
    first = register(counter, undecided())
    done = settle(counter, first.request_id, 3, received=5000)
    with counter.db.unit_of_work() as uow, pytest.raises(PermissionDenied):
        void_settlement(uow, counter.staff, done.number, "枚数の誤り", now=LATER)
    with counter.db.unit_of_work() as uow:
        voided = void_settlement(
            uow, counter.staff, done.number, "枚数の誤り", approver=counter.supervisor, now=LATER
        )
        uow.commit()
    assert voided.void_number == "S-BR01-01-2025-000002"
    assert voided.cash_back == done.difference
    with counter.db.unit_of_work() as uow, pytest.raises(DomainError, match="すでに取り消され"):
        void_settlement(uow, counter.supervisor, done.number, "再度", now=LATER)
    with counter.db.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Request, first.request_id).settlement_state == "pending"
    again = settle(counter, first.request_id, 5, received=5000)
    assert again.number == "S-BR01-01-2025-000003"
    kinds = [(r.kind, r.attempt, r.total) for r in rows(counter, Settlement)]
    assert kinds == [
        ("settlement", 1, done.difference),
        ("void", 1, -done.difference),
        ("settlement", 2, again.difference),
    ]


def test_daily_log_of_the_settlement_day_counts_its_cash(counter):
    first = register(counter, undecided())
    done = settle(counter, first.request_id, 12, received=10_000)
    with counter.db.unit_of_work(read_only=True) as uow:
        intake_day = compute_log(uow, "BR01", TODAY, now=LATER)
        settle_day = compute_log(uow, "BR01", LATER.date(), now=LATER)
    assert intake_day.cash_expected == 1000
    assert not any(e.kind == "settlement" for e in intake_day.events)
    assert settle_day.cash_expected == done.difference
    (event,) = settle_day.events
    assert (event.kind, event.receipt_number, event.amount) == (
        "settlement",
        done.number,
        done.difference,
    )
    assert first.receipt_number in event.reason
    assert settle_day.totals.settled_amount == done.difference
    assert settle_day.counts()["settlements"] == 1


def test_a_closed_day_takes_no_settlement(counter):
    first = register(counter, undecided())
    with counter.db.unit_of_work() as uow:
        close_day(uow, counter.supervisor, LATER.date(), cash_counted=0, now=LATER)
        uow.commit()
    with pytest.raises(DayClosed):
        settle(counter, first.request_id, 3, received=5000)
    assert rows(counter, Settlement) == []


def test_short_cash_and_known_counts_are_refused(counter):
    first = register(counter, undecided())
    need = preview(counter, first.request_id, 12).difference
    with pytest.raises(DomainError, match="足りません"):
        settle(counter, first.request_id, 12, received=need - 1)
    known = register(counter, sample_self_intake(TODAY))
    with pytest.raises(DomainError, match="精算待ちではありません"):
        settle(counter, known.request_id, 12, received=5000)
    with pytest.raises(InputError, match="実際の写しの枚数"):
        settle(counter, first.request_id, -1, received=5000)
    assert rows(counter, Settlement) == []


def test_flat_schedule_asks_no_count_and_settles_nothing(counter, fees_dir):
    fees_dir(
        "# 改定の例",
        '[[schedule]]\neffective_from = 2025-05-01\nkind = "flat"\n'
        "handling_fee = { purpose_notice = 500, disclosure = 1800, record_disclosure = 1800 }\n"
        "tax_rate = 10\n# 改定の例",
    )
    result = register(counter, undecided(amount=1800))
    assert result.total == 1800 and not result.settlement_pending
    with counter.db.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Request, result.request_id).settlement_state is None
        quote = FeeQuote.from_dict(uow.session.get(Receipt, result.receipt_id).quote)
    assert [line.code for line in quote.lines] == ["flat:disclosure"]
    assert quote.schedule_kind.value == "flat"
    with pytest.raises(DomainError, match="精算待ちではありません"):
        settle(counter, result.request_id, 3)


def test_json_without_a_count_is_refused_where_it_is_asked(counter):
    from counter_app.services.intake_input import IntakeInput

    data = sample_self_intake(TODAY).to_dict()
    del data["pages"]
    with pytest.raises(InputError, match="複写の枚数"):
        register(counter, IntakeInput.from_dict(data))
    data["copies"] = "未定"
    data["amount_received"] = 1000
    assert register(counter, IntakeInput.from_dict(data)).settlement_pending
    with counter.db.unit_of_work(read_only=True) as uow:
        total = uow.session.scalar(select(func.count()).select_from(Request))
    assert total == 1


# -- the paper: the 精算書 and the letter ------------------------------------------------------
def test_settlement_receipt_points_at_the_first_receipt_and_reads_back(counter):
    from counter_app.services.printing import settlement_receipt_data
    from forms import receipt as receipt_form
    from tests.forms.readback import poppler_text, pypdf_text, squeeze

    first = register(counter, undecided())
    done = settle(counter, first.request_id, 12, received=10_000)
    with counter.db.unit_of_work(read_only=True) as uow:
        data = settlement_receipt_data(uow, done.number)
    assert data.title == "精算領収書" and data.mark == "精算" and not data.refund
    assert data.total == done.difference == sum(line.amount for line in data.lines)
    assert data.lines[-1].label == f"受領済み (当初の領収書 No. {first.receipt_number})"
    assert data.lines[-1].amount == -1000
    pdf = receipt_form.render(data)
    for read in (squeeze(pypdf_text(pdf)), squeeze(poppler_text(pdf))):
        assert read.count("精算領収書") == 2  # the member's copy and the 控え
        assert done.number in read
        assert f"当初の領収書No.{first.receipt_number}" in read
        assert f"¥{done.difference:,}-" in read
        assert "上記正に領収いたしました" in read


def test_refund_prints_a_refund_statement(counter, fees_dir):
    from counter_app.services.printing import settlement_receipt_data
    from forms import receipt as receipt_form
    from tests.forms.readback import poppler_text, squeeze

    fees_dir("postage_deposit = 0", "postage_deposit = 1500")
    first = register(counter, undecided(amount=2500))
    done = settle(counter, first.request_id, 2)
    with counter.db.unit_of_work(read_only=True) as uow:
        data = settlement_receipt_data(uow, done.number)
    assert data.refund and data.title == "返金精算書" and data.total == done.difference < 0
    text = squeeze(poppler_text(receipt_form.render(data)))
    assert "返金精算書" in text and "返金額" in text
    assert f"¥{done.refund:,}-" in text and "上記の金額を返金いたしました" in text


def test_a_voided_settlement_prints_marked_void(counter):
    from counter_app.services.printing import settlement_receipt_data

    first = register(counter, undecided())
    done = settle(counter, first.request_id, 3, received=5000)
    with counter.db.unit_of_work() as uow:
        voided = void_settlement(uow, counter.supervisor, done.number, "枚数の誤り", now=LATER)
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        data = settlement_receipt_data(uow, voided.void_number)
    assert data.number == done.number and data.voided
    assert f"取消番号 {voided.void_number}" in (data.note or "")


def test_the_letter_states_the_amount_due_or_that_it_is_pending(counter):
    from counter_app.domain.requests import Outcome
    from counter_app.services.lifecycle import decide
    from counter_app.services.printing import notice_data
    from forms import notices
    from tests.forms.readback import poppler_text, squeeze

    first = register(counter, undecided())
    with counter.db.unit_of_work() as uow:
        decide(
            uow,
            counter.supervisor,
            first.request_id,
            {"disclosure": Outcome.DISCLOSED_FULL},
            now=LATER,
        )
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        pending = notice_data(uow, first.request_id)
    assert "精算がまだ済んでいません" in pending.settlement
    done = settle(counter, first.request_id, 12, received=10_000)
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, first.request_id)
    assert f"精算により追加でお支払いいただいた額 {done.difference:,}円" in letter.settlement
    text = squeeze(poppler_text(notices.render(letter)))
    assert "手数料の精算" in text
    assert f"精算により追加でお支払いいただいた額{done.difference:,}円" in text
    assert done.number in text


def test_the_letter_states_the_pages_settled_never_a_count_not_known(counter):
    """同封の写し n 枚: with the count 未定 at intake, the letter takes the count of the
    settlement in force; while 精算待ち (also after a settlement is voided) it gives none."""
    from counter_app.domain.requests import Outcome
    from counter_app.services.lifecycle import decide
    from counter_app.services.printing import notice_data
    from forms import notices
    from tests.forms.readback import poppler_text, squeeze

    first = register(counter, undecided())
    with counter.db.unit_of_work() as uow:
        decide(uow, counter.supervisor, first.request_id, {"disclosure": Outcome.DISCLOSED_FULL})
        uow.commit()

    def letter():
        with counter.db.unit_of_work(read_only=True) as uow:
            return notice_data(uow, first.request_id)

    pending = letter()
    assert pending.enclosed == "同封の写し（枚数は精算時に確定します）"
    done = settle(counter, first.request_id, 12, received=10_000)
    assert letter().enclosed == "同封の写し 12 枚"
    assert "同封・別添同封の写し12枚" in squeeze(poppler_text(notices.render(letter())))
    with counter.db.unit_of_work() as uow:
        void_settlement(uow, counter.supervisor, done.number, "枚数の誤り", now=LATER)
        uow.commit()
    assert letter().enclosed == pending.enclosed  # 精算待ち again: no count
    settle(counter, first.request_id, 9, received=10_000)
    assert letter().enclosed == "同封の写し 9 枚"


def test_the_printed_daily_log_lists_the_settlement_and_its_cash(counter):
    from counter_app.services.daily_log import daily_log_data
    from forms import daily_log as log_form
    from tests.forms.readback import poppler_text, squeeze

    first = register(counter, undecided())
    done = settle(counter, first.request_id, 12, received=10_000)
    with counter.db.unit_of_work(read_only=True) as uow:
        data = daily_log_data(uow, "BR01", LATER.date(), now=LATER)
    text = squeeze(poppler_text(log_form.render(data)))
    assert "領収書の取消・再発行・精算" in text
    assert f"精算{done.number}" in text
    assert (
        f"精算1件（追加受領¥{done.difference:,}返金¥0差引¥{done.difference:,}、受領額計に含む）"
        in text
    )
    assert f"現金理論残高（受領額計）¥{done.difference:,}" in text
    (line,) = data.rows  # the settlement is a line of the table, its 受領額 the cash
    assert (line.kind.label, line.receipt_number, line.total) == (
        "精算",
        done.number,
        done.difference,
    )


# -- the intake JSON's page count -------------------------------------------------------------


def _json_with(key: str, value) -> dict:
    data = sample_self_intake(TODAY).to_dict()
    data.pop("pages")
    data[key] = value
    return data


@given(key=st.sampled_from(["pages", "copies"]), count=st.integers(min_value=0, max_value=10**6))
def test_json_reads_any_whole_count_under_either_key(key, count):
    from counter_app.services.intake_input import IntakeInput

    read = IntakeInput.from_dict(_json_with(key, count))
    assert (read.pages, read.pages_undecided, read.pages_answered) == (count, False, True)
    assert IntakeInput.from_dict(read.to_dict()) == read  # written back as "pages"


@given(
    key=st.sampled_from(["pages", "copies"]),
    word=st.sampled_from(["undecided", "未定", " 未定 ", "undecided\n"]),
)
def test_json_reads_undecided_in_either_word(key, word):
    from counter_app.services.intake_input import IntakeInput

    read = IntakeInput.from_dict(_json_with(key, word))
    assert (read.pages, read.pages_undecided) == (0, True)
    assert read.to_dict()["pages"] == "undecided"
    assert IntakeInput.from_dict(read.to_dict()) == read


@given(
    value=st.one_of(
        st.integers(max_value=-1),
        st.booleans(),
        st.floats(allow_nan=False),
        st.text().filter(lambda t: t.strip() not in ("undecided", "未定")),
        st.none(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_json_refuses_any_other_count_naming_the_key(value):
    from counter_app.services.intake_input import IntakeInput

    with pytest.raises(InputError) as info:
        IntakeInput.from_dict(_json_with("pages", value))
    assert "「pages」(複写の枚数)" in info.value.message
    assert '"undecided"' in info.value.message


def test_json_with_both_keys_is_refused():
    from counter_app.services.intake_input import IntakeInput

    data = _json_with("pages", 3)
    data["copies"] = 3
    with pytest.raises(InputError, match="両方"):
        IntakeInput.from_dict(data)


def test_the_first_receipt_says_the_copies_and_postage_are_settled_later(counter):
    from counter_app.services.printing import receipt_data
    from forms import receipt as receipt_form
    from tests.forms.readback import poppler_text, squeeze

    first = register(counter, undecided())
    with counter.db.unit_of_work(read_only=True) as uow:
        data = receipt_data(uow, first.receipt_number)
    assert "写しの枚数が未定のため、写しの代金と郵送料は回答時に精算します" in data.note
    text = squeeze(poppler_text(receipt_form.render(data)))
    assert "写しの枚数が未定のため、写しの代金と郵送料は回答時に精算します" in text
    known = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        assert receipt_data(uow, known.receipt_number).note is None


def test_a_reprint_is_counted_marked_and_on_the_log(counter):
    from counter_app.services.printing import settlement_receipt_data
    from counter_app.services.settlement import reprint_settlement
    from forms import receipt as receipt_form
    from tests.forms.readback import poppler_text, squeeze

    first = register(counter, undecided())
    done = settle(counter, first.request_id, 12, received=10_000)
    for expected in (1, 2):
        with counter.db.unit_of_work() as uow:
            again = reprint_settlement(uow, counter.staff, done.number, now=LATER)
            uow.commit()
        assert again.reprint_count == expected and not again.voided
    with counter.db.unit_of_work(read_only=True) as uow:
        data = settlement_receipt_data(uow, done.number)
        log = compute_log(uow, "BR01", LATER.date(), now=LATER)
    assert data.reprint_count == 2
    assert "再発行(2回目)" in squeeze(poppler_text(receipt_form.render(data)))
    reprints = [e for e in log.events if e.kind == "reprint"]
    assert [e.receipt_number for e in reprints] == [done.number] * 2
    assert log.counts()["reprints"] == 2
    assert log.cash_expected == done.difference  # a reprint moves no cash
    for statement in (
        "UPDATE settlement_reprints SET ordinal = 9",
        "DELETE FROM settlement_reprints",
    ):
        with counter.db.unit_of_work() as uow, pytest.raises(Exception, match="再発行の記録"):
            uow.session.execute(text(statement))
