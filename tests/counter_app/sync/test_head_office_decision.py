"""A decision made at head office reaches the terminal and its notice letter prints there
(issue 12): pulled from head office (here the in-process model of the protocol), shown with the
request, printed from it — the counter's own request row is not changed."""

from __future__ import annotations

from sqlalchemy import text

from counter_app.services.intake import register_intake
from counter_app.services.printing import notice_data
from counter_app.services.request_view import get_request
from counter_app.services.samples import sample_self_intake
from counter_app.sync.protocol import PulledItem, TerminalId
from counter_app.sync.pull import pull
from forms import notices
from tests.counter_app.services.conftest import NOW, TODAY
from tests.counter_app.sync.fake_hq import FakeHeadOffice
from tests.forms.readback import poppler_text, squeeze


def test_a_head_office_decision_prints_its_notice_at_the_counter(counter):
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    with counter.db.engine.connect() as conn:
        types = conn.execute(
            text("SELECT request_type FROM request_items WHERE request_id = :r"),
            {"r": result.request_id},
        ).scalars()
        outcomes = {t: "disclosed_partial" for t in types}
    hq = FakeHeadOffice(TerminalId("BR01", 1))
    hq.items = [
        PulledItem(
            1,
            "decision",
            "dec-1",
            1,
            {
                "request_id": result.request_id,
                "outcomes": outcomes,
                "decision_ground": "harm",
                "purpose_notice_ground": None,
                "explanation": "第三者の権利利益を害するおそれがある部分を除いて開示します。",
                "decided_at": "2025-06-10T01:00:00+00:00",
                "decided_by": "本部 個人情報保護窓口",
            },
        )
    ]
    assert pull(counter.db, hq).decisions == 1
    with counter.db.unit_of_work(read_only=True) as uow:
        view = get_request(uow, counter.staff, result.request_number, on=TODAY)
        assert view.status == "received" and view.decided_at is None  # the row is the counter's
        assert view.head_office_decision is not None
        assert view.head_office_decision["decided_by"] == "本部 個人情報保護窓口"
        data = notice_data(uow, result.request_number)
    page = squeeze(poppler_text(notices.render(data)))
    assert result.request_number in page
    assert "第三者の権利利益を害するおそれがある部分を除いて開示します。" in page
