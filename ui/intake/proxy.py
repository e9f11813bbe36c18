"""Page 4 (proxy visits only): who the proxy is and the documents that let them ask.

- 任意代理人: the 委任状 (date and what is written on it), the principal's 印鑑登録証明書
  (issue date) and the 印影照合 tick — the staff compares the seals by eye;
- 法定代理人 (親権者 / 未成年後見人 / 成年後見人): the document showing the relationship
  (kinds accepted per proxy kind come from proxy.toml) and its issue date;
- the proxy's own ID documents, with their identity verdict.
The verdict (``counter_app.domain.proxy.proxy_verdict``) and every reason are shown live;
its warnings need a "確認しました" tick. Whether the result may be handed to the proxy comes
from the verdict too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.proxy import (
    PowerOfAttorney,
    ProxyKind,
    ProxyVerdict,
    RelationshipDocument,
    SealCertificate,
    proxy_verdict,
)
from counter_app.errors import CounterAppError
from counter_app.services.rules import rules_in_force
from ui.intake.fields import DateInputError, EraDateInput, ReasonLabel
from ui.intake.identity import DocumentsPanel, VerdictView
from ui.intake.page import IntakePage


def _ticks(parent: QWidget, items: list[tuple[str, str]], columns: int = 2) -> dict[str, QCheckBox]:
    grid = QGridLayout()
    checks: dict[str, QCheckBox] = {}
    for i, (key, text) in enumerate(items):
        check = QCheckBox(text, parent)
        check.setObjectName(key)
        grid.addWidget(check, i // columns, i % columns)
        checks[key] = check
    parent.layout().addRow(grid)
    return checks


class ProxyPage(IntakePage):
    """The proxy, their authority and their own identity."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("代理人の確認"))
        self.setSubTitle(
            self.tr("代理権を示す書類と、代理人ご自身の本人確認書類を確認します (原本のみ)。")
        )
        self.rules = rules_in_force(context.today()).proxy_rules
        outer, body, layout = self.scrolling_body()

        who = QGroupBox(self.tr("代理人"), body)
        who_form = QFormLayout(who)
        self.kind = QComboBox(who)
        self.kind.setObjectName("proxy_kind")
        self.kind.addItem(self.tr("(選んでください)"), "")
        for kind in ProxyKind:
            self.kind.addItem(kind.label, kind.value)
        self.proxy_name = QLineEdit(who)
        self.proxy_name.setObjectName("proxy_name")
        self.proxy_name.setPlaceholderText(self.tr("例: 山田 一郎"))
        self.proxy_name_reason = ReasonLabel(who)
        self.proxy_address = QLineEdit(who)
        self.proxy_address.setObjectName("proxy_address")
        self.proxy_address_reason = ReasonLabel(who)
        for text, field, reason in (
            (self.tr("代理人の種類(&K)"), self.kind, None),
            (self.tr("代理人の氏名(&E)"), self.proxy_name, self.proxy_name_reason),
            (self.tr("代理人の住所(&A)"), self.proxy_address, self.proxy_address_reason),
        ):
            label = QLabel(text, who)
            label.setBuddy(field)
            who_form.addRow(label, field)
            if reason is not None:
                who_form.addRow(reason)
        layout.addWidget(who)

        # 委任状 (voluntary)
        self.poa_box = QGroupBox(self.tr("委任状"), body)
        poa_form = QFormLayout(self.poa_box)
        self.poa_dated = EraDateInput(self.poa_box, default_era="令和")
        self.poa_dated.setObjectName("poa_dated")
        poa_label = QLabel(self.tr("委任状の日付(&I)"), self.poa_box)
        poa_label.setBuddy(self.poa_dated)
        poa_form.addRow(poa_label, self.poa_dated)
        self.poa_date_reason = ReasonLabel(self.poa_box)
        poa_form.addRow(self.poa_date_reason)
        self.poa_checks = _ticks(
            self.poa_box,
            [
                ("poa_original", self.tr("原本である")),
                ("poa_signed", self.tr("ご本人の自署がある")),
                ("poa_sealed", self.tr("ご本人の押印がある")),
                ("poa_principal_address", self.tr("ご本人の住所の記載")),
                ("poa_principal_birth", self.tr("ご本人の生年月日の記載")),
                ("poa_principal_phone", self.tr("ご本人の電話番号の記載")),
                ("poa_proxy_name", self.tr("代理人の氏名の記載")),
                ("poa_proxy_address", self.tr("代理人の住所の記載")),
                ("poa_covers_request", self.tr("委任事項: 請求")),
                ("poa_covers_receipt", self.tr("委任事項: 受領 (結果の受け取り)")),
            ],
        )
        layout.addWidget(self.poa_box)

        # 印鑑登録証明書 (voluntary)
        self.seal_box = QGroupBox(self.tr("ご本人の印鑑登録証明書"), body)
        seal_form = QFormLayout(self.seal_box)
        self.seal_issued = EraDateInput(self.seal_box, default_era="令和")
        self.seal_issued.setObjectName("seal_issued")
        seal_label = QLabel(self.tr("発行日(&J)"), self.seal_box)
        seal_label.setBuddy(self.seal_issued)
        seal_form.addRow(seal_label, self.seal_issued)
        self.seal_date_reason = ReasonLabel(self.seal_box)
        seal_form.addRow(self.seal_date_reason)
        self.seal_checks = _ticks(
            self.seal_box,
            [
                ("seal_original", self.tr("原本である")),
                ("seal_compared", self.tr("印影照合: 委任状の印影と一致した")),
            ],
        )
        layout.addWidget(self.seal_box)

        # Relationship document (legal representatives)
        self.relation_box = QGroupBox(self.tr("代理権を証明する書類"), body)
        relation_form = QFormLayout(self.relation_box)
        self.relation_type = QComboBox(self.relation_box)
        self.relation_type.setObjectName("relation_type")
        relation_label = QLabel(self.tr("書類の種類(&R)"), self.relation_box)
        relation_label.setBuddy(self.relation_type)
        relation_form.addRow(relation_label, self.relation_type)
        self.relation_issued = EraDateInput(self.relation_box, default_era="令和")
        self.relation_issued.setObjectName("relation_issued")
        relation_form.addRow(QLabel(self.tr("発行日"), self.relation_box), self.relation_issued)
        self.relation_date_reason = ReasonLabel(self.relation_box)
        relation_form.addRow(self.relation_date_reason)
        self.relation_checks = _ticks(
            self.relation_box,
            [
                ("relation_original", self.tr("原本である")),
                ("relation_shows", self.tr("代理人との関係が記載されている")),
                ("relation_my_number", self.tr("個人番号が記載されている")),
            ],
        )
        layout.addWidget(self.relation_box)

        # The proxy's own identity
        id_box = QGroupBox(self.tr("代理人ご自身の本人確認書類"), body)
        id_layout = QVBoxLayout(id_box)
        self.proxy_documents = DocumentsPanel(
            context,
            id_box,
            prefix="proxy_",
            with_address_flag=False,
            confirm_warnings=False,
            confirm_keys="UVW",
        )
        id_layout.addWidget(self.proxy_documents)
        layout.addWidget(id_box)

        verdict_box = QGroupBox(self.tr("代理人としての判定"), body)
        verdict_layout = QVBoxLayout(verdict_box)
        self.verdict_view = VerdictView(verdict_box)
        self.handover = QLabel(verdict_box)
        self.handover.setObjectName("handover")
        self.handover.setWordWrap(True)
        verdict_layout.addWidget(self.verdict_view)
        verdict_layout.addWidget(self.handover)
        layout.addWidget(verdict_box)
        layout.addStretch(1)
        self.add_blocker_label(outer, stretch=False)

        self.verdict: ProxyVerdict | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.watch(
            self.kind,
            self.proxy_name,
            self.proxy_address,
            self.poa_dated,
            self.seal_issued,
            self.relation_type,
            self.relation_issued,
            *self.poa_checks.values(),
            *self.seal_checks.values(),
            *self.relation_checks.values(),
            self.proxy_documents,
            self.verdict_view,
        )
        self._kind_changed()
        self.refresh()

    def first_field(self) -> QWidget | None:
        return self.kind

    # -- values ---------------------------------------------------------------------------
    def selected_kind(self) -> ProxyKind | None:
        value = self.kind.currentData()
        return ProxyKind(value) if value else None

    def _kind_changed(self) -> None:
        kind = self.selected_kind()
        voluntary = kind is ProxyKind.VOLUNTARY
        self.poa_box.setVisible(voluntary)
        self.seal_box.setVisible(voluntary)
        self.relation_box.setVisible(kind is not None and kind.is_legal)
        current = self.relation_type.currentData() if self.relation_type.count() else ""
        self.relation_type.blockSignals(True)
        self.relation_type.clear()
        self.relation_type.addItem(self.tr("(選んでください)"), "")
        if kind is not None and kind.is_legal:
            for key in self.rules.kind(kind.value).accepted_documents:
                doc = self.rules.relationship_document(key)
                if doc is not None:
                    self.relation_type.addItem(doc.label, doc.key)
        index = self.relation_type.findData(current)
        self.relation_type.setCurrentIndex(max(index, 0))
        self.relation_type.blockSignals(False)
        self._relation_type_changed()

    def _relation_type_changed(self) -> None:
        key = self.relation_type.currentData()
        doc = self.rules.relationship_document(key) if key else None
        self.relation_checks["relation_my_number"].setVisible(
            bool(doc and doc.must_not_show_my_number)
        )

    def _date(
        self, widget: EraDateInput, reason: ReasonLabel, problems: list[str]
    ) -> dt.date | None:
        try:
            value = widget.value()
        except DateInputError as exc:
            reason.set_reason(str(exc))
            problems.append(str(exc))
            return None
        reason.set_reason(None)
        return value

    def power_of_attorney(self, problems: list[str]) -> PowerOfAttorney | None:
        dated = self._date(self.poa_dated, self.poa_date_reason, problems)
        if dated is None:
            return None
        c = {k: v.isChecked() for k, v in self.poa_checks.items()}
        return PowerOfAttorney(
            dated=dated,
            original=c["poa_original"],
            signed_by_principal=c["poa_signed"],
            sealed=c["poa_sealed"],
            principal_address_written=c["poa_principal_address"],
            principal_birth_date_written=c["poa_principal_birth"],
            principal_phone_written=c["poa_principal_phone"],
            proxy_name_written=c["poa_proxy_name"],
            proxy_address_written=c["poa_proxy_address"],
            covers_request=c["poa_covers_request"],
            covers_receipt=c["poa_covers_receipt"],
        )

    def seal_certificate(self, problems: list[str]) -> SealCertificate | None:
        issued = self._date(self.seal_issued, self.seal_date_reason, problems)
        if issued is None:
            return None
        return SealCertificate(
            issued_on=issued,
            original=self.seal_checks["seal_original"].isChecked(),
            impression_compared=self.seal_checks["seal_compared"].isChecked(),
        )

    def relationship_document(self, problems: list[str]) -> RelationshipDocument | None:
        key = self.relation_type.currentData()
        issued = self._date(self.relation_issued, self.relation_date_reason, problems)
        if not key or issued is None:
            return None
        doc = self.rules.relationship_document(key)
        return RelationshipDocument(
            doc_type=key,
            issued_on=issued,
            original=self.relation_checks["relation_original"].isChecked(),
            shows_relationship=self.relation_checks["relation_shows"].isChecked(),
            shows_my_number=bool(doc and doc.must_not_show_my_number)
            and self.relation_checks["relation_my_number"].isChecked(),
        )

    def principal_birth_date(self) -> dt.date | None:
        wizard = self.wizard()
        requester = getattr(wizard, "requester_page", None)
        return requester.birth_date_value() if requester is not None else None

    def documents(self) -> list[Any]:
        return self.proxy_documents.documents()[0]

    # -- live checks ----------------------------------------------------------------------
    def evaluate(self) -> list[str]:
        self._relation_type_changed()
        blockers: list[str] = []
        for field, label, reason in (
            (self.proxy_name, self.tr("代理人の氏名"), self.proxy_name_reason),
            (self.proxy_address, self.tr("代理人の住所"), self.proxy_address_reason),
        ):
            refused = self.guard(field.text(), label, reason)
            if refused:
                blockers.append(refused)
        if not self.proxy_name.text().strip():
            blockers.append(self.tr("代理人の氏名を入力してください。"))
        identity_blockers = self.proxy_documents.evaluate(self.tr("代理人の本人確認"))
        kind = self.selected_kind()
        self.verdict = None
        if kind is None:
            blockers.append(self.tr("代理人の種類を選んでください。"))
            self.verdict_view.show_verdict(None, self.tr("代理人の種類を選んでください。"), ())
            self.verdict_view.show_warnings(())
            self.handover.setText("")
            return blockers
        problems: list[str] = []
        poa = seal = relation = None
        if kind is ProxyKind.VOLUNTARY:
            poa = self.power_of_attorney(problems)
            seal = self.seal_certificate(problems)
        else:
            relation = self.relationship_document(problems)
        identity = self.proxy_documents.verdict
        if identity is None:
            blockers.extend(identity_blockers)
            self.verdict_view.show_verdict(
                None, self.tr("代理人ご自身の本人確認書類を入力してください。"), tuple(problems)
            )
            self.verdict_view.show_warnings(())
            self.handover.setText("")
            return blockers + problems
        try:
            verdict = proxy_verdict(
                kind,
                request_date=self.context.today(),
                principal_birth_date=self.principal_birth_date(),
                proxy_identity=identity,
                power_of_attorney=poa,
                seal_certificate=seal,
                relationship_document=relation,
                rules=rules_in_force(self.context.today()).proxy_rules,
            )
        except CounterAppError as exc:
            self.verdict_view.show_verdict(False, self.tr("判定できません"), (exc.message,))
            return [*blockers, exc.message]
        self.verdict = verdict
        self.verdict_view.show_verdict(
            verdict.passed,
            self.tr("代理人として受け付けられます")
            if verdict.passed
            else self.tr("代理人として受け付けられません"),
            tuple(verdict.reasons),
        )
        self.verdict_view.show_warnings(tuple(verdict.warnings))
        self.handover.setText(
            self.tr("結果は代理人に窓口でお渡しできます。")
            if verdict.may_hand_to_proxy
            else self.tr("結果はご本人の登録住所へお送りします (代理人にはお渡しできません)。")
        )
        blockers.extend(problems)
        if not verdict.passed:
            # The domain lists the failures after what was satisfied: show the last one here,
            # every reason is listed in the verdict above.
            blockers.append(
                self.tr("代理人として受け付けられません ({0})").format(
                    verdict.reasons[-1] if verdict.reasons else ""
                )
            )
        if self.verdict_view.unconfirmed():
            blockers.append(self.tr("注意事項を確認して「確認しました」にチェックしてください。"))
        return blockers

    # -- drafts ---------------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "name": self.proxy_name.text(),
            "address": self.proxy_address.text(),
            "poa_dated": self.poa_dated.state(),
            "seal_issued": self.seal_issued.state(),
            "relation_type": self.relation_type.currentData(),
            "relation_issued": self.relation_issued.state(),
            "checks": {
                k: v.isChecked()
                for k, v in {**self.poa_checks, **self.seal_checks, **self.relation_checks}.items()
            },
            "documents": self.proxy_documents.state(),
            "confirmed": self.verdict_view.confirmed(),
        }

    def apply_draft(self, state: dict[str, Any]) -> None:
        index = self.kind.findData(state.get("kind"))
        self.kind.setCurrentIndex(max(index, 0))
        self._kind_changed()
        self.proxy_name.setText(state.get("name", ""))
        self.proxy_address.setText(state.get("address", ""))
        self.poa_dated.restore(state.get("poa_dated"))
        self.seal_issued.restore(state.get("seal_issued"))
        index = self.relation_type.findData(state.get("relation_type"))
        self.relation_type.setCurrentIndex(max(index, 0))
        self.relation_issued.restore(state.get("relation_issued"))
        checks = state.get("checks", {})
        for key, check in {**self.poa_checks, **self.seal_checks, **self.relation_checks}.items():
            check.setChecked(bool(checks.get(key)))
        self.proxy_documents.restore(state.get("documents", {}))
        self.verdict_view.restore_confirmed(list(state.get("confirmed", [])))
