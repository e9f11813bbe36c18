"""Spec audit (domain.md §1, §5-§7): a disclosure the person asked for by another method may
fall back to paper only with a recorded reason and a letter saying what was asked; the slip
says how the answer is mailed; the purpose-notice letter states the purposes; the blank
委任状 carries the head office's months."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.domain.postage import MailClass
from counter_app.domain.requests import DataScope, DisclosureMethod, Outcome, RequestType
from counter_app.errors import InputError
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import RequestItemInput
from counter_app.services.lifecycle import decide
from counter_app.services.printing import notice_data, slip_data
from counter_app.services.samples import sample_self_intake
from forms import notices
from tests.forms.readback import poppler_text, squeeze

from .conftest import NOW, TODAY


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


def by_email():
    """山田 花子 asks for her disclosure by e-mail (the answer letter is mailed)."""
    return dataclasses.replace(
        sample_self_intake(TODAY),
        disclosure_method=DisclosureMethod.EMAIL,
        pages=0,
        amount_received=10_000,
    )


# -- falling back to paper (Art. 33(1) ただし書, (3); Art. 36) -----------------------------------
def test_a_change_to_paper_needs_the_reason_recorded(counter):
    r = register(counter, by_email())
    with pytest.raises(InputError) as refused:
        decide_now(counter, r.request_number, {"disclosure": "method_changed_to_paper"})
    assert refused.value.message == "書面に変更する理由 (法第33条第3項・第36条)を入力してください。"


def test_the_change_letter_names_the_method_asked_for_and_paper(counter):
    r = register(counter, by_email())
    reason = "暗号化した電子メールを受け取る手段をご用意いただけなかったため"
    decide_now(
        counter, r.request_number, {"disclosure": "method_changed_to_paper"}, explanation=reason
    )
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert letter.outcome is Outcome.METHOD_CHANGED_TO_PAPER
    assert letter.requested_method is DisclosureMethod.EMAIL
    assert letter.method is DisclosureMethod.PAPER
    assert letter.explanation == reason


def test_a_paper_request_cannot_be_changed_to_paper(counter):
    r = register(counter, sample_self_intake(TODAY))  # asked for paper
    with pytest.raises(InputError) as refused:
        decide_now(
            counter,
            r.request_number,
            {"disclosure": "method_changed_to_paper"},
            explanation="理由",
        )
    assert "書面以外の方法で開示を請求されたときだけ" in refused.value.message
    assert refused.value.hint == "請求された開示の方法: 書面の交付"


def test_a_full_disclosure_letter_keeps_the_method_asked_for(counter):
    r = register(counter, by_email())
    decide_now(counter, r.request_number, {"disclosure": "disclosed_full"})
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert (letter.method, letter.requested_method) == (DisclosureMethod.EMAIL, None)


# -- the slip says how a mailed answer travels (§5: 簡易書留 by default, staff may choose) ----------
@pytest.mark.parametrize(
    ("mail_class", "label"),
    [
        (MailClass.SIMPLE_REGISTERED, "簡易書留"),
        (MailClass.RECORDED, "特定記録"),
        (MailClass.ORDINARY, "普通郵便"),
        (None, "簡易書留"),  # not chosen: postage.toml's default_mail_class
    ],
)
def test_the_slip_names_the_mail_class_of_the_answer(counter, mail_class, label):
    intake = dataclasses.replace(sample_self_intake(TODAY), mail_class=mail_class)
    r = register(counter, dataclasses.replace(intake, amount_received=10_000))
    with counter.db.unit_of_work(read_only=True) as uow:
        slip = slip_data(uow, r.request_number)
    assert slip.mail_class is not None and slip.mail_class.label == label


def test_a_free_request_mailed_has_the_default_mail_class_and_a_counter_one_none(counter):
    from counter_app.services.samples import sample_correction_intake, sample_proxy_intake

    free = register(counter, sample_correction_intake(TODAY))
    handed = register(counter, sample_proxy_intake(TODAY))  # collected at the counter
    with counter.db.unit_of_work(read_only=True) as uow:
        assert slip_data(uow, free.request_number).mail_class is MailClass.SIMPLE_REGISTERED
        assert slip_data(uow, handed.request_number).mail_class is None


# -- the purpose-notice letter states the purposes of use (Art. 32(2)) --------------------------
def purpose_notice(scopes=()):
    return dataclasses.replace(
        sample_self_intake(TODAY),
        items=(RequestItemInput(request_type=RequestType.PURPOSE_NOTICE, scopes=scopes),),
        disclosure_method=None,
        pages=0,
        amount_received=10_000,
    )


def test_a_purpose_notice_letter_lists_every_purpose_of_the_policy(counter):
    r = register(counter, purpose_notice())
    decide_now(counter, r.request_number, {"purpose_notice": "notified"})
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    purposes, joint_use = letter.details.split("\n\n")
    lines = purposes.splitlines()
    assert len(lines) == len(DataScope) == 11
    assert lines[0] == "1. 出資金、組合員名簿の管理"  # the privacy policy's own words
    assert lines[9] == "10. 共済契約の引き受け、維持管理"
    assert lines[10] == "11. 法令に基づく対応"
    # then the policy's joint use (共同利用), from disclosure.toml
    assert joint_use.startswith("共同利用について: 当生協は、コープデリ連合会、")
    assert "電気事業に関して共同利用する場合があります。" in joint_use
    text = squeeze(poppler_text(notices.render(letter)))
    assert "共同利用について" in text and "(株)コープデリ保険センター" in text


def test_a_purpose_notice_about_ticked_scopes_lists_those(counter):
    ticked = (DataScope.KYOSAI, DataScope.MEMBER_REGISTER)
    r = register(counter, purpose_notice(ticked))
    decide_now(counter, r.request_number, {"purpose_notice": "notified"})
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert letter.details.split("\n\n")[0].splitlines() == [
        "1. 出資金、組合員名簿の管理",
        "2. 共済契約の引き受け、維持管理",
    ]


def test_without_a_joint_use_statement_the_letter_lists_the_purposes_only(
    counter, tmp_path, monkeypatch
):
    from counter_app import paths

    bundled = (paths.bundled_config_dir() / "disclosure.toml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in bundled.splitlines() if not line.startswith("joint_use"))
    (tmp_path / "disclosure.toml").write_text(kept, encoding="utf-8")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(tmp_path))
    r = register(counter, purpose_notice((DataScope.LEGAL,)))
    decide_now(counter, r.request_number, {"purpose_notice": "notified"})
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert letter.details == "1. 法令に基づく対応"


def test_a_refused_purpose_notice_states_no_purpose(counter):
    r = register(counter, purpose_notice())
    decide_now(
        counter,
        r.request_number,
        {"purpose_notice": "refused"},
        purpose_notice_ground="harm",
        explanation="通知により第三者の権利利益を害するおそれがあるため",
    )
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert letter.details == "" and letter.outcome is Outcome.REFUSED


# -- the blank 委任状 and 請求書 (§3): printable from a service, with proxy.toml's months ----------
def test_blank_power_of_attorney_carries_the_head_office_months(counter, tmp_path, monkeypatch):
    from counter_app import paths
    from counter_app.printables.blank_form import BlankFormKind
    from counter_app.services.printing import blank_form_data

    with counter.db.unit_of_work(read_only=True) as uow:
        shipped = blank_form_data(uow, "power_of_attorney")
    assert shipped.kind is BlankFormKind.POWER_OF_ATTORNEY
    assert (shipped.power_of_attorney_months, shipped.seal_certificate_months) == (3, 3)
    assert shipped.issuer.name == "いばらきコープ生活協同組合" and not shipped.training
    assert shipped.scopes == tuple(s.label for s in DataScope)

    text = (paths.bundled_config_dir() / "proxy.toml").read_text(encoding="utf-8")
    head = "[power_of_attorney]\nmax_age_months = 3\n\n[seal_certificate]\nmax_age_months = 3\n"
    assert head in text
    text = text.replace(
        head, "[power_of_attorney]\nmax_age_months = 2\n\n[seal_certificate]\nmax_age_months = 6\n"
    )
    (tmp_path / "proxy.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(tmp_path))
    with counter.db.unit_of_work(read_only=True) as uow:
        changed = blank_form_data(uow, BlankFormKind.POWER_OF_ATTORNEY)
        request_form = blank_form_data(uow, "request_form")
        with pytest.raises(InputError) as refused:
            blank_form_data(uow, "shopping_list")
    assert (changed.power_of_attorney_months, changed.seal_certificate_months) == (2, 6)
    assert request_form.kind is BlankFormKind.REQUEST_FORM
    assert refused.value.message == "白紙の書式「shopping_list」はありません。"


# -- one decision, several letters: a refusal's ground and reason go on the refusal only --------
def test_the_refusal_ground_and_reason_are_not_printed_on_the_granted_type_s_letter(counter):
    from counter_app.domain.requests import RefusalGround
    from counter_app.services.samples import sample_proxy_intake

    r = register(counter, sample_proxy_intake(TODAY))  # purpose notice + disclosure
    reason = "開示により第三者の権利利益を害するおそれがあるため"
    decide_now(
        counter,
        r.request_number,
        {"purpose_notice": "notified", "disclosure": "refused"},
        ground="harm",
        explanation=reason,
    )
    with counter.db.unit_of_work(read_only=True) as uow:
        notified = notice_data(uow, r.request_number, RequestType.PURPOSE_NOTICE)
        refused = notice_data(uow, r.request_number, RequestType.DISCLOSURE)
    assert (refused.ground, refused.explanation) == (RefusalGround.HARM, reason)
    assert (notified.outcome, notified.ground, notified.explanation) == (
        Outcome.NOTIFIED,
        None,
        "",
    )


def test_an_optional_explanation_of_a_granted_decision_is_on_its_letter(counter):
    r = register(counter, by_email())
    decide_now(
        counter,
        r.request_number,
        {"disclosure": "disclosed_full"},
        explanation="パスワードは別途郵送します",
    )
    with counter.db.unit_of_work(read_only=True) as uow:
        letter = notice_data(uow, r.request_number)
    assert (letter.ground, letter.explanation) == (None, "パスワードは別途郵送します")
