"""Proxy verdict (domain.md §3) and the date rules it rests on (dates.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.dates import add_months, age_on, months_between_ok
from counter_app.domain.identity import DocumentShown, Verdict, identity_verdict
from counter_app.domain.proxy import (
    PowerOfAttorney,
    ProxyKind,
    ProxyVerdict,
    RelationshipDocument,
    SealCertificate,
    proxy_verdict,
)
from counter_app.errors import InputError
from tests import rule_values

D = dt.date
REQ = D(2025, 6, 15)
#: The shipped proxy rules (proxy.toml) and document catalogue, built in memory.
RULES = rule_values.proxy_rules()
CATALOGUE = rule_values.document_catalogue()
ID_OK = Verdict(True, "photo_1", ("運転免許証: 有効 (写真付き)",), ())
ID_NG = Verdict(False, None, ("パスポート: 数えません (有効期限切れです)",), ())
POA = PowerOfAttorney(
    dated=D(2025, 6, 1),
    original=True,
    signed_by_principal=True,
    sealed=True,
    principal_address_written=True,
    principal_birth_date_written=True,
    principal_phone_written=True,
    proxy_name_written=True,
    proxy_address_written=True,
    covers_request=True,
    covers_receipt=False,
)
SEAL = SealCertificate(issued_on=D(2025, 5, 1), original=True, impression_compared=True)
KOSEKI = RelationshipDocument("koseki", D(2025, 6, 1), original=True, shows_relationship=True)
REGISTRY = RelationshipDocument(
    "registry_certificate", D(2025, 6, 1), original=True, shows_relationship=True
)


# -- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 1, 15), -13, D(2023, 12, 15)),
    ],
)
def test_add_months_clamps_at_month_end(d, n, expected):
    assert add_months(d, n) == expected


@pytest.mark.parametrize(
    ("issued", "on", "ok"),
    [
        (D(2025, 3, 15), D(2025, 6, 15), True),  # exactly 3 months
        (D(2025, 3, 14), D(2025, 6, 15), False),  # one day older
        (D(2024, 11, 30), D(2025, 2, 28), True),  # no 30 Feb: ends on the month's last day
        (D(2024, 11, 30), D(2025, 3, 1), False),
        (D(2025, 6, 16), D(2025, 6, 15), False),  # dated after the day: never "within"
        (D(2025, 6, 15), D(2025, 6, 15), True),
    ],
)
def test_months_between_ok(issued, on, ok):
    assert months_between_ok(issued, on, 3) is ok


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (D(2007, 6, 16), D(2025, 6, 14), 17),
        (D(2007, 6, 16), D(2025, 6, 15), 18),  # the day before the birthday: 18 reached
        (D(2007, 6, 16), D(2025, 6, 16), 18),
        (D(2004, 2, 29), D(2022, 2, 27), 17),
        (D(2004, 2, 29), D(2022, 2, 28), 18),  # common year: the day before 1 March
        (D(2000, 1, 1), D(2000, 1, 1), 0),
    ],
)
def test_age_on_follows_the_age_calculation_act(birth, on, age):
    assert age_on(birth, on) == age


@given(d=st.dates(D(1900, 1, 1), D(2100, 1, 1)), n=st.integers(-240, 240))
def test_add_months_round_trip_on_early_days(d, n):
    early = d.replace(day=min(d.day, 28))
    assert add_months(add_months(early, n), -n) == early


# -- voluntary proxy -------------------------------------------------------------------------
def voluntary(**kw) -> ProxyVerdict:
    args = {
        "request_date": REQ,
        "principal_birth_date": D(1960, 4, 1),
        "proxy_identity": ID_OK,
        "power_of_attorney": POA,
        "seal_certificate": SEAL,
        "rules": RULES,
    }
    args.update(kw)
    return proxy_verdict(ProxyKind.VOLUNTARY, **args)


def test_voluntary_proxy_passes_and_result_goes_to_the_registered_address():
    verdict = voluntary()
    assert verdict.passed, verdict.reasons
    assert verdict.may_hand_to_proxy is False
    assert "登録住所" in verdict.handover_label
    assert any("受領" in r for r in verdict.reasons)


def test_voluntary_proxy_with_receipt_in_scope_may_receive():
    verdict = voluntary(power_of_attorney=dataclasses.replace(POA, covers_receipt=True))
    assert verdict.passed and verdict.may_hand_to_proxy


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"original": False}, "原本"),
        ({"signed_by_principal": False}, "自署"),
        ({"sealed": False}, "押印"),
        ({"principal_address_written": False}, "委任者の住所"),
        ({"principal_birth_date_written": False}, "生年月日"),
        ({"principal_phone_written": False}, "電話番号"),
        ({"proxy_name_written": False}, "代理人の氏名"),
        ({"proxy_address_written": False}, "代理人の住所"),
        ({"covers_request": False}, "「請求」"),
        ({"dated": D(2025, 6, 16)}, "請求日 (令和7年(2025年)6月15日) より後"),
        ({"dated": D(2025, 3, 15)}, None),  # exactly 3 months: fine
        ({"dated": D(2025, 3, 14)}, "3か月を超えています"),
    ],
)
def test_power_of_attorney_rules(change, message):
    verdict = voluntary(power_of_attorney=dataclasses.replace(POA, **change))
    if message is None:
        assert verdict.passed, verdict.reasons
    else:
        assert not verdict.passed
        assert not verdict.may_hand_to_proxy
        assert any(message in r for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    ("seal", "message"),
    [
        (None, "印鑑登録証明書 (原本) がありません"),
        (dataclasses.replace(SEAL, original=False), "原本ではありません"),
        (dataclasses.replace(SEAL, impression_compared=False), "印影照合"),
        (dataclasses.replace(SEAL, issued_on=D(2025, 3, 15)), None),  # exactly 3 months old
        (dataclasses.replace(SEAL, issued_on=D(2025, 3, 14)), "3か月を超えています"),  # a day older
        (dataclasses.replace(SEAL, issued_on=D(2025, 6, 16)), "請求日より後"),
    ],
)
def test_seal_certificate_rules(seal, message):
    verdict = voluntary(seal_certificate=seal)
    if message is None:
        assert verdict.passed, verdict.reasons
    else:
        assert not verdict.passed
        assert any(message in r for r in verdict.reasons), verdict.reasons


def test_voluntary_proxy_without_power_of_attorney_fails():
    verdict = voluntary(power_of_attorney=None)
    assert not verdict.passed
    assert any("委任状" in r and "ありません" in r for r in verdict.reasons)


def test_proxy_own_identity_must_pass_and_its_reasons_are_shown():
    verdict = voluntary(proxy_identity=ID_NG)
    assert not verdict.passed
    assert any("代理人本人の確認ができていません" in r for r in verdict.reasons)
    assert any("有効期限切れ" in r for r in verdict.reasons)


def test_a_photocopy_of_the_proxys_own_licence_does_not_identify_the_proxy():
    """The proxy's own ID follows §2 too: only the original counts."""
    licence = {
        "doc_type": "drivers_license",
        "expiry": D(2027, 5, 1),
        "name_matches": True,
        "birth_date_matches": True,
        "address_matches": True,
    }
    copy = identity_verdict([DocumentShown(original=False, **licence)], REQ, catalogue=CATALOGUE)
    verdict = voluntary(proxy_identity=copy)
    assert not verdict.passed and not verdict.may_hand_to_proxy
    assert "代理人本人の確認ができていません" in verdict.reasons
    assert (
        "代理人の書類: 運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)"
        in verdict.reasons
    )
    original = identity_verdict([DocumentShown(original=True, **licence)], REQ, catalogue=CATALOGUE)
    assert voluntary(proxy_identity=original).passed


def test_proxy_identity_warnings_are_carried_over():
    verdict = voluntary(proxy_identity=Verdict(True, "non_photo_2", ("x",), ("なりすましに注意",)))
    assert verdict.passed
    assert verdict.warnings == ("代理人の本人確認: なりすましに注意",)


# -- legal representatives -------------------------------------------------------------------
def legal(kind: ProxyKind, birth: dt.date | None, document=KOSEKI, **kw) -> ProxyVerdict:
    return proxy_verdict(
        kind,
        request_date=kw.pop("request_date", REQ),
        principal_birth_date=birth,
        proxy_identity=kw.pop("proxy_identity", ID_OK),
        relationship_document=document,
        rules=RULES,
        **kw,
    )


@pytest.mark.parametrize(
    ("birth", "passed"),
    [
        (D(2010, 4, 1), True),  # 15
        (D(2007, 6, 17), True),  # 18 on 2025-06-16: still a minor on the request date
        (D(2007, 6, 16), False),  # turns 18 on the request date (the day before the birthday)
        (D(2007, 6, 15), False),  # 18th birthday is the request date
        (D(1990, 1, 1), False),
        (None, False),
    ],
)
def test_parent_only_for_a_minor_principal(birth, passed):
    verdict = legal(ProxyKind.PARENT, birth)
    assert verdict.passed is passed, verdict.reasons
    assert verdict.may_hand_to_proxy is passed
    if birth is not None and not passed:
        assert any("委任状" in r and "成年" in r for r in verdict.reasons)


def test_age_of_majority_was_20_before_2022_04_01():
    nineteen = D(2002, 6, 1)
    before = legal(
        ProxyKind.PARENT,
        nineteen,
        request_date=D(2022, 3, 31),
        document=dataclasses.replace(KOSEKI, issued_on=D(2022, 3, 1)),
    )
    assert before.passed, before.reasons
    assert "本人は請求日に19歳で未成年です (成年年齢 20歳)" in before.reasons
    after = legal(
        ProxyKind.PARENT,
        nineteen,
        request_date=D(2022, 4, 1),
        document=dataclasses.replace(KOSEKI, issued_on=D(2022, 3, 1)),
    )
    assert not after.passed
    assert any(
        "19歳で成年 (18歳以上) のため、親権者として請求できません" in r for r in after.reasons
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (None, "原本がありません"),
        (dataclasses.replace(KOSEKI, original=False), "原本ではありません"),
        (dataclasses.replace(KOSEKI, shows_relationship=False), "親権者であることを確認できません"),
        (dataclasses.replace(KOSEKI, issued_on=D(2025, 3, 15)), None),
        (dataclasses.replace(KOSEKI, issued_on=D(2025, 3, 14)), "3か月を超えています"),
        (RelationshipDocument("resident_record", D(2025, 6, 1), True, True), None),
        (
            RelationshipDocument(
                "resident_record", D(2025, 6, 1), True, True, shows_my_number=True
            ),
            "個人番号",
        ),
        (REGISTRY, "確認できません (必要"),
    ],
)
def test_parent_relationship_document(document, message):
    verdict = legal(ProxyKind.PARENT, D(2012, 1, 1), document)
    if message is None:
        assert verdict.passed, verdict.reasons
    else:
        assert not verdict.passed
        assert any(message in r for r in verdict.reasons), verdict.reasons


def assert_refused(verdict: ProxyVerdict, reason: str) -> None:
    assert not verdict.passed and not verdict.may_hand_to_proxy
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_adult_guardian_with_registry_certificate_may_receive():
    verdict = legal(ProxyKind.ADULT_GUARDIAN, D(1940, 1, 1), REGISTRY)
    assert verdict.passed and verdict.may_hand_to_proxy
    stale = legal(
        ProxyKind.ADULT_GUARDIAN,
        D(1940, 1, 1),
        dataclasses.replace(REGISTRY, issued_on=D(2025, 3, 14)),
    )
    assert_refused(
        stale, "登記事項証明書 (後見登記)の発行日 (令和7年(2025年)3月14日) から3か月を超えています"
    )
    assert_refused(
        legal(ProxyKind.ADULT_GUARDIAN, D(1940, 1, 1), KOSEKI),
        "戸籍謄本・戸籍抄本では成年後見人であることを確認できません (必要: 登記事項証明書",
    )


def test_minor_guardian_needs_a_minor_and_a_document():
    assert legal(ProxyKind.MINOR_GUARDIAN, D(2012, 1, 1), REGISTRY).passed
    assert_refused(
        legal(ProxyKind.MINOR_GUARDIAN, D(2000, 1, 1), REGISTRY),
        "25歳で成年 (18歳以上) のため、未成年後見人として請求できません",
    )
    assert_refused(
        legal(ProxyKind.MINOR_GUARDIAN, D(2012, 1, 1), None),
        "未成年後見人であることを示す書類 (登記事項証明書 (後見登記)、戸籍謄本・戸籍抄本) の原本がありません",
    )


def test_legal_representative_own_identity_must_pass():
    verdict = legal(ProxyKind.PARENT, D(2012, 1, 1), proxy_identity=ID_NG)
    assert_refused(verdict, "代理人本人の確認ができていません")
    assert "代理人の書類: パスポート: 数えません (有効期限切れです)" in verdict.reasons
    # the document and the age were fine: the identity alone refused it
    assert any("親権者であることを確認しました" in r for r in verdict.reasons)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: legal(
                ProxyKind.PARENT, D(2012, 1, 1), RelationshipDocument("letter", D(2025, 6, 1))
            ),
            "関係書類の種類「letter」は登録されていません。",
        ),
        (lambda: legal("uncle", D(2012, 1, 1)), "代理人の種類「uncle」は使えません。"),
        (
            lambda: legal(ProxyKind.PARENT, D(2026, 1, 1)),  # born after the request
            "本人の生年月日 (令和8年(2026年)1月1日) が請求日 (令和7年(2025年)6月15日) より後です。",
        ),
    ],
)
def test_unknown_relationship_document_and_kind_are_input_errors(call, message):
    with pytest.raises(InputError) as refused:
        call()
    assert refused.value.message == message


def test_records_round_trip_and_reject_unknown_fields():
    for record in (POA, SEAL, KOSEKI, voluntary()):
        assert type(record).from_dict(record.to_dict()) == record
    with pytest.raises(InputError) as info:
        PowerOfAttorney.from_dict({"dated": "2025-06-01", "stamp": True})
    assert "未知の項目「stamp」" in info.value.message
    with pytest.raises(InputError) as info:
        SealCertificate.from_dict({"issued_on": 20250601})
    assert "「印鑑登録証明書.issued_on」には日付を YYYY-MM-DD の形で" in info.value.message


def test_kind_labels_are_japanese():
    assert [k.label for k in ProxyKind] == [
        "任意代理人 (委任状)",
        "親権者 (法定代理人)",
        "未成年後見人 (法定代理人)",
        "成年後見人 (法定代理人)",
    ]


# -- boundaries (spec audit): each limit at its exact day and one day past -----------------------
def test_a_power_of_attorney_dated_on_the_request_day_counts():
    assert voluntary(power_of_attorney=dataclasses.replace(POA, dated=REQ)).passed


def test_a_seal_certificate_issued_on_the_request_day_counts():
    assert voluntary(seal_certificate=dataclasses.replace(SEAL, issued_on=REQ)).passed


@pytest.mark.parametrize(
    ("kind", "birth", "document"),
    [
        (
            ProxyKind.PARENT,
            D(2012, 1, 1),
            RelationshipDocument("resident_record", D(2025, 3, 15), True, True),
        ),
        (ProxyKind.ADULT_GUARDIAN, D(1940, 1, 1), REGISTRY),
        (ProxyKind.MINOR_GUARDIAN, D(2012, 1, 1), KOSEKI),
    ],
)
def test_relationship_documents_exactly_3_months_old_count_a_day_older_do_not(
    kind, birth, document
):
    exact = dataclasses.replace(document, issued_on=D(2025, 3, 15))
    assert legal(kind, birth, exact).passed
    older = dataclasses.replace(document, issued_on=D(2025, 3, 14))
    assert_refused(legal(kind, birth, older), "から3か月を超えています")


@pytest.mark.parametrize(
    ("birth", "request_date", "passed"),
    [
        # before 2022-04-01 the age of majority was 20 (reached the day before the birthday)
        (D(2002, 4, 2), D(2022, 3, 31), True),  # 19 on 2022-03-31
        (D(2002, 4, 1), D(2022, 3, 31), False),  # 20 reached on 2022-03-31
        # from 2022-04-01: 18 — an 18- or 19-year-old became of age on that day
        (D(2003, 4, 3), D(2022, 4, 1), False),  # 18 on 2022-04-01
        (D(2004, 4, 3), D(2022, 4, 1), True),  # 17
        (D(2004, 4, 2), D(2022, 4, 1), False),  # 18 reached on 2022-04-01
    ],
)
def test_the_age_of_majority_at_each_side_of_its_change(birth, request_date, passed):
    document = dataclasses.replace(KOSEKI, issued_on=request_date)
    verdict = legal(ProxyKind.PARENT, birth, document, request_date=request_date)
    assert verdict.passed is passed, verdict.reasons
