"""The 管理 tab's audit check runs when the end of the audit trail is broken (issue 9, item 9).

Before, the login window's sign-in died on the sealed head's trigger (every sign-in appends a
row), so nobody could reach the 管理 tab to see the break. Now the sign-in lets a supervisor or
administrator in without appending, the tab's check names the break, and a staff member is told
that the trail is broken and what to do.
"""

from __future__ import annotations

import pytest
import sqlcipher3

from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_STAFF
from counter_app.store.sqlite.cipher import key_pragma
from ui.admin import AdminWindow

from .conftest import TEST_KEY

HEAD_TRIGGERS = (
    "CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log "
    "BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END",
    "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head "
    "WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id "
    "OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq) "
    "BEGIN SELECT RAISE(ABORT, 'audit_head only follows the audit chain'); END",
)


def cut_the_tail(folder, rows: int) -> int:
    """Delete the last ``rows`` audit rows with the key, the head left as it was; the last seq."""
    conn = sqlcipher3.connect(str(folder / "counter.db"), isolation_level=None)
    try:
        conn.execute(key_pragma(TEST_KEY))
        last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        for trigger in ("audit_log_no_delete", "audit_head_advance", "audit_head_forward_only"):
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - rows,))
        for statement in HEAD_TRIGGERS:
            conn.execute(statement)
    finally:
        conn.close()
    return last


def test_the_admin_tab_check_names_a_cut_tail(opened, qtbot, dialogs):
    from counter_app.errors import CounterAppError
    from ui.facade import session

    last = cut_the_tail(opened.folder, 2)
    with pytest.raises(CounterAppError) as refused:
        session.login(opened.context, SAMPLE_STAFF.username, SAMPLE_STAFF.password)
    assert "末尾に不整合" in refused.value.user_text()
    assert "audit verify" in refused.value.user_text()
    opened.context.actor = session.login(
        opened.context, SAMPLE_ADMIN.username, SAMPLE_ADMIN.password
    )
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    assert not window.audit_tab.check()
    shown = window.audit_tab.result.text()
    assert f"番号 {last - 1} 以降" in shown and "最後の 2 件の行が削除されています" in shown
