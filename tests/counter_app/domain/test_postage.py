"""Postage: the dated Japan Post tables, the weight model and every boundary."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.postage import (
    MailClass,
    PostageQuote,
    SizeClass,
    format_grams,
    quote_postage,
)
from counter_app.errors import DomainError, InputError
from tests import rule_values

ON = dt.date(2025, 6, 1)  # 2024-10-01 table in force
OLD = dt.date(2024, 9, 30)  # last day of the 2019-10-01 table
STD = SizeClass.STANDARD
REG = SizeClass.NONSTANDARD_REGULAR
IRR = SizeClass.NONSTANDARD_IRREGULAR


@pytest.fixture(scope="module")
def rules():
    return rule_values.postage_rules()


def exact(rules, *, sheet_dg: int, cover: int = 0, medium_dg: int | None = None):
    """The shipped rules with a sheet weight that lands exactly on the boundaries."""
    return dataclasses.replace(
        rules,
        sheet_weight_dg=sheet_dg,
        cover_sheets=cover,
        medium_weight_dg=rules.medium_weight_dg if medium_dg is None else medium_dg,
    )


def test_shipped_weight_model(rules):
    assert rules.sheet_weight_dg == 42  # A4 ≈ 4.2 g
    assert rules.envelopes["long3"].weight_dg == 50  # 長形3号 ≈ 5 g
    assert rules.envelopes["kaku2"].weight_dg == 150  # 角形2号 ≈ 15 g
    assert rules.cover_sheets == 1
    assert rules.default_mail_class is MailClass.SIMPLE_REGISTERED


@pytest.mark.parametrize(
    ("pages", "envelope", "weight_dg", "size", "base"),
    [
        # cover letter + pages, 長形3号 while ≤ 50 g: (1 + 9) x 4.2 + 5 = 47.0 g
        (0, "long3", 92, STD, 110),
        (9, "long3", 470, STD, 110),
        # 11 sheets would be 51.2 g in 長形3号 -> the 角形2号 is used: 11 x 4.2 + 15 = 61.2 g
        (10, "kaku2", 612, REG, 180),
        (20, "kaku2", 1032, REG, 270),
    ],
)
def test_shipped_rules_choose_envelope_and_size(rules, pages, envelope, weight_dg, size, base):
    q = quote_postage(pages, ON, mail_class=MailClass.ORDINARY, rules=rules)
    assert (q.envelope, q.weight_dg, q.size_class, q.base) == (envelope, weight_dg, size, base)
    assert q.total == base


def test_standard_boundary_50_0_vs_50_1_grams_with_long3(rules):
    # sheets of 4.5 g, no cover letter: 10 sheets + 長形3号 5.0 g = 50.0 g exactly -> 定形
    r = exact(rules, sheet_dg=45)
    at = quote_postage(10, ON, mail_class=MailClass.ORDINARY, rules=r)
    assert (at.envelope, at.weight_dg, at.size_class, at.base) == ("long3", 500, STD, 110)
    # the same letter with an envelope of 5.1 g weighs 50.1 g: a 長形3号 that heavy is
    # 定形外 規格内 (50-100 g), and the chooser now takes the 角形2号 (60.0 g, same step)
    heavier = dataclasses.replace(rules.envelopes["long3"], weight_dg=51)
    r2 = dataclasses.replace(r, envelopes={**r.envelopes, "long3": heavier})
    named = quote_postage(10, ON, mail_class=MailClass.ORDINARY, envelope="long3", rules=r2)
    assert (named.weight_dg, named.size_class, named.base) == (501, REG, 180)
    chosen = quote_postage(10, ON, mail_class=MailClass.ORDINARY, rules=r2)
    assert (chosen.envelope, chosen.weight_dg, chosen.size_class, chosen.base) == (
        "kaku2",
        600,
        REG,
        180,
    )


def test_50_grams_vs_51_grams_in_kaku2(rules):
    # 角形2号 15 g + 10 sheets of 3.5 g = 50.0 g; + 12 sheets of 3.0 g = 51.0 g
    at = quote_postage(
        10, ON, mail_class=MailClass.ORDINARY, envelope="kaku2", rules=exact(rules, sheet_dg=35)
    )
    assert (at.weight_dg, at.size_class, at.base) == (500, REG, 140)
    over = quote_postage(
        12, ON, mail_class=MailClass.ORDINARY, envelope="kaku2", rules=exact(rules, sheet_dg=30)
    )
    assert (over.weight_dg, over.size_class, over.base) == (510, REG, 180)


# Every step of the 2024-10-01 table, each at its bound and one tenth of a gram above.
# kaku2 (150 dg) + n sheets of 1 dg lands on any weight: weight = 150 + n.
REGULAR_STEPS = [(500, 140), (1000, 180), (1500, 270), (2500, 320), (5000, 510), (10000, 750)]
IRREGULAR_STEPS = [
    (500, 260),
    (1000, 290),
    (1500, 390),
    (2500, 450),
    (5000, 660),
    (10000, 920),
    (20000, 1350),
    (40000, 1750),
]


@pytest.mark.parametrize(("bound", "yen"), REGULAR_STEPS)
def test_every_regular_step(rules, bound, yen):
    r = dataclasses.replace(exact(rules, sheet_dg=1), sheet_thickness_um=0)
    at = quote_postage(bound - 150, ON, mail_class=MailClass.ORDINARY, envelope="kaku2", rules=r)
    assert (at.weight_dg, at.size_class, at.base) == (bound, REG, yen)
    above = quote_postage(bound - 149, ON, mail_class=MailClass.ORDINARY, envelope="kaku2", rules=r)
    assert above.weight_dg == bound + 1
    if bound < 10000:
        assert above.size_class is REG
        assert above.base == REGULAR_STEPS[REGULAR_STEPS.index((bound, yen)) + 1][1]
    else:  # over 1 kg: 規格外 1-2 kg
        assert (above.size_class, above.base) == (IRR, 1350)


@pytest.mark.parametrize(("bound", "yen"), IRREGULAR_STEPS)
def test_every_irregular_step(rules, bound, yen):
    # thicker than 3 cm -> 規格外 whatever the weight: one medium of 31 mm
    r = dataclasses.replace(
        exact(rules, sheet_dg=1, medium_dg=0), sheet_thickness_um=0, medium_thickness_um=31_000
    )
    at = quote_postage(bound - 150, ON, mail_class=MailClass.ORDINARY, media_count=1, rules=r)
    assert (at.weight_dg, at.size_class, at.base) == (bound, IRR, yen)
    if bound < 40000:
        above = quote_postage(
            bound - 149, ON, mail_class=MailClass.ORDINARY, media_count=1, rules=r
        )
        assert above.base == IRREGULAR_STEPS[IRREGULAR_STEPS.index((bound, yen)) + 1][1]


def test_4_kg_mails_and_4_kg_plus_a_tenth_cannot(rules):
    r = dataclasses.replace(exact(rules, sheet_dg=1), sheet_thickness_um=0)
    at = quote_postage(40000 - 150, ON, mail_class=MailClass.SIMPLE_REGISTERED, rules=r)
    assert (at.weight_dg, at.size_class, at.total) == (40000, IRR, 1750 + 350)
    with pytest.raises(DomainError) as info:
        quote_postage(40000 - 149, ON, mail_class=MailClass.SIMPLE_REGISTERED, rules=r)
    assert "4,000.1 g" in info.value.message
    assert "郵送できません" in info.value.message
    assert "窓口でお渡し" in info.value.hint


def test_shipped_rules_refuse_a_thousand_pages(rules):
    with pytest.raises(DomainError, match="郵送できません"):
        quote_postage(1000, ON, mail_class=MailClass.ORDINARY, rules=rules)


@pytest.mark.parametrize(
    ("mail_class", "surcharge_2024", "surcharge_2019"),
    [
        (MailClass.ORDINARY, 0, 0),
        (MailClass.RECORDED, 210, 160),
        (MailClass.SIMPLE_REGISTERED, 350, 320),
        (MailClass.REGISTERED, 480, 435),
    ],
)
def test_surcharges_by_date(rules, mail_class, surcharge_2024, surcharge_2019):
    new = quote_postage(0, ON, mail_class=mail_class, rules=rules)
    old = quote_postage(0, OLD, mail_class=mail_class, rules=rules)
    assert (new.surcharge, new.total) == (surcharge_2024, 110 + surcharge_2024)
    # 9.2 g in 長形3号 under the old table: 定形 25 g step, 84 yen
    assert (old.surcharge, old.base, old.total) == (surcharge_2019, 84, 84 + surcharge_2019)
    assert (new.table_version, old.table_version) == ("2024-10-01", "2019-10-01")


def test_table_change_day(rules):
    assert (
        quote_postage(0, dt.date(2024, 10, 1), mail_class=MailClass.ORDINARY, rules=rules).base
        == 110
    )
    assert (
        quote_postage(0, dt.date(2024, 9, 30), mail_class=MailClass.ORDINARY, rules=rules).base
        == 84
    )


def test_before_the_first_table_is_an_error(rules):
    with pytest.raises(DomainError, match="郵便料金表"):
        quote_postage(0, dt.date(2019, 9, 30), mail_class=MailClass.ORDINARY, rules=rules)


def test_media_go_in_kaku2_and_are_not_allowed_in_long3(rules):
    q = quote_postage(0, ON, mail_class=MailClass.SIMPLE_REGISTERED, media_count=1, rules=rules)
    # cover 4.2 + CD-R 40 + 角形2号 15 = 59.2 g, 5.1 mm thick: 規格内 50-100 g
    assert (q.envelope, q.weight_dg, q.thickness_um, q.size_class, q.total) == (
        "kaku2",
        592,
        5100,
        REG,
        180 + 350,
    )
    with pytest.raises(DomainError, match="長形3号"):
        quote_postage(
            0, ON, mail_class=MailClass.ORDINARY, media_count=1, envelope="long3", rules=rules
        )


def test_six_media_exceed_3_cm_and_become_irregular(rules):
    five = quote_postage(0, ON, mail_class=MailClass.ORDINARY, media_count=5, rules=rules)
    six = quote_postage(0, ON, mail_class=MailClass.ORDINARY, media_count=6, rules=rules)
    assert (five.thickness_um, five.size_class) == (25_100, REG)
    assert (six.thickness_um, six.size_class) == (30_100, IRR)


def test_named_envelope_and_unknown_envelope(rules):
    q = quote_postage(0, ON, mail_class=MailClass.ORDINARY, envelope="kaku2", rules=rules)
    assert (q.envelope, q.size_class, q.base) == ("kaku2", REG, 140)
    with pytest.raises(InputError, match="未知の封筒"):
        quote_postage(0, ON, mail_class=MailClass.ORDINARY, envelope="yoke4", rules=rules)


@pytest.mark.parametrize("pages", [-1, True, 1.5, "3"])
def test_bad_page_counts(rules, pages):
    with pytest.raises(InputError, match="0以上の整数"):
        quote_postage(pages, ON, mail_class=MailClass.ORDINARY, rules=rules)


def test_labels_and_formatting():
    assert [m.label for m in MailClass] == ["普通郵便", "特定記録", "簡易書留", "一般書留"]
    assert SizeClass.NONSTANDARD_IRREGULAR.label == "定形外 (規格外)"
    assert (format_grams(500), format_grams(40001), format_grams(7)) == ("50.0", "4,000.1", "0.7")


def test_round_trip_and_strict_from_dict(rules):
    q = quote_postage(3, ON, mail_class=MailClass.RECORDED, rules=rules)
    assert PostageQuote.from_dict(q.to_dict()) == q
    bad = {**q.to_dict(), "colour": "red"}
    with pytest.raises(InputError, match="未知の項目"):
        PostageQuote.from_dict(bad)
    with pytest.raises(InputError, match="整数が必要"):
        PostageQuote.from_dict({**q.to_dict(), "total": "460"})
    with pytest.raises(InputError, match="いずれかが必要"):
        PostageQuote.from_dict({**q.to_dict(), "mail_class": "pigeon"})


@given(
    pages=st.integers(0, 900),
    extra=st.integers(1, 50),
    media=st.integers(0, 3),
    mail_class=st.sampled_from(list(MailClass)),
)
def test_more_pages_never_cost_less(pages, extra, media, mail_class):
    rules = rule_values.postage_rules()
    try:
        more = quote_postage(
            pages + extra, ON, mail_class=mail_class, media_count=media, rules=rules
        )
    except DomainError as refused:  # the one refusal here: over the 4 kg limit
        assert "郵送できません" in refused.message and "4,000.0 g" in refused.message
        return
    fewer = quote_postage(pages, ON, mail_class=mail_class, media_count=media, rules=rules)
    assert more.total >= fewer.total
    assert more.weight_dg > fewer.weight_dg


@pytest.mark.parametrize(
    ("sheets", "weight_dg", "size", "base"),
    [
        (200, 250, STD, 84),  # 2019 table: 定形 25.0 g
        (201, 251, STD, 94),  # 25.1 g: the 50 g step
        (450, 500, STD, 94),  # 50.0 g: still 定形
        (451, 501, REG, 140),  # 50.1 g: 定形外 規格内, its 100 g step (2019: 140)
    ],
)
def test_the_2019_table_steps_at_their_bounds(rules, sheets, weight_dg, size, base):
    """A request of 2024-09-30 still costs the old postage at each bound and one tenth over
    (長形3号 5.0 g + sheets of 0.1 g)."""
    r = dataclasses.replace(exact(rules, sheet_dg=1), sheet_thickness_um=0)
    q = quote_postage(sheets, OLD, mail_class=MailClass.ORDINARY, envelope="long3", rules=r)
    assert (q.table_version, q.weight_dg, q.size_class, q.base) == (
        "2019-10-01",
        weight_dg,
        size,
        base,
    )
