"""Letters to the principal: every decision kind, the extension notice, and bad input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.requests import (
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestType,
)
from counter_app.printables.notice import NoticeKind
from forms import notices
from tests.forms import samples
from tests.forms.readback import page_count, poppler_text, pypdf_text, squeeze


def texts(pdf: bytes) -> list[str]:
    return [squeeze(pypdf_text(pdf)), squeeze(poppler_text(pdf))]


def test_full_disclosure_is_addressed_like_a_japanese_letter():
    pdf = notices.render(samples.notice())
    assert page_count(pdf) == 1
    for text in texts(pdf):
        assert "〒310-0001" in text
        assert "茨城県水戸市試験町二丁目4番5号コーポ試験101号室" in text
        assert "𠮷田太郎様" in text
        assert "いばコ個第25-0042号" in text and "令和7年12月5日" in text
        assert "保有個人データの開示決定について（通知）" in text
        assert "令和7年11月26日に受け付けました保有個人データの開示のご請求" in text
        assert "記" in text and "以上" in text
        assert "全部開示" in text and "書面の交付" in text
        assert "個人情報保護管理者" in text and "029-000-0000" in text
        assert "見本" not in text


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            dict(outcome=Outcome.DISCLOSED_PARTIAL, details="注文履歴"),
            [
                "一部開示決定について（通知）",
                "業務の適正な実施に著しい支障を及ぼすおそれ(第33条第2項第2号)",
                "過去10年分",
            ],
        ),
        (
            dict(outcome=Outcome.REFUSED, ground=RefusalGround.HARM),
            [
                "不開示決定について（通知）",
                "4.対象期間指定なし5.決定の内容不開示",
                "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ(第33条第2項第1号)",
                "7.理由請求の対象が過去10年分の全ての通話録音であり",
            ],
        ),
        (
            dict(outcome=Outcome.REFUSED, ground=RefusalGround.OTHER_LAW),
            [
                "他の法令に違反することとなる場合(第33条第2項第3号)",
                "7.理由請求の対象が過去10年分",
            ],
        ),
    ],
)
def test_refusals_state_the_statutory_ground_and_the_explanation(changes, expected):
    for text in texts(notices.render(samples.refusal(**changes))):
        for part in expected:
            assert part in text


def test_data_not_held_and_method_changed_to_paper():
    not_held = samples.notice(outcome=Outcome.NOT_HELD, details="")
    assert "ご請求に係る保有個人データが存在しないこと" in squeeze(
        poppler_text(notices.render(not_held))
    )
    changed = samples.notice(
        outcome=Outcome.METHOD_CHANGED_TO_PAPER,
        requested_method=DisclosureMethod.EMAIL,
        explanation="電子メールでの送付に必要な暗号化の手段をご用意いただけなかったため。",
    )
    text = squeeze(poppler_text(notices.render(changed)))
    assert "開示方法の変更について（通知）" in text
    assert "電磁的記録(電子メール)" in text and "書面の交付" in text and "暗号化" in text


def test_record_disclosure_and_purpose_notice_titles():
    record = samples.notice(request_type=RequestType.RECORD_DISCLOSURE)
    assert "第三者提供記録の開示決定" in squeeze(poppler_text(notices.render(record)))
    purpose = samples.notice(
        request_type=RequestType.PURPOSE_NOTICE,
        outcome=Outcome.NOTIFIED,
        details="商品・サービスの案内・注文・お届けのため",
    )
    text = squeeze(poppler_text(notices.render(purpose)))
    assert "保有個人データの利用目的の通知について（通知）" in text and "お届けのため" in text


def not_notified(**changes):
    values = dict(
        request_type=RequestType.PURPOSE_NOTICE,
        outcome=Outcome.REFUSED,
        ground=PurposeNoticeGround.PURPOSE_EVIDENT,
        explanation="ご請求の利用目的は、当組合のプライバシーポリシーで公表しているとおりです。",
        details="",
        method=None,
    )
    values.update(changes)
    return samples.notice(**values)


@pytest.mark.parametrize(
    ("ground", "cited"),
    [
        (
            PurposeNoticeGround.PURPOSE_EVIDENT,
            "個人情報の保護に関する法律利用目的が公表等により明らかな場合(第32条第2項第1号)",
        ),
        (
            PurposeNoticeGround.HARM,
            "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ"
            "(第32条第2項第2号・第21条第4項第1号)",
        ),
        (
            PurposeNoticeGround.COOP_RIGHTS,
            "当組合の権利又は正当な利益を害するおそれ(第32条第2項第2号・第21条第4項第2号)",
        ),
        (PurposeNoticeGround.STATE_COOPERATION, "(第32条第2項第2号・第21条第4項第3号)"),
    ],
)
def test_a_purpose_notice_not_given_says_so_why_and_under_art_32(ground, cited):
    """Art. 32(3): the person is told the co-op decided not to notify, with the Art. 32(2)
    ground and the explanation (Art. 36); no Art. 33(2) wording, no 不開示."""
    pdf = notices.render(not_notified(ground=ground))
    assert page_count(pdf) == 1
    for text in texts(pdf):
        assert "利用目的を通知しない旨の決定について（通知）" in text
        assert (
            "令和7年11月26日に受け付けました利用目的の通知のご請求について、下記の理由により、"
            "保有個人データの利用目的を通知しないことと決定しましたので、個人情報の保護に関する"
            "法律第32条第3項に基づき通知いたします。"
        ) in text
        assert "2.ご請求の内容利用目的の通知（個人情報の保護に関する法律第32条第2項）" in text
        assert "4.決定の内容利用目的を通知しないこととしました" in text
        assert "5.根拠個人情報の保護に関する法律" + squeeze(ground.label) in text
        assert cited in text
        assert (
            "6.理由ご請求の利用目的は、当組合のプライバシーポリシーで公表しているとおりです。"
            in text
        )
        assert "第33条" not in text and "不開示" not in text


def test_an_old_purpose_notice_refusal_with_an_art_33_ground_still_prints():
    """Decided before the Art. 32(2) grounds were recorded: its ground prints as decided."""
    pdf = notices.render(not_notified(ground=RefusalGround.HARM))
    text = squeeze(poppler_text(pdf))
    assert "利用目的を通知しないこととしました" in text
    assert (
        "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ(第33条第2項第1号)" in text
    )


def test_correction_and_suspension_results():
    corrected = samples.notice(
        kind=NoticeKind.CORRECTION,
        request_type=RequestType.CORRECTION,
        outcome=Outcome.CORRECTED,
        details="登録住所を「水戸市試験町二丁目4番5号」に訂正しました。",
    )
    text = squeeze(poppler_text(notices.render(corrected)))
    assert "保有個人データの訂正等の実施について（通知）" in text and "訂正等の内容" in text
    refused = samples.notice(
        kind=NoticeKind.SUSPENSION,
        request_type=RequestType.SUSPENSION,
        outcome=Outcome.NOT_SUSPENDED,
        explanation="法令により保存が義務付けられている記録であるため。",
    )
    text = squeeze(poppler_text(notices.render(refused)))
    assert "利用停止等を行わない旨の決定" in text and "法令により保存" in text
    stop = samples.notice(
        kind=NoticeKind.SUSPENSION,
        request_type=RequestType.PROVISION_STOP,
        outcome=Outcome.SUSPENDED,
        training=True,
    )
    text = squeeze(poppler_text(notices.render(stop)))
    assert "第三者提供の停止の実施" in text and "見本" in text


def test_extension_notice_gives_the_new_date_and_the_reason():
    data = samples.notice(
        kind=NoticeKind.EXTENSION,
        outcome=None,
        extended_until=date(2025, 12, 24),
        extension_reason="対象となる記録が複数の部署に分散しているため。",
    )
    text = squeeze(poppler_text(notices.render(data)))
    assert "回答期限の延長について（通知）" in text
    assert "令和7年12月24日(2025-12-24)" in text and "複数の部署" in text


def test_a_long_explanation_continues_on_numbered_pages_and_reads_back_whole():
    long = "本件記録には第三者の情報が含まれており、" * 60
    data = samples.refusal(explanation=long, recipient_address="茨城県水戸市" + "試験町一丁目" * 20)
    pdf = notices.render(data)
    assert page_count(pdf) == 2
    text = squeeze(poppler_text(pdf))
    assert "1/2" in text and "2/2" in text and "（続き）" in text
    furniture = ("1/2", "保有個人データの不開示決定について（通知）（続き）𠮷田太郎様")
    for part in furniture:
        text = text.replace(part, "")
    assert squeeze(long) in text
    assert squeeze(data.recipient_address) in text  # the long address wrapped, not cut
    assert text.index("以上") < text.index("お問い合わせ先")


def test_a_slightly_long_explanation_stays_on_one_page():
    data = samples.refusal(explanation="本件記録には第三者の情報が含まれており、" * 12)
    pdf = notices.render(data)
    assert page_count(pdf) == 1
    assert "1/1" not in squeeze(poppler_text(pdf))


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        (dict(outcome=Outcome.REFUSED, ground=None, explanation="x"), "Art. 33\\(2\\) ground"),
        (
            dict(outcome=Outcome.REFUSED, ground=PurposeNoticeGround.HARM, explanation="x"),
            "an Art. 32\\(2\\) ground on a letter that is not about a purpose notice",
        ),
        (
            dict(
                request_type=RequestType.PURPOSE_NOTICE,
                outcome=Outcome.REFUSED,
                ground=None,
                explanation="x",
            ),
            "a purpose notice not given needs its Art. 32\\(2\\) ground",
        ),
        (
            dict(
                request_type=RequestType.PURPOSE_NOTICE,
                outcome=Outcome.NOTIFIED,
                ground=PurposeNoticeGround.PURPOSE_EVIDENT,
            ),
            "a statutory ground on a letter that refuses nothing",
        ),
        (
            dict(outcome=Outcome.REFUSED, ground=RefusalGround.HARM, explanation=" "),
            "needs an explanation \\(Art. 36\\)",
        ),
        (dict(outcome=Outcome.CORRECTED), "outcome corrected does not fit disclosure"),
        (dict(kind=NoticeKind.EXTENSION, outcome=None), "needs the new date and the reason"),
        (dict(kind=NoticeKind.CORRECTION), "correction notice for a disclosure request"),
        (
            dict(outcome=Outcome.DISCLOSED_FULL, ground=RefusalGround.HARM),
            "a statutory ground on a letter that refuses nothing",
        ),
        (
            dict(
                outcome=Outcome.METHOD_CHANGED_TO_PAPER,
                requested_method=None,
                explanation="暗号化の手段がないため",
            ),
            "change to paper needs the method asked for",
        ),
        (
            dict(
                outcome=Outcome.METHOD_CHANGED_TO_PAPER,
                requested_method=DisclosureMethod.PAPER,
                explanation="x",
            ),
            "change to paper needs the method asked for",
        ),
        (
            dict(
                outcome=Outcome.METHOD_CHANGED_TO_PAPER,
                requested_method=DisclosureMethod.EMAIL,
                explanation=" ",
            ),
            "change to paper needs its reason \\(Art. 33\\(3\\), Art. 36\\)",
        ),
    ],
)
def test_notices_that_cannot_be_right_are_refused(changes, why):
    # a programming error, not a person's: the services never build such a letter
    with pytest.raises(ValueError, match=why):
        notices.render(samples.notice(**changes))


def test_a_disclosure_letter_restates_the_request_and_what_comes_with_it():
    data = samples.notice(
        scopes=("組合員名簿・出資金", "注文・配送"),
        period="2024年4月〜2025年3月",
        enclosed="同封の写し 12 枚",
    )
    for text in texts(notices.render(data)):
        assert "いばコ個第25-0042号" in text  # the 文書番号
        assert "4.ご請求の対象組合員名簿・出資金、注文・配送" in text
        assert "5.対象期間2024年4月〜2025年3月" in text
        assert "同封・別添同封の写し12枚" in text


def test_the_honorific_follows_the_name():
    from tests.forms.readback import words

    found = words(notices.render(samples.notice()))
    name = next(w for w in found if w[5] == "太郎")
    sama = next(w for w in found if w[5] == "様")
    assert abs(sama[2] - name[2]) < 3 and 0 < sama[1] - name[3] < 20  # 様 right after it


@given(st.integers(min_value=1, max_value=30), st.text(alphabet="あいう漢字カナ", min_size=40))
def test_a_numbered_item_wraps_under_its_text_not_its_number(n, body):
    from forms.fonts import text_width

    width, size = 250.0, 10.0
    lines = notices.hanging_lines(f"{n}. {body}", width, size)
    assert lines[0][0] == 0 and lines[0][1].startswith(f"{n}. ")
    indent = text_width(f"{n}. ", size)
    assert all(x == indent for x, _ in lines[1:])
    assert all(x + text_width(t, size) <= width + 0.01 for x, t in lines)
    assert "".join(t for _, t in lines) == f"{n}. {body}"
