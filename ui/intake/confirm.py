"""Page 6: the summary read back to the person, then 「登録して印刷」 (the wizard's commit
button: one action registers, and the done page prints the receipt, the slip and the request
form as soon as they are drawn).

Everything shown is what the other pages hold and what counter_app decided (verdicts, the
quote, the answer target date from ``counter_app.domain.deadlines``). Registering calls the
intake service through :mod:`ui.intake.submission` on a worker thread (one transaction,
fsync'd); a refusal is shown on this page in plain Japanese and nothing typed is lost (the
draft is still there).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from counter_app.domain.deadlines import compute_deadlines
from counter_app.domain.requests import Delivery, RequestType
from counter_app.services.rules import rules_in_force
from ui.era_text import era_date_text
from ui.error_text import user_text
from ui.intake.fee import yen
from ui.intake.fields import ReasonLabel, emphasise
from ui.intake.page import IntakePage


class ConfirmPage(IntakePage):
    """The read-back summary and the registration."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("内容の確認"))
        self.setSubTitle(
            self.tr(
                "ご本人 (代理人) と一緒に内容を確認してから「登録して印刷」を押してください。\n"
                "領収書・受付票・請求書が印刷されます。"
            )
        )
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary = QLabel(scroll)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        emphasise(self.summary, 1.15)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        scroll.setWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.register_reason = ReasonLabel(self)
        self.register_reason.setObjectName("register_reason")
        layout.addWidget(self.register_reason)
        self.progress = ReasonLabel(self, tone="info")
        self.progress.setObjectName("register_progress")
        layout.addWidget(self.progress)
        self._job: Any = None
        self._outcome: Any = None
        self._checked = False
        self._check_blockers: list[str] = []
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._run_checks)

    def initializePage(self) -> None:
        self.register_reason.set_reason(None)
        self.summary.setText(self.summary_html())
        # The service's own checks run in the next turn of the event loop: the page shows
        # at once, and 登録して印刷 is enabled a moment later (or the refusal is shown).
        self._checked = False
        self._check_blockers = []
        self._check_timer.start()
        super().initializePage()

    def _run_checks(self) -> None:
        """The intake service's own checks, run without storing (same refusal as 登録)."""
        from ui.facade import intake as facade
        from ui.intake.submission import build_intake

        self._check_blockers = []
        wizard = self.wizard()
        if wizard is not None and self.context.db is not None:
            try:
                facade.check(wizard.context, build_intake(wizard))
            except Exception as exc:
                message = user_text(exc)
                self.register_reason.set_reason(
                    self.tr("このままでは登録できません: {0}").format(message)
                )
                self._check_blockers = [message.splitlines()[0]]
        self._checked = True
        self.refresh()

    def evaluate(self) -> list[str]:
        if not self._checked:
            return [self.tr("内容を確認しています…")]
        return list(self._check_blockers)

    # -- the summary ----------------------------------------------------------------------
    def summary_html(self) -> str:
        wizard = self.wizard()
        rows: list[tuple[str, str]] = []
        e = html.escape
        r = wizard.requester_page
        values = r.values()
        rows.append(
            (
                self.tr("来所された方"),
                e(self.tr("代理人") if r.is_proxy_visit else self.tr("ご本人")),
            )
        )
        rows.append((self.tr("氏名"), e(values["name"])))
        if values["furigana"]:
            rows.append((self.tr("フリガナ"), e(values["furigana"])))
        if values["birth_date"]:
            rows.append((self.tr("生年月日"), e(era_date_text(values["birth_date"]))))
        if values["member_number"]:
            rows.append((self.tr("組合員番号"), e(values["member_number"])))
        address = values["address"]
        if values["postal_code"]:
            address = f"〒{values['postal_code']} {address}"
        rows.append((self.tr("住所"), e(address)))
        if values["phone"]:
            rows.append((self.tr("電話番号"), e(values["phone"])))

        t = wizard.types_page
        lines = []
        for request_type in t.selected_types():
            line = e(request_type.label)
            if request_type.is_disclosure and t.selected_method():
                line += e(self.tr(" — 方法: {0}").format(t.selected_method().label))
            if request_type is RequestType.CORRECTION:
                c = t.correction()
                line += e(
                    self.tr(" — {0}: 「{1}」→「{2}」 (根拠: {3})").format(
                        c["correction_item"],
                        c["current_value"],
                        c["requested_value"],
                        c["evidence"] or "-",
                    )
                )
            if request_type in (RequestType.SUSPENSION, RequestType.PROVISION_STOP):
                ground = t.ground(request_type)
                if ground:
                    line += e(self.tr(" — 理由: {0}").format(ground.label))
            lines.append(line)
        rows.append((self.tr("請求の種類"), "<br>".join(lines)))
        scopes = t.selected_scopes()
        if scopes:
            text = "、".join(s.label for s in scopes)
            start, end = t.period()
            if start and end:
                text += self.tr(" (期間: {0} 〜 {1})").format(
                    era_date_text(start), era_date_text(end)
                )
            elif start:
                text += self.tr(" (期間: {0} 〜 )").format(era_date_text(start))
            elif end:
                text += self.tr(" (期間:  〜 {0})").format(era_date_text(end))
            rows.append((self.tr("対象となる情報"), e(text)))

        if r.is_proxy_visit:
            p = wizard.proxy_page
            kind = p.selected_kind()
            rows.append(
                (
                    self.tr("代理人"),
                    e(f"{p.proxy_name.text().strip()} ({kind.label if kind else ''})"),
                )
            )
            if p.verdict is not None:
                rows.append((self.tr("代理人の確認"), self._verdict_html(p.verdict.passed, ())))
                rows.append(
                    (
                        self.tr("結果のお渡し"),
                        e(
                            self.tr("代理人に窓口でお渡しできます")
                            if p.verdict.may_hand_to_proxy
                            else self.tr("ご本人の登録住所へ郵送")
                        ),
                    )
                )
        else:
            verdict = wizard.identity_page.verdict
            if verdict is not None:
                label = verdict.rule_label or ""
                rows.append((self.tr("本人確認"), self._verdict_html(verdict.passed, (label,))))

        f = wizard.fee_page
        quote = f.quote
        if quote is not None:
            fee = yen(quote.total)
            if quote.adjustment is not None:
                fee += self.tr(" ({0} {1}、理由: {2})").format(
                    quote.adjustment.label, yen(quote.adjustment.amount), quote.adjustment.reason
                )
            if quote.settlement_pending:
                fee += self.tr(" (写しの枚数は未定: 回答時に精算)")
            rows.append((self.tr("手数料"), e(fee)))
            if quote.total:
                received = f.received_amount() or 0
                rows.append(
                    (
                        self.tr("お預かり / おつり"),
                        e(f"{yen(received)} / {yen(f.change or 0)}"),
                    )
                )
        delivery = f.delivery.currentText()
        if f.delivery.currentData() == Delivery.MAIL.value:
            delivery += f" ({f.mail_class.currentText()})"
        rows.append((self.tr("お渡し方法"), e(delivery)))
        try:
            today = self.context.today()
            rules = rules_in_force(today)
            deadlines = compute_deadlines(
                today, calendar=rules.calendar, rules=rules.deadline_rules
            )
            rows.append(
                (
                    self.tr("回答の目安"),
                    e(self.tr("{0}まで").format(era_date_text(deadlines.target))),
                )
            )
        except Exception as exc:  # a calendar config problem must not block the counter
            rows.append((self.tr("回答の目安"), e(user_text(exc))))

        body = "".join(
            f"<tr><th align='left' valign='top' style='padding:3px 12px 3px 0; white-space:nowrap;'>"
            f"{e(k)}</th><td style='padding:3px 0;'>{v}</td></tr>"
            for k, v in rows
        )
        return f"<table cellspacing='0'>{body}</table>"

    def _verdict_html(self, passed: bool, extra: tuple[str, ...]) -> str:
        text = self.tr("確認済み") if passed else self.tr("確認できていません")
        colour = "#1b5e20" if passed else "#b00020"
        more = " ".join(html.escape(x) for x in extra if x)
        return f"<span style='color:{colour}; font-weight:bold;'>{html.escape(text)}</span> {more}"

    # -- registration ---------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while the registration runs on its worker thread."""
        return self._job is not None

    def isComplete(self) -> bool:
        return not self.busy and super().isComplete()

    def validatePage(self) -> bool:
        """Register through the services on a worker thread; on refusal stay here and say why.

        The first press starts the registration and returns False; when the service answers,
        the page presses 次へ itself and this returns True with the result (the done page
        follows). A slow disk (synchronous=FULL) never freezes the window meanwhile.
        """
        wizard = self.wizard()
        if self._outcome is not None:
            result, self._outcome = self._outcome, None
            wizard.registered_ok(result, result.request_id)
            return True
        if self.busy:
            return False
        from ui.facade import intake as facade
        from ui.intake.submission import BackgroundCall, build_intake

        try:
            intake = build_intake(wizard)
        except Exception as exc:
            self._refused(exc)
            return False
        self._job = BackgroundCall(
            facade.register,
            self.context,
            intake,
            approver=wizard.fee_page.approver,
            now=self.context.now(),
        )
        self._job.done.connect(self._registered)
        self._job.failed.connect(self._refused)
        self.register_reason.set_reason(None)
        self.progress.set_reason(self.tr("登録しています…"))
        self.completeChanged.emit()
        self._job.start()
        return False

    def _registered(self, result: Any) -> None:
        self._job = None
        self.progress.set_reason(None)
        self._outcome = result
        self.completeChanged.emit()
        self.wizard().next()  # validatePage consumes the outcome

    def _refused(self, exc: BaseException) -> None:
        self._job = None
        self.progress.set_reason(None)
        self.register_reason.set_reason(self.tr("登録できませんでした: {0}").format(user_text(exc)))
        self.completeChanged.emit()
