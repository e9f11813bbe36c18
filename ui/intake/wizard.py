"""The intake wizard: requester -> types -> identity (self) / proxy -> fee -> confirm -> done.

Keyboard-only from start to end: every page is built in reading order (Qt's tab order
follows it), Enter presses 次へ (the wizard's default button), Esc asks before cancelling and
keeps the draft; labels carry mnemonics (Alt+letter).

What is typed is saved as an encrypted draft (``ui.intake.drafts``) ~300 ms after the last
edit and on every page change; reopening the wizard offers to resume it; a successful
registration deletes it. ``registered(request_id)`` is emitted once the request is stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from counter_app.errors import CounterAppError
from ui.context import TOKYO
from ui.dialogs import Dialogs
from ui.era_text import era_date_text
from ui.intake.confirm import ConfirmPage
from ui.intake.done import DonePage
from ui.intake.drafts import DraftStore
from ui.intake.fee import FeePage
from ui.intake.identity import IdentityPage
from ui.intake.proxy import ProxyPage
from ui.intake.requester import RequesterPage
from ui.intake.types import TypesPage
from ui.intake.warmup import warm_up
from ui.screen_fit import resize_to_fit

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 300


class IntakeWizard(QWizard):
    """The counter's intake flow (see the module docstring)."""

    registered = Signal(str)

    PAGE_REQUESTER, PAGE_TYPES, PAGE_IDENTITY, PAGE_PROXY, PAGE_FEE, PAGE_CONFIRM, PAGE_DONE = (
        range(7)
    )

    def __init__(
        self,
        context: Any,
        parent: QWidget | None = None,
        *,
        drafts: DraftStore | None = None,
        offer_resume: bool = True,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("intake_wizard")
        self.setWindowTitle(self.tr("新規受付"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("次へ(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 戻る(&B)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("中止"))
        # 次へ's Alt+N and 戻る's Alt+B belong to these buttons alone: no field label on any
        # page uses N or B (an ambiguous Alt+N only moved the focus, it did not go on).
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("閉じる(&F)"))
        # one action, as at a POS: registers, then prints the receipt, the slip and the request
        # form (the done page offers reprints)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("登録して印刷(&R)"))

        self.requester_page = RequesterPage(context, self)
        self.types_page = TypesPage(context, self)
        self.identity_page = IdentityPage(context, self)
        self.proxy_page = ProxyPage(context, self)
        self.fee_page = FeePage(context, self)
        self.confirm_page = ConfirmPage(context, self)
        self.done_page = DonePage(context, self)
        self.draft_pages = {
            "requester": self.requester_page,
            "types": self.types_page,
            "identity": self.identity_page,
            "proxy": self.proxy_page,
            "fee": self.fee_page,
        }
        for page_id, page in enumerate(
            (
                self.requester_page,
                self.types_page,
                self.identity_page,
                self.proxy_page,
                self.fee_page,
                self.confirm_page,
                self.done_page,
            )
        ):
            self.setPage(page_id, page)

        self.result_: Any = None  # the services' IntakeResult once registered
        self.drafts = drafts if drafts is not None else DraftStore.for_context(context)
        self.draft_problem: str | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._dirty = False
        for page in self.draft_pages.values():
            page.changed.connect(self._schedule_draft)
        self.currentIdChanged.connect(self._page_changed)
        self.currentIdChanged.connect(self._space_title)
        resize_to_fit(self, 960, 700)  # larger with --large-text; within a 1366x768 screen
        warm_up(context.today())
        if offer_resume:
            self.offer_resume()

    # -- navigation -----------------------------------------------------------------------
    def nextId(self) -> int:
        # The identity page is always shown: for a proxy visit it takes the principal's
        # documents if the proxy brought any (optional, as in services.intake.check_intake);
        # the proxy page follows it only for a proxy visit.
        current = self.currentId()
        if current == self.PAGE_IDENTITY:
            return self.PAGE_PROXY if self.requester_page.is_proxy_visit else self.PAGE_FEE
        if current == self.PAGE_PROXY:
            return self.PAGE_FEE
        return super().nextId()

    # -- the page title -------------------------------------------------------------------
    def title_label(self) -> QLabel | None:
        """The label QWizard shows the current page's title in (the header above the page,
        in ClassicStyle with a subtitle); None if there is none."""
        page = self.currentPage()
        if page is None or not page.title():
            return None
        pages = [self.page(i) for i in self.pageIds()]
        for label in self.findChildren(QLabel):
            if label.text() == page.title() and not any(p.isAncestorOf(label) for p in pages):
                return label
        return None

    def _space_title(self, *_: object) -> None:
        """Half a line above the title, in every text size: QWizard sets it at the window's
        top margin (11 px), where the large-text title's glyphs started 1 px below the
        label's edge and the title read as stuck to the window's top."""
        label = self.title_label()
        if label is None or label.parentWidget().isAncestorOf(self.currentPage()):
            return  # a title without subtitle sits above the page itself: leave it
        margins = label.contentsMargins()
        top = label.fontMetrics().height() // 2
        if margins.top() == top:
            return
        margins.setTop(top)
        label.setContentsMargins(margins)
        page = self.currentPage()
        page.setTitle(page.title())  # QWizard sizes its header again (it has a fixed height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._space_title()
        QTimer.singleShot(0, self.focus_first_field)

    def _page_changed(self, page_id: int) -> None:
        if self._dirty and page_id < self.PAGE_DONE:
            self.save_draft()
        # after QWizard has put the focus on its own choice (a frame, a radio button...)
        QTimer.singleShot(0, self.focus_first_field)

    def focus_first_field(self) -> None:
        """The keyboard focus on the current page's first thing to answer: the first
        keystrokes typed after a page opens land in a field, never on a frame or a radio
        button where they go nowhere."""
        page = self.currentPage()
        field = page.first_field() if hasattr(page, "first_field") else None
        if field is not None and field.isVisible() and field.isEnabled():
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- drafts ---------------------------------------------------------------------------
    def draft_payload(self) -> dict[str, Any]:
        return {
            "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "page": self.currentId(),
            "pages": {name: page.draft_state() for name, page in self.draft_pages.items()},
        }

    def _schedule_draft(self) -> None:
        if self.result_ is not None:
            return
        self._dirty = True
        self._draft_timer.start()

    def save_draft(self) -> None:
        """Write the draft now (the debounce timer calls this)."""
        self._draft_timer.stop()
        if self.result_ is not None or not self._dirty:
            return
        try:
            self.drafts.save(self.draft_payload())
        except CounterAppError as exc:
            self.draft_problem = exc.message
            log.warning("intake draft not saved: %s", exc.hint or exc.message)
            return
        self.draft_problem = None
        self._dirty = False

    def offer_resume(self) -> bool:
        """If a draft exists, ask whether to resume it; restore it if so. True if resumed."""
        if not self.drafts.exists():
            return False
        payload = self.drafts.load()
        if payload is None:
            Dialogs.error(
                self,
                self.tr("前回の入力途中の内容を読めなかったため、新しく受付を始めます。"),
            )
            self.drafts.delete()
            return False
        when = ""
        try:
            saved = dt.datetime.fromisoformat(payload.get("saved_at", ""))
            when = self.tr("{0} {1}時{2:02d}分").format(
                era_date_text(saved.astimezone(TOKYO).date()),
                saved.astimezone(TOKYO).hour,
                saved.astimezone(TOKYO).minute,
            )
        except (TypeError, ValueError):
            pass
        # Enter (and Esc) resume: discarding what was typed is never the default.
        if not Dialogs.confirm(
            self,
            self.tr("入力途中の受付があります (保存 {0})。\n続きから再開しますか?").format(when),
            yes=self.tr("再開する(&Y)"),
            no=self.tr("破棄して新しく始める(&D)"),
            default_yes=True,
        ):
            self.drafts.delete()
            return False
        self.restore(payload)
        return True

    def restore(self, payload: dict[str, Any]) -> None:
        pages = payload.get("pages", {})
        for name, page in self.draft_pages.items():
            state = pages.get(name)
            if isinstance(state, dict):
                page.restore_draft(state)
        if self.currentId() == -1:
            self.restart()
        target = min(int(payload.get("page", 0) or 0), self.PAGE_FEE)
        while self.currentId() < target and self.currentPage().isComplete():
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    # -- registration ---------------------------------------------------------------------
    def registered_ok(self, result: Any, request_id: str) -> None:
        """Called by the confirm page once the services stored the request."""
        self.result_ = result
        self._draft_timer.stop()
        self._dirty = False
        self.drafts.delete()
        self.registered.emit(request_id)

    # -- cancelling -----------------------------------------------------------------------
    def _has_input(self) -> bool:
        r = self.requester_page
        return bool(
            r.name.text().strip()
            or r.member_number.text().strip()
            or r.address.text().strip()
            or self.types_page.selected_types()
        )

    def reject(self) -> None:
        if self.confirm_page.busy:  # the registration is being written: let it finish
            return
        if self.result_ is not None:
            super().reject()
            return
        if not self._has_input():  # nothing worth keeping
            self._draft_timer.stop()
            self._dirty = False
            self.drafts.delete()
            super().reject()
            return
        if not Dialogs.confirm(
            self,
            self.tr(
                "受付を中止しますか?\n入力した内容は下書きとして保存され、次に受付を開いたときに再開できます。"
            ),
            yes=self.tr("中止する"),
            no=self.tr("入力を続ける"),
        ):
            return
        self._dirty = True
        self.save_draft()
        super().reject()

    def hideEvent(self, event: QHideEvent) -> None:
        # Closing the main window hides the wizard without asking: keep what was typed.
        if self.result_ is None and self._dirty:
            self.save_draft()
        super().hideEvent(event)
