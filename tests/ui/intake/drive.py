"""Drive the intake wizard through its widgets, the way a counter worker would.

Shared by the tests, the screenshot script and bench/bench_intake_ui.py. Japanese text goes in
with ``setText`` (``qtbot.keyClicks`` aborts on non-ASCII); ticks with ``setChecked``; choices
with ``setCurrentIndex``; pages change with the wizard's own 次へ button.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QComboBox, QWizard

from ui.intake.fields import DateParts, EraDateInput, date_to_parts

#: The offscreen platform warns when a shown top-level window changes its size hints (the
#: wizard does, between pages); that is the test platform talking, not the program.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def settle(rounds: int = 3) -> None:
    """Let queued events run. Through a QEventLoop *instance*: with PySide6 6.12 on CPython
    3.11 every call of the static ``QApplication.processEvents()`` (a static void function)
    drops a reference to ``None``, and a few tens of thousands of calls abort the process
    ("Fatal Python error: none_dealloc")."""
    loop = QEventLoop()
    for _ in range(rounds):
        loop.processEvents()


def choose(combo: QComboBox | Any, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered in {combo.objectName()}"
    combo.setCurrentIndex(index)


def type_date(widget: EraDateInput, value: dt.date, era: str = "令和") -> None:
    widget.set_parts(date_to_parts(value, era))


def press_next(wizard: QWizard) -> int:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if wizard.currentPage().isCommitPage():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    assert button.isEnabled(), (
        f"次へ is disabled on page {wizard.currentId()}: {wizard.currentPage().blockers}"
    )
    before = wizard.currentId()
    button.click()
    settle()
    if before == getattr(wizard, "PAGE_CONFIRM", None):
        # the registration runs on a worker thread: wait for its answer
        loop = QEventLoop()
        deadline = time.monotonic() + 10
        while wizard.confirm_page.busy and time.monotonic() < deadline:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        settle()
    return wizard.currentId()


def wait_documents(qtbot: Any, wizard: Any) -> None:
    """Wait until the done page has drawn the receipt and the slip."""
    qtbot.waitUntil(lambda: wizard.done_page.ready, timeout=10000)


def fill_requester(wizard: Any, *, proxy_visit: bool = False, name: str = "山田 花子") -> None:
    page = wizard.requester_page
    (page.visitor_proxy if proxy_visit else page.visitor_self).setChecked(True)
    page.member_number.setText("1234567")
    page.name.setText(name)
    page.furigana.setText("ﾔﾏﾀﾞ ﾊﾅｺ")  # half-width, as some IMEs give it
    page.furigana.editingFinished.emit()
    page.birth_date.set_parts(DateParts("昭和", "55", "4", "1"))  # 1980-04-01
    page.postal_code.setText("310-0801")
    page.address.setText("茨城県水戸市見本町4-5-6")
    page.phone.setText("090-1234-5678")
    settle()


def fill_types_disclosure(wizard: Any, *, with_purpose_notice: bool = False) -> None:
    from counter_app.domain.requests import DataScope, DisclosureMethod, RequestType

    page = wizard.types_page
    page.type_checks[RequestType.DISCLOSURE].setChecked(True)
    if with_purpose_notice:
        page.type_checks[RequestType.PURPOSE_NOTICE].setChecked(True)
    choose(page.method, DisclosureMethod.PAPER.value)
    page.scope_checks[DataScope.ORDERS_DELIVERIES].setChecked(True)
    page.scope_checks[DataScope.MEMBER_REGISTER].setChecked(True)
    settle()


def fill_drivers_license(panel: Any, today: dt.date, *, row: int = 0) -> None:
    r = panel.rows[row]
    choose(r.doc_type, "drivers_license")
    type_date(r.expiry, today + dt.timedelta(days=800))
    r.confirmed.setChecked(True)
    settle()


def fill_principal_papers_for_proxy(panel: Any, today: dt.date) -> None:
    """The principal's 印鑑登録証明書 (with the 実印 on the 委任状) and 住民票の写し."""
    r = panel.rows[0]
    choose(r.doc_type, "seal_certificate")
    type_date(r.issued_on, today - dt.timedelta(days=20))
    for check in (r.confirmed, r.with_registered_seal):
        check.setChecked(True)
    r = panel.rows[1]
    choose(r.doc_type, "resident_record")
    type_date(r.issued_on, today - dt.timedelta(days=20))
    r.confirmed.setChecked(True)
    settle()
    for check in panel.verdict_view.warning_checks:
        check.setChecked(True)
    settle()


def fill_voluntary_proxy(wizard: Any, today: dt.date, *, covers_receipt: bool = True) -> None:
    from counter_app.domain.proxy import ProxyKind

    page = wizard.proxy_page
    choose(page.kind, ProxyKind.VOLUNTARY.value)
    page.proxy_name.setText("髙橋 一郎")
    page.proxy_address.setText("茨城県つくば市見本台7-8-9")
    type_date(page.poa_dated, today - dt.timedelta(days=3))
    for key, check in page.poa_checks.items():
        check.setChecked(key != "poa_covers_receipt" or covers_receipt)
    type_date(page.seal_issued, today - dt.timedelta(days=20))
    for check in page.seal_checks.values():
        check.setChecked(True)
    fill_drivers_license(page.proxy_documents, today)
    settle()
    for check in page.verdict_view.warning_checks:
        check.setChecked(True)
    settle()


def fill_fee(
    wizard: Any, *, pages: int = 12, mail: bool = True, received: int | None = None
) -> None:
    from counter_app.domain.requests import Delivery

    page = wizard.fee_page
    page.pages.setValue(pages)
    choose(page.delivery, (Delivery.MAIL if mail else Delivery.COUNTER).value)
    settle()
    due = page.quote.total if page.quote else 0
    if due:
        amount = received if received is not None else -(-due // 1000) * 1000
        page.received.setText(str(amount))
    settle()


def self_request(wizard: Any, today: dt.date, *, step: Callable[[], None] = settle) -> None:
    """From the first page to the registered (done) page for 山田 花子 herself."""
    fill_requester(wizard)
    step()
    press_next(wizard)
    fill_types_disclosure(wizard)
    step()
    press_next(wizard)
    fill_drivers_license(wizard.identity_page.panel, today)
    step()
    press_next(wizard)
    fill_fee(wizard)
    step()
    press_next(wizard)  # -> confirm
    step()
    press_next(wizard)  # 登録して印刷 -> done (prints)


def proxy_request(wizard: Any, today: dt.date) -> None:
    """髙橋 一郎 as 山田 花子's voluntary proxy, result handed over at the counter."""
    fill_requester(wizard, proxy_visit=True)
    press_next(wizard)
    fill_types_disclosure(wizard, with_purpose_notice=True)
    press_next(wizard)
    fill_principal_papers_for_proxy(wizard.identity_page.panel, today)
    press_next(wizard)
    fill_voluntary_proxy(wizard, today)
    press_next(wizard)
    fill_fee(wizard, pages=5, mail=False)
    press_next(wizard)
    press_next(wizard)
