"""Render every screen of the counter window to PNG (offscreen) into out/screens/.

    python tools/screenshots.py [--out out/screens] [--large-text] [--lang en] [--no-intake]

A training-style database (synthetic people, a key passed directly) is made in a temporary
folder, with requests of today and of three weeks ago (overdue), so the list shows masks,
days left and the overdue highlight. Then the intake wizard's pages, with the same options
(``tools/screenshots_intake.py``, which runs the wizard's own script).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_database(folder: Path):  # -> (db, actors)
    from counter_app.services import samples
    from counter_app.services.branch import initialise
    from counter_app.services.clock import JST, now_utc, today
    from counter_app.services.database import open_database
    from counter_app.services.intake import register_intake
    from counter_app.services.lifecycle import start_work
    from counter_app.services.staff_accounts import create_staff

    db = open_database(folder, key=os.urandom(32), training=True)
    at = now_utc()
    with db.unit_of_work() as uow:
        admin = initialise(uow, samples.sample_branch(), samples.SAMPLE_ADMIN, at=at)
        staff = create_staff(uow, "BR01", samples.SAMPLE_STAFF, at=at, by=admin)
        supervisor = create_staff(uow, "BR01", samples.SAMPLE_SUPERVISOR, at=at, by=admin)
        old = today() - dt.timedelta(days=21)
        old_at = dt.datetime.combine(old, dt.time(10, 30), JST)
        overdue = register_intake(uow, staff, samples.sample_self_intake(received_at=old_at))
        start_work(uow, staff, overdue.request_id)
        for intake in (
            samples.sample_self_intake(),
            samples.sample_proxy_intake(),
            samples.sample_correction_intake(),
        ):
            register_intake(uow, staff, intake)
        uow.commit()
    return db, {"admin": admin, "staff": staff, "supervisor": supervisor}


def emulate_branch_screen() -> None:
    """Offscreen, on a branch laptop's screen: 1366 x 768 (the windows must fit it)."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    config = Path(tempfile.mkdtemp(prefix="counter-screen-")) / "screen.json"
    config.write_text(
        '{"screens": [{"name": "branch-pc", "x": 0, "y": 0, "width": 1366,'
        ' "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="ascii",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def suffix_for(large_text: bool, language: str) -> str:
    """The file names' suffix for the options: ``-large``, ``-en``, ``-large-en`` or none."""
    return ("-large" if large_text else "") + ("-en" if language == "en" else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "screens"))
    parser.add_argument("--large-text", action="store_true")
    parser.add_argument("--lang", default="ja", choices=("ja", "en"))
    parser.add_argument("--no-intake", action="store_true", help="skip the wizard's pages")
    args = parser.parse_args()
    emulate_branch_screen()
    sys.path.insert(0, str(ROOT))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = suffix_for(args.large_text, args.lang)

    from PySide6.QtWidgets import QApplication, QWidget

    from ui.app import Options, setup_application
    from ui.context import AppContext
    from ui.dialogs import Dialogs

    app = QApplication(["counter-app"])
    setup_application(app, Options(language=args.lang, large_text=args.large_text))
    # screens are rendered, never answered: any message box is recorded instead of blocking
    Dialogs.error = classmethod(lambda cls, parent, text: print("message:", text))

    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        widget.show()
        deadline = time.monotonic() + (1.5 if hasattr(widget, "pdf_bytes") else 0.1)
        while time.monotonic() < deadline:  # QPdfView renders its pages on a thread
            app.processEvents()
            time.sleep(0.02)
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)

    tmp = tempfile.TemporaryDirectory(prefix="counter-screens-")
    db, actors = build_database(Path(tmp.name) / "data")
    context = AppContext(db=db, training=True, data_dir=Path(tmp.name) / "data")
    try:
        from ui.facade import admin as admin_facade
        from ui.facade import documents, request_actions, request_detail, session
        from ui.facade.request_actions import Decision
        from ui.first_run import FirstRunWindow
        from ui.login import LoginWindow

        first = FirstRunWindow(context)
        first.set_limits(session.text_limits())  # as the session does once the services load
        first.branch_code.setText("BR01")
        first.address.setText("茨城県水戸市見本町1-2-3")
        first.registration_number.setText("T1234567890123")
        first.show_error("登録番号「T1234567890123」のチェックディジットが一致しません。")
        shot(first, "01-first-run")

        login = LoginWindow(context)
        login.set_ready(True, "水戸宅配センター")
        login.username.setText("tanaka")
        from counter_app.services.sign_in import LoginFailed

        login.show_error(LoginFailed().user_text())
        shot(login, "02-login")

        from ui.session import DEMO_ACCOUNTS, DEMO_PASSWORD

        demo = LoginWindow(AppContext(training=True))
        demo.set_ready(True, "水戸宅配センター")
        demo.show_demo_login([(n, r) for n, r, _ in DEMO_ACCOUNTS], DEMO_PASSWORD)
        shot(demo, "03-login-training")

        from ui.main_window import MainWindow

        context.actor = actors["supervisor"]
        main_window = MainWindow(context)
        main_window.scope.setCurrentIndex(main_window.scope.findData("open"))
        main_window.table.selectRow(1)
        shot(main_window, "04-main-window")

        Dialogs.ask_reason = classmethod(
            lambda cls, parent, title, label, submit, **kwargs: submit("画面確認のため") is None
        )
        main_window.reveal_selected()  # as a supervisor: no approval needed
        main_window.table.clearSelection()
        shot(main_window, "05-main-window-revealed")

        from ui.detail.window import RequestDetailDialog

        overdue = next(r for r in main_window.model.rows if r.overdue)
        detail = RequestDetailDialog(context, overdue.request_id)
        shot(detail, "06-detail-overdue")
        decision = detail.open_decision()
        combo = next(iter(decision.outcomes.values()))
        combo.setCurrentIndex(combo.findData("disclosed_partial"))
        decision.explanation.setPlainText("第三者の個人情報が含まれる部分を除いて開示します。")
        decision.show_problem("不開示・一部開示には法第33条第2項の理由を選んでください。")
        shot(decision, "07-decision")
        previews = detail.preview_decision(
            Decision(
                outcomes={k: c.currentData() for k, c in decision.outcomes.items()},
                ground="harm",
                explanation=decision.explanation.toPlainText(),
            )
        )
        if previews:
            shot(previews[0], "08-notice-preview")

        # a purpose notice not given: its own outcome words and the Art. 32(2) grounds
        with_notice = next(r for r in main_window.model.rows if "利用目的の通知" in r.types)
        notice_detail = RequestDetailDialog(context, with_notice.request_id)
        notice_decision = notice_detail.open_decision()
        notice_combo = notice_decision.outcomes["purpose_notice"]
        notice_combo.setCurrentIndex(notice_combo.findData("refused"))
        notice_decision.notice_ground.setCurrentIndex(
            notice_decision.notice_ground.findData("purpose_evident")
        )
        disclosure_combo = notice_decision.outcomes["disclosure"]
        disclosure_combo.setCurrentIndex(disclosure_combo.findData("disclosed_full"))
        notice_decision.explanation.setPlainText("利用目的は当組合のホームページで公表しています。")
        shot(notice_decision, "07b-decision-purpose-notice")
        notice_previews = notice_detail.preview_decision(notice_decision.decision())
        if notice_previews:
            shot(notice_previews[0], "08b-notice-not-notified")
        notice_decision.done(0)
        notice_detail.done(0)

        # パスワード変更 (every role) with a wrong current password, and a blank 委任状
        from ui.own_password import OwnPasswordDialog

        own = OwnPasswordDialog(context)
        own.current.setText("not-my-password")
        own.password.setText("a-new-pass-9")
        own.again.setText("a-new-pass-9")
        own.try_submit()
        shot(own, "19-own-password-refused")
        own.done(0)
        blank = main_window.open_blank_form("power_of_attorney")
        if blank is not None:
            shot(blank, "20-blank-power-of-attorney")
            blank.done(0)

        from ui.dialogs import SupervisorApprovalDialog

        approval = SupervisorApprovalDialog(context, "領収書の取消 (BR01-2026-000001)", None)
        approval.username.setText("suzuki")
        approval.message.setText(LoginFailed().message)
        shot(approval, "09-supervisor-approval")

        from ui.answer_dialogs import NewPasswordDialog, TextAnswerDialog
        from ui.dialogs import may_discard

        def extend(reason: str) -> None:
            request_actions.extend(context, overdue.request_id, reason)

        reason = TextAnswerDialog(
            "回答期限の延長",
            "延長の理由 (ご本人への通知書に記載されます。延長は1回のみ):",
            extend,
            ask_discard=may_discard,
            empty="延長の理由を入力してください。",
            limit=session.text_limits().text,
            multiline=True,
            ok_text="延長する",
        )
        reason.set_text("ご提示の通知カード (1234-5678-9018) の確認に時間を要するため")
        reason.try_submit()  # refused: the message under the reason, which stays
        shot(reason, "16-reason-refused")

        from ui.idle_lock import LockCover

        cover = LockCover(reason)  # the idle lock came while the question was open
        shot(reason, "17-question-under-the-lock")
        cover.remove()

        def set_password(password: str) -> None:
            admin_facade.set_staff_password(context, "tanaka", password)

        context.actor = actors["admin"]
        password = NewPasswordDialog(
            "パスワードの再設定", "田中 窓口 さんの新しいパスワード:", set_password
        )
        password.password.setText("short")
        password.again.setText("short")
        password.try_submit()
        shot(password, "18-password-reset-refused")
        context.actor = actors["supervisor"]

        from ui.pdf_preview import PdfPreviewDialog

        with_receipt = next(
            d
            for d in (
                request_detail.request_detail(context, r.request_id) for r in main_window.model.rows
            )
            if d.receipts and not d.overdue
        )
        receipt = documents.receipt_pdf(context, with_receipt.receipts[0].receipt_id)
        shot(PdfPreviewDialog(receipt, "領収書"), "10-receipt-preview")

        from ui.supervisor import SupervisorWindow

        supervisor = SupervisorWindow(context)
        amount = max(0, supervisor.log.cash_expected - 10)  # 10 yen short
        pieces = []
        for yen in supervisor.cash_count.denominations:
            pieces.append(amount // yen)
            amount %= yen
        supervisor.cash_count.set_pieces(tuple(pieces))
        supervisor.variance_note.setText("釣銭の渡し誤り (10円)")
        shot(supervisor, "11-supervisor")
        from PySide6.QtGui import QInputMethodEvent

        box = supervisor.cash_count.boxes[4]
        box.lineEdit().selectAll()
        typed = QInputMethodEvent()
        typed.setCommitString("五枚")  # not a number: said under the count
        QApplication.sendEvent(box.lineEdit(), typed)
        shot(supervisor, "11b-supervisor-cash-refused")
        supervisor.cash_count.set_pieces(None)  # nothing left to ask about on closing
        supervisor.variance_note.clear()

        from ui.idle_lock import LockWindow

        lock = LockWindow(actors["supervisor"].display_name)
        lock.show_error("パスワードが違います。入力を確認してください。")
        shot(lock, "15-idle-lock")

        from ui.admin import AdminWindow

        context.actor = actors["admin"]
        admin = AdminWindow(context)
        for index, name in enumerate(("12-admin-staff", "13-admin-branch", "14-admin-fees")):
            admin.tabs.setCurrentIndex(index)
            shot(admin, name)
        admin.tabs.setCurrentIndex(1)
        branch = admin.branch_tab
        branch.edits["address"].setText("茨城県水戸市見本町1-2-3 " + "見本ビル" * 20)
        branch.save()  # refused: over 80 characters, said by the counter and the message
        shot(admin, "13b-admin-branch-refused")
        admin.tabs.setCurrentIndex(0)
        staff = admin.staff_tab
        staff.username.setText("sato")
        staff.display_name.setText("佐藤 次郎 1234-5678-9018")
        staff.password.setText("sato-pass-1")
        staff.add_staff()
        shot(admin, "12b-admin-staff-refused")
    finally:
        db.close()
        tmp.cleanup()
    if not args.no_intake:
        from screenshots_intake import render_intake  # this folder is on sys.path

        written += render_intake(out, large_text=args.large_text, suffix=suffix)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
