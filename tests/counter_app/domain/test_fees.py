"""Fee quote: dated schedules, Art. 38 free types, copies/media/postage, tax once per receipt,
waivers and reductions, and the stored JSON round trip."""

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
    FeeSchedules,
    quote_fee,
)
from counter_app.domain.postage import MailClass
from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType
from counter_app.domain.tax import Rounding, TaxTreatment, divide, tax_for
from counter_app.errors import DomainError, InputError
from tests import rule_values

T = RequestType
ON = dt.date(2025, 6, 1)
PAPER = DisclosureMethod.PAPER


#: The shipped postage rules (postage.toml), built in memory.
POSTAGE = rule_values.postage_rules()


@pytest.fixture(scope="module")
def schedules() -> FeeSchedules:
    return rule_values.fee_schedules()


@pytest.fixture(scope="module")
def postage():
    return POSTAGE


def two_versions(schedules: FeeSchedules) -> FeeSchedules:
    """The shipped 2024 schedule plus a dearer 2026 one (as a head office would add it)."""
    v2024 = schedules.schedules[0]
    v2026 = dataclasses.replace(
        v2024,
        effective_from=dt.date(2026, 4, 1),
        handling_fees={T.PURPOSE_NOTICE: 550, T.DISCLOSURE: 1100, T.RECORD_DISCLOSURE: 1100},
        copy_fee_per_page=20,
        medium_fee=200,
    )
    return FeeSchedules((v2024, v2026))


def lines(quote: FeeQuote) -> list[tuple[str, int, int, int]]:
    return [(ln.code, ln.quantity, ln.unit_price, ln.amount) for ln in quote.lines]


# -- the shipped schedule ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("questions", "expected_lines", "total", "tax"),
    [
        (FeeQuestions((T.PURPOSE_NOTICE,)), [("handling:purpose_notice", 1, 500, 500)], 500, 45),
        (
            FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER),
            [("handling:disclosure", 1, 1000, 1000), ("copy", 12, 10, 120)],
            1120,
            101,  # floor(1120 x 10 / 110) = floor(101.8)
        ),
        (
            FeeQuestions((T.RECORD_DISCLOSURE,), method=DisclosureMethod.ELECTRONIC_MEDIUM),
            [("handling:record_disclosure", 1, 1000, 1000), ("medium", 1, 100, 100)],
            1100,
            100,
        ),
        (
            FeeQuestions((T.DISCLOSURE,), method=DisclosureMethod.ELECTRONIC_MEDIUM, media_count=2),
            [("handling:disclosure", 1, 1000, 1000), ("medium", 2, 100, 200)],
            1200,
            109,
        ),
        (
            FeeQuestions((T.DISCLOSURE,), method=DisclosureMethod.VIEWING),
            [("handling:disclosure", 1, 1000, 1000)],
            1000,
            90,
        ),
        (
            # the brief's CLI example: 13 sheets in a 角形2号 = 69.6 g, 180 + 簡易書留 350
            FeeQuestions(
                (T.DISCLOSURE, T.PURPOSE_NOTICE),
                pages=12,
                method=PAPER,
                delivery=Delivery.MAIL,
                mail_class=MailClass.SIMPLE_REGISTERED,
            ),
            [
                ("handling:purpose_notice", 1, 500, 500),
                ("handling:disclosure", 1, 1000, 1000),
                ("copy", 12, 10, 120),
                ("postage", 1, 530, 530),
            ],
            2150,
            195,
        ),
    ],
)
def test_shipped_schedule(schedules, postage, questions, expected_lines, total, tax):
    q = quote_fee(questions, ON, schedule=schedules, postage_rules=postage)
    assert lines(q) == expected_lines
    assert (q.subtotal, q.total, q.tax_by_rate, q.taxable_by_rate) == (
        total,
        total,
        {10: tax},
        {10: total},
    )
    assert q.schedule_version == "2024-04-01"
    assert all(ln.tax_rate == 10 for ln in q.lines)


def test_mailed_quote_defaults_to_simple_registered(schedules, postage):
    q = quote_fee(
        FeeQuestions((T.PURPOSE_NOTICE,), delivery=Delivery.MAIL),
        ON,
        schedule=schedules,
        postage_rules=postage,
    )
    assert q.postage is not None
    assert q.postage.mail_class is MailClass.SIMPLE_REGISTERED
    assert (q.postage.envelope, q.postage.base, q.postage.surcharge) == ("long3", 110, 350)
    assert q.lines[-1].label.startswith("郵送料 (長形3号・定形・約9.2 g・簡易書留")


@pytest.mark.parametrize("free", [T.CORRECTION, T.SUSPENSION, T.PROVISION_STOP])
def test_no_fee_for_correction_suspension_provision_stop(schedules, postage, free):
    alone = quote_fee(
        FeeQuestions((free,), delivery=Delivery.MAIL), ON, schedule=schedules, postage_rules=postage
    )
    assert (alone.lines, alone.total, alone.postage) == ((), 0, None)
    assert alone.free_request_types == (free,)
    with_disclosure = quote_fee(
        FeeQuestions((free, T.DISCLOSURE), method=DisclosureMethod.VIEWING),
        ON,
        schedule=schedules,
        postage_rules=POSTAGE,
    )
    assert lines(with_disclosure) == [("handling:disclosure", 1, 1000, 1000)]
    assert with_disclosure.free_request_types == (free,)


# -- versions ------------------------------------------------------------------------------
def test_a_2024_request_reproduces_its_2024_figures_with_2026_in_force(schedules, postage):
    both = two_versions(schedules)
    questions = FeeQuestions((T.DISCLOSURE,), pages=30, method=PAPER, delivery=Delivery.MAIL)
    old = quote_fee(questions, dt.date(2024, 6, 3), schedule=both, postage_rules=postage)
    only_2024 = quote_fee(
        questions,
        dt.date(2024, 6, 3),
        schedule=FeeSchedules(both.schedules[:1]),
        postage_rules=postage,
    )
    assert old == only_2024
    assert old.schedule_version == "2024-04-01"
    # 2024-06: 2024 fees and the 2019-10-01 postage table (31 sheets + 角形2号 = 145.2 g: 210 + 320)
    assert lines(old) == [
        ("handling:disclosure", 1, 1000, 1000),
        ("copy", 30, 10, 300),
        ("postage", 1, 530, 530),
    ]
    new = quote_fee(questions, dt.date(2026, 4, 1), schedule=both, postage_rules=postage)
    assert new.schedule_version == "2026-04-01"
    assert lines(new) == [
        ("handling:disclosure", 1, 1100, 1100),
        ("copy", 30, 20, 600),
        ("postage", 1, 620, 620),  # 270 + 350 under the 2024-10-01 table
    ]
    assert (
        quote_fee(
            questions, dt.date(2026, 3, 31), schedule=both, postage_rules=postage
        ).schedule_version
        == "2024-04-01"
    )


def test_a_date_before_the_first_schedule_is_an_error(schedules):
    with pytest.raises(DomainError) as info:
        quote_fee(
            FeeQuestions((T.PURPOSE_NOTICE,)),
            dt.date(2024, 3, 31),
            schedule=schedules,
            postage_rules=POSTAGE,
        )
    assert "2024年3月31日" in info.value.message
    assert "最初の手数料表 (2024年4月1日施行)" in info.value.message


# -- copies and configuration -------------------------------------------------------------
def test_free_pages(schedules):
    generous = dataclasses.replace(schedules.schedules[0], free_pages=10)
    for pages, copies in [(0, 0), (10, 0), (11, 1), (25, 15)]:
        q = quote_fee(
            FeeQuestions((T.DISCLOSURE,), pages=pages, method=PAPER),
            ON,
            schedule=generous,
            postage_rules=POSTAGE,
        )
        got = [ln.quantity for ln in q.lines if ln.code == "copy"]
        assert got == ([copies] if copies else [])


def test_postage_not_taxable_goes_to_the_zero_rate(schedules, postage):
    untaxed = dataclasses.replace(schedules.schedules[0], postage_taxable=False)
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER, delivery=Delivery.MAIL),
        ON,
        schedule=untaxed,
        postage_rules=postage,
    )
    assert q.lines[-1].tax_rate == 0
    assert q.taxable_by_rate == {10: 1120, 0: 530}
    assert q.tax_by_rate == {10: 101, 0: 0}
    assert q.total == 1650


@pytest.mark.parametrize(
    ("rounding", "tax"), [(Rounding.FLOOR, 101), (Rounding.HALF_UP, 102), (Rounding.CEIL, 102)]
)
def test_rounding_modes_inclusive(schedules, rounding, tax):
    version = dataclasses.replace(schedules.schedules[0], rounding=rounding)
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER),
        ON,
        schedule=version,
        postage_rules=POSTAGE,
    )
    assert (q.tax_by_rate[10], q.total) == (tax, 1120)  # 1120 x 10 / 110 = 101.81...


@pytest.mark.parametrize(
    ("rounding", "tax"), [(Rounding.FLOOR, 113), (Rounding.HALF_UP, 113), (Rounding.CEIL, 114)]
)
def test_exclusive_treatment_adds_the_tax(schedules, rounding, tax):
    version = dataclasses.replace(
        schedules.schedules[0],
        tax_treatment=TaxTreatment.EXCLUSIVE,
        rounding=rounding,
        copy_fee_per_page=11,
    )
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER),
        ON,
        schedule=version,
        postage_rules=POSTAGE,
    )
    # 1000 + 12 x 11 = 1132 net; tax 113.2 is added
    assert (q.subtotal, q.taxable_by_rate, q.tax_by_rate) == (1132, {10: 1132}, {10: tax})
    assert q.total == 1132 + tax
    assert q.tax_treatment is TaxTreatment.EXCLUSIVE


@pytest.mark.parametrize(
    ("amount", "rate", "rounding", "inclusive", "exclusive"),
    [
        (0, 10, Rounding.FLOOR, 0, 0),
        (110, 10, Rounding.FLOOR, 10, 11),
        (115, 10, Rounding.FLOOR, 10, 11),  # 10.45 / 11.5
        (115, 10, Rounding.HALF_UP, 10, 12),
        (115, 10, Rounding.CEIL, 11, 12),
        (1000, 8, Rounding.FLOOR, 74, 80),  # 74.07
        (1000, 0, Rounding.CEIL, 0, 0),
    ],
)
def test_tax_for(amount, rate, rounding, inclusive, exclusive):
    assert tax_for(amount, rate, TaxTreatment.INCLUSIVE, rounding) == inclusive
    assert tax_for(amount, rate, TaxTreatment.EXCLUSIVE, rounding) == exclusive


def test_divide_rejects_negative():
    with pytest.raises(ValueError):
        divide(-1, 3, Rounding.FLOOR)


# -- waive and reduce ------------------------------------------------------------------------
def test_waive_needs_a_reason():
    for reason in ("", "   ", None):
        with pytest.raises(DomainError, match="理由を入力"):
            Adjustment("waive", 0, reason)  # type: ignore[arg-type]


def test_waive_makes_it_free_and_records_the_whole_amount(schedules):
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER),
        ON,
        adjustment=Adjustment("waive", 0, " 生活保護受給中のため "),
        schedule=schedules,
        postage_rules=POSTAGE,
    )
    assert q.adjustment == Adjustment("waive", 1120, "生活保護受給中のため")
    assert (q.subtotal, q.total, q.tax_by_rate, q.taxable_by_rate) == (1120, 0, {10: 0}, {10: 0})


def test_waive_of_part_is_refused(schedules):
    with pytest.raises(DomainError, match="減額"):
        quote_fee(
            FeeQuestions((T.PURPOSE_NOTICE,)),
            ON,
            adjustment=Adjustment("waive", 300, "一部免除"),
            schedule=schedules,
            postage_rules=POSTAGE,
        )


def test_reduce_lowers_taxable_amount_and_tax(schedules):
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), pages=12, method=PAPER),
        ON,
        adjustment=Adjustment("reduce", 120, "複写代を免除 (責任者 髙橋 一郎)"),
        schedule=schedules,
        postage_rules=POSTAGE,
    )
    assert (q.subtotal, q.total, q.taxable_by_rate, q.tax_by_rate) == (
        1120,
        1000,
        {10: 1000},
        {10: 90},
    )


def test_reduction_is_taken_from_the_taxed_amount_first(schedules, postage):
    untaxed = dataclasses.replace(schedules.schedules[0], postage_taxable=False)
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), delivery=Delivery.MAIL, method=DisclosureMethod.VIEWING),
        ON,
        adjustment=Adjustment("reduce", 1200, "特例"),
        schedule=untaxed,
        postage_rules=postage,
    )
    # 1000 (10%) + 460 postage (0%): 1000 taken from 10%, 200 from 0%
    assert q.taxable_by_rate == {10: 0, 0: 260}
    assert q.total == 260


def test_reduction_cannot_exceed_the_total(schedules):
    with pytest.raises(DomainError, match="超えています"):
        quote_fee(
            FeeQuestions((T.PURPOSE_NOTICE,)),
            ON,
            adjustment=Adjustment("reduce", 501, "誤り"),
            schedule=schedules,
            postage_rules=POSTAGE,
        )
    q = quote_fee(
        FeeQuestions((T.PURPOSE_NOTICE,)),
        ON,
        adjustment=Adjustment("reduce", 500, "全額"),
        schedule=schedules,
        postage_rules=POSTAGE,
    )
    assert q.total == 0


@pytest.mark.parametrize(
    ("kind", "amount", "reason", "message"),
    [
        ("discount", 100, "x", "減免の種類"),
        ("reduce", 0, "x", "1円以上"),
        ("reduce", -5, "x", "0以上の整数"),
        ("reduce", True, "x", "0以上の整数"),
        ("reduce", 100, "", "理由"),
    ],
)
def test_bad_adjustments(kind, amount, reason, message):
    with pytest.raises(DomainError, match=message):
        Adjustment(kind, amount, reason)


def test_no_adjustment_on_a_free_request(schedules):
    with pytest.raises(DomainError, match="減免はできません"):
        quote_fee(
            FeeQuestions((T.CORRECTION,)),
            ON,
            adjustment=Adjustment("waive", 0, "念のため"),
            schedule=schedules,
            postage_rules=POSTAGE,
        )


# -- questions ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"request_types": ()}, "1つ以上"),
        ({"request_types": (T.DISCLOSURE, T.DISCLOSURE), "method": PAPER}, "重複"),
        ({"request_types": (T.DISCLOSURE,)}, "開示の方法"),
        ({"request_types": (T.PURPOSE_NOTICE,), "method": PAPER}, "開示の請求があるとき"),
        ({"request_types": (T.DISCLOSURE,), "method": PAPER, "pages": -1}, "0以上の整数"),
        (
            {"request_types": (T.DISCLOSURE,), "method": DisclosureMethod.VIEWING, "pages": 3},
            "書面の交付",
        ),
        ({"request_types": (T.DISCLOSURE,), "method": PAPER, "media_count": 1}, "媒体の数"),
        (
            {"request_types": (T.PURPOSE_NOTICE,), "mail_class": MailClass.RECORDED},
            "郵送するとき",
        ),
    ],
)
def test_questions_are_checked(kwargs, message):
    with pytest.raises(InputError, match=message):
        FeeQuestions(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"request_types": ("gossip",)}, "請求の種類が正しくありません: gossip"),
        ({"request_types": ("disclosure",), "method": "fax"}, "開示の方法が正しくありません"),
        ({"request_types": ("purpose_notice",), "delivery": "drone"}, "受け取り方が"),
        (
            {"request_types": ("purpose_notice",), "delivery": "mail", "mail_class": "x"},
            "郵便の種類が",
        ),
    ],
)
def test_unknown_codes_are_refused_in_japanese(kwargs, message):
    with pytest.raises(InputError, match=message):
        FeeQuestions(**kwargs)


def test_plain_strings_become_enums():
    q = FeeQuestions(("disclosure",), method="paper", delivery="mail", mail_class="recorded")  # type: ignore[arg-type]
    assert q.request_types == (T.DISCLOSURE,)
    assert (q.method, q.delivery, q.mail_class) == (PAPER, Delivery.MAIL, MailClass.RECORDED)


# -- stored JSON --------------------------------------------------------------------------------
def test_round_trip(schedules, postage):
    questions = FeeQuestions(
        (T.DISCLOSURE, T.CORRECTION),
        pages=3,
        method=PAPER,
        delivery=Delivery.MAIL,
        mail_class=MailClass.REGISTERED,
    )
    q = quote_fee(
        questions,
        ON,
        adjustment=Adjustment("reduce", 100, "端数"),
        schedule=schedules,
        postage_rules=postage,
    )
    import json

    stored = json.loads(json.dumps({"q": questions.to_dict(), "f": q.to_dict()}))
    assert FeeQuestions.from_dict(stored["q"]) == questions
    assert FeeQuote.from_dict(stored["f"]) == q
    assert Adjustment.from_dict(stored["f"]["adjustment"]) == q.adjustment


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(extra=1), "未知の項目"),
        (lambda d: d.update(total="1000"), "整数が必要"),
        (lambda d: d.update(lines="none"), "配列が必要"),
        (lambda d: d["lines"][0].update(amount=1.5), "整数が必要"),
        (lambda d: d.update(tax_by_rate={"ten": 1}), "税率"),
        (lambda d: d.update(tax_treatment="maybe"), "いずれかが必要"),
        (lambda d: d["adjustment"].update(reason=""), "理由"),
        (lambda d: d.update(free_request_types=["gossip"]), "いずれかが必要"),
    ],
)
def test_from_dict_rejects_bad_records(schedules, mutate, message):
    q = quote_fee(
        FeeQuestions((T.DISCLOSURE,), method=PAPER, pages=1),
        ON,
        adjustment=Adjustment("reduce", 10, "端数"),
        schedule=schedules,
        postage_rules=POSTAGE,
    )
    data = q.to_dict()
    mutate(data)
    with pytest.raises((InputError, DomainError), match=message):
        FeeQuote.from_dict(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"request_types": "disclosure"}, "配列が必要"),
        ({"request_types": ["gossip"]}, "いずれかが必要"),
        ({"request_types": ["purpose_notice"], "pages": "2"}, "整数が必要"),
        ({"request_types": ["purpose_notice"], "colour": "red"}, "未知の項目"),
        ([], "オブジェクトが必要"),
    ],
)
def test_questions_from_dict_rejects_bad_records(data, message):
    with pytest.raises(InputError, match=message):
        FeeQuestions.from_dict(data)


# -- properties ----------------------------------------------------------------------------------
eligible = st.lists(
    st.sampled_from([T.PURPOSE_NOTICE, T.DISCLOSURE, T.RECORD_DISCLOSURE]), min_size=1, unique=True
)


@given(
    types=eligible,
    pages=st.integers(0, 700),
    extra=st.integers(1, 100),
    delivery=st.sampled_from(list(Delivery)),
    mail_class=st.sampled_from(list(MailClass)),
)
def test_more_pages_never_cost_less(types, pages, extra, delivery, mail_class):
    schedules, postage = rule_values.fee_schedules(), POSTAGE
    types = tuple(types) if T.DISCLOSURE in types else (*types, T.DISCLOSURE)
    mc = mail_class if delivery is Delivery.MAIL else None

    def total(n: int) -> int | None:
        try:
            q = FeeQuestions(types, pages=n, method=PAPER, delivery=delivery, mail_class=mc)
            return quote_fee(q, ON, schedule=schedules, postage_rules=postage).total
        except DomainError as refused:  # the one refusal here: too heavy to mail
            assert "郵送できません" in refused.message, refused.message
            return None

    more, fewer = total(pages + extra), total(pages)
    if more is not None:
        assert fewer is not None
        assert more >= fewer


@given(
    types=eligible,
    pages=st.integers(0, 300),
    delivery=st.sampled_from(list(Delivery)),
    rate=st.sampled_from([8, 10]),
    rounding=st.sampled_from(list(Rounding)),
    copy_fee=st.integers(0, 33),
)
def test_tax_is_computed_once_per_receipt(types, pages, delivery, rate, rounding, copy_fee):
    base = rule_values.fee_schedule()
    version = dataclasses.replace(
        base, tax_rate=rate, rounding=rounding, copy_fee_per_page=copy_fee
    )
    types = (*types, T.DISCLOSURE) if T.DISCLOSURE not in types else tuple(types)
    q = quote_fee(
        FeeQuestions(types, pages=pages, method=PAPER, delivery=delivery),
        ON,
        schedule=version,
        postage_rules=POSTAGE,
    )
    taxable = q.taxable_by_rate[rate]
    assert taxable == sum(ln.amount for ln in q.lines)
    assert q.tax_by_rate[rate] == divide(taxable * rate, 100 + rate, rounding)
    if rounding is Rounding.FLOOR:
        assert q.tax_by_rate[rate] == taxable * rate // (100 + rate)
    per_line = sum(divide(ln.amount * rate, 100 + rate, rounding) for ln in q.lines)
    # the sum of per-line taxes may differ, by less than a yen per line
    assert abs(per_line - q.tax_by_rate[rate]) < len(q.lines)


# -- domain.md §5: the handling fee's typical range (500-1,100 yen, tax included) ----------------
def test_the_shipped_handling_fees_lie_in_the_typical_range(schedules):
    for version in schedules.schedules:
        assert set(version.handling_fees) == {T.PURPOSE_NOTICE, T.DISCLOSURE, T.RECORD_DISCLOSURE}
        assert all(500 <= fee <= 1_100 for fee in version.handling_fees.values())
    assert schedules.schedules[0].copy_fee_per_page == 10  # the public B&W benchmark


@given(fee=st.sampled_from([500, 501, 1_099, 1_100]) | st.integers(500, 1_100))
def test_a_handling_fee_anywhere_in_the_range_is_charged_as_is_with_its_tax(fee):
    """Both ends of the range and any fee between: the total is the fee (tax included), the
    tax is floor(fee x 10 / 110), computed once."""
    base = rule_values.fee_schedule()
    version = dataclasses.replace(
        base, handling_fees={T.PURPOSE_NOTICE: fee, T.DISCLOSURE: fee, T.RECORD_DISCLOSURE: fee}
    )
    q = quote_fee(FeeQuestions((T.PURPOSE_NOTICE,)), ON, schedule=version, postage_rules=POSTAGE)
    assert (q.total, q.taxable_by_rate, q.tax_by_rate) == (fee, {10: fee}, {10: fee * 10 // 110})
    assert (fee == 1_100) is (q.tax == 100)  # 1,100 is the first fee with 100 yen of tax
