"""Printable data built from the store: receipt (reproduced from the stored quote), slip,
notices."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from counter_app.domain.fees import Adjustment
from counter_app.domain.requests import DisclosureMethod, Outcome, RefusalGround, RequestType
from counter_app.errors import DomainError, InputError
from counter_app.printables.notice import NoticeKind
from counter_app.services.intake import register_intake
from counter_app.services.lifecycle import decide, extend_deadline
from counter_app.services.printing import (
    extension_notice_data,
    notice_data,
    receipt_data,
    slip_data,
)
from counter_app.services.receipts import reprint_receipt, void_receipt
from counter_app.services.samples import sample_proxy_intake, sample_self_intake

from .conftest import NOW, TODAY


def register(counter, intake, **kw):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, intake, now=NOW, **kw)
        uow.commit()
    return result


def test_receipt_reproduces_the_quote(counter):
    r = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        data = receipt_data(uow, r.receipt_number)
    assert data.number == r.receipt_number and data.payer_name == "山田 花子"
    assert sum(line.amount for line in data.lines) == data.total == r.total
    assert data.lines[0].label == "保有個人データの開示 手数料"
    assert data.taxable_10 == r.total and data.tax_10 == r.total * 10 // 110
    assert data.issuer.registration_number == "T7123456789012"
    assert data.staff_name == "田中 窓口" and data.request_number == r.request_number
    assert data.reprint_count == 0 and not data.voided and not data.training


def test_waived_receipt_shows_the_waiver_line(counter):
    waived = dataclasses.replace(
        sample_self_intake(TODAY, amount_received=0), adjustment=Adjustment("waive", 0, "生活困窮")
    )
    r = register(counter, waived, approver=counter.supervisor)
    with counter.db.unit_of_work(read_only=True) as uow:
        data = receipt_data(uow, r.receipt_number)
    assert data.total == 0 and data.lines[-1].amount < 0
    assert sum(line.amount for line in data.lines) == 0
    assert "生活困窮" in data.note


def test_reprint_and_void_marks(counter):
    r = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work() as uow:
        reprint_receipt(uow, counter.staff, r.receipt_number, now=NOW)
        void = void_receipt(uow, counter.supervisor, r.receipt_number, "誤り", now=NOW)
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        data = receipt_data(uow, r.receipt_number)
        via_void = receipt_data(uow, void.void_number)
    assert data.reprint_count == 1 and data.voided and void.void_number in data.note
    assert via_void.number == r.receipt_number and via_void.voided


def test_slip_for_a_proxy_names_both(counter):
    r = register(counter, sample_proxy_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        slip = slip_data(uow, r.request_number)
    assert slip.requester_name == "髙橋 一郎" and slip.principal_name == "山田 花子"
    assert slip.request_types == (RequestType.PURPOSE_NOTICE, RequestType.DISCLOSURE)
    assert slip.answer_by == r.target_on and slip.receipt_number == r.receipt_number
    assert slip.disclosure_method is DisclosureMethod.PAPER


def test_notices(counter):
    r = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        with pytest.raises(DomainError, match="まだ回答が記録されていません"):
            notice_data(uow, r.request_number)
        with pytest.raises(DomainError, match="回答期限は延長されていません"):
            extension_notice_data(uow, r.request_number)
    with counter.db.unit_of_work() as uow:
        extend_deadline(
            uow, counter.supervisor, r.request_number, "照会に時間を要するため", now=NOW
        )
        decide(
            uow,
            counter.supervisor,
            r.request_number,
            {"disclosure": "refused"},
            ground="harm",
            explanation="第三者の利益を害するおそれがあるため",
            now=NOW,
        )
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        extension = extension_notice_data(uow, r.request_number)
        notice = notice_data(uow, r.request_number)
        with pytest.raises(InputError, match="この請求にその種類はありません"):
            notice_data(uow, r.request_number, RequestType.CORRECTION)
    assert extension.kind is NoticeKind.EXTENSION
    assert (extension.extended_until, extension.extension_reason) == (
        dt.date(2025, 6, 30),  # received 6/2: 6/16 + 14 days
        "照会に時間を要するため",
    )
    assert extension.request_number == notice.request_number == r.request_number
    assert notice.kind is NoticeKind.DISCLOSURE and notice.outcome is Outcome.REFUSED
    assert notice.explanation == "第三者の利益を害するおそれがあるため"
    assert notice.ground is RefusalGround.HARM and notice.recipient_name == "山田 花子"
    assert notice.recipient_address == "茨城県水戸市見本町4-5-6"


def test_the_proviso_names_the_postage_when_it_is_charged_and_the_envelope_is_for_the_counterfoil(
    counter,
):
    mailed = register(counter, sample_self_intake(TODAY))  # 簡易書留 to the home address
    handed = register(counter, sample_proxy_intake(TODAY))  # collected at the counter
    with counter.db.unit_of_work(read_only=True) as uow:
        mailed_data = receipt_data(uow, mailed.receipt_number)
        handed_data = receipt_data(uow, handed.receipt_number)
    assert mailed_data.proviso == "個人情報開示等請求手数料及び郵送料として"
    assert handed_data.proviso == "個人情報開示等請求手数料として"
    (postage,) = [line for line in mailed_data.lines if line.label.startswith("郵送料")]
    assert postage.label == "郵送料 (簡易書留)"
    assert "角形2号" in postage.counterfoil_label and " g" in postage.counterfoil_label
    assert all(line.counterfoil_label is None for line in handed_data.lines)


def test_the_slip_carries_the_scope_and_period_typed_at_intake(counter):
    from counter_app.domain.requests import DataScope

    r = register(counter, sample_self_intake(TODAY))
    intake = sample_self_intake(TODAY)
    (item,) = [i for i in intake.items if i.request_type is RequestType.DISCLOSURE]
    with counter.db.unit_of_work(read_only=True) as uow:
        data = slip_data(uow, r.request_number)
    assert data.scopes == tuple(s.label for s in DataScope if s in item.scopes)
    assert data.period == item.period and data.period


def test_a_letter_has_a_document_number_that_a_reprint_keeps(counter):
    r = register(counter, sample_self_intake(TODAY))
    with counter.db.unit_of_work() as uow:
        decide(uow, counter.supervisor, r.request_number, {"disclosure": "disclosed_full"}, now=NOW)
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        first = notice_data(uow, r.request_number)
        again = notice_data(uow, r.request_number)
    assert first.document_number == again.document_number == f"個情第{r.request_number}-1号"
    assert first.scopes and first.period  # what was asked, restated


def test_the_request_form_is_filled_from_the_stored_request(counter):
    from counter_app.services.printing import request_form_data

    own = register(counter, sample_self_intake(TODAY))
    proxied = register(counter, sample_proxy_intake(TODAY))
    with counter.db.unit_of_work(read_only=True) as uow:
        mine = request_form_data(uow, own.request_number).entries
        theirs = request_form_data(uow, proxied.request_number).entries
    assert mine.name == "山田 花子" and mine.request_number == own.request_number
    assert mine.request_types == (RequestType.DISCLOSURE,) and mine.scopes and mine.period
    assert mine.method is DisclosureMethod.PAPER and mine.proxy_kind == ""
    assert mine.id_rule == "写真付1点" and mine.staff_name == "田中 窓口"
    assert theirs.proxy_name == "髙橋 一郎" and theirs.proxy_kind == "voluntary"
    assert "代理人確認済" in theirs.id_rule
