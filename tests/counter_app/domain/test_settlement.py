"""The fee when the page count is not known at the counter (domain.md section 10): 未定 takes
the handling fee (and the deposit), the settlement computes the actual fee from the same
schedule; a flat schedule includes copies and postage and asks nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.fees import (
    Adjustment,
    FeeQuestions,
    FeeQuote,
    FeeSchedule,
    ScheduleKind,
    quote_fee,
)
from counter_app.domain.postage import MailClass
from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType
from counter_app.domain.settlement import settle
from counter_app.errors import DomainError, InputError
from tests import rule_values

ON = dt.date(2025, 6, 2)
BASE = rule_values.fee_schedules().in_force(ON)
#: The shipped postage rules (postage.toml), built in memory.
POSTAGE = rule_values.postage_rules()


def paper(**kw) -> FeeQuestions:
    values = dict(
        request_types=(RequestType.DISCLOSURE,),
        method=DisclosureMethod.PAPER,
        delivery=Delivery.MAIL,
        mail_class=MailClass.SIMPLE_REGISTERED,
    )
    values.update(kw)
    return FeeQuestions(**values)


def test_undecided_quote_takes_the_handling_fee_only():
    quote = quote_fee(paper(pages_undecided=True), ON, schedule=BASE, postage_rules=POSTAGE)
    assert [line.code for line in quote.lines] == ["handling:disclosure"]
    assert quote.total == 1000 and quote.settlement_pending and quote.postage is None
    assert FeeQuote.from_dict(quote.to_dict()) == quote


def test_undecided_is_only_for_paper_and_not_with_a_number():
    with pytest.raises(InputError, match="書面の交付"):
        paper(
            method=DisclosureMethod.VIEWING,
            pages_undecided=True,
            delivery=Delivery.COUNTER,
            mail_class=None,
        )
    with pytest.raises(InputError, match="どちらか一方"):
        paper(pages=3, pages_undecided=True)


def test_old_stored_questions_and_quotes_read_back():
    old = paper(pages=12).to_dict()
    del old["pages_undecided"]
    assert FeeQuestions.from_dict(old) == paper(pages=12)
    quote = quote_fee(paper(pages=12), ON, schedule=BASE, postage_rules=POSTAGE).to_dict()
    del quote["settlement_pending"], quote["schedule_kind"]
    read = FeeQuote.from_dict(quote)
    assert not read.settlement_pending and read.schedule_kind is ScheduleKind.ACTUAL


def test_a_settlement_is_refused_for_a_quote_that_was_not_pending():
    known = quote_fee(paper(pages=3), ON, schedule=BASE, postage_rules=POSTAGE)
    with pytest.raises(DomainError, match="精算待ちではありません"):
        settle(
            paper(pages=3),
            known,
            3,
            ON,
            charged=known.total,
            charged_taxable_10=0,
            charged_tax_10=0,
            schedule=BASE,
            postage_rules=POSTAGE,
        )


deposits = st.sampled_from([0, 300, 1000, 2000])
adjustments = st.sampled_from(
    [None, Adjustment("waive", 0, "生活保護受給"), Adjustment("reduce", 200, "再請求")]
)


@given(
    pages=st.integers(min_value=0, max_value=400),
    deposit=deposits,
    adjustment=adjustments,
    delivery=st.sampled_from(list(Delivery)),
)
def test_first_receipt_plus_settlement_is_exactly_the_actual_fee(
    pages, deposit, adjustment, delivery
):
    schedule = dataclasses.replace(BASE, postage_deposit=deposit)
    questions = paper(
        pages_undecided=True,
        delivery=delivery,
        mail_class=MailClass.SIMPLE_REGISTERED if delivery is Delivery.MAIL else None,
    )
    if adjustment is not None and adjustment.kind == "reduce" and deposit == 0:
        adjustment = Adjustment("reduce", 200, adjustment.reason)
    first = quote_fee(
        questions, ON, adjustment=adjustment, schedule=schedule, postage_rules=POSTAGE
    )
    figures = settle(
        questions,
        first,
        pages,
        ON,
        charged=first.total,
        charged_taxable_10=first.taxable_by_rate.get(10, 0),
        charged_tax_10=first.tax_by_rate.get(10, 0),
        schedule=schedule,
        postage_rules=POSTAGE,
    )
    known = quote_fee(
        questions.decided(pages),
        ON,
        adjustment=figures.actual.adjustment,
        schedule=schedule,
        postage_rules=POSTAGE,
    )
    # the actual fee is what a count known at the counter would have cost
    assert figures.actual.total == known.total
    assert first.total + figures.difference == known.total
    assert first.tax_by_rate.get(10, 0) + figures.tax_10 == known.tax_by_rate.get(10, 0)
    assert not figures.actual.settlement_pending
    if adjustment is not None and adjustment.kind == "waive":
        assert figures.difference == 0 and figures.direction == "even"
    expected_deposit = deposit if delivery is Delivery.MAIL else 0
    assert first.total == (
        0
        if adjustment and adjustment.kind == "waive"
        else 1000 + expected_deposit - (adjustment.amount if adjustment else 0)
    )


FLAT = FeeSchedule(
    effective_from=dt.date(2024, 4, 1),
    handling_fees={
        RequestType.PURPOSE_NOTICE: 500,
        RequestType.DISCLOSURE: 1800,
        RequestType.RECORD_DISCLOSURE: 1800,
    },
    kind=ScheduleKind.FLAT,
    copy_fee_per_page=0,
    medium_fee=0,
    charge_postage=False,
)


@given(
    pages=st.integers(min_value=0, max_value=400),
    undecided=st.booleans(),
    delivery=st.sampled_from(list(Delivery)),
    types=st.sets(st.sampled_from(list(RequestType)), min_size=1).filter(
        lambda t: RequestType.DISCLOSURE in t
    ),
)
def test_flat_fee_is_the_same_whatever_the_pages(pages, undecided, delivery, types):
    questions = FeeQuestions(
        request_types=tuple(types),
        method=DisclosureMethod.PAPER,
        delivery=delivery,
        pages=0 if undecided else pages,
        pages_undecided=undecided,
    )
    quote = quote_fee(questions, ON, schedule=FLAT, postage_rules=POSTAGE)
    expected = sum(FLAT.handling_fees[t] for t in types if t.fee_allowed)
    assert quote.total == expected
    assert not quote.settlement_pending and quote.postage is None
    assert all(line.code.startswith("flat:") for line in quote.lines)
    assert not FLAT.asks_pages
