"""Drive the counter with key events only, the way a person at the counter would, and count
the staff actions (issue 10 §1).

Shared by ``bench/bench_actions.py`` (prints the counts) and ``tests/ui/intake/test_fast_path.py``
(keeps the keyboard-only path working). Every key is a real ``QTest`` key event sent to the
widget that has the focus (Japanese goes in as an input-method commit string, as an IME gives
it); nothing is set on a widget directly.

What counts (the issue's definition): an *action* is a key press that is not part of typing a
value — Tab, Shift+Tab, Enter, Space, an arrow in a list, a mnemonic (Alt+letter), F2, End.
*Typing* is not counted: the characters of a value (the person's member number, name, kana,
birth date, postal code, 番地, phone, a document's date, a proxy's name and address, the
correction's wording, the cash tendered), the keys that move between the parts of one date,
and the one Tab that ends a typed value and lands straight on the next value to type (the
person's data is typed as one run). A Tab that lands anywhere else, or that skips a field,
counts.

The driver picks the cheapest way a trained person would use to reach a field: Tab or
Shift+Tab (as many as the focus chain needs), or the field's mnemonic when it is unique on the
window — an ambiguous mnemonic (two labels with Alt+N) only moves the focus between them, so a
person does not rely on it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

KEY_NAMES = {
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backtab: "Shift+Tab",
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Down: "↓",
    Qt.Key.Key_Up: "↑",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_F2: "F2",
}


class KeyboardPathError(AssertionError):
    """The flow cannot go on by keyboard alone (the message says where)."""


@dataclass(frozen=True)
class Step:
    counted: bool
    keys: str
    what: str

    def line(self) -> str:
        return f"{self.keys:<10} {self.what}"


def settle(rounds: int = 3) -> None:
    loop = QEventLoop()
    for _ in range(rounds):
        loop.processEvents()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise KeyboardPathError(f"timed out waiting for {what}")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    settle()


def pause(seconds: float) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)


def mnemonic_of(text: str) -> str | None:
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].upper()
        i += 1
    return None


def _tab_focusable(widget: QWidget, window: QWidget) -> bool:
    return (
        widget.window() is window
        and (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and widget.isVisible()
        and widget.isEnabled()
    )


class CounterKeys:
    """A person at the counter with a keyboard (see the module docstring)."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    # -- what was pressed -------------------------------------------------------------------
    @property
    def actions(self) -> list[Step]:
        return [s for s in self.steps if s.counted]

    def _record(self, counted: bool, keys: str, what: str) -> None:
        self.steps.append(Step(counted, keys, what))

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            window = QApplication.activeWindow()
            if window is None:
                raise KeyboardPathError("no window has the keyboard focus")
            return window
        return widget

    def press(
        self,
        key: Qt.Key,
        what: str,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        *,
        counted: bool = True,
    ) -> None:
        target = self.focus()
        QTest.keyClick(target, key, modifier)
        if modifier & Qt.KeyboardModifier.AltModifier:
            pause(0.15)  # a mnemonic on a button "animates" its click: pressed, released later
        settle()
        name = KEY_NAMES.get(key) or chr(key)
        if modifier & Qt.KeyboardModifier.AltModifier:
            name = f"Alt+{name}"
        self._record(counted, name, what)

    def type_text(self, text: str, what: str) -> None:
        """Type ``text`` into the focused widget (ASCII as keys, Japanese as an IME commit)."""
        target = self.focus()
        if text.isascii():
            QTest.keyClicks(target, text)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(text)
            QApplication.sendEvent(target, event)
        settle()
        self._record(False, f"「{text}」", what)

    # -- reaching a widget --------------------------------------------------------------------
    @staticmethod
    def _distance(start: QWidget, target: QWidget, forward: bool) -> int | None:
        window = target.window()
        widget, count = start, 0
        for _ in range(2000):
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is start:
                return None
            if _tab_focusable(widget, window):
                count += 1
                if widget is target:
                    return count
        return None

    @staticmethod
    def _shortcut_owners(window: QWidget, letter: str) -> list[QWidget]:
        owners: list[QWidget] = []
        for widget in window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
                widget, QAbstractButton
            ):
                text = widget.text()
            else:
                continue
            if mnemonic_of(text) == letter:
                owners.append(widget)
        return owners

    def mnemonic_for(self, target: QWidget) -> str | None:
        """The unique Alt+letter that reaches ``target`` (a label's buddy or a button)."""
        window = target.window()
        candidates: list[str] = []
        if isinstance(target, QAbstractButton):
            letter = mnemonic_of(target.text())
            if letter:
                candidates.append(letter)
        for label in window.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is None or not label.isVisible():
                continue
            if buddy is target or buddy.focusProxy() is target:
                letter = mnemonic_of(label.text())
                if letter:
                    candidates.append(letter)
        for letter in candidates:
            if len(self._shortcut_owners(window, letter)) == 1:
                return letter
        return None

    def _alt(self, letter: str, what: str) -> None:
        key = Qt.Key(ord(letter)) if letter.isdigit() else Qt.Key(ord(letter.upper()))
        self.press(key, what, Qt.KeyboardModifier.AltModifier)

    def reach(self, target: QWidget, what: str, *, typing_run: bool = False) -> None:
        """Put the focus on ``target`` the cheapest way. ``typing_run``: the previous step
        typed a value and one Tab lands here — part of typing (see the module docstring)."""
        settle()
        current = self.focus()
        if current is target:
            return
        if not target.isVisible() or not target.isEnabled():
            raise KeyboardPathError(f"{what}: the field is not on the screen")
        forward = self._distance(current, target, True)
        backward = self._distance(current, target, False)
        letter = self.mnemonic_for(target)
        if isinstance(target, QAbstractButton) and letter is not None:
            letter = None  # a button's mnemonic presses it: not a way to only reach it
        if forward == 1:
            last_typed = bool(self.steps) and not self.steps[-1].counted
            free = typing_run and last_typed
            self.press(Qt.Key.Key_Tab, f"to {what}", counted=not free)
        elif letter is not None and (forward is None or forward > 1):
            self._alt(letter, f"to {what} (mnemonic)")
        elif backward is not None and (forward is None or backward < forward):
            for _ in range(backward):
                self.press(Qt.Key.Key_Backtab, f"back to {what}")
        else:
            for _ in range(forward or 0):
                self.press(Qt.Key.Key_Tab, f"to {what}")
        for _ in range(60):  # the prediction missed: go on with Tab, counting each
            if QApplication.focusWidget() is target:
                break
            self.press(Qt.Key.Key_Tab, f"to {what} (more)")
        if QApplication.focusWidget() is not target:
            raise KeyboardPathError(f"could not reach {what} by keyboard")

    # -- values ---------------------------------------------------------------------------
    def type_into(self, field: QLineEdit, text: str, what: str, *, run: bool = True) -> None:
        self.reach(field, what, typing_run=run)
        if field.hasSelectedText() and field.text():
            # Tab selected what is there (the town from the postal code): a person presses
            # End so that the 番地 does not replace it
            self.press(Qt.Key.Key_End, f"{what}: keep the text already there")
        self.type_text(text, what)

    def type_date(self, date_input: Any, era: str, parts: tuple[str, str, str], what: str) -> None:
        """A date typed as era (when not already shown) + year, month, day."""
        self.reach(date_input.era, what, typing_run=True)
        if date_input.era_name() != era:
            combo = date_input.era
            while combo.currentData() != era:
                down = combo.findData(era) > combo.currentIndex()
                key = Qt.Key.Key_Down if down else Qt.Key.Key_Up
                QTest.keyClick(combo, key)
                settle()
                self._record(False, KEY_NAMES[key], f"{what}: era")
        fields = (date_input.year, date_input.month, date_input.day)
        for part, field in zip(parts, fields, strict=True):
            if self.focus() is not field:
                self.press(Qt.Key.Key_Tab, f"{what}: next part", counted=False)
            if self.focus() is not field:
                raise KeyboardPathError(f"{what}: the date's parts are not in Tab order")
            self.type_text(part, what)

    def tick(self, check: QAbstractButton, what: str) -> None:
        """Tick (or choose) ``check``: its unique mnemonic, else reach it and press Space."""
        if check.isChecked():
            return
        letter = self.mnemonic_for(check)
        if letter is not None:
            self._alt(letter, what)
        else:
            self.reach(check, what)
            self.press(Qt.Key.Key_Space, what)
        if not check.isChecked():
            raise KeyboardPathError(f"{what}: the tick did not take")

    def choose(self, combo: QComboBox | Any, data: Any, what: str) -> None:
        """Choose the item whose data is ``data``: a choice shown as radio buttons is one
        of them ticked; a list is reached, then its pick key (an item shown as 「1 …」 is
        picked with 1) or the arrows."""
        index = combo.findData(data)
        if index < 0:
            raise KeyboardPathError(f"{what}: {data!r} is not offered")
        if combo.currentIndex() == index:
            return
        buttons = getattr(combo, "buttons", None)
        if buttons is not None:
            self.tick(buttons[index - 1], what)
            return
        self.reach(combo, what)
        text = combo.itemText(index)
        pick = text[:1] if len(text) > 1 and text[1] == " " and text[:1].isalnum() else ""
        if pick:
            self.press(Qt.Key(ord(pick.upper())), f"{what}: pick 「{text}」")
        while combo.currentIndex() != index:
            key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
            before = combo.currentIndex()
            self.press(key, f"{what}: 「{text}」")
            if combo.currentIndex() == before:
                raise KeyboardPathError(f"{what}: the arrow keys do not move the list")

    def enter(self, what: str) -> None:
        self.press(Qt.Key.Key_Return, what)


# -- the flows --------------------------------------------------------------------------------


def open_wizard(keys: CounterKeys, main_window: Any) -> Any:
    main_window.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is main_window, "the main window")
    main_window.table.setFocus()
    settle()
    keys.press(Qt.Key.Key_F2, "新規受付 (main window)")
    wizard = main_window.wizard
    if wizard is None:
        raise KeyboardPathError("F2 did not open the intake wizard")
    wait_until(lambda: QApplication.activeWindow() is wizard, "the wizard to be active")
    return wizard


def next_page(keys: CounterKeys, wizard: Any, what: str) -> None:
    before = wizard.currentId()
    wait_until(
        lambda: wizard.currentPage().isComplete(), f"{what}: 次へ enabled", timeout=5
    ) if before == wizard.PAGE_CONFIRM else None
    if not wizard.currentPage().isComplete():
        raise KeyboardPathError(
            f"{what}: 次へ is disabled on page {before}: {wizard.currentPage().blockers}"
        )
    keys.enter(what)
    if before == wizard.PAGE_CONFIRM:
        wait_until(lambda: wizard.currentId() != before, "the registration")
    if wizard.currentId() == before:
        raise KeyboardPathError(f"{what}: Enter did not change the page")


def requester(keys: CounterKeys, wizard: Any, *, proxy: bool = False) -> None:
    page = wizard.requester_page
    settle()
    if proxy:
        keys.tick(page.visitor_proxy, "来所: 代理人")
    keys.type_into(page.member_number, "1234567", "組合員番号", run=False)
    keys.type_into(page.name, "山田 花子", "氏名")
    keys.type_into(page.furigana, "ヤマダ ハナコ", "フリガナ")
    keys.type_date(page.birth_date, "昭和", ("55", "4", "1"), "生年月日")
    keys.type_into(page.postal_code, "3100852", "郵便番号")
    wait_until(lambda: page.lookups_pending == 0, "the postal-code lookup")
    keys.type_into(page.address, "1-2-3", "住所 (番地)")
    keys.type_into(page.phone, "09012345678", "電話番号")
    next_page(keys, wizard, "次へ → 請求の種類")


def types(
    keys: CounterKeys,
    wizard: Any,
    request_type: Any,
    *,
    method: Any = None,
    scope: Any = None,
    correction: dict[str, str] | None = None,
) -> None:
    page = wizard.types_page
    settle()
    keys.tick(page.type_checks[request_type], f"種類: {request_type.label}")
    if method is not None:
        keys.choose(page.method, method.value, f"開示の方法: {method.label}")
    if scope is not None:
        keys.tick(page.scope_checks[scope], f"範囲: {scope.label}")
    if correction:
        first = True
        for field, text in (
            (page.correction_item, correction["item"]),
            (page.correction_current, correction["current"]),
            (page.correction_requested, correction["requested"]),
            (page.correction_evidence, correction["evidence"]),
        ):
            keys.type_into(field, text, f"訂正: {field.objectName()}", run=not first)
            first = False
    next_page(keys, wizard, "次へ → 本人確認")


def confirm_document(keys: CounterKeys, row: Any, what: str) -> None:
    """The deliberate confirmation that the document is the original and matches."""
    confirm = getattr(row, "confirmed", None)
    if confirm is not None:  # one confirmation for original + name / birth date / address
        keys.tick(confirm, f"{what}: 原本・記載の一致を確認")
        return
    for check, label in (  # the four ticks of the first version
        (row.original, "原本"),
        (row.name_matches, "氏名が一致"),
        (row.birth_date_matches, "生年月日が一致"),
        (row.address_matches, "住所が一致"),
    ):
        if check.isVisible():
            keys.tick(check, f"{what}: {label}")


def licence(keys: CounterKeys, row: Any, today: dt.date, what: str) -> None:
    keys.choose(row.doc_type, "drivers_license", f"{what}: 運転免許証")
    expiry = today + dt.timedelta(days=800)
    era_year = expiry.year - 2018  # 令和
    keys.type_date(
        row.expiry, "令和", (str(era_year), str(expiry.month), str(expiry.day)), f"{what} 有効期限"
    )
    confirm_document(keys, row, what)


def confirm_warnings(keys: CounterKeys, view: Any, what: str) -> None:
    for check in list(view.warning_checks):
        keys.tick(check, f"{what}: 注意事項を確認 ({check.property('warning')[:12]}…)")


def fee_and_cash(keys: CounterKeys, wizard: Any) -> None:
    page = wizard.fee_page
    settle()
    # the copy count as a deliberate answer (issue 10 §2: a number or 「未定」): the volume
    # of the standard request is not known at the counter
    undecided = getattr(page, "pages_undecided", None)
    answered = getattr(page, "pages_answer", lambda: True)
    if undecided is not None and undecided.isVisible() and answered() is None:
        keys.tick(undecided, "複写の枚数: 未定 (回答時に精算)")
    if page.quote is not None and page.quote.total:
        amount = -(-page.quote.total // 1000) * 1000
        keys.type_into(page.received, str(amount), "お預かり", run=False)
    next_page(keys, wizard, "次へ → 内容の確認")


def register_and_print(keys: CounterKeys, wizard: Any) -> None:
    """The commit button, then whatever the done page still needs for the paper: nothing
    when 「登録して印刷」 printed everything (each job started), else its print button (a
    version that prints only on request, or a print that did not start: both counted)."""
    commit = wizard.button(wizard.WizardButton.CommitButton).text().replace("(&R)", "")
    next_page(keys, wizard, commit)
    done = wizard.done_page
    wait_until(lambda: done.ready, "the receipt and the slip")
    printed = getattr(done, "printed", [])
    if printed and all(result.ok for result in printed):
        return
    if QApplication.focusWidget() is not done.print_both:
        keys.reach(done.print_both, "両方を印刷")
    keys.enter("印刷 (領収書・受付票)")


def standard_self_request(keys: CounterKeys, main_window: Any, today: dt.date) -> Any:
    """開示 of purchase history, 運転免許証, result by 簡易書留 (the default mail class)."""
    from counter_app.domain.requests import DataScope, DisclosureMethod, RequestType

    wizard = open_wizard(keys, main_window)
    requester(keys, wizard)
    types(
        keys,
        wizard,
        RequestType.DISCLOSURE,
        method=DisclosureMethod.PAPER,
        scope=DataScope.ORDERS_DELIVERIES,
    )
    licence(keys, wizard.identity_page.panel.rows[0], today, "本人確認")
    confirm_warnings(keys, wizard.identity_page.panel.verdict_view, "本人確認")
    next_page(keys, wizard, "次へ → 手数料")
    fee_and_cash(keys, wizard)
    register_and_print(keys, wizard)
    return wizard


def proxy_request(keys: CounterKeys, main_window: Any, today: dt.date) -> Any:
    """任意代理人 (髙橋 一郎) with 委任状 and the principal's 印鑑登録証明書; disclosure by mail."""
    from counter_app.domain.proxy import ProxyKind
    from counter_app.domain.requests import DataScope, DisclosureMethod, RequestType

    wizard = open_wizard(keys, main_window)
    requester(keys, wizard, proxy=True)
    types(
        keys,
        wizard,
        RequestType.DISCLOSURE,
        method=DisclosureMethod.PAPER,
        scope=DataScope.ORDERS_DELIVERIES,
    )
    next_page(keys, wizard, "次へ (ご本人の書類なし) → 代理人")
    page = wizard.proxy_page
    keys.choose(page.kind, ProxyKind.VOLUNTARY.value, "代理人の種類: 任意代理人")
    keys.type_into(page.proxy_name, "髙橋 一郎", "代理人の氏名")
    keys.type_into(page.proxy_address, "茨城県つくば市見本台7-8-9", "代理人の住所")
    dated = today - dt.timedelta(days=3)
    keys.type_date(
        page.poa_dated,
        "令和",
        (str(dated.year - 2018), str(dated.month), str(dated.day)),
        "委任状の日付",
    )
    poa_all = getattr(page, "poa_all", None)
    if poa_all is not None:
        keys.tick(poa_all, "委任状: 記載事項をすべて確認")
    else:
        for check in page.poa_checks.values():
            keys.tick(check, f"委任状: {check.text()}")
    issued = today - dt.timedelta(days=20)
    keys.type_date(
        page.seal_issued,
        "令和",
        (str(issued.year - 2018), str(issued.month), str(issued.day)),
        "印鑑登録証明書の発行日",
    )
    for check in page.seal_checks.values():
        keys.tick(check, f"印鑑登録証明書: {check.text()}")
    licence(keys, page.proxy_documents.rows[0], today, "代理人の本人確認")
    confirm_warnings(keys, page.verdict_view, "代理人")
    next_page(keys, wizard, "次へ → 手数料")
    fee_and_cash(keys, wizard)
    register_and_print(keys, wizard)
    return wizard


def correction_request(keys: CounterKeys, main_window: Any, today: dt.date) -> Any:
    """訂正 of the registered address, 運転免許証; no fee (the slip only)."""
    from counter_app.domain.requests import DataScope, RequestType

    wizard = open_wizard(keys, main_window)
    requester(keys, wizard)
    types(
        keys,
        wizard,
        RequestType.CORRECTION,
        scope=DataScope.MEMBER_REGISTER,
        correction={
            "item": "登録住所",
            "current": "茨城県水戸市見本町1-2-3",
            "requested": "茨城県水戸市見本町4-5-6",
            "evidence": "住民票の写し (提示)",
        },
    )
    licence(keys, wizard.identity_page.panel.rows[0], today, "本人確認")
    confirm_warnings(keys, wizard.identity_page.panel.verdict_view, "本人確認")
    next_page(keys, wizard, "次へ → 手数料")
    fee_and_cash(keys, wizard)
    register_and_print(keys, wizard)
    return wizard


FLOWS: dict[str, Callable[[CounterKeys, Any, dt.date], Any]] = {
    "standard self-request": standard_self_request,
    "proxy request": proxy_request,
    "correction request": correction_request,
}
