"""register_intake: what is stored, what is refused, and that a refusal stores nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from counter_app.domain.fees import Adjustment
from counter_app.domain.identity import DocumentShown
from counter_app.domain.requests import DisclosureMethod, RequestType, SuspensionGround
from counter_app.errors import DomainError, InputError, MyNumberRefused, PermissionDenied
from counter_app.security.audit import verify_audit_chain
from counter_app.services import intake as intake_module
from counter_app.services.access import DayClosed
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import (
    IdentityInput,
    IntakeInput,
    PersonInput,
    RequestItemInput,
)
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.models import (
    AuditEntry,
    ClosedDay,
    FeeRecord,
    IdentityCheck,
    NumberCounter,
    Person,
    ProxyCheck,
    Receipt,
    Request,
    RequestItem,
)

from .conftest import NOW, TODAY

#: A valid My Number (check digit computed per domain.md section 4): 12345678901 + 8
MY_NUMBER = "123456789018"


def register(counter, intake, actor=None, **kw):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, actor or counter.staff, intake, now=NOW, **kw)
        uow.commit()
    return result


def count(counter, model):
    with counter.db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_self_request_is_stored_with_numbers_receipt_and_audit(counter):
    result = register(counter, sample_self_intake(TODAY))
    assert result.request_number == "R-BR01-01-2025-000001"
    assert result.receipt_number == "BR01-01-2025-000001"
    assert result.received_on == TODAY
    assert result.target_on == dt.date(2025, 6, 16)
    assert result.lawsuit_possible_from == dt.date(2025, 6, 17)
    assert result.change == result.amount_received - result.total >= 0
    with counter.db.unit_of_work(read_only=True) as uow:
        s = uow.session
        request = s.get(Request, result.request_id)
        assert request.principal.name == "山田 花子"
        assert request.principal.name_key == "山田花子"
        assert request.principal.kana_key == "ヤマダハナコ"
        assert request.status == "received"
        assert [i.request_type for i in request.items] == ["disclosure"]
        check = s.scalar(select(IdentityCheck).where(IdentityCheck.request_id == request.id))
        assert check.rule == "photo_1" and check.passed
        assert check.documents[0]["doc_type"] == "drivers_license"
        assert check.documents[0]["original"] is True  # the staff saw the original
        # type, dates and ticks only: no field could hold a document's number
        assert set(check.documents[0]) == {
            "doc_type",
            "original",
            "expiry",
            "issued_on",
            "name_matches",
            "birth_date_matches",
            "address_matches",
            "with_registered_seal",
            "shows_my_number",
        }
        fee = s.scalar(select(FeeRecord).where(FeeRecord.request_id == request.id))
        assert fee.total == result.total and fee.schedule_version == "2024-04-01"
        receipt = s.get(Receipt, result.receipt_id)
        assert receipt.total == result.total and receipt.kind == "issued"
        assert receipt.quote["schedule_version"] == "2024-04-01"
        actions = [
            e.action
            for e in s.scalars(select(AuditEntry).where(AuditEntry.request_id == request.id))
        ]
        assert actions == ["intake.register", "receipt.issue"]
        details = " ".join(e.detail for e in s.scalars(select(AuditEntry)))
        # no name or phone (a bare "090" could appear by chance inside a UUID's hex digits)
        assert "山田" not in details
        assert "090-1234-5678" not in details and "09012345678" not in details
        assert verify_audit_chain(uow) is None


def test_rare_kanji_and_variation_selectors_are_kept(counter):
    name = "𠮷田 葛\U000e0100子"
    intake = sample_self_intake(
        TODAY, requester=PersonInput(name=name, birth_date=dt.date(1970, 1, 1))
    )
    result = register(counter, intake)
    with counter.db.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Request, result.request_id).principal.name == name


def test_proxy_request_stores_proxy_and_its_checks(counter):
    result = register(counter, sample_proxy_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        request = uow.session.get(Request, result.request_id)
        assert request.proxy.name == "髙橋 一郎"
        assert request.proxy_kind == "voluntary" and request.may_hand_to_proxy
        proxy = uow.session.scalar(select(ProxyCheck).where(ProxyCheck.request_id == request.id))
        assert proxy.passed and proxy.inputs["power_of_attorney"]["covers_receipt"]
        subjects = {
            c.subject
            for c in uow.session.scalars(
                select(IdentityCheck).where(IdentityCheck.request_id == request.id)
            )
        }
        assert subjects == {"proxy"}


def test_correction_has_no_fee_and_no_receipt(counter):
    result = register(counter, sample_correction_intake(TODAY))
    assert result.total == 0 and result.receipt_number is None
    assert count(counter, Receipt) == 0
    with counter.db.unit_of_work(read_only=True) as uow:
        item = uow.session.scalar(select(RequestItem))
        assert item.details["requested_value"] == "029-111-2222"


def test_numbers_follow_each_other(counter):
    numbers = [register(counter, sample_self_intake(TODAY)).request_number for _ in range(3)]
    assert numbers == [f"R-BR01-01-2025-00000{i}" for i in (1, 2, 3)]


def assert_nothing_stored(counter):
    for model in (Request, Person, RequestItem, IdentityCheck, FeeRecord, Receipt, NumberCounter):
        assert count(counter, model) == 0, model.__name__
    # only the setup rows (branch, staff, and two sign-ins: attempt and login each)
    assert count(counter, AuditEntry) == 8


def test_failure_halfway_leaves_no_partial_request(counter, monkeypatch):
    def broken_record(*args, **kwargs):
        raise OSError("simulated crash after the request rows were flushed")

    monkeypatch.setattr(intake_module, "record", broken_record)
    with pytest.raises(OSError):
        register(counter, sample_self_intake(TODAY))
    assert_nothing_stored(counter)
    monkeypatch.undo()
    # and the number that was taken is handed out again: no gap
    assert register(counter, sample_self_intake(TODAY)).request_number == "R-BR01-01-2025-000001"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"note": f"番号 {MY_NUMBER}"}, "備考"),
        (
            {
                "requester": PersonInput(
                    name="山田 花子",
                    birth_date=dt.date(1980, 4, 1),
                    address=f"水戸市 {MY_NUMBER[:4]} {MY_NUMBER[4:8]} {MY_NUMBER[8:]}",
                )
            },
            "本人の住所",
        ),
        (
            {
                "requester": PersonInput(
                    name="山田 花子", birth_date=dt.date(1980, 4, 1), member_number=MY_NUMBER
                )
            },
            "本人の組合員番号",
        ),
    ],
)
def test_my_number_in_any_free_text_is_refused(counter, change, field):
    with pytest.raises(MyNumberRefused) as refused:
        register(counter, dataclasses.replace(sample_self_intake(TODAY), **change))
    assert refused.value.field == field  # the staff are told which box to correct
    assert refused.value.message == (
        f"「{field}」に個人番号と思われる12桁の数字があります。個人番号は記録できません。"
    )
    assert_nothing_stored(counter)


def test_my_number_in_item_detail_is_refused(counter):
    intake = sample_self_intake(TODAY)
    item = dataclasses.replace(intake.items[0], period=f"{MY_NUMBER[:6]}-{MY_NUMBER[6:]}")
    with pytest.raises(MyNumberRefused) as info:
        register(counter, dataclasses.replace(intake, items=(item,)))
    assert "個人番号" in info.value.user_text()


def test_failed_identity_is_refused_with_reasons(counter):
    expired = DocumentShown(
        doc_type="drivers_license",
        original=True,
        expiry=TODAY - dt.timedelta(days=1),
        name_matches=True,
        birth_date_matches=True,
        address_matches=True,
    )
    intake = dataclasses.replace(
        sample_self_intake(TODAY), identity=IdentityInput(documents=(expired,))
    )
    with pytest.raises(DomainError) as info:
        register(counter, intake)
    assert "本人確認ができない" in info.value.message
    assert "有効期限切れ" in info.value.hint
    assert_nothing_stored(counter)


def test_a_copy_of_the_principals_licence_is_refused_and_nothing_stored(counter):
    intake = sample_self_intake(TODAY)
    copy = dataclasses.replace(intake.identity.documents[0], original=False)
    with pytest.raises(DomainError) as info:
        register(counter, dataclasses.replace(intake, identity=IdentityInput(documents=(copy,))))
    assert info.value.message == "本人の本人確認ができないため、受け付けできません。"
    assert "運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)" in (
        info.value.hint.splitlines()
    )
    assert_nothing_stored(counter)


def test_a_copy_of_the_proxys_own_licence_is_refused_and_nothing_stored(counter):
    intake = sample_proxy_intake(TODAY)
    copy = dataclasses.replace(intake.proxy.identity.documents[0], original=False)
    proxy = dataclasses.replace(intake.proxy, identity=IdentityInput(documents=(copy,)))
    with pytest.raises(DomainError) as info:
        register(counter, dataclasses.replace(intake, proxy=proxy))
    assert info.value.message == "代理人の確認ができないため、受け付けできません。"
    assert (
        "代理人の書類: 運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)"
        in info.value.hint.splitlines()
    )
    assert_nothing_stored(counter)


def test_an_intake_json_without_original_is_refused_naming_the_key():
    data = sample_self_intake(TODAY).to_dict()
    assert data["identity"]["documents"][0]["original"] is True
    del data["identity"]["documents"][0]["original"]
    with pytest.raises(InputError) as info:
        IntakeInput.from_dict(data)
    assert info.value.message == (
        "「identity.documents[0]」に必須の項目「original」(原本を確認したか) がありません。"
    )
    proxy = sample_proxy_intake(TODAY).to_dict()
    del proxy["proxy"]["identity"]["documents"][0]["original"]
    with pytest.raises(InputError) as info:
        IntakeInput.from_dict(proxy)
    assert "「proxy.identity.documents[0]」に必須の項目「original」" in info.value.message


def test_unconfirmed_identity_warning_is_refused(counter):
    intake = sample_self_intake(TODAY)
    address_differs = IdentityInput(
        documents=(
            intake.identity.documents[0],
            DocumentShown(
                doc_type="resident_record",
                original=True,
                issued_on=TODAY - dt.timedelta(days=5),
                name_matches=True,
                birth_date_matches=True,
                address_matches=True,
            ),
        ),
        address_differs_from_record=True,
    )
    with pytest.raises(DomainError) as info:
        register(counter, dataclasses.replace(intake, identity=address_differs))
    assert "確認事項" in info.value.message
    assert_nothing_stored(counter)
    confirmed = dataclasses.replace(address_differs, warnings_confirmed=True)
    result = register(counter, dataclasses.replace(intake, identity=confirmed))
    assert result.request_number == "R-BR01-01-2025-000001"
    with counter.db.unit_of_work(read_only=True) as uow:
        check = uow.session.scalar(select(IdentityCheck))
    assert (check.passed, check.rule) == (True, "photo_1")
    assert check.warnings_confirmed
    assert any("住所変更" in w for w in check.warnings)  # the warning the staff confirmed


def test_failed_proxy_is_refused(counter):
    intake = sample_proxy_intake(TODAY)
    poa = dataclasses.replace(intake.proxy.power_of_attorney, dated=TODAY + dt.timedelta(days=1))
    bad = dataclasses.replace(
        intake, proxy=dataclasses.replace(intake.proxy, power_of_attorney=poa)
    )
    with pytest.raises(DomainError) as info:
        register(counter, bad)
    assert "代理人の確認ができない" in info.value.message
    assert_nothing_stored(counter)


def test_counter_handover_needs_receipt_in_power_of_attorney(counter):
    intake = sample_proxy_intake(TODAY)
    poa = dataclasses.replace(intake.proxy.power_of_attorney, covers_receipt=False)
    bad = dataclasses.replace(
        intake, proxy=dataclasses.replace(intake.proxy, power_of_attorney=poa)
    )
    with pytest.raises(DomainError) as info:
        register(counter, bad)
    assert "受領" in info.value.hint


def test_cash_short_is_refused(counter):
    intake = sample_self_intake(TODAY)
    with pytest.raises(DomainError) as info:
        register(counter, dataclasses.replace(intake, amount_received=100))
    assert "足りません" in info.value.message
    assert_nothing_stored(counter)


def test_cash_of_exactly_the_total_is_taken_one_yen_less_is_not(counter):
    """§5 cash at the counter: the boundary is the total itself; the change is recorded."""
    intake = sample_self_intake(TODAY)
    total = register(counter, intake).total  # what it costs (the sample pays rounded up)
    with pytest.raises(DomainError) as info:
        register(counter, dataclasses.replace(intake, amount_received=total - 1))
    assert info.value.message == (
        f"お預かり金額 ({total - 1:,}円) が手数料の合計 ({total:,}円) に足りません。"
    )
    exact = register(counter, dataclasses.replace(intake, amount_received=total))
    assert (exact.amount_received, exact.change) == (total, 0)


def test_waiver_needs_a_supervisor_or_approval(counter):
    waived = dataclasses.replace(
        sample_self_intake(TODAY, amount_received=0),
        adjustment=Adjustment("waive", 0, "生活保護受給のため"),
    )
    with pytest.raises(PermissionDenied) as info:
        register(counter, waived)
    assert "手数料の免除・減額" in info.value.message
    result = register(counter, waived, approver=counter.supervisor)
    assert result.total == 0 and result.receipt_number  # a zero-yen receipt
    with counter.db.unit_of_work(read_only=True) as uow:
        row = uow.session.scalar(select(AuditEntry).where(AuditEntry.action == "fee.waive"))
        assert row.approver_id == counter.supervisor.staff_id
        fee = uow.session.scalar(select(FeeRecord))
        assert fee.adjustment_reason == "生活保護受給のため"
        assert fee.approved_by == counter.supervisor.staff_id
    assert register(counter, waived, actor=counter.supervisor).total == 0


def test_staff_cannot_approve_a_waiver(counter):
    waived = dataclasses.replace(
        sample_self_intake(TODAY, amount_received=0),
        adjustment=Adjustment("waive", 0, "理由"),
    )
    with pytest.raises(PermissionDenied) as refused:
        register(counter, waived, approver=counter.staff)
    assert "「手数料の免除・減額」は責任者以上の権限、または責任者の承認が必要です" in (
        refused.value.message
    )
    assert_nothing_stored(counter)


def test_closed_day_refuses_intake(counter):
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
    with pytest.raises(DayClosed) as info:
        register(counter, sample_self_intake(TODAY))
    assert "2025年6月2日" in info.value.message and "締め済み" in info.value.message


def test_future_reception_is_refused(counter):
    intake = sample_self_intake(TODAY + dt.timedelta(days=1))
    with pytest.raises(InputError) as info:
        register(counter, intake)
    assert "未来" in info.value.message


@pytest.mark.parametrize(
    ("item_change", "message"),
    [
        ({"scopes": ()}, "範囲"),
        ({"request_type": RequestType.CORRECTION, "scopes": ()}, "訂正する項目"),
        ({"request_type": RequestType.SUSPENSION, "scopes": ()}, "理由"),
    ],
)
def test_request_details_are_checked(counter, item_change, message):
    intake = sample_self_intake(TODAY)
    item = dataclasses.replace(intake.items[0], **item_change)
    with pytest.raises(InputError) as info:
        register(
            counter,
            dataclasses.replace(
                intake, items=(item,), disclosure_method=None, pages=0, mail_class=None
            ),
        )
    assert message in info.value.message


def test_bad_phone_is_refused_in_japanese(counter):
    intake = sample_self_intake(TODAY)
    person = dataclasses.replace(intake.requester, phone="12345")
    with pytest.raises(InputError) as info:
        register(counter, dataclasses.replace(intake, requester=person))
    assert "電話番号" in info.value.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pages": 10**7}, "複写の枚数"),
        ({"amount_received": 10**30}, "お預かり金額"),
        ({"requester": PersonInput(name="山" * 101, birth_date=dt.date(1980, 4, 1))}, "長すぎます"),
        (
            {"requester": PersonInput(name="山田\x00花子", birth_date=dt.date(1980, 4, 1))},
            "制御文字",
        ),
        ({"note": "x" * 2001}, "長すぎます"),
    ],
)
def test_out_of_range_values_are_refused(counter, change, message):
    with pytest.raises(InputError) as info:
        register(counter, dataclasses.replace(sample_self_intake(TODAY), **change))
    assert message in info.value.message
    assert_nothing_stored(counter)


def test_a_multiline_note_is_kept(counter):
    result = register(counter, dataclasses.replace(sample_self_intake(TODAY), note="1行目\n2行目"))
    with counter.db.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Request, result.request_id).note == "1行目\n2行目"


def test_a_lone_surrogate_is_refused_before_the_database(counter):
    intake = sample_self_intake(
        TODAY, requester=PersonInput(name="山田\ud800", birth_date=dt.date(1980, 4, 1))
    )
    with pytest.raises(InputError, match="壊れた文字コード"):
        register(counter, intake)
    assert_nothing_stored(counter)


def test_a_method_the_counter_does_not_offer_is_refused(counter, tmp_path, monkeypatch):
    (tmp_path / "disclosure.toml").write_text('offered_methods = ["paper"]\n', encoding="utf-8")
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(tmp_path))
    by_email = dataclasses.replace(
        sample_self_intake(TODAY), disclosure_method=DisclosureMethod.EMAIL, pages=0
    )
    with pytest.raises(DomainError, match="電子メール") as refused:
        register(counter, by_email)
    assert "書面の交付" in refused.value.hint  # what the person can choose instead


def test_the_documented_intake_examples_read():
    """docs/cli.md's self-request example reads, and so does its proxy fragment (each document
    with the required ``original``)."""
    import json
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("### Input format", 1)[1]
    blocks = [b.split("```", 1)[0] for b in section.split("```json")[1:3]]
    intake = IntakeInput.from_dict(json.loads(blocks[0]))
    assert intake.identity.documents[0].original is True
    proxy = json.loads("{" + blocks[1] + "}")["proxy"]
    data = dict(json.loads(blocks[0]), identity={}, proxy=proxy)
    assert IntakeInput.from_dict(data).proxy.identity.documents[0].original is True


@pytest.mark.parametrize(
    ("kind", "ground", "accepted"),
    [
        (RequestType.SUSPENSION, SuspensionGround.IMPROPER_PURPOSE, True),  # Art. 35(1)
        (RequestType.SUSPENSION, SuspensionGround.NO_LONGER_NEEDED, True),  # Art. 35(5)
        (RequestType.SUSPENSION, SuspensionGround.UNLAWFUL_PROVISION, False),  # that is 35(3)
        (RequestType.PROVISION_STOP, SuspensionGround.UNLAWFUL_PROVISION, True),  # Art. 35(3)
        (RequestType.PROVISION_STOP, SuspensionGround.LEAK, True),  # Art. 35(5)
        (RequestType.PROVISION_STOP, SuspensionGround.UNLAWFUL_ACQUISITION, False),  # 35(1)
    ],
)
def test_a_suspension_ground_must_be_one_the_law_gives_for_its_type(
    counter, kind, ground, accepted
):
    intake = sample_self_intake(TODAY)
    item = RequestItemInput(request_type=kind, suspension_ground=ground)
    intake = dataclasses.replace(
        intake, items=(item,), disclosure_method=None, pages=0, mail_class=None
    )
    if accepted:
        result = register(counter, intake)
        assert result.request_number.startswith("R-BR01-")
        return
    with pytest.raises(InputError) as info:
        register(counter, intake)
    assert info.value.message == f"「{ground.label}」は「{kind.label}」の理由にはなりません。"
    for allowed in SuspensionGround.for_type(kind):
        assert allowed.label in info.value.hint
    assert count(counter, Request) == 0
