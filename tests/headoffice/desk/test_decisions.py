"""A decision at head office: drafted, approved by another 本部責任者 on a refusal, published
to the branch that took the request (and no other), printed as a notice letter."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from counter_app.domain.requests import Outcome, RequestType
from counter_app.errors import InputError, PermissionDenied
from counter_app.headoffice.desk.decisions import (
    DecisionDraft,
    Settlement,
    approve_decision,
    current_decision,
    draft_decision,
)
from counter_app.headoffice.desk.notice import letter_printed, notice_letters
from counter_app.headoffice.desk.refusals import DeskRefused
from counter_app.headoffice.desk.timeline import Step, add_note, assign, set_step, timeline
from counter_app.printables.issuer import Issuer
from forms import notices

TODAY = dt.date(2026, 5, 20)
ISSUER = Issuer(
    name="いばらきコープ生活協同組合",
    branch_name="本部 個人情報保護窓口",
    postal_code="3100001",
    address="茨城県水戸市三の丸1-1-1",
    phone="029-000-0000",
    registration_number="T1234567890123",
)
REFUSAL = DecisionDraft(
    {RequestType.DISCLOSURE: Outcome.REFUSED},
    ground="business_interference",
    explanation="保存期間を過ぎた記録は廃棄しており、復元には業務の著しい支障があるため。",
)
GRANT = DecisionDraft({RequestType.DISCLOSURE: Outcome.DISCLOSED_FULL})


def test_a_clerk_drafts_a_refusal_the_drafter_cannot_approve_it_another_lead_does(
    seed, desk_accounts, admin
):
    terminal = seed.terminal(seed.branch())
    rid = seed.request(terminal, "d1")
    clerk, lead, lead2 = (desk_accounts.conn(w) for w in ("clerk", "lead", "lead2"))
    decision = draft_decision(clerk, rid, REFUSAL)
    with pytest.raises(PermissionDenied, match="本部責任者だけ"):
        approve_decision(clerk, decision, TODAY)  # a 本部担当 approves nothing

    # a lead redrafts it: now the lead is the drafter and cannot approve their own refusal
    redrafted = draft_decision(lead, rid, REFUSAL)
    with pytest.raises(PermissionDenied, match="作成した人とは別の本部責任者"):
        approve_decision(lead, redrafted, TODAY)
    with pytest.raises(DeskRefused, match="差し替えられています"):
        approve_decision(lead2, decision, TODAY)  # the superseded draft
    published = approve_decision(lead2, redrafted, TODAY)
    assert re.fullmatch(r"本個第2026-\d{5}号", published.document_number)
    record = current_decision(lead, rid)
    assert record is not None
    assert (record.drafted_by, record.approved_by) == (
        desk_accounts.logins["lead"],
        desk_accounts.logins["lead2"],
    )
    with pytest.raises(DeskRefused, match="すでに承認"):
        approve_decision(lead, redrafted, TODAY)
    # even written straight into the table, one person cannot be both on a refusal
    with pytest.raises(Exception, match="check constraint"):
        admin.execute(
            "UPDATE hq.decisions SET approved_by = drafted_by WHERE id = %s", (redrafted,)
        )


def test_a_lead_may_approve_their_own_grant(seed, desk_accounts):
    rid = seed.request(seed.terminal(seed.branch()), "g1")
    lead = desk_accounts.conn("lead")
    published = approve_decision(lead, draft_decision(lead, rid, GRANT), TODAY)
    assert published.payload["outcomes"] == {"disclosure": "disclosed_full"}


def test_the_counters_rules_check_the_draft_in_japanese(seed, desk_accounts):
    rid = seed.request(seed.terminal(seed.branch()), "v1")
    clerk = desk_accounts.conn("clerk")
    with pytest.raises(InputError, match="法第33条第2項の理由"):
        draft_decision(clerk, rid, DecisionDraft({RequestType.DISCLOSURE: Outcome.REFUSED}))
    with pytest.raises(InputError, match="回答はできません"):
        draft_decision(clerk, rid, DecisionDraft({RequestType.DISCLOSURE: Outcome.CORRECTED}))
    with pytest.raises(InputError, match="回答が入力されていない"):
        draft_decision(clerk, rid, DecisionDraft({}))
    with pytest.raises(InputError, match="法第36条"):
        draft_decision(
            clerk, rid, DecisionDraft({RequestType.DISCLOSURE: Outcome.REFUSED}, ground="harm")
        )
    with pytest.raises(InputError, match="個人番号"):
        draft_decision(
            clerk,
            rid,
            DecisionDraft(
                {RequestType.DISCLOSURE: Outcome.REFUSED}, ground="harm",
                explanation="番号 1234 5678 9018 の件",
            ),
        )  # fmt: skip
    assert current_decision(clerk, rid) is None


def test_an_approved_decision_goes_down_to_the_branch_that_took_the_request_only(
    enrol, fresh_branch, seed, desk_accounts
):
    mine, other = enrol(fresh_branch(), 1), enrol(fresh_branch(), 1)
    rid = seed.request(f"{mine.branch}-01", "req-77")
    clerk, lead = desk_accounts.conn("clerk"), desk_accounts.conn("lead")
    draft = DecisionDraft(
        {RequestType.DISCLOSURE: Outcome.DISCLOSED_PARTIAL},
        ground="harm",
        explanation="第三者の情報を含む部分を除いて開示します。",
        settlement=Settlement(pages=12, copy_fee=120, postage=140, difference=-40),
    )
    published = approve_decision(lead, draft_decision(clerk, rid, draft), TODAY)
    transports = mine.transport(), other.transport()
    try:
        got, nothing = (t.pull(0, 100) for t in transports)
    finally:
        for t in transports:
            t.close()
    assert nothing.items == ()
    (item,) = got.items
    assert item.kind == "decision"
    payload = dict(item.payload)
    assert payload == published.payload
    assert set(payload) == {
        "request_id", "outcomes", "decision_ground", "purpose_notice_ground", "explanation",
        "decided_at", "decided_by", "approved_by", "document_number", "settlement",
    }  # fmt: skip
    assert payload["request_id"] == "req-77"
    assert payload["outcomes"] == {"disclosure": "disclosed_partial"}
    assert payload["decision_ground"] == "harm" and payload["purpose_notice_ground"] is None
    assert (payload["decided_by"], payload["approved_by"]) == ("本部 担当一", "本部 責任者一")
    assert payload["settlement"] == {
        "pages": 12,
        "copy_fee": 120,
        "postage": 140,
        "difference": -40,
    }
    dt.datetime.fromisoformat(str(payload["decided_at"]))


def test_assignment_steps_notes_and_the_decision_are_on_the_timeline(
    seed, desk_accounts, tmp_path, admin
):
    rid = seed.request(seed.terminal(seed.branch()), "t1")
    clerk, lead = desk_accounts.conn("clerk"), desk_accounts.conn("lead")
    assign(clerk, rid, desk_accounts.logins["clerk"])
    set_step(clerk, rid, Step.GATHERING)
    with pytest.raises(DeskRefused, match="承認された決定がない"):
        set_step(clerk, rid, Step.SENT)
    add_note(clerk, rid, "注文履歴を物流システムから取り寄せ中")
    with pytest.raises(DeskRefused, match="担当者に指定できる"):
        assign(clerk, rid, desk_accounts.logins["admin"])
    decision = draft_decision(clerk, rid, REFUSAL)
    published = approve_decision(lead, decision, TODAY)

    letters = notice_letters(clerk, rid, ISSUER, TODAY)
    pdf = notices.render(letters[0])
    letter_printed(clerk, rid)
    set_step(clerk, rid, Step.SENT)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert published.document_number in text
    assert "山田" in text and "花子" in text
    assert "業務の著しい支障" in text
    (tmp_path / "letter.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-singlefile", str(tmp_path / "letter.pdf"),
         str(tmp_path / "letter")], check=True,
    )  # fmt: skip
    assert (tmp_path / "letter.png").stat().st_size > 10_000

    entries = [e.text for e in timeline(clerk, rid)]
    assert entries == [
        "担当者: 本部 担当一",
        "段階: 資料収集中",
        "メモ: 注文履歴を物流システムから取り寄せ中",
        "段階: 決定案作成",
        "決定案を作成",
        "段階: 承認済",
        f"決定を承認 (文書番号 {published.document_number})",
        f"決定を支所 {seed_branch(admin, rid)} へ送信",
        f"通知書を印刷 (文書番号 {published.document_number})",
        "段階: 通知送付",
    ]
    # the letter's name was read on purpose, and recorded
    assert (
        admin.execute(
            "SELECT count(*) FROM hq.pii_reads WHERE item_id = 't1' AND purpose = '決定通知書の印刷'"
        ).fetchone()[0]
        == 1
    )


def seed_branch(admin, rid: int) -> str:
    return admin.execute("SELECT branch FROM hq.requests WHERE rid = %s", (rid,)).fetchone()[0]


def test_a_decided_request_takes_no_new_draft(seed, desk_accounts):
    rid = seed.request(seed.terminal(seed.branch()), "x1", status="decided")
    with pytest.raises(DeskRefused, match="すでに回答済み"):
        draft_decision(desk_accounts.conn("clerk"), rid, GRANT)
