"""Blank forms: the request form and the 委任状 with the fields of domain.md section 3."""

from __future__ import annotations

from counter_app.domain.requests import RequestType
from counter_app.printables import BlankFormKind
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
