"""From the wizard's pages to the intake facade, and back to the done page's words.

It turns the pages' plain values into an ``IntakeInput`` (no rule applied here: the service
does), runs a facade call off the UI thread (:class:`BackgroundCall`), and describes the
service's result for the done page. The calls themselves (check, register, draw the papers)
are :mod:`ui.facade.intake`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from counter_app.domain.requests import RequestType
from counter_app.domain.wareki import wareki_with_seireki
from counter_app.services.intake_input import (
    IdentityInput,
    IntakeInput,
    PersonInput,
    ProxyInput,
    RequestItemInput,
)
from ui.era_text import era_date_text


def period_text(start: Any, end: Any) -> str:
    """The optional period of data as written on the request (和暦 with 西暦)."""
    if not start and not end:
        return ""
    left = wareki_with_seireki(start) if start else ""
    right = wareki_with_seireki(end) if end else ""
    return f"{left}〜{right}"


def build_intake(wizard: Any) -> IntakeInput:
    """The ``IntakeInput`` for what the pages hold (no rule applied here: the service does)."""
    r = wizard.requester_page
    values = r.values()
    requester = PersonInput(
        name=values["name"],
        furigana=values["furigana"],
        birth_date=values["birth_date"],
        postal_code=values["postal_code"] or "",
        address=values["address"],
        phone=values["phone"] or "",
        member_number=values["member_number"] or "",
    )
    t = wizard.types_page
    scopes = t.selected_scopes()
    period = period_text(*t.period())
    correction = t.correction()
    items = []
    for request_type in t.selected_types():
        kwargs: dict[str, Any] = {"request_type": request_type}
        if request_type is not RequestType.PURPOSE_NOTICE:
            kwargs["scopes"] = scopes
            kwargs["period"] = period
        if request_type is RequestType.CORRECTION:
            kwargs.update(correction)
        if request_type in (RequestType.SUSPENSION, RequestType.PROVISION_STOP):
            kwargs["suspension_ground"] = t.ground(request_type)
        items.append(RequestItemInput(**kwargs))

    i = wizard.identity_page
    identity = IdentityInput(
        documents=tuple(i.documents()),
        address_differs_from_record=i.panel.address_differs.isChecked(),
        warnings_confirmed=not i.panel.verdict_view.unconfirmed(),
    )
    if r.is_proxy_visit:
        p = wizard.proxy_page
        problems: list[str] = []
        kind = p.selected_kind()
        proxy = ProxyInput(
            kind=kind,
            person=PersonInput(
                name=p.proxy_name.text().strip(), address=p.proxy_address.text().strip()
            ),
            identity=IdentityInput(
                documents=tuple(p.documents()),
                warnings_confirmed=not p.verdict_view.unconfirmed(),
            ),
            power_of_attorney=p.power_of_attorney(problems) if kind and not kind.is_legal else None,
            seal_certificate=p.seal_certificate(problems) if kind and not kind.is_legal else None,
            relationship_document=p.relationship_document(problems)
            if kind and kind.is_legal
            else None,
            warnings_confirmed=not p.verdict_view.unconfirmed(),
        )
    else:
        proxy = None

    f = wizard.fee_page
    questions = f.questions()
    quote = f.quote
    return IntakeInput(
        requester=requester,
        items=tuple(items),
        identity=identity,
        proxy=proxy,
        disclosure_method=questions.method,
        delivery=questions.delivery,
        pages=questions.pages,
        pages_undecided=questions.pages_undecided,
        mail_class=questions.mail_class,
        media_count=questions.media_count,
        adjustment=f.adjustment(),
        amount_received=(f.received_amount() or 0) if quote and quote.total else 0,
    )


class _CallSignals(QObject):
    done = Signal(object)  # the function's result
    failed = Signal(object)  # the exception


class _CallRunnable(QRunnable):
    def __init__(self, signals: _CallSignals, function: Any, args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.signals = signals
        self.function = function
        self.args = args
        self.kwargs = kwargs

    def run(self) -> None:
        try:
            result = self.function(*self.args, **self.kwargs)
        except BaseException as exc:  # shown by the page (bugs are logged there)
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


class BackgroundCall(QObject):
    """``function(*args, **kwargs)`` on the global thread pool; ``done(result)`` or
    ``failed(exception)`` arrive on the UI thread.

    Used for the registration (one fsync'd transaction) and for drawing the receipt and the
    slip. The database handle is safe across threads (a connection pool; each unit of work
    has its own session), so a worker opens its own unit of work. The pool owns and deletes
    the runnable; the signal carrier lives on the UI thread and is deleted there once the
    answer has arrived.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self._signals = _CallSignals()
        self._signals.done.connect(self.done)
        self._signals.failed.connect(self.failed)
        self._signals.done.connect(self._finished)
        self._signals.failed.connect(self._finished)
        self._call = (function, args, kwargs)

    def start(self) -> None:
        function, args, kwargs = self._call
        QThreadPool.globalInstance().start(_CallRunnable(self._signals, function, args, kwargs))

    def _finished(self, _: object) -> None:
        self._signals.deleteLater()


def describe_result(result: Any) -> tuple[str, str]:
    """A headline and details for the done page (from the service's IntakeResult)."""
    headline = QCoreApplication.translate(
        "IntakeSubmission", "受付番号 {0} で登録しました。"
    ).format(result.request_number)
    lines = []
    if result.receipt_number:
        lines.append(
            QCoreApplication.translate("IntakeSubmission", "領収書番号: {0}").format(
                result.receipt_number
            )
        )
    lines.append(
        QCoreApplication.translate("IntakeSubmission", "手数料: {0}円").format(f"{result.total:,}")
    )
    if result.total:
        lines.append(
            QCoreApplication.translate(
                "IntakeSubmission", "お預かり: {0}円 / おつり: {1}円"
            ).format(f"{result.amount_received:,}", f"{result.change:,}")
        )
    lines.append(
        QCoreApplication.translate("IntakeSubmission", "回答の目安: {0}").format(
            era_date_text(result.target_on)
        )
    )
    lines.extend(result.warnings)
    return headline, "\n".join(lines)
