"""Render every page of the intake wizard to PNG, as a counter worker would see it.

    QT_QPA_PLATFORM=offscreen python -m tests.ui.intake.render_screens [--large-text] [OUT_DIR]

Writes ``OUT_DIR/intake-*.png`` (default ``out/screens``): each page filled in for 山田 花子
(and her proxy 髙橋 一郎), plus the refusal states (a My Number in a field, a failing identity
check, short cash). Uses a throwaway encrypted database in a temporary folder and the bundled
font, so Japanese renders on a machine without Japanese fonts.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


LARGE_TEXT = False


def main(argv: list[str]) -> int:
    global LARGE_TEXT
    LARGE_TEXT = "--large-text" in argv
    argv = [a for a in argv if a != "--large-text"]
    out = Path(argv[0]) if argv else Path("out/screens")
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="counter-screens-")
    os.environ["COUNTER_APP_HOME"] = home

    import keyring
    from PySide6.QtWidgets import QApplication

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication([])
    try:  # the program's own font set-up (bundled BIZ UDGothic + the gaiji fallback)
        from ui.appearance import application_font, load_fonts

        app.setFont(application_font(load_fonts(), LARGE_TEXT))
    except ImportError:
        from PySide6.QtGui import QFontDatabase

        for path in sorted(Path("resources/fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))

    from counter_app.domain.mynumber import check_digit
    from counter_app.services.branch import initialise
    from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_SUPERVISOR, sample_branch
    from counter_app.services.staff_accounts import create_staff
    from counter_app.store.engine import open_database
    from counter_app.store.sqlite.cipher import new_key
    from tests.ui.intake import drive
    from tests.ui.intake.conftest import NOW, STAFF
    from ui.context import AppContext
    from ui.dialogs import Dialogs
    from ui.intake.wizard import IntakeWizard

    db = open_database(Path(home) / "data", key=new_key())
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=NOW)
        staff = create_staff(uow, admin.branch_code, STAFF, at=NOW, by=admin)
        supervisor = create_staff(uow, admin.branch_code, SAMPLE_SUPERVISOR, at=NOW, by=admin)
        uow.commit()
    context = AppContext(db=db, actor=staff, data_dir=Path(home) / "data", clock=lambda: NOW)
    today = context.today()
    Dialogs.confirm = classmethod(lambda cls, parent, text, **kw: False)
    Dialogs.error = classmethod(lambda cls, parent, text: None)
    Dialogs.supervisor_approval = classmethod(lambda cls, parent, ctx, purpose="": supervisor)
    # 「登録して印刷」 prints when the done page is reached: never to this machine's printer
    import ui.printing

    ui.printing.print_pdf = lambda pdf, printer=None, *, title="", **_: ui.printing.PrintResult(
        True, "プリンター「screens」で印刷を開始しました。", "screens", "screens-1"
    )

    written: list[Path] = []

    def shot(wizard: IntakeWizard, name: str) -> None:
        drive.settle(5)
        path = out / f"intake-{name}.png"
        wizard.grab().save(str(path))
        written.append(path)

    # Self-request, page by page
    w = IntakeWizard(context)
    w.show()
    shot(w, "1-requester-empty")
    drive.fill_requester(w, name="𠮷田 花子")
    shot(w, "1-requester")
    base = "12345678901"
    w.requester_page.address.setText(f"茨城県水戸市見本町4-5-6 {base}{check_digit(base)}")
    w.requester_page.phone.setText("0291234")
    w.requester_page.birth_date.set_parts(drive.DateParts("平成", "32", "1", "1"))
    shot(w, "1-requester-refused")
    drive.fill_requester(w)
    drive.press_next(w)
    drive.fill_types_disclosure(w)
    from counter_app.domain.requests import RequestType

    t = w.types_page
    t.type_checks[RequestType.CORRECTION].setChecked(True)
    t.type_checks[RequestType.SUSPENSION].setChecked(True)
    t.correction_item.setText("電話番号")
    t.correction_current.setText("029-111-0000")
    t.correction_requested.setText("029-111-2222")
    t.correction_evidence.setText("ご本人の申出")
    drive.choose(t.grounds[RequestType.SUSPENSION], "no_longer_needed")
    t.period_check.setChecked(True)
    drive.type_date(t.period_from, dt.date(2024, 4, 1))
    drive.type_date(t.period_to, dt.date(2025, 3, 31))
    shot(w, "2-types")
    drive.press_next(w)
    panel = w.identity_page.panel
    # chosen and dated, not yet confirmed: what is left to do, nothing said as a refusal
    drive.choose(panel.rows[0].doc_type, "drivers_license")
    drive.type_date(panel.rows[0].expiry, today + dt.timedelta(days=800))
    shot(w, "3-identity-pending")
    drive.fill_drivers_license(panel, today)
    drive.type_date(panel.rows[0].expiry, today - dt.timedelta(days=2))
    shot(w, "3-identity-refused")
    drive.type_date(panel.rows[0].expiry, today + dt.timedelta(days=800))
    panel.rows[0].confirmed.setChecked(False)  # a photocopy: the verdict says why it fails
    shot(w, "3-identity-not-original")
    for row, doc_type in ((0, "qualification_certificate"), (1, "pension_book")):
        r = panel.rows[row]
        drive.choose(r.doc_type, doc_type)
        drive.type_date(r.expiry, today + dt.timedelta(days=300))
        r.confirmed.setChecked(True)
    shot(w, "3-identity-warning")
    drive.fill_drivers_license(panel, today)
    drive.choose(panel.rows[1].doc_type, "")
    shot(w, "3-identity")
    drive.press_next(w)
    drive.fill_fee(w, received=1000)
    shot(w, "5-fee-short")
    drive.fill_fee(w)
    shot(w, "5-fee")
    f = w.fee_page
    f.adjust.setChecked(True)
    f.reduce.setChecked(True)
    f.reduce_amount.setText("500")
    f.adjust_reason.setText("複数回の請求のため")
    f.approve_button.click()
    drive.fill_fee(w)
    shot(w, "5-fee-reduced")
    f.adjust.setChecked(False)
    drive.fill_fee(w)
    drive.press_next(w)
    shot(w, "6-confirm")
    drive.press_next(w)
    while not w.done_page.ready:
        drive.settle()
    shot(w, "7-done")
    if w.done_page.receipt_pdf:
        dialog = w.done_page.show_receipt()
        drive.settle(10)
        dialog.grab().save(str(out / "intake-7-receipt-preview.png"))
        written.append(out / "intake-7-receipt-preview.png")
        dialog.close()
    w.close()

    # Proxy request
    p = IntakeWizard(context)
    p.show()
    drive.fill_requester(p, proxy_visit=True)
    drive.press_next(p)
    drive.fill_types_disclosure(p, with_purpose_notice=True)
    drive.press_next(p)
    shot(p, "3-identity-proxy-visit")
    # the principal's certificates brought by the proxy: the widest rows of ticks
    drive.fill_principal_papers_for_proxy(p.identity_page.panel, today)
    shot(p, "3-identity-certificates")
    drive.press_next(p)
    drive.fill_voluntary_proxy(p, today)
    p.proxy_page.seal_checks["seal_compared"].setChecked(False)
    shot(p, "4-proxy-refused")
    p.proxy_page.seal_checks["seal_compared"].setChecked(True)
    shot(p, "4-proxy")
    p.close()

    # a member number seen before: the earlier request is offered, masked
    m = IntakeWizard(context)
    m.show()
    m.requester_page.member_number.setText("1234567")
    m.requester_page.look_up_member()
    shot(m, "1-requester-previous")
    m.close()

    for path in written:
        print(path)
    db.close()
    drive.settle()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
