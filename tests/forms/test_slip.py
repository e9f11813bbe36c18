"""受付票: rendered from synthetic data and read back."""

from __future__ import annotations

import pytest

from counter_app.domain.postage import MailClass
from counter_app.domain.requests import Delivery, RequestType
from forms import slip
from tests.forms import samples
from tests.forms.readback import page_count, page_sizes, poppler_text, pypdf_text, squeeze


def texts(pdf: bytes) -> list[str]:
    return [squeeze(pypdf_text(pdf)), squeeze(poppler_text(pdf))]


def test_slip_has_number_time_types_answer_and_contact():
    pdf = slip.render(samples.slip())
    assert page_count(pdf) == 1
    width, height = page_sizes(pdf)[0]
    assert round(width) == 420 and round(height) == 595  # A5
    for text in texts(pdf):
        assert "受付票" in text
        assert "MT-20251126-003" in text
        assert "𠮷田太郎様" in text
        assert "令和7年11月26日14:05" in text
        assert "保有個人データの開示（第33条第1項）" in text
        assert "訂正・追加・削除（第34条）" in text
        assert "書面の交付" in text and "郵送(登録住所あて)" in text
        assert "令和7年12月10日(2025-12-10)までに" in text
        assert "¥1,560（領収書番号R-MT-2025-000123）" in text
        assert "029-000-0000" in text and "平日9:00〜17:00" in text
        assert "見本" not in text and "再発行" not in text


def test_proxy_slip_names_both_people():
    pdf = slip.render(samples.slip(requester_name="髙橋 一郎", principal_name="﨑山 次郎"))
    for text in texts(pdf):
        assert "髙橋一郎様（代理人）" in text and "本人:﨑山次郎様" in text


def test_missing_optional_data_counter_delivery_and_marks():
    data = samples.slip(
        member_number=None,
        fee_total=None,
        receipt_number=None,
        disclosure_method=None,
        request_types=(RequestType.SUSPENSION,),
        delivery=Delivery.COUNTER,
        training=True,
        reprint_count=1,
    )
    for text in texts(slip.render(data)):
        assert "組合員番号" not in text and "手数料" not in text and "開示の方法" not in text
        assert "窓口でお渡し" in text
        assert "見本" in text and "再発行(1回目)" in text


def test_very_long_name_and_address_stay_whole():
    name = "𠮷田" * 25
    address = "茨城県水戸市" + "見本町一丁目" * 11  # 72 characters: longer than any real one
    issuer = samples.ISSUER.__class__(**{**samples.ISSUER.__dict__, "address": address})
    pdf = slip.render(samples.slip(requester_name=name, issuer=issuer))
    for text in texts(pdf):
        assert name in text
        assert f"〒310-0000{address}TEL" in text  # shrunk on its line, never cut


def test_an_absurdly_long_counter_address_is_cut_visibly():
    """The contact box has one line for the address (shrunk down to 5 pt): past about 80
    characters the end is replaced by an ellipsis, never drawn outside the box."""
    address = "茨城県水戸市" + "見本町一丁目" * 15  # 96 characters
    issuer = samples.ISSUER.__class__(**{**samples.ISSUER.__dict__, "address": address})
    text = squeeze(poppler_text(slip.render(samples.slip(issuer=issuer))))
    assert address not in text
    shown = text[text.index("〒310-0000") + len("〒310-0000") : text.index("…TEL")]
    assert address.startswith(shown) and len(shown) >= 80


@pytest.mark.parametrize(
    ("mail_class", "sentence"),
    [
        (MailClass.SIMPLE_REGISTERED, "回答は、ご本人の登録住所あてに簡易書留でお送りします。"),
        (MailClass.RECORDED, "回答は、ご本人の登録住所あてに特定記録でお送りします。"),
        (None, "回答は、ご本人の登録住所あてにお送りします。"),  # class not known
    ],
)
def test_a_mailed_answer_says_the_mail_class_chosen(mail_class, sentence):
    """The slip promises how the answer travels: the class charged, never a fixed 簡易書留."""
    for text in texts(slip.render(samples.slip(mail_class=mail_class))):
        assert squeeze(sentence) in text
        others = {m.label for m in MailClass} - {mail_class.label if mail_class else ""}
        assert not any(f"{label}でお送り" in text for label in others)


def test_the_slip_states_the_scope_and_period_asked_for_and_has_a_stamp_box():
    data = samples.slip(scopes=("注文・配送", "共済契約"), period="2024年4月〜2025年3月")
    text = squeeze(poppler_text(slip.render(data)))
    assert "対象の情報注文・配送、共済契約" in text
    assert "対象期間2024年4月〜2025年3月" in text
    assert "受付印" in text
    # a disclosure without a period says so; a request with no disclosure has no such rows
    assert "対象期間指定なし" in squeeze(poppler_text(slip.render(samples.slip())))
    free = samples.slip(request_types=(RequestType.CORRECTION,), disclosure_method=None)
    assert "対象期間" not in squeeze(poppler_text(slip.render(free)))


def test_every_scope_with_a_proxy_and_three_types_stays_above_the_contact_box():
    from counter_app.domain.requests import DataScope
    from tests.forms.readback import words

    data = samples.slip(
        scopes=tuple(s.label for s in DataScope),
        period="2020年4月1日から2025年3月31日まで" * 2,
        principal_name="山田 花子",
        request_types=(
            RequestType.PURPOSE_NOTICE,
            RequestType.DISCLOSURE,
            RequestType.RECORD_DISCLOSURE,
        ),
    )
    found = words(slip.render(data))
    contact = next(w for w in found if w[5] == "お問い合わせ先")
    staff = next(w for w in found if w[5] == "受付担当")
    notes = [w for w in found if w[5].startswith("・")]
    assert staff[4] < notes[0][2] and notes[-1][4] < contact[2], (staff, notes, contact)
