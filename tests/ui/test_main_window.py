"""Main window: today's requests masked, search, filters, overdue highlight, reveal (supervisor,
recorded), role guards, and the way to the detail, the supervisor window and the wizard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ui.main_window import MainWindow
from ui.request_table import OVERDUE_BACKGROUND, RequestRow, RequestTableModel


@pytest.fixture
def main(opened, qtbot, dialogs):
    def make(role: str) -> MainWindow:
        opened.login_as(role)
        window = MainWindow(opened.context)
        qtbot.addWidget(window)
        return window

    return make


def column(window: MainWindow, name: str) -> list[str]:
    c = window.model.COLUMNS.index(name)
    return [window.model.index(r, c).data() for r in range(window.model.rowCount())]


def test_todays_requests_are_listed_masked(main, dialogs):
    window = main("staff")
    assert dialogs.errors == []
    assert window.model.rowCount() == 3
    names = column(window, "name")
    assert "山田 **" in names and "𠮷田 **" in names
    assert not any("花子" in n for n in names)
    assert all(p.count("*") >= 3 for p in column(window, "phone"))  # 3 digits hidden at least
    assert column(window, "days") == ["あと14日"] * 3
    assert "3 件" in window.count_label.text()


def test_search_by_name_and_by_number(main, opened):
    window = main("staff")
    window.search.setText("𠮷田")
    window.refresh()
    assert column(window, "name") == ["𠮷田 **"]
    window.search.clear()
    window.refresh()
    number = column(window, "number")[1]
    window.search.setText(number.lower())  # typed in lower case: the service folds it
    window.refresh()
    assert column(window, "number") == [number]
    window.search.setText("存在しない名前")
    window.refresh()
    assert window.model.rowCount() == 0
    assert window.empty_label.isVisibleTo(window)
    assert "該当する請求はありません" in window.empty_label.text()


def test_status_filter(main):
    window = main("staff")
    window.status_filter.setCurrentIndex(window.status_filter.findData("decided"))
    assert window.model.rowCount() == 0
    window.status_filter.setCurrentIndex(window.status_filter.findData("received"))
    assert window.model.rowCount() == 3


def test_overdue_rows_are_highlighted():
    model = RequestTableModel()
    base = dict(
        received_at=dt.datetime(2025, 11, 1, 1, tzinfo=dt.UTC),
        name="山田 **",
        phone="090-****-5678",
        types=("保有個人データの開示",),
        status="received",
        status_label="受付済",
        target_on=dt.date(2025, 11, 15),
    )
    model.set_rows(
        [
            RequestRow("a", "R-1", days_left=-3, overdue=True, **base),
            RequestRow("b", "R-2", days_left=5, overdue=False, **base),
            RequestRow("c", "R-3", days_left=None, overdue=False, **base),
        ]
    )
    days = model.COLUMNS.index("days")
    assert model.index(0, days).data() == "3日超過"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert model.index(1, days).data() == "あと5日"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(2, days).data() == "—"


def test_reveal_by_a_supervisor_is_recorded(main, opened, dialogs):
    window = main("supervisor")
    assert window.select_request(opened.template.request_ids[0])
    dialogs.text_answer = "ご本人からの電話で確認"
    assert window.reveal_selected()
    assert dialogs.approvals == []  # a supervisor needs no approval
    row = window.model.row_at(window.model.find(opened.template.request_ids[0]))
    assert row.revealed and row.name == "山田 花子" and row.phone == "090-1234-5678"

    from counter_app.services.audit_trail import request_timeline

    with opened.context.db.unit_of_work(read_only=True) as uow:
        actions = [
            (e.action, e.actor_name)
            for e in request_timeline(uow, opened.context.actor, opened.template.request_ids[0])
        ]
    assert ("personal.reveal", "鈴木 責任者") in actions


def test_reveal_by_staff_needs_an_approval_and_a_reason(main, opened, dialogs):
    window = main("staff")
    window.select_request(opened.template.request_ids[0])
    dialogs.text_answer = ""
    assert not window.reveal_selected()
    assert dialogs.errors == ["表示する理由を入力してください。"]

    dialogs.text_answer = "確認のため"
    dialogs.approver = None
    assert not window.reveal_selected()
    assert dialogs.approvals[-1][1] == "reveal_personal"
    assert not window.selected_row().revealed

    dialogs.approver = opened.template.actors["supervisor"]
    assert window.reveal_selected()
    assert window.selected_row().revealed


def test_role_guards_on_the_buttons(main):
    staff = main("staff")
    assert not staff.daily_button.isVisibleTo(staff)
    assert not staff.admin_button.isVisibleTo(staff)
    supervisor = main("supervisor")
    assert supervisor.daily_button.isVisibleTo(supervisor)
    assert not supervisor.admin_button.isVisibleTo(supervisor)
    admin = main("admin")
    assert admin.daily_button.isVisibleTo(admin) and admin.admin_button.isVisibleTo(admin)


def test_detail_opens_for_the_selected_row(main, opened):
    window = main("staff")
    assert not window.detail_button.isEnabled()
    window.select_request(opened.template.request_ids[1])
    assert window.detail_button.isEnabled()
    detail = window.open_detail()
    assert detail.request_id == opened.template.request_ids[1]
    assert detail.detail.proxy  # the proxy request
    detail.close()


def test_new_intake_opens_the_wizard_and_a_registration_refreshes(main, opened, monkeypatch):
    window = main("staff")
    wizard = window.open_intake()
    assert wizard is not None
    assert wizard.parent() is window
    window.scope.setCurrentIndex(window.scope.findData("all"))
    wizard.registered.emit(opened.template.request_ids[2])
    assert window.scope.currentData() == "today"
    assert window.selected_row().request_id == opened.template.request_ids[2]
    wizard.close()


def test_a_revealed_row_is_masked_again(main, opened, dialogs, monkeypatch, qtbot):
    import ui.main_window

    monkeypatch.setattr(ui.main_window, "REVEAL_SECONDS", 0.05)
    window = main("supervisor")
    window.select_request(opened.template.request_ids[0])
    assert window.reveal_selected()
    row = window.model.find(opened.template.request_ids[0])
    assert window.model.row_at(row).revealed
    qtbot.waitUntil(
        lambda: not window.model.row_at(window.model.find(opened.template.request_ids[0])).revealed,
        timeout=5000,
    )
    assert window.model.row_at(window.model.find(opened.template.request_ids[0])).name == "山田 **"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_days_column_has_room_for_an_overdue_text_that_comes_later(main, qapp, language):
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.appearance import install_translators
    from ui.request_table import days_text

    translators = install_translators(qapp, language) if language == "en" else []
    try:
        window = main("staff")  # today's rows, none overdue: the widths are fitted on them
        texts = (days_text(-120, True), days_text(0, False))
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert window.model.rowCount() == 3 and not any(r.overdue for r in window.model.rows)
    bold = QFont(window.table.font())
    bold.setBold(True)
    header = window.table.horizontalHeader()
    width = header.sectionSize(window.model.COLUMNS.index("days"))
    for text in texts:
        assert width > QFontMetrics(bold).horizontalAdvance(text) + 8, text


@pytest.mark.parametrize("with_rows", [True, False], ids=["rows", "empty"])
def test_the_list_headers_are_never_cut(main, opened, text_mode, with_rows, qtbot):
    """Every header of the list shows its whole text, in every text mode, with or without
    rows, on a 1024 x 768 screen (issue 10 §4)."""
    import dataclasses

    window = main("supervisor")  # every button shown: the narrowest list
    window.scope.setCurrentIndex(window.scope.findData("all"))
    if not with_rows:  # nothing to list yet: the widths come from the headers alone
        window = MainWindow(dataclasses.replace(opened.context, db=None))
        qtbot.addWidget(window)
        assert window.model.rowCount() == 0
    window.resize(1024 - 60, 768 - 60)
    window.show()
    qtbot.waitExposed(window)
    header = window.table.horizontalHeader()
    for column in range(window.model.columnCount()):
        text = window.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.sectionSizeHint(column), text
