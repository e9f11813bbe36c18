"""Blank forms: the request form and the 委任状 with the fields of domain.md section 3."""

from __future__ import annotations

from counter_app.domain.requests import RequestType
from counter_app.printables.blank_form import BlankFormKind
from forms import blank_forms
from tests.forms import samples
from tests.forms.readback import page_count, poppler_text, pypdf_text, squeeze


def test_request_form_lists_types_scopes_methods_and_office_box():
    pdf = blank_forms.render(samples.blank(BlankFormKind.REQUEST_FORM))
    assert page_count(pdf) == 1
    for text in (squeeze(poppler_text(pdf)), squeeze(pypdf_text(pdf))):
        assert "個人情報開示等請求書" in text
        assert "いばらきコープ生活協同組合御中" in text
        for t in RequestType:
            assert squeeze(t.label) in text
        assert "出資金・組合員名簿" in text and "共済契約" in text
        assert "書面の交付" in text and "窓口での閲覧" in text
        assert "訂正後の内容" in text and "不正な取得" in text
        assert "代理人氏名" in text and "成年後見人" in text
        assert "当組合記入欄" in text
        assert "本人確認書類の番号・個人番号（マイナンバー）は記入しないでください" in text
        assert "見本" not in text


def test_power_of_attorney_has_the_fields_of_section_3():
    pdf = blank_forms.render(samples.blank(BlankFormKind.POWER_OF_ATTORNEY))
    for text in (squeeze(poppler_text(pdf)), squeeze(pypdf_text(pdf))):
        assert "委任状" in text
        assert "代理人（受任者）" in text and "委任者（ご本人）" in text
        assert "氏名（自署）" in text and "実印" in text
        assert "生年月日" in text and "電話番号" in text and "住所" in text
        assert "請求を行う権限" in text and "受領する権限" in text
        assert "3か月以内" in text and "印鑑登録証明書" in text
        assert "令和年月日" in text  # the date of the 委任状 (§3)
        assert "上記の請求に対する回答（開示等の結果）を受領する権限" in text


def test_validity_months_custom_scopes_and_training_mark():
    pdf = blank_forms.render(
        samples.blank(
            BlankFormKind.POWER_OF_ATTORNEY,
            power_of_attorney_months=6,
            seal_certificate_months=2,
            training=True,
        )
    )
    text = squeeze(poppler_text(pdf))
    # each month figure in its own sentence (proxy.toml has one for each paper)
    assert "発行から2か月以内の委任者の印鑑登録証明書（原本）を添えてください" in text
    assert "作成から6か月以内のものに限ります" in text
    assert "見本" in text
    form = blank_forms.render(
        samples.blank(BlankFormKind.REQUEST_FORM, scopes=("ご注文の記録", "共済のご契約"))
    )
    text = squeeze(poppler_text(form))
    assert "ご注文の記録" in text and "出資金・組合員名簿" not in text


def _entries(**changes):
    from datetime import date

    from counter_app.domain.requests import (
        DataScope,
        Delivery,
        DisclosureMethod,
        RequestType,
        SuspensionGround,
    )
    from counter_app.printables.blank_form import RequestFormEntries

    values = dict(
        request_number="R-MT-2025-000123",
        received_on=date(2025, 11, 26),
        staff_name="山田 花子",
        name="𠮷田 太郎",
        furigana="ヨシダ タロウ",
        birth_date=date(1975, 3, 4),
        postal_code="3100001",
        address="茨城県水戸市試験町二丁目4番5号",
        phone="090-1234-5678",
        member_number="7654321",
        request_types=(RequestType.DISCLOSURE, RequestType.CORRECTION, RequestType.SUSPENSION),
        scopes=(DataScope.ORDERS_DELIVERIES.label, DataScope.KYOSAI.label),
        period="2024年4月〜2025年3月",
        method=DisclosureMethod.PAPER,
        delivery=Delivery.MAIL,
        correction_item="電話番号",
        current_value="029-111-2222",
        requested_value="029-333-4444",
        suspension_grounds=(SuspensionGround.IMPROPER_USE,),
        proxy_name="髙橋 一郎",
        proxy_address="茨城県つくば市見本台7-8-9",
        proxy_phone="029-987-6543",
        proxy_kind="voluntary",
        id_rule="写真付1点・代理人確認済",
    )
    values.update(changes)
    return RequestFormEntries(**values)


def test_the_request_form_prints_what_staff_typed_for_the_member_to_check_and_sign():
    from dataclasses import replace

    blank = samples.blank(BlankFormKind.REQUEST_FORM)
    filled = replace(blank, entries=_entries())
    text = squeeze(poppler_text(blank_forms.render(filled)))
    for part in (
        "令和7年11月26日",
        "フリガナヨシダタロウ",
        "氏名𠮷田太郎",
        "生年月日昭和50年3月4日",
        "住所〒310-0001茨城県水戸市試験町二丁目4番5号",
        "電話番号090-1234-5678",
        "組合員番号7654321",
        "対象期間2024年4月〜2025年3月",
        "訂正する項目電話番号",
        "訂正後の内容029-333-4444",
        "代理人氏名髙橋一郎",
        "代理人住所茨城県つくば市見本台7-8-9",
        "上記の内容に相違ありません。",
        "受付番号R-MT-2025-000123",
        "受付担当山田花子",
    ):
        assert part in text, part
    blank_text = squeeze(poppler_text(blank_forms.render(blank)))
    titles = blank_text.count("✓")  # 「該当するものに✓」 in the section titles
    # one ✓ per answer: 3 types, 2 scopes, method + delivery, 1 ground, the relation, 2 ID ticks
    assert text.count("✓") - titles == 3 + 2 + 2 + 1 + 1 + 2
    assert "氏名（自署）" in blank_text and "上記の内容に相違ありません" not in blank_text
