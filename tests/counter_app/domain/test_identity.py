"""Identity verdict (domain.md §2), table-driven against the bundled documents.toml."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.documents import DocumentKind, UnknownDocumentType
from counter_app.domain.identity import DocumentShown, Verdict, identity_verdict
from counter_app.domain.wareki import wareki_with_seireki
from counter_app.errors import InputError
from tests import rule_values

D = dt.date
ON = D(2025, 6, 15)
#: The shipped catalogue (documents.toml), built in memory.
CATALOGUE = rule_values.document_catalogue()
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def doc(doc_type: str, **kw) -> DocumentShown:
    """An original document whose name, birth date and address all matched, unless told
    otherwise."""
    base = {
        "original": True,
        "name_matches": True,
        "birth_date_matches": True,
        "address_matches": True,
    }
    base.update(kw)
    return DocumentShown(doc_type, **base)


LICENSE = doc("drivers_license", expiry=D(2027, 5, 1))
PASSPORT = doc("passport", expiry=D(2030, 1, 1), address_matches=False)
PENSION = doc("pension_book")
HEALTH = doc("health_insurance_card", expiry=D(2026, 3, 31))
QUALIFICATION = doc("qualification_certificate", expiry=D(2030, 3, 31))
RESIDENT = doc("resident_record", issued_on=D(2025, 6, 1))
SEAL = doc("seal_certificate", issued_on=D(2025, 6, 1), with_registered_seal=True)


def assert_japanese(verdict: Verdict) -> None:
    assert verdict.reasons, "a verdict always says why"
    for text in verdict.reasons + verdict.warnings:
        assert JAPANESE.search(text), text


@pytest.mark.parametrize(
    ("label", "documents", "on", "passed", "rule", "warn"),
    [
        ("license alone", [LICENSE], ON, True, "photo_1", None),
        (
            "license expiring today still counts",
            [doc("drivers_license", expiry=ON)],
            ON,
            True,
            "photo_1",
            None,
        ),
        ("expired passport", [doc("passport", expiry=D(2025, 6, 14))], ON, False, None, None),
        ("passport without address field", [PASSPORT], ON, True, "photo_1", "住所の記載がない"),
        (
            "my number card front",
            [doc("my_number_card", expiry=D(2030, 1, 1))],
            ON,
            True,
            "photo_1",
            None,
        ),
        (
            "my number card back",
            [doc("my_number_card", expiry=D(2030, 1, 1), shows_my_number=True)],
            ON,
            False,
            None,
            None,
        ),
        ("photo doc with expiry missing", [doc("residence_card")], ON, False, None, None),
        (
            "disability certificate (no expiry)",
            [doc("disability_certificate")],
            ON,
            True,
            "photo_1",
            None,
        ),
        (
            "driving history certificate",
            [doc("driving_history_certificate")],
            ON,
            True,
            "photo_1",
            None,
        ),
        (
            "name does not match",
            [doc("drivers_license", expiry=D(2027, 1, 1), name_matches=False)],
            ON,
            False,
            None,
            None,
        ),
        (
            "birth date does not match",
            [doc("drivers_license", expiry=D(2027, 1, 1), birth_date_matches=False)],
            ON,
            False,
            None,
            None,
        ),
        ("one non-photo is not enough", [PENSION], ON, False, None, None),
        ("two non-photo", [PENSION, QUALIFICATION], ON, True, "non_photo_2", "なりすまし"),
        (
            "seal certificate + 実印 as one of two",
            [SEAL, PENSION],
            ON,
            True,
            "non_photo_2",
            "なりすまし",
        ),
        (
            "seal certificate without 実印",
            [doc("seal_certificate", issued_on=D(2025, 6, 1)), PENSION],
            ON,
            False,
            None,
            None,
        ),
        (
            "住民票 with 個人番号 refused",
            [doc("resident_record", issued_on=D(2025, 6, 1), shows_my_number=True), PENSION],
            ON,
            False,
            None,
            None,
        ),
        ("住民票 without issue date", [doc("resident_record"), PENSION], ON, False, None, None),
        (
            "住民票 exactly 6 months old",
            [doc("resident_record", issued_on=D(2024, 12, 15)), PENSION],
            ON,
            True,
            "non_photo_2",
            None,
        ),
        (
            "住民票 6 months + 1 day old",
            [doc("resident_record", issued_on=D(2024, 12, 14)), PENSION],
            ON,
            False,
            None,
            None,
        ),
        (
            "document issued after the check date",
            [doc("resident_record", issued_on=D(2025, 6, 16)), PENSION],
            ON,
            False,
            None,
            None,
        ),
        (
            "legacy 健康保険証 on the last day 2025-12-01",
            [HEALTH, PENSION],
            D(2025, 12, 1),
            True,
            "non_photo_2",
            None,
        ),
        ("legacy 健康保険証 on 2025-12-02", [HEALTH, PENSION], D(2025, 12, 2), False, None, None),
        (
            "legacy 健康保険証 issued 2024-12-02 cannot exist",
            [doc("health_insurance_card", issued_on=D(2024, 12, 2)), PENSION],
            ON,
            False,
            None,
            None,
        ),
        (
            "legacy 健康保険証 issued 2024-12-01",
            [doc("health_insurance_card", issued_on=D(2024, 12, 1)), PENSION],
            ON,
            True,
            "non_photo_2",
            None,
        ),
        ("nothing shown", [], ON, False, None, None),
        (
            "expired photo + two non-photo",
            [doc("passport", expiry=D(2020, 1, 1)), PENSION, RESIDENT],
            ON,
            True,
            "non_photo_2",
            None,
        ),
    ],
)
def test_identity_rules(label, documents, on, passed, rule, warn):
    verdict = identity_verdict(documents, on, catalogue=CATALOGUE)
    assert verdict.passed is passed, (label, verdict.reasons)
    assert verdict.rule == rule
    if warn:
        assert any(warn in w for w in verdict.warnings), verdict.warnings
    if not passed:  # refused for its own reason, said to the staff
        assert any(REFUSED_BECAUSE[label] in r for r in verdict.reasons), verdict.reasons
    assert_japanese(verdict)


#: Why each refused row of test_identity_rules is refused (a part of one of its reasons).
REFUSED_BECAUSE = {
    "expired passport": "パスポート: 数えません (有効期限切れです (有効期限 令和7年(2025年)6月14日))",
    "my number card back": "裏面 (個人番号) での確認はできません。表面のみで確認してください",
    "photo doc with expiry missing": "在留カード: 数えません (有効期限が入力されていません)",
    "name does not match": "運転免許証: 数えません (氏名が一致しません)",
    "birth date does not match": "運転免許証: 数えません (生年月日が一致しません)",
    "one non-photo is not enough": "(有効なもの: 写真付き0点、写真なし1点)",
    "seal certificate without 実印": "実印の持参がないため本人確認書類として数えません",
    "住民票 with 個人番号 refused": "個人番号が記載されています。受け取らず、番号を記録しないでください",
    "住民票 without issue date": "住民票の写し: 数えません (発行日が入力されていません)",
    "住民票 6 months + 1 day old": "発行から6か月を超えています (発行日 令和6年(2024年)12月14日)",
    "document issued after the check date": "発行日 (令和7年(2025年)6月16日) が確認日より後です",
    "legacy 健康保険証 on 2025-12-02": "令和7年(2025年)12月1日を過ぎたため本人確認に使えません",
    "legacy 健康保険証 issued 2024-12-02 cannot exist": "令和6年(2024年)12月1日より後に発行されたものはありません",
    "nothing shown": "本人確認書類が提示されていません",
}


def test_a_pass_names_what_satisfied_it():
    verdict = identity_verdict([LICENSE], ON, catalogue=CATALOGUE)
    assert verdict.rule_label == "写真付き書類1点"
    assert any("運転免許証" in r and "本人確認できます" in r for r in verdict.reasons)


def test_every_failing_document_gives_its_own_reason():
    verdict = identity_verdict(
        [doc("passport", expiry=D(2025, 1, 1)), doc("resident_record", issued_on=D(2024, 1, 1))],
        ON,
        catalogue=CATALOGUE,
    )
    assert not verdict.passed
    text = "\n".join(verdict.reasons)
    assert "有効期限切れ" in text
    assert "6か月を超えています" in text
    assert "写真付き0点、写真なし0点" in text


def test_my_number_card_back_says_front_only():
    verdict = identity_verdict(
        [doc("my_number_card", expiry=D(2030, 1, 1), shows_my_number=True)], ON, catalogue=CATALOGUE
    )
    assert any("表面のみ" in r for r in verdict.reasons)


def test_address_differs_needs_a_second_document():
    alone = identity_verdict([LICENSE], ON, address_differs_from_record=True, catalogue=CATALOGUE)
    assert not alone.passed
    assert any("2点目の書類が必要" in r for r in alone.reasons)
    with_second = identity_verdict(
        [LICENSE, PENSION], ON, address_differs_from_record=True, catalogue=CATALOGUE
    )
    assert with_second.passed and with_second.rule == "photo_1"
    assert any("住所変更" in w for w in with_second.warnings)


@pytest.mark.parametrize(
    ("documents", "address_differs", "short"),
    [
        ([PENSION, PENSION], False, "写真付き0点、写真なし1点"),
        ([RESIDENT, RESIDENT], False, "写真付き0点、写真なし1点"),
        ([SEAL, SEAL], False, "写真付き0点、写真なし1点"),
        ([LICENSE, LICENSE], True, "2点目の書類が必要"),  # the second must be another
    ],
)
def test_the_same_kind_of_document_counts_once(documents, address_differs, short):
    """No document number is kept, so a type entered twice is one document: two entries of
    one 住民票 are not the two non-photo documents, nor the second document that confirms a
    new address."""
    verdict = identity_verdict(
        documents, ON, address_differs_from_record=address_differs, catalogue=CATALOGUE
    )
    assert not verdict.passed, verdict.reasons
    assert any(short in r for r in verdict.reasons), verdict.reasons
    label = CATALOGUE.get(documents[0].doc_type).label
    assert f"{label}: 数えません (同じ種類の書類は1点として数えます)" in verdict.reasons
    # with a second, different document each passes
    other = QUALIFICATION if documents[0] is not LICENSE else PENSION
    assert identity_verdict(
        [documents[0], other], ON, address_differs_from_record=address_differs, catalogue=CATALOGUE
    ).passed


def test_unmatched_address_on_the_only_document_needs_a_second_document():
    verdict = identity_verdict(
        [doc("drivers_license", expiry=D(2027, 1, 1), address_matches=False)],
        ON,
        catalogue=CATALOGUE,
    )
    assert not verdict.passed
    assert any("2点目" in r for r in verdict.reasons)


def test_unknown_document_type_is_an_input_error_in_japanese():
    with pytest.raises(UnknownDocumentType) as info:
        identity_verdict([doc("library_card")], ON, catalogue=CATALOGUE)
    assert "library_card" in info.value.message and "登録されていません" in info.value.message


def test_expiry_before_issue_is_refused_at_construction():
    with pytest.raises(InputError) as info:
        DocumentShown("passport", original=True, issued_on=D(2025, 1, 2), expiry=D(2025, 1, 1))
    assert "発行日" in info.value.message


def test_document_round_trips_through_a_dict():
    assert DocumentShown.from_dict(SEAL.to_dict()) == SEAL
    assert SEAL.to_dict()["issued_on"] == "2025-06-01"
    verdict = identity_verdict([PENSION, QUALIFICATION], ON, catalogue=CATALOGUE)
    assert Verdict.from_dict(verdict.to_dict()) == verdict


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"doc_type": "passport", "colour": "red"}, "未知の項目「colour」"),
        ({"doc_type": "passport", "license_number": "123"}, "書類の番号は記録しません"),
        ({"doc_type": "passport", "expiry": "2025/01/01"}, "YYYY-MM-DD"),
        ({"doc_type": "passport", "name_matches": "yes"}, "true または false"),
        ({"doc_type": 3}, "文字列"),
        ({"expiry": "2025-01-01"}, "必須の項目「doc_type」"),
        (["passport"], "オブジェクト"),
    ],
)
def test_from_dict_rejects_bad_input_in_japanese(data, message):
    with pytest.raises(InputError) as info:
        DocumentShown.from_dict(data)
    assert message in info.value.message


def test_verdict_from_dict_rejects_an_unknown_rule():
    with pytest.raises(InputError) as info:
        Verdict.from_dict({"passed": True, "rule": "photo_9", "reasons": ["x"], "warnings": []})
    assert info.value.message == "「本人確認の結果.rule」の値「photo_9」は使えません。"
    assert info.value.hint == "使える値: photo_1、non_photo_2"


def test_catalogue_lists_every_document_of_domain_md():
    cat = CATALOGUE
    photo = {t.key for t in cat.of_kind(DocumentKind.PHOTO)}
    assert photo == {
        "drivers_license",
        "my_number_card",
        "passport",
        "residence_card",
        "special_permanent_resident_certificate",
        "disability_certificate",
        "driving_history_certificate",
    }
    non_photo = {t.key for t in cat.of_kind(DocumentKind.NON_PHOTO)}
    assert non_photo == {
        "qualification_certificate",
        "health_insurance_card",
        "pension_book",
        "resident_record",
    }
    assert cat.get("seal_certificate").kind is DocumentKind.SEAL_CERTIFICATE
    assert all(JAPANESE.search(t.label) for t in cat.types)


@given(
    expiry=st.dates(D(2000, 1, 1), D(2040, 1, 1)),
    on=st.dates(D(2020, 1, 1), D(2035, 1, 1)),
    doc_type=st.sampled_from(["drivers_license", "passport", "residence_card", "my_number_card"]),
)
def test_an_expired_document_never_counts(expiry, on, doc_type):
    verdict = identity_verdict([doc(doc_type, expiry=expiry)], on, catalogue=CATALOGUE)
    assert verdict.passed is (expiry >= on)


def test_the_second_document_for_a_changed_address_must_carry_an_address():
    """§2: the address differs from the member record -> a second document, which is there
    to confirm the current address: a passport (no address field since 2020) cannot."""
    moved = doc("drivers_license", expiry=D(2027, 5, 1), address_matches=False)
    with_passport = identity_verdict([moved, PASSPORT], ON, catalogue=CATALOGUE)
    assert not with_passport.passed and with_passport.rule is None
    assert (
        "書類の住所が組合員登録の住所と異なるため、現住所を確認できる2点目の書類が必要です"
        " (住所の記載がある書類: 1点)" in with_passport.reasons
    )
    # the same with the staff's own tick, and with a document that has an address: passes
    assert not identity_verdict(
        [LICENSE, PASSPORT], ON, address_differs_from_record=True, catalogue=CATALOGUE
    ).passed
    new_address = doc("resident_record", issued_on=D(2025, 6, 1), address_matches=False)
    second = identity_verdict([moved, new_address], ON, catalogue=CATALOGUE)
    assert second.passed and second.rule == "photo_1"
    assert any("住所変更" in w for w in second.warnings)


@pytest.mark.parametrize(
    ("issued", "counts"),
    [(D(2024, 12, 15), True), (D(2024, 12, 14), False), (ON, True)],
)
def test_a_seal_certificate_with_its_seal_counts_for_6_months(issued, counts):
    """印鑑登録証明書 + 実印 as one of two: exactly 6 months old counts, a day older not."""
    seal = doc("seal_certificate", issued_on=issued, with_registered_seal=True)
    verdict = identity_verdict([seal, PENSION], ON, catalogue=CATALOGUE)
    assert verdict.passed is counts, verdict.reasons
    if not counts:
        said = f"発行から6か月を超えています (発行日 {wareki_with_seireki(issued)})"
        assert said in "\n".join(verdict.reasons)


# -- only the original counts (domain.md §2) ------------------------------------------------
NOT_ORIGINAL = "原本ではないため数えません (コピー・画像・写しは使えません)"
NOT_ORIGINAL_CERTIFIED = (
    "原本ではないため数えません (コピー・画像は使えません。発行された証明書そのものが必要です)"
)


def test_a_document_that_is_not_the_original_does_not_count():
    copy = doc("drivers_license", expiry=D(2027, 5, 1), original=False)
    verdict = identity_verdict([copy], ON, catalogue=CATALOGUE)
    assert not verdict.passed and verdict.rule is None
    assert verdict.reasons[0] == f"運転免許証: {NOT_ORIGINAL}"
    assert "(有効なもの: 写真付き0点、写真なし0点)" in verdict.reasons[-1]
    # the same licence with the tick passes
    assert identity_verdict([LICENSE], ON, catalogue=CATALOGUE).rule == "photo_1"


def test_not_the_original_is_the_only_reason_given_for_that_document():
    """A photocopy is not looked at further: an expired photocopy is refused as a copy."""
    copy = doc("passport", expiry=D(2020, 1, 1), original=False, name_matches=False)
    verdict = identity_verdict([copy], ON, catalogue=CATALOGUE)
    assert verdict.reasons[0] == f"パスポート: {NOT_ORIGINAL}"
    assert "有効期限" not in verdict.reasons[0] and "氏名" not in verdict.reasons[0]


@pytest.mark.parametrize(
    ("label", "document"),
    [
        ("住民票の写し", doc("resident_record", issued_on=D(2025, 6, 1), original=False)),
        (
            "印鑑登録証明書 (実印の持参が必要)",
            doc(
                "seal_certificate",
                issued_on=D(2025, 6, 1),
                with_registered_seal=True,
                original=False,
            ),
        ),
    ],
)
def test_a_photocopy_of_a_certified_copy_does_not_count(label, document):
    """住民票の写し and 印鑑登録証明書 are themselves copies certified by the city: their
    original is the issued paper, and the reason does not say "a 写し cannot be used"."""
    verdict = identity_verdict([document, PENSION], ON, catalogue=CATALOGUE)
    assert not verdict.passed
    assert f"{label}: {NOT_ORIGINAL_CERTIFIED}" in verdict.reasons
    assert CATALOGUE.get(document.doc_type).certified_copy


def test_two_non_photo_documents_need_both_originals():
    copy = doc("pension_book", original=False)
    verdict = identity_verdict([QUALIFICATION, copy], ON, catalogue=CATALOGUE)
    assert not verdict.passed
    assert f"年金手帳・年金証書: {NOT_ORIGINAL}" in verdict.reasons
    assert identity_verdict([QUALIFICATION, PENSION], ON, catalogue=CATALOGUE).rule == "non_photo_2"


def test_a_copy_cannot_be_the_second_document_for_a_changed_address():
    moved = doc("drivers_license", expiry=D(2027, 5, 1), address_matches=False)
    copy = doc("resident_record", issued_on=D(2025, 6, 1), original=False)
    verdict = identity_verdict([moved, copy], ON, catalogue=CATALOGUE)
    assert not verdict.passed
    assert any("(住所の記載がある書類: 1点)" in r for r in verdict.reasons)


def test_original_is_required_in_a_dict_naming_the_key():
    data = {"doc_type": "passport", "expiry": "2030-01-01", "name_matches": True}
    with pytest.raises(InputError) as info:
        DocumentShown.from_dict(data, "identity.documents[0]")
    assert info.value.message == (
        "「identity.documents[0]」に必須の項目「original」(原本を確認したか) がありません。"
    )
    assert "true" in info.value.hint and "原本でない書類は数えません" in info.value.hint
    # a number field is still refused first, as a number
    with pytest.raises(InputError) as info:
        DocumentShown.from_dict({"doc_type": "passport", "passport_number": "X"})
    assert "書類の番号は記録しません" in info.value.message
    with pytest.raises(InputError) as info:
        DocumentShown.from_dict({"doc_type": "passport", "original": "yes"})
    assert (
        info.value.message
        == "「書類.original」にはtrue または falseを指定してください (値: 'yes')。"
    )
    shown = DocumentShown.from_dict(dict(data, original=False))
    assert shown.original is False and shown.to_dict()["original"] is False


def test_original_has_no_default_in_python_either():
    with pytest.raises(TypeError, match="original"):
        DocumentShown("passport")  # type: ignore[call-arg]
