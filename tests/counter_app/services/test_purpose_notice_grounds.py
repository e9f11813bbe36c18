"""A purpose notice the co-op decides not to give cites Art. 32(2), not Art. 33(2): the decision
takes a PurposeNoticeGround for it (and refuses the other article's ground either way, naming
the article); the stored decision, the audit trail, the request view and the letter (read back
from the PDF) carry it; a decision stored before (an Art. 33(2) ground) still reads and prints.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from counter_app.domain.requests import (
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestType,
)
from counter_app.errors import InputError
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import RequestItemInput
from counter_app.services.lifecycle import decide
from counter_app.services.printing import notice_data
from counter_app.services.request_view import get_request
from counter_app.services.samples import sample_proxy_intake, sample_self_intake
from counter_app.store.models import AuditEntry, Request
from forms import notices
from tests.forms.readback import poppler_text, pypdf_text, squeeze

from .conftest import NOW, TODAY

REASON = "ご請求の利用目的は、当組合のプライバシーポリシーで公表しているとおりです。"


def register(counter, intake):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, intake, now=NOW)
        uow.commit()
    return result


def decide_now(counter, number, outcomes, **kw):
    with counter.db.unit_of_work() as uow:
        change = decide(uow, counter.supervisor, number, outcomes, now=NOW, **kw)
        uow.commit()
    return change


def purpose_notice_only(counter):
    intake = dataclasses.replace(
        sample_self_intake(TODAY),
        items=(RequestItemInput(request_type=RequestType.PURPOSE_NOTICE),),
        disclosure_method=None,
        pages=0,
        mail_class=None,
    )
    return register(counter, intake).request_number


def stored(counter, number):
    with counter.db.unit_of_work(read_only=True) as uow:
        request = uow.session.scalar(select(Request).where(Request.number == number))
        decides = [
            json.loads(e.detail)
            for e in uow.session.scalars(
                select(AuditEntry).where(
                    AuditEntry.request_id == request.id, AuditEntry.action == "request.decide"
                )
            )
        ]
        return (
            request.status,
            request.decision_ground,
            request.purpose_notice_ground,
            [i.outcome for i in request.items],
            decides,
        )


def letter_text(counter, number, kind=None) -> list[str]:
    with counter.db.unit_of_work(read_only=True) as uow:
        pdf = notices.render(notice_data(uow, number, kind))
    return [squeeze(pypdf_text(pdf)), squeeze(poppler_text(pdf))]


# -- a purpose notice not given: Art. 32(2) ------------------------------------------------
def test_a_purpose_notice_refused_with_an_art_32_ground_is_stored_audited_and_printed(counter):
    number = purpose_notice_only(counter)
    decide_now(
        counter,
        number,
        {"purpose_notice": "refused"},
        purpose_notice_ground=PurposeNoticeGround.PURPOSE_EVIDENT,
        explanation=REASON,
    )
    status, ground, notice_ground, outcomes, audit = stored(counter, number)
    assert (status, ground, notice_ground, outcomes) == (
        "decided",
        None,
        "purpose_evident",
        ["refused"],
    )
    assert audit == [
        {
            "from": "received",
            "outcomes": {"purpose_notice": "refused"},
            "ground": None,
            "purpose_notice_ground": "purpose_evident",
        }
    ]
    with counter.db.unit_of_work(read_only=True) as uow:
        view = get_request(uow, counter.staff, number)
        letter = notice_data(uow, number)
    (item,) = view.items
    assert item.outcome_label == "利用目的を通知しない"
    assert (item.ground, item.ground_label) == (
        "purpose_evident",
        "利用目的が公表等により明らかな場合 (第32条第2項第1号)",
    )
    assert view.purpose_notice_ground_label == item.ground_label
    assert view.decision_ground is None and view.decision_ground_label is None
    assert letter.ground is PurposeNoticeGround.PURPOSE_EVIDENT
    assert (letter.outcome, letter.explanation) == (Outcome.REFUSED, REASON)
    for text in letter_text(counter, number):
        assert "利用目的を通知しない旨の決定について（通知）" in text
        assert (
            "利用目的を通知しないことと決定しましたので、個人情報の保護に関する法律第32条第3項"
            in text
        )
        assert "4.決定の内容利用目的を通知しないこととしました" in text
        assert (
            "5.根拠個人情報の保護に関する法律利用目的が公表等により明らかな場合(第32条第2項第1号)"
            in text
        )
        assert "6.理由" + squeeze(REASON) in text
        assert "第33条" not in text and "不開示" not in text


def test_an_art_32_ground_given_as_ground_is_the_purpose_notice_s(counter):
    """The type of the ground says its article: PurposeNoticeGround.HARM as ``ground``."""
    number = purpose_notice_only(counter)
    decide_now(
        counter,
        number,
        {"purpose_notice": "refused"},
        ground=PurposeNoticeGround.HARM,
        explanation="通知により第三者の権利利益を害するおそれがあるため",
    )
    _, ground, notice_ground, _, _ = stored(counter, number)
    assert (ground, notice_ground) == (None, "harm")
    text = letter_text(counter, number)[1]
    assert "(第32条第2項第2号・第21条第4項第1号)" in text and "第33条" not in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"ground": "business_interference"},
            "理由「business_interference」は法第33条第2項の理由 (開示をしない理由) で、"
            "利用目的の通知には使えません。利用目的を通知しない理由は法第32条第2項から選んで"
            "ください。",
        ),
        (
            {"ground": RefusalGround.HARM},
            "「本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ (第33条第2項第1号)」"
            "は法第33条第2項の理由 (開示をしない理由) で、利用目的の通知には使えません。",
        ),
        (
            {"ground": "harm"},  # the code of both articles, passed as the Art. 33(2) one
            "利用目的を通知しない理由は、法第33条第2項の理由ではなく法第32条第2項の理由として"
            "指定してください。",
        ),
        (
            {"purpose_notice_ground": "other_law"},
            "理由「other_law」は法第33条第2項の理由 (開示をしない理由) で、利用目的の通知には"
            "使えません。",
        ),
        (
            {"purpose_notice_ground": RefusalGround.OTHER_LAW},
            "は法第33条第2項の理由 (開示をしない理由) で、利用目的の通知には使えません。",
        ),
        (
            {"purpose_notice_ground": "secret"},
            "利用目的を通知しない理由「secret」は使えません (法第32条第2項)。",
        ),
        (
            {},
            "利用目的を通知しないときは法第32条第2項の理由を選んでください"
            " (通知しない旨と理由をご本人に通知します: 法第32条第3項)。",
        ),
    ],
)
def test_a_purpose_notice_refusal_refuses_an_art_33_ground_or_none(counter, kwargs, message):
    number = purpose_notice_only(counter)
    with pytest.raises(InputError) as refused:
        decide_now(counter, number, {"purpose_notice": "refused"}, explanation=REASON, **kwargs)
    assert message in refused.value.message
    assert "purpose_evident" in refused.value.hint  # the Art. 32(2) codes to choose from
    assert stored(counter, number)[:4] == ("received", None, None, [None])


def test_a_purpose_notice_refusal_needs_its_explanation(counter):
    number = purpose_notice_only(counter)
    with pytest.raises(InputError) as refused:
        decide_now(
            counter,
            number,
            {"purpose_notice": "refused"},
            purpose_notice_ground="purpose_evident",
            explanation=" ",
        )
    assert refused.value.message == "理由の説明 (法第36条)を入力してください。"
    assert stored(counter, number)[0] == "received"


# -- a disclosure refused: Art. 33(2) only ---------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"ground": PurposeNoticeGround.PURPOSE_EVIDENT},
            "「利用目的が公表等により明らかな場合 (第32条第2項第1号)」は法第32条第2項の理由"
            " (利用目的を通知しない理由) で、開示には使えません。開示をしない理由は法第33条第2項"
            "から選んでください。",
        ),
        (
            {"ground": "coop_rights"},
            "理由「coop_rights」は法第32条第2項の理由 (利用目的を通知しない理由) で、開示には"
            "使えません。開示をしない理由は法第33条第2項から選んでください。",
        ),
        (
            {"ground": "harm", "purpose_notice_ground": "purpose_evident"},
            "法第32条第2項の理由は、「利用目的の通知」を通知しないと決めたときだけ指定できます。",
        ),
    ],
)
def test_a_disclosure_refusal_refuses_an_art_32_ground(counter, kwargs, message):
    number = register(counter, sample_self_intake(TODAY)).request_number
    with pytest.raises(InputError) as refused:
        decide_now(
            counter,
            number,
            {"disclosure": "refused"},
            explanation="第三者の情報を含むため",
            **kwargs,
        )
    assert refused.value.message == message
    assert stored(counter, number)[:4] == ("received", None, None, [None])


def test_one_decision_refusing_both_carries_each_article_on_its_own_letter(counter):
    """髙橋 一郎 asked for the purpose notice and a disclosure: both refused, each letter with
    its own article; the explanation (one per decision) on both."""
    number = register(counter, sample_proxy_intake(TODAY)).request_number
    reason = "第三者の権利利益を害するおそれがあるため"
    with pytest.raises(InputError) as refused:  # one ground is not enough for two articles
        decide_now(
            counter,
            number,
            {"purpose_notice": "refused", "disclosure": "refused"},
            ground="harm",
            explanation=reason,
        )
    assert refused.value.message.startswith("利用目的を通知しないときは法第32条第2項の理由")
    decide_now(
        counter,
        number,
        {"purpose_notice": "refused", "disclosure": "refused"},
        ground="harm",
        purpose_notice_ground="harm",
        explanation=reason,
    )
    _, ground, notice_ground, _, audit = stored(counter, number)
    assert (ground, notice_ground) == ("harm", "harm")
    assert (audit[0]["ground"], audit[0]["purpose_notice_ground"]) == ("harm", "harm")
    with counter.db.unit_of_work(read_only=True) as uow:
        view = get_request(uow, counter.staff, number)
    labels = {i.request_type: i.ground_label for i in view.items}
    assert labels == {
        "purpose_notice": "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ"
        " (第32条第2項第2号・第21条第4項第1号)",
        "disclosure": "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ"
        " (第33条第2項第1号)",
    }
    notice_letter = letter_text(counter, number, RequestType.PURPOSE_NOTICE)[1]
    disclosure_letter = letter_text(counter, number, RequestType.DISCLOSURE)[1]
    assert "(第32条第2項第2号・第21条第4項第1号)" in notice_letter
    assert "第33条" not in notice_letter
    assert "不開示決定について（通知）" in disclosure_letter
    assert "(第33条第2項第1号)" in disclosure_letter and "第32条" not in disclosure_letter
    assert squeeze(reason) in notice_letter and squeeze(reason) in disclosure_letter


def test_a_notified_purpose_notice_takes_no_art_32_ground(counter):
    number = register(counter, sample_proxy_intake(TODAY)).request_number
    with pytest.raises(InputError) as refused:
        decide_now(
            counter,
            number,
            {"purpose_notice": "notified", "disclosure": "disclosed_full"},
            purpose_notice_ground="purpose_evident",
        )
    assert "通知しないと決めたときだけ" in refused.value.message
    decide_now(counter, number, {"purpose_notice": "notified", "disclosure": "disclosed_full"})
    assert stored(counter, number)[1:3] == (None, None)


# -- a decision stored before the Art. 32(2) grounds -----------------------------------------
def test_an_old_purpose_notice_refusal_with_an_art_33_ground_reads_back_and_prints(counter):
    """Before migration 0010 the only ground was Art. 33(2): a purpose notice refused then has
    ``decision_ground`` set and no ``purpose_notice_ground``. It reads and prints as decided."""
    number = register(counter, sample_proxy_intake(TODAY)).request_number
    with counter.db.unit_of_work() as uow:  # as the old decide() wrote it
        request = uow.session.scalar(select(Request).where(Request.number == number))
        for item in request.items:
            item.outcome = "refused"
        request.status = "decided"
        request.decided_at = NOW
        request.decision_ground = "other_law"
        request.decision_explanation = "法令により開示できないため"
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        view = get_request(uow, counter.staff, number)
        letter = notice_data(uow, number, RequestType.PURPOSE_NOTICE)
    label = "他の法令に違反することとなる場合 (第33条第2項第3号)"
    assert [i.ground_label for i in view.items] == [label, label]
    assert view.purpose_notice_ground is None and view.decision_ground_label == label
    assert letter.ground is RefusalGround.OTHER_LAW
    for text in letter_text(counter, number, RequestType.PURPOSE_NOTICE):
        assert "利用目的を通知しないこととしました" in text
        assert squeeze(label) in text and "法令により開示できないため" in text
