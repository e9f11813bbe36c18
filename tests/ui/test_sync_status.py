"""The window's sync status and its background worker (offscreen, real database).

Head office here is the in-process model of tests/counter_app/sync/fake_hq.py; the worker's
jobs run on Qt's thread pool, and the test checks they never run on the UI thread."""

from __future__ import annotations

import os
import threading

import pytest

from counter_app.sync.protocol import TerminalId
from tests.counter_app.sync.fake_hq import FakeHeadOffice
from ui.main_window import MainWindow
from ui.sync_status import SyncWorker

SHOTS = os.environ.get("COUNTER_APP_SHOTS")  # a folder to keep the screenshots in


class RecordingHeadOffice(FakeHeadOffice):
    def push(self, batch):
        self.threads.add(threading.get_ident())
        return super().push(batch)


def make_head_office() -> RecordingHeadOffice:
    hq = RecordingHeadOffice(TerminalId("BR01", 1))
    hq.threads = set()
    return hq


@pytest.fixture
def window(opened, qtbot, dialogs):
    opened.login_as("staff")
    win = MainWindow(opened.context)
    qtbot.addWidget(win)
    yield win
    win.close()
    win.sync_worker.wait()


def test_a_stand_alone_terminal_shows_what_waits(opened, qtbot, dialogs, text_mode):
    opened.login_as("staff")
    window = MainWindow(opened.context)  # made in the text mode
    qtbot.addWidget(window)
    indicator = window.sync_indicator
    qtbot.waitUntil(lambda: indicator.view is not None, timeout=10_000)
    assert indicator.view.pending > 0 and not indicator.view.enrolled
    language, large = text_mode
    if language == "ja":
        assert indicator.text().startswith(f"未送信 {indicator.view.pending} 件")
        assert "本部未登録" in indicator.text()
    window.show()
    qtbot.waitExposed(window)
    # the whole status bar text is visible (nothing elided or cut) in both text sizes
    assert indicator.width() >= indicator.sizeHint().width()
    assert indicator.geometry().right() <= window.statusBar().width()
    if SHOTS:
        window.statusBar().grab().save(
            os.path.join(SHOTS, f"status-{language}-{'large' if large else 'normal'}.png")
        )
    window.close()
    window.sync_worker.wait()


def test_the_worker_pushes_off_the_ui_thread_and_shows_the_time(opened, qtbot):
    hq = make_head_office()
    worker = SyncWorker(opened.context, transport_factory=lambda: hq)
    views = []
    worker.view_changed.connect(views.append)
    worker.exchange_now()
    qtbot.waitUntil(lambda: bool(views), timeout=10_000)
    worker.wait()
    assert views[-1].pending == 0 and views[-1].last_push and views[-1].error is None
    assert hq.held and threading.get_ident() not in hq.threads


def test_head_office_down_the_counter_goes_on_and_catches_up(opened, qtbot):
    from counter_app.services.intake import register_intake
    from counter_app.services.samples import sample_self_intake

    hq = make_head_office()
    hq.down = 10
    worker = SyncWorker(opened.context, transport_factory=lambda: hq)
    views = []
    worker.view_changed.connect(views.append)
    worker.exchange_now()
    qtbot.waitUntil(lambda: bool(views), timeout=10_000)
    worker.wait()
    assert views[-1].error == "本部に接続できません。" and views[-1].pending > 0
    waiting = views[-1].pending
    opened.login_as("staff")
    with opened.context.db.unit_of_work() as uow:  # the counter keeps taking requests
        register_intake(uow, opened.context.actor, sample_self_intake())
        uow.commit()
    hq.down = 0
    views.clear()
    worker.exchange_now()
    qtbot.waitUntil(lambda: bool(views), timeout=10_000)
    worker.wait()
    assert views[-1].pending == 0 and views[-1].error is None
    assert len(hq.held) > waiting


def test_the_indicator_shows_an_error_in_red(qtbot):
    from ui.sync_status import SyncIndicator, SyncView

    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_view(SyncView(True, 3, "14:05", "本部に接続できません。\nしばらくしてから"))
    assert indicator.text() == "未送信 3 件 ・ 最終送信 14:05 ・ 本部に接続できません。"
    assert "a00000" in indicator.styleSheet() and "しばらく" in indicator.toolTip()
    indicator.show_view(SyncView(True, 0, "14:10", None))
    assert indicator.text() == "未送信 0 件 ・ 最終送信 14:10"
    assert "a00000" not in indicator.styleSheet()


def test_a_head_office_decision_shows_on_the_detail_and_prints(opened, qtbot, dialogs, text_mode):
    """Pulled from head office: the detail says who decided and what, and the notice letters
    print from it; the counter's own status is unchanged."""
    from sqlalchemy import text

    from counter_app.sync.protocol import PulledItem
    from counter_app.sync.pull import pull
    from tests.forms.readback import poppler_text, squeeze
    from ui.detail.window import RequestDetailDialog

    request_id = opened.template.request_ids[0]
    with opened.context.db.engine.connect() as conn:
        types = list(
            conn.execute(
                text("SELECT request_type FROM request_items WHERE request_id = :r"),
                {"r": request_id},
            ).scalars()
        )
    hq = make_head_office()
    hq.items = [
        PulledItem(
            1,
            "decision",
            "dec-1",
            1,
            {
                "request_id": request_id,
                "outcomes": {t: "disclosed_full" for t in types},
                "decision_ground": None,
                "purpose_notice_ground": None,
                "explanation": "",
                "decided_at": "2026-12-10T01:00:00+00:00",
                "decided_by": "本部 個人情報保護窓口",
            },
        )
    ]
    pull(opened.context.db, hq)
    opened.login_as("staff")
    dialog = RequestDetailDialog(opened.context, request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.head_office.isVisible() and dialog.head_office_button.isVisible()
    if text_mode[0] == "ja":
        assert dialog.head_office.text().startswith(
            "本部の決定 (2026/12/10 10:00 本部 個人情報保護窓口)"
        )
    assert dialog.fields["status"].text() != ""  # the counter's own status stays
    previews = dialog.print_head_office_notices()
    assert len(previews) == len(types) and not dialogs.errors
    page = squeeze(poppler_text(previews[0].pdf_bytes))
    assert dialog.detail.number in page
    if SHOTS:
        dialog.grab().save(
            os.path.join(SHOTS, f"detail-hq-{text_mode[0]}-{'large' if text_mode[1] else 'n'}.png")
        )
