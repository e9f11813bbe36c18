"""The whole way of an answer: a request taken at a real terminal is pushed, projected at head
office, drafted by a 本部担当 and approved by a 本部責任者 at the desk; the terminal pulls the
decision and prints the notice letter with head office's 文書番号.

(The desk's payload and the terminal's reader were written apart; this test is what keeps
their field names the same.)
"""

from __future__ import annotations

import datetime as dt
import json
import os

from counter_app.domain.requests import Outcome, RequestType
from counter_app.headoffice.desk.decisions import DecisionDraft, approve_decision, draft_decision
from tests.headoffice.desk.conftest import desk_accounts  # noqa: F401 (fixture)
from tests.sync_e2e.terminals import SAMPLE_ADMIN
from tests.sync_e2e.test_down_path_and_versions import _pdf, _user, pdf_text


def test_a_refusal_drafted_and_approved_at_the_desk_prints_at_the_counter(
    new_terminal,
    admin,
    desk_accounts,  # noqa: F811
    tmp_path,
):
    terminal = new_terminal(branch="DESK1")  # its own branch: every terminal of a branch pulls
    # all of the branch's decisions, and the other tests count theirs
    number = terminal.intake()
    assert terminal.cli("sync", "push").code == 0
    (rid,) = admin.execute(
        "SELECT rid FROM hq.requests WHERE terminal = %s AND number = %s",
        (terminal.name, number),
    ).fetchone()
    refusal = DecisionDraft(
        {RequestType.DISCLOSURE: Outcome.REFUSED},
        ground="business_interference",
        explanation="保存期間を過ぎた記録は廃棄しており、復元には業務の著しい支障があるため。",
    )
    clerk, lead = desk_accounts.conn("clerk"), desk_accounts.conn("lead")
    today = dt.datetime.now(dt.UTC).date()
    published = approve_decision(lead, draft_decision(clerk, rid, refusal), today)
    document = published.document_number
    assert document.startswith("本個第")

    run = terminal.cli("sync", "pull")
    assert run.code == 0, run.err
    assert "決定 1 件" in run.out

    login = {"COUNTER_APP_PASSWORD": SAMPLE_ADMIN.password}
    shown = terminal.cli("show", number, "--json", "--user", SAMPLE_ADMIN.username, env=login)
    assert shown.code == 0, shown.err
    decided = json.loads(shown.out)["head_office_decision"]
    assert decided["outcomes"] == {"disclosure": "refused"}
    assert decided["decided_by"] == "本部 担当一"

    letter = tmp_path / "notice.pdf"
    _pdf(terminal, ["pdf", "notice", number, "--out", str(letter), *_user()], login)
    if os.environ.get("E2E_KEEP_PDF"):  # to look at it: pdftoppm -r 80 -png
        letter.replace(os.environ["E2E_KEEP_PDF"])
        return
    flat = "".join(pdf_text(letter).split())
    assert "".join(document.split()) in flat, flat  # head office's 文書番号, not the counter's
    assert f"個情第{number}" not in flat
    assert "決定の内容不開示" in flat, flat
    assert "第33条第2項第2号" in flat, flat  # the ground the desk chose (decision_ground)
