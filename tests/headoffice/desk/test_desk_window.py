"""The desk window (``counter-app --head-office``) offscreen on the real PostgreSQL: sign-in,
the work list, the board and the statistics with their charts, in normal and large text."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.domain.calendar import BusinessCalendar
from counter_app.headoffice.desk.stats import refresh

TODAY = dt.date(2026, 12, 25)
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",
                   "This plugin does not support raise")  # fmt: skip


@pytest.fixture(params=[False, True], ids=["normal", "large"])
def large_text(request, qapp):
    from ui.app import application_font, load_fonts

    families = load_fonts()
    qapp.setFont(application_font(families, request.param))
    yield request.param
    qapp.setFont(application_font(families, False))


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
def test_sign_in_then_the_list_the_board_and_the_figures(
    qtbot, seed, desk_accounts, large_text, tmp_path
):
    from ui.headoffice.sign_in import DeskSignIn
    from ui.headoffice.window import DeskWindow

    branch = seed.branch()
    terminal = seed.terminal(branch)
    for i in range(12):
        received = TODAY - dt.timedelta(days=3 * i + 5)
        seed.request(
            terminal, f"ui{i}", status="decided" if i >= 8 else "received",
            received_on=received.isoformat(),
            target_on=(received + dt.timedelta(days=14)).isoformat(),
            lawsuit_possible_from=(received + dt.timedelta(days=14)).isoformat(),
            decided_at=(received + dt.timedelta(days=10)).isoformat() + "T03:00:00",
            items=[{"position": 1, "type": "disclosure",
                    "outcome": "disclosed_full" if i >= 8 else None}],
        )  # fmt: skip
    refresh(desk_accounts.conn("lead"))

    dialog = DeskSignIn()
    qtbot.addWidget(dialog)
    server = desk_accounts.server
    dialog.host.setText(server.host)
    dialog.port.setValue(server.port)
    dialog.dbname.setText(server.dbname)
    dialog.ca_file.setText(str(server.ca_file))
    dialog.login.setText(desk_accounts.logins["clerk"])
    dialog.password.setText("wrong password!")
    dialog.try_sign_in()
    assert "パスワードが違います" in dialog.error.text()
    assert dialog.password.text() == ""
    dialog.password.setText(desk_accounts.passwords["clerk"])
    dialog.try_sign_in()
    assert dialog.account is not None and dialog.account.role.label == "本部担当"

    window = DeskWindow(dialog.connection, dialog.account, TODAY, BusinessCalendar())
    qtbot.addWidget(window)
    window.work_list.branch.setText(branch)
    window.stats.branch.setText(branch)
    window.stats.year.setValue(2026)
    window.show()
    window.load()
    table = window.work_list.table
    assert table.rowCount() == 8  # the open ones
    dues = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert dues == sorted(dues)
    assert table.item(0, 7).text() == "山田 **"
    counts = {
        window.board.counts.item(r, 0).text(): window.board.counts.item(r, 3).text()
        for r in range(window.board.counts.rowCount())
    }
    assert counts[branch] != "0" and "全体" in counts
    # the 計 row (after the six request types) and the 計 column (after the seven outcomes)
    stats_total = window.stats.table.item(6, 7)
    assert int(stats_total.text().replace(",", "")) == 12
    assert window.stats.report is not None and window.stats.report.totals.answered >= 4

    mode = "large" if large_text else "normal"
    for index, name in enumerate(("worklist", "board", "stats")):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        shot = tmp_path / f"{name}-{mode}.png"
        assert window.grab().save(str(shot))
        assert shot.stat().st_size > 5_000


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
def test_a_request_is_assigned_drafted_approved_by_another_person_and_its_letter_saved(
    qtbot, seed, desk_accounts, tmp_path, admin, monkeypatch
):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QPushButton

    from counter_app.domain.requests import Outcome, RequestType
    from counter_app.headoffice.desk.accounts import current_account
    from counter_app.headoffice.desk.worklist import WorkFilter, work_list
    from tests.headoffice.desk.test_decisions import ISSUER
    from ui.headoffice.window import DeskWindow

    branch = seed.branch()
    seed.request(seed.terminal(branch), "panel1")
    windows = {}
    for who in ("clerk", "lead"):
        conn = desk_accounts.conn(who)
        windows[who] = DeskWindow(conn, current_account(conn), TODAY, BusinessCalendar(), ISSUER)
    (item,) = work_list(desk_accounts.conn("clerk"), WorkFilter(branches=(branch,))).items

    panel = windows["clerk"].open_request(item)
    qtbot.addWidget(panel)
    next(b for b in panel.findChildren(QPushButton) if b.text() == "自分が担当する").click()
    panel.note.setText("物流システムに照会済み")
    panel.add_note()
    box = panel.outcomes[RequestType.DISCLOSURE]
    box.setCurrentIndex(box.findData(Outcome.REFUSED))
    panel.explanation.setPlainText("業務の適正な実施に著しい支障があるため。")
    panel.save_draft()
    assert "法第33条第2項の理由" in panel.status.text()  # no ground chosen yet
    panel.ground.setCurrentIndex(panel.ground.findData("business_interference"))
    panel.save_draft()
    assert "未承認" in panel.status.text()
    assert not panel.approve.isEnabled()  # a 本部担当 approves nothing
    shot = tmp_path / "panel.png"
    assert panel.grab().save(str(shot)) and shot.stat().st_size > 5_000

    lead_panel = windows["lead"].open_request(item)
    qtbot.addWidget(lead_panel)
    lead_panel.approve_current()
    assert "承認済み (文書番号 本個第2026-" in lead_panel.status.text()
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(type(lead_panel), "letter_target", lambda self: str(target))
    lead_panel.save_letters()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "本個第2026-" in text and "山田" in text
    entries = [lead_panel.entries.item(i).text() for i in range(lead_panel.entries.count())]
    assert any("物流システムに照会済み" in e for e in entries)
    assert any("決定を承認" in e for e in entries) and any("通知書を印刷" in e for e in entries)


def test_counter_app_head_office_opens_the_desk_not_the_counter(monkeypatch):
    import ui.headoffice.app
    from ui.app import parse_options, run
    from ui.launch import wants_window

    assert wants_window(["--head-office"]) and wants_window(["--head-office", "--large-text"])
    assert parse_options(["--head-office", "--large-text"]).head_office
    seen = []
    monkeypatch.setattr(ui.headoffice.app, "run_desk", lambda setup: seen.append(setup) or 0)
    assert run(["--head-office", "--large-text"]) == 0
    assert len(seen) == 1 and callable(seen[0])  # the window's fonts, translations and style


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
def test_run_desk_signs_in_and_shows_the_desk_with_the_rules_in_force(
    qapp, desk_accounts, monkeypatch
):
    """The program's own path after the sign-in (no stand-in for run_desk): the calendar comes
    from the rules in force, the window is shown and loaded."""
    from PySide6.QtWidgets import QApplication, QDialog

    from counter_app.headoffice.desk.accounts import sign_in
    from ui.headoffice import app as desk_app
    from ui.headoffice.sign_in import DeskSignIn
    from ui.headoffice.window import DeskWindow

    def accept(dialog: DeskSignIn) -> QDialog.DialogCode:
        dialog.connection, dialog.account = sign_in(
            desk_accounts.server,
            desk_accounts.logins["clerk"],
            desk_accounts.passwords["clerk"],
        )
        return QDialog.DialogCode.Accepted

    shown: list[DeskWindow] = []
    before = {id(w) for w in QApplication.topLevelWidgets()}  # earlier tests' windows

    def event_loop(_app: QApplication) -> int:  # the window is up: look at it, then leave
        shown.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DeskWindow) and id(w) not in before
        )
        return 0

    set_up: list[QApplication] = []
    monkeypatch.setattr(DeskSignIn, "exec", accept)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert desk_app.run_desk(set_up.append) == 0
    assert set_up == [qapp]
    assert len(shown) == 1 and shown[0].isVisible()
    for window in shown:
        window.close()
        window.deleteLater()
