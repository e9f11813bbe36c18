"""The draft: saved as the staff types, encrypted, offered back after a crash, gone once used."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from counter_app.domain.requests import RequestType
from tests.ui.intake import drive
from ui.intake.drafts import KEYRING_SERVICE, KEYRING_USER, DraftStore
from ui.intake.wizard import DRAFT_DELAY_MS, IntakeWizard

pytestmark = drive.OFFSCREEN_NOISE


def test_the_draft_is_written_encrypted_shortly_after_typing(wizard, qtbot):
    drive.fill_requester(wizard, name="𠮷田 太郎")
    qtbot.waitUntil(wizard.drafts.exists, timeout=3000)
    raw = wizard.drafts.path.read_bytes()
    assert "𠮷田".encode() not in raw and "太郎".encode() not in raw
    assert "水戸市".encode() not in raw
    assert b"090-1234-5678" not in raw
    assert wizard.drafts.load()["pages"]["requester"]["name"] == "𠮷田 太郎"
    assert not list(wizard.drafts.folder.glob("*.tmp"))  # written atomically


def test_a_draft_survives_the_wizard_being_destroyed_mid_way(
    qtbot, context, told, today, isolated_environment
):
    first = IntakeWizard(context)
    first.show()
    drive.fill_requester(first)
    drive.press_next(first)
    drive.fill_types_disclosure(first)
    page = first.types_page
    page.type_checks[RequestType.CORRECTION].setChecked(True)
    page.correction_item.setText("電話番号")
    page.correction_requested.setText("029-111-2222")
    store = first.drafts
    qtbot.wait(DRAFT_DELAY_MS * 2)  # the debounced save has run: nothing is pending
    assert store.exists()
    # a crash: the window disappears without any question being asked
    first.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    first.deleteLater()
    drive.settle()
    del first
    gc.collect()
    # the draft's key lives in the (test's in-memory) OS keyring, never next to the file
    assert (KEYRING_SERVICE, KEYRING_USER) in isolated_environment.store
    key = isolated_environment.store[(KEYRING_SERVICE, KEYRING_USER)]
    assert key.encode() not in b"".join(p.read_bytes() for p in store.folder.iterdir())

    told.answers[:] = [True]  # 再開する
    second = IntakeWizard(context)
    qtbot.addWidget(second)
    second.show()
    assert told[-1][0] == "confirm" and "再開" in told[-1][1]
    r = second.requester_page
    assert r.name.text() == "山田 花子"
    assert r.furigana.text() == "ヤマダ ハナコ"
    assert r.birth_date_value().isoformat() == "1980-04-01"
    assert r.phone.text() == "090-1234-5678"
    assert second.currentId() == second.PAGE_TYPES  # back where the staff was
    t = second.types_page
    assert set(t.selected_types()) == {RequestType.DISCLOSURE, RequestType.CORRECTION}
    assert t.correction_requested.text() == "029-111-2222"
    assert second.button(QWizard.WizardButton.NextButton).isEnabled()


def test_declining_the_draft_discards_it(qtbot, context, told):
    first = IntakeWizard(context)
    qtbot.addWidget(first)
    drive.fill_requester(first)
    first.save_draft()
    assert first.drafts.exists()
    told.answers[:] = [False]  # 破棄して新しく始める
    second = IntakeWizard(context)
    qtbot.addWidget(second)
    assert second.requester_page.name.text() == ""
    assert not second.drafts.exists()


def test_a_draft_belongs_to_the_staff_member_who_typed_it(qtbot, context, told, database):
    first = IntakeWizard(context)
    qtbot.addWidget(first)
    drive.fill_requester(first)
    first.save_draft()
    other = DraftStore.for_context(
        type(context)(actor=database.test_supervisor, data_dir=context.data_dir)
    )
    assert other.path != first.drafts.path
    assert not other.exists()


def test_an_unreadable_draft_is_reported_and_a_fresh_intake_starts(qtbot, context, told):
    store = DraftStore.for_context(context)
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b"not a fernet token")
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    assert told[-1][0] == "error" and "読めなかった" in told[-1][1]
    assert not store.exists()


def test_registering_deletes_the_draft(wizard, today, qtbot):
    drive.fill_requester(wizard)
    wizard.save_draft()
    assert wizard.drafts.exists()
    with qtbot.waitSignal(wizard.registered, timeout=5000):
        drive.press_next(wizard)
        drive.fill_types_disclosure(wizard)
        drive.press_next(wizard)
        drive.fill_drivers_license(wizard.identity_page.panel, today)
        drive.press_next(wizard)
        drive.fill_fee(wizard)
        drive.press_next(wizard)
        drive.press_next(wizard)
    drive.settle()
    assert not wizard.drafts.exists()


def test_training_mode_keeps_drafts_off_the_os_keyring(qtbot, context, told, isolated_environment):
    context.training = True
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    drive.fill_requester(wizard)
    wizard.save_draft()
    assert wizard.drafts.exists()
    assert (KEYRING_SERVICE, KEYRING_USER) not in isolated_environment.store
    assert wizard.drafts.load()["pages"]["requester"]["name"] == "山田 花子"
