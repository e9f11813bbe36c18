"""Page 3: identity documents shown (本人確認), with the verdict and its reasons live.

The staff picks each document shown (types from the document catalogue in force, ``rules_in_force(today).documents``; the key shown before
each, 「1 運転免許証」, picks it and moves on to its date), types its expiry / issue date as
printed on it, and gives one deliberate confirmation: 「原本を確認し、氏名・生年月日・住所が
一致」 (unticked by default; a copy, an image or a transcript does not count, and a 住民票の写し /
印鑑登録証明書 is the issued paper itself). What does not match is marked on the line under it.
Every edit re-asks ``counter_app.domain.identity.identity_verdict``; its verdict, the rule that
passed and every reason are shown as they are — but a document the staff has not confirmed yet
is judged as if confirmed, so nothing reads as a refusal before the staff acts (the member can
read the screen). Each warning (two non-photo IDs, address differing from the record...)
needs its own "確認しました" tick before 次へ.
No document number is ever asked for.

:class:`DocumentsPanel` is reused by the proxy page for the proxy's own ID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.documents import DocumentCatalogue, DocumentKind, DocumentType
from counter_app.domain.identity import DocumentShown, Verdict, identity_verdict
from counter_app.domain.list_limits import MAX_DOCUMENTS
from counter_app.errors import CounterAppError
from counter_app.services.rules import rules_in_force
from ui.intake.fields import DateInputError, EraDateInput, ReasonLabel
from ui.intake.page import IntakePage
from ui.label_column import share_label_width
from ui.phrase_wrap import PhraseLabel

#: Document rows per person: as many as an intake may carry (domain.list_limits).
ROWS = MAX_DOCUMENTS
#: The keys that pick a document in the type list, in the catalogue's order.
PICK_KEYS = "123456789ABCDEFGH"


class DocumentRow(QGroupBox):
    """One original document seen at the counter."""

    changed = Signal()

    def __init__(
        self,
        number: int,
        parent: QWidget | None = None,
        *,
        catalogue: DocumentCatalogue,
        confirm_key: str = "",
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("書類 {0}").format(number))
        self.catalogue = catalogue
        form = QFormLayout(self)
        self._form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.doc_type = QComboBox(self)
        self.doc_type.setObjectName(f"doc{number}_type")
        self.doc_type.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.doc_type.addItem(self.tr("(なし)"), "")
        #: 「1 運転免許証 [写真付き]」: the key before each document picks it (see eventFilter)
        self.pick_keys: dict[str, str] = {}
        for key, doc in zip(PICK_KEYS, self.catalogue.types, strict=False):
            self.pick_keys[key] = doc.key
            self.doc_type.addItem(
                self.tr("{0} {1} [{2}]").format(key, doc.label, _kind_short(doc.kind, self)),
                doc.key,
            )
        for doc in self.catalogue.types[len(PICK_KEYS) :]:
            self.doc_type.addItem(
                self.tr("{0} [{1}]").format(doc.label, _kind_short(doc.kind, self)), doc.key
            )
        self.type_label = QLabel(self.tr("種類(&{0})").format(number), self)
        self.type_label.setBuddy(self.doc_type)
        form.addRow(self.type_label, self.doc_type)
        self.note = ReasonLabel(self, tone="info")
        form.addRow(self.note)

        self.expiry = EraDateInput(self, default_era="令和")
        self.expiry.setObjectName(f"doc{number}_expiry")
        self.expiry_reason = ReasonLabel(self)
        self.expiry_label = QLabel(self.tr("有効期限"), self)
        expiry_box = QVBoxLayout()
        expiry_box.setSpacing(2)
        expiry_box.addWidget(self.expiry)
        expiry_box.addWidget(self.expiry_reason)
        form.addRow(self.expiry_label, expiry_box)
        self._expiry_box = expiry_box

        self.issued_on = EraDateInput(self, default_era="令和")
        self.issued_on.setObjectName(f"doc{number}_issued")
        self.issued_reason = ReasonLabel(self)
        self.issued_label = QLabel(self.tr("発行日"), self)
        issued_box = QVBoxLayout()
        issued_box.setSpacing(2)
        issued_box.addWidget(self.issued_on)
        issued_box.addWidget(self.issued_reason)
        form.addRow(self.issued_label, issued_box)
        self._issued_box = issued_box

        # One deliberate confirmation for the document (domain.md §2: the original seen, and
        # what matched), and a line to mark what does not match. Nothing is ticked by default.
        self.confirmed = QCheckBox(self)
        self.confirmed.setToolTip(
            self.tr(
                "窓口で書類の原本を見て、記載がご本人と一致したらチェックします。"
                "コピー・画像は数えません。"
                "住民票の写し・印鑑登録証明書は、発行された書類そのもの (コピーでないもの) です。"
            )
        )
        self._confirm_key = confirm_key
        self.mismatch_label = QLabel(self.tr("一致しない項目:"), self)
        self.mismatch_name = QCheckBox(self.tr("氏名"), self)
        self.mismatch_birth = QCheckBox(self.tr("生年月日"), self)
        self.mismatch_address = QCheckBox(self.tr("住所"), self)
        self.with_registered_seal = QCheckBox(self.tr("実印を持参 (印影一致)"), self)
        self.shows_my_number = QCheckBox(self.tr("個人番号が記載されている"), self)
        ticks = QVBoxLayout()
        ticks.setSpacing(2)
        ticks.addWidget(self.confirmed)
        mismatch = QHBoxLayout()
        mismatch.addWidget(self.mismatch_label)
        extra = QHBoxLayout()
        for line, checks in (
            (
                mismatch,
                (
                    (self.mismatch_name, "name_differs"),
                    (self.mismatch_birth, "birth_differs"),
                    (self.mismatch_address, "address_differs"),
                ),
            ),
            (extra, ((self.with_registered_seal, "seal"), (self.shows_my_number, "mynumber"))),
        ):
            for check, name in checks:
                check.setObjectName(f"doc{number}_{name}")
                line.addWidget(check)
        self.confirmed.setObjectName(f"doc{number}_confirmed")
        mismatch.addStretch(1)
        extra.addStretch(1)
        ticks.addLayout(mismatch)
        self.ticks_label = QLabel(self.tr("確認"), self)
        form.addRow(self.ticks_label, ticks)
        self._ticks_box = ticks
        form.addRow(QLabel(self), extra)  # under the first line, in the field column
        self._extra_ticks = extra
        #: the staff acted on the confirmation (ticked or unticked it): until then nothing
        #: about this document is said as a refusal (the member can read the screen)
        self.touched = False
        self.confirmed.toggled.connect(self._touch)

        self.doc_type.currentIndexChanged.connect(self._type_changed)
        self.doc_type.installEventFilter(self)
        for widget in (self.expiry, self.issued_on):
            widget.changed.connect(self.changed)
        for check in (
            self.confirmed,
            self.mismatch_name,
            self.mismatch_birth,
            self.mismatch_address,
            self.with_registered_seal,
            self.shows_my_number,
        ):
            check.toggled.connect(self.changed)
        self._type_changed()

    def _touch(self, _: bool) -> None:
        self.touched = True

    @property
    def pending(self) -> bool:
        """A document chosen whose confirmation the staff has not given yet."""
        return (
            self.selected_type() is not None
            and not self.confirmed.isChecked()
            and not (self.touched)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The pick key shown before each document (「1 運転免許証」) chooses it and moves on
        to its date: one key for the choice, the date typed right after."""
        if watched is self.doc_type and event.type() == QEvent.Type.KeyPress:
            key_event = QKeyEvent(event)
            text = key_event.text().upper()
            modifiers = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if len(text) == 1 and text in self.pick_keys and not modifiers:
                self.doc_type.setCurrentIndex(self.doc_type.findData(self.pick_keys[text]))
                self.next_after_pick().setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def next_after_pick(self) -> QWidget:
        """Where the focus goes once a document is picked: its date, else its confirmation."""
        if self._form.isRowVisible(self._expiry_box):
            return self.expiry.era
        if self._form.isRowVisible(self._issued_box):
            return self.issued_on.era
        return self.confirmed

    def label_texts(self) -> dict[QLabel, tuple[str, ...]]:
        """Every label of the block with the texts it may show (for one label column)."""
        return {
            self.type_label: (),
            self.expiry_label: (self.tr("有効期限"), self.tr("有効期限 (必須)")),
            self.issued_label: (),
            self.ticks_label: (),
        }

    def selected_type(self) -> DocumentType | None:
        key = self.doc_type.currentData()
        return self.catalogue.get(key) if key else None

    def _type_changed(self) -> None:
        doc = self.selected_type()
        chosen = doc is not None
        self.note.set_reason(doc.note if doc and doc.note else None)
        self._form.setRowVisible(self._expiry_box, chosen)
        self._form.setRowVisible(self._ticks_box, chosen)
        self.expiry_label.setText(
            self.tr("有効期限 (必須)") if doc and doc.expiry_required else self.tr("有効期限")
        )
        wants_issue = bool(
            doc
            and (
                doc.issue_date_required
                or doc.issued_within_months
                or doc.issued_no_later_than
                or doc.kind is DocumentKind.SEAL_CERTIFICATE
            )
        )
        self._wants_issue = wants_issue
        self._wants_my_number = bool(doc and doc.note and "個人番号" in doc.note)
        self._form.setRowVisible(self._issued_box, wants_issue)
        shows_address = bool(doc and doc.shows_address)
        self.mismatch_address.setVisible(shows_address)
        key = f"(&{self._confirm_key})" if self._confirm_key else ""
        self.confirmed.setText(
            self.tr("原本を確認し、氏名・生年月日・住所が一致{0}").format(key)
            if shows_address
            else self.tr("原本を確認し、氏名・生年月日が一致{0}").format(key)
        )
        wants_seal = bool(doc and doc.kind is DocumentKind.SEAL_CERTIFICATE)
        # the row first (showing a row shows every widget in it), then its ticks one by one
        self._form.setRowVisible(self._extra_ticks, wants_seal or self._wants_my_number)
        self.with_registered_seal.setVisible(wants_seal)
        self.shows_my_number.setVisible(self._wants_my_number)
        if not chosen:
            self.expiry_reason.set_reason(None)
            self.issued_reason.set_reason(None)
        self.changed.emit()

    def document(self) -> tuple[DocumentShown | None, list[str]]:
        """The document as shown (None if no type chosen) and the input problems."""
        doc = self.selected_type()
        if doc is None:
            return None, []
        problems: list[str] = []
        dates: dict[str, dt.date | None] = {}
        for key, widget, reason in (
            ("expiry", self.expiry, self.expiry_reason),
            ("issued_on", self.issued_on, self.issued_reason),
        ):
            if key == "issued_on" and not self._wants_issue:
                dates[key] = None
                reason.set_reason(None)
                continue
            try:
                dates[key] = widget.value()
                reason.set_reason(None)
            except DateInputError as exc:
                dates[key] = None
                reason.set_reason(str(exc))
                problems.append(str(exc))
        shown = DocumentShown(
            doc_type=doc.key,
            original=self.confirmed.isChecked(),
            expiry=dates["expiry"],
            issued_on=dates["issued_on"],
            name_matches=self.confirmed.isChecked() and not self.mismatch_name.isChecked(),
            birth_date_matches=self.confirmed.isChecked() and not self.mismatch_birth.isChecked(),
            address_matches=self.confirmed.isChecked()
            and not self.mismatch_address.isChecked()
            and bool(doc.shows_address),
            with_registered_seal=self.with_registered_seal.isChecked()
            and doc.kind is DocumentKind.SEAL_CERTIFICATE,
            shows_my_number=self.shows_my_number.isChecked() and self._wants_my_number,
        )
        return shown, problems

    def state(self) -> dict[str, Any]:
        return {
            "type": self.doc_type.currentData(),
            "expiry": self.expiry.state(),
            "issued_on": self.issued_on.state(),
            "confirmed": self.confirmed.isChecked(),
            "touched": self.touched,
            "mismatch": [
                name
                for name, check in (
                    ("name", self.mismatch_name),
                    ("birth", self.mismatch_birth),
                    ("address", self.mismatch_address),
                )
                if check.isChecked()
            ],
            "seal": self.with_registered_seal.isChecked(),
            "mynumber": self.shows_my_number.isChecked(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        index = self.doc_type.findData(state.get("type"))
        self.doc_type.setCurrentIndex(max(index, 0))
        self.expiry.restore(state.get("expiry"))
        self.issued_on.restore(state.get("issued_on"))
        # a draft saved before the tick existed restores it unticked: the staff looks again
        if "confirmed" in state:
            confirmed = bool(state.get("confirmed"))
            mismatch = set(state.get("mismatch", []))
        else:  # a draft of the four ticks: original, then what matched
            confirmed = bool(state.get("original"))
            mismatch = {k for k in ("name", "birth", "address") if confirmed and not state.get(k)}
        self.confirmed.setChecked(confirmed)
        self.touched = bool(state.get("touched", confirmed))
        self.mismatch_name.setChecked("name" in mismatch)
        self.mismatch_birth.setChecked("birth" in mismatch)
        self.mismatch_address.setChecked("address" in mismatch)
        self.with_registered_seal.setChecked(bool(state.get("seal")))
        self.shows_my_number.setChecked(bool(state.get("mynumber")))


def _kind_short(kind: DocumentKind, widget: QWidget) -> str:
    return {
        DocumentKind.PHOTO: widget.tr("写真付き"),
        DocumentKind.NON_PHOTO: widget.tr("写真なし"),
        DocumentKind.SEAL_CERTIFICATE: widget.tr("実印とあわせて写真なし1点"),
    }[kind]


class VerdictView(QWidget):
    """A verdict with its reasons, and one confirmation tick per warning."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # phrases kept whole: a reason breaks between 文節, never inside a word
        self.headline = PhraseLabel(self)
        self.headline.setObjectName("verdict_headline")
        self.reasons = PhraseLabel(self)
        self.reasons.setObjectName("verdict_reasons")
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons)
        self.warning_box = QVBoxLayout()
        layout.addLayout(self.warning_box)
        self.warning_checks: list[QCheckBox] = []
        self._warning_rows: list[QWidget] = []
        self._confirmed: set[str] = set()

    def show_verdict(self, passed: bool | None, headline: str, reasons: tuple[str, ...]) -> None:
        colour = {True: "#1b5e20", False: "#b00020", None: "#555"}[passed]
        self.headline.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.headline.setText(headline)
        self.reasons.setText("\n".join(f"・{r}" for r in reasons))
        self.reasons.setVisible(bool(reasons))

    def show_warnings(self, warnings: tuple[str, ...]) -> None:
        if tuple(c.property("warning") for c in self.warning_checks) == warnings:
            return
        for row in self._warning_rows:
            self.warning_box.removeWidget(row)
            row.deleteLater()
        self.warning_checks = []
        self._warning_rows = []
        for i, warning in enumerate(warnings):
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            check = QCheckBox(self.tr("確認しました"), row)
            check.setObjectName(f"warning_{i}")
            check.setProperty("warning", warning)
            check.setChecked(warning in self._confirmed)
            check.toggled.connect(self._toggled)
            text = QLabel(self.tr("⚠ {0}").format(warning), row)
            text.setWordWrap(True)
            text.setStyleSheet("color: #8a5a00;")
            text.setBuddy(check)
            line.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(text, 1)
            self.warning_box.addWidget(row)
            self.warning_checks.append(check)
            self._warning_rows.append(row)

    def _toggled(self, _: bool) -> None:
        for check in self.warning_checks:
            warning = check.property("warning")
            if check.isChecked():
                self._confirmed.add(warning)
            else:
                self._confirmed.discard(warning)
        self.changed.emit()

    def unconfirmed(self) -> list[str]:
        return [c.property("warning") for c in self.warning_checks if not c.isChecked()]

    def confirmed(self) -> list[str]:
        return [c.property("warning") for c in self.warning_checks if c.isChecked()]

    def restore_confirmed(self, warnings: list[str]) -> None:
        self._confirmed = set(warnings)
        for check in self.warning_checks:
            check.setChecked(check.property("warning") in self._confirmed)


class DocumentsPanel(QWidget):
    """Up to three documents and the live identity verdict."""

    changed = Signal()

    def __init__(
        self,
        context: Any,
        parent: QWidget | None = None,
        *,
        prefix: str = "",
        with_address_flag: bool = True,
        confirm_warnings: bool = True,
        confirm_keys: str = "KLM",
    ) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # each block's confirmation has its own Alt+letter (unique on the page)
        catalogue = rules_in_force(context.today()).documents
        self.rows = [
            DocumentRow(i + 1, self, catalogue=catalogue, confirm_key=confirm_keys[i : i + 1])
            for i in range(ROWS)
        ]
        for row in self.rows:
            for child in row.findChildren(QWidget):
                if child.objectName().startswith("doc"):
                    child.setObjectName(prefix + child.objectName())
            layout.addWidget(row)
            row.changed.connect(self.changed)
        # One label column for the three blocks: their fields start at one x whichever rows
        # are shown (a block without a type shows only 「種類」).
        label_texts = {
            label: texts for row in self.rows for label, texts in row.label_texts().items()
        }
        share_label_width(list(label_texts), label_texts)
        self.address_differs = QCheckBox(self.tr("書類の住所が組合員登録の住所と異なる(&Z)"), self)
        self.address_differs.setObjectName(prefix + "address_differs")
        self.with_address_flag = with_address_flag
        self.address_differs.setVisible(with_address_flag)
        self.address_differs.toggled.connect(self.changed)
        layout.addWidget(self.address_differs)
        self.verdict_view = VerdictView(self)
        self.verdict_view.changed.connect(self.changed)
        layout.addWidget(self.verdict_view)
        layout.addStretch(1)
        self.verdict: Verdict | None = None
        #: False when another verdict (the proxy's) carries these warnings to confirm.
        self.confirm_warnings = confirm_warnings

    def documents(self) -> tuple[list[DocumentShown], list[str]]:
        documents: list[DocumentShown] = []
        problems: list[str] = []
        for row in self.rows:
            shown, row_problems = row.document()
            problems.extend(row_problems)
            if shown is not None:
                documents.append(shown)
        return documents, problems

    def evaluate(self, heading: str) -> list[str]:
        """Ask the domain for the verdict, show it, return what blocks 次へ."""
        documents, problems = self.documents()
        self.verdict = None
        if not documents:
            self.verdict_view.show_verdict(
                None, self.tr("{0}: 提示された書類を選んでください。").format(heading), ()
            )
            self.verdict_view.show_warnings(())
            return [self.tr("{0}の書類が選ばれていません。").format(heading)]
        if problems:
            self.verdict_view.show_verdict(
                None, self.tr("{0}: 日付を確かめてください。").format(heading), tuple(problems)
            )
            return problems
        pending = [row for row in self.rows if row.pending]
        if pending:
            # The staff has not confirmed a document yet: what is typed so far is judged as
            # if it were confirmed, and only a refusal that the confirmation would not lift
            # is said (an expired date...). Nothing reads as a refusal before staff act.
            assumed = [
                dataclasses.replace(
                    shown,
                    original=True,
                    name_matches=True,
                    birth_date_matches=True,
                    address_matches=bool(row.selected_type().shows_address),
                )
                if row.pending
                else shown
                for row, shown in zip(
                    [r for r in self.rows if r.selected_type() is not None], documents, strict=True
                )
            ]
            try:
                would_be = self._verdict(assumed)
            except CounterAppError as exc:
                self.verdict_view.show_verdict(False, heading, (exc.message,))
                return [exc.message]
            numbers = "・".join(str(self.rows.index(row) + 1) for row in pending)
            todo = self.tr(
                "書類{0}の原本と記載を確かめて「原本を確認し…一致」にチェックしてください。"
            ).format(numbers)
            if would_be.passed:
                self.verdict_view.show_verdict(None, self.tr("{0}: {1}").format(heading, todo), ())
            else:
                self.verdict_view.show_verdict(
                    False,
                    self.tr("{0}: 確認できません").format(heading),
                    tuple(would_be.reasons),
                )
            self.verdict_view.show_warnings(())
            return [todo]
        try:
            verdict = self._verdict(documents)
        except CounterAppError as exc:
            self.verdict_view.show_verdict(False, heading, (exc.message,))
            return [exc.message]
        self.verdict = verdict
        if verdict.passed:
            headline = self.tr("{0}: 確認できました").format(heading)
        else:
            headline = self.tr("{0}: 確認できません").format(heading)
        self.verdict_view.show_verdict(verdict.passed, headline, tuple(verdict.reasons))
        if not self.confirm_warnings:
            return []  # the caller's verdict decides and carries the warnings
        self.verdict_view.show_warnings(tuple(verdict.warnings))
        blockers: list[str] = []
        if not verdict.passed:
            blockers.append(
                self.tr("{0}ができていません ({1})").format(
                    heading, verdict.reasons[0] if verdict.reasons else ""
                )
            )
        unconfirmed = self.verdict_view.unconfirmed()
        if unconfirmed:
            blockers.append(self.tr("注意事項を確認して「確認しました」にチェックしてください。"))
        return blockers

    def _verdict(self, documents: list[DocumentShown]) -> Verdict:
        return identity_verdict(
            documents,
            self.context.today(),
            address_differs_from_record=self.address_differs.isChecked() and self.with_address_flag,
            catalogue=rules_in_force(self.context.today()).documents,
        )

    def state(self) -> dict[str, Any]:
        return {
            "rows": [row.state() for row in self.rows],
            "address_differs": self.address_differs.isChecked(),
            "confirmed": self.verdict_view.confirmed(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        for row, row_state in zip(self.rows, state.get("rows", []), strict=False):
            row.restore(row_state)
        self.address_differs.setChecked(bool(state.get("address_differs")))
        self.verdict_view.restore_confirmed(list(state.get("confirmed", [])))


class IdentityPage(IntakePage):
    """The principal's identity documents (a self-request)."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("本人確認書類"))
        self.setSubTitle(
            self.tr(
                "提示された書類の種類 (前の数字キーで選べます) と有効期限を入力し、原本 (コピーでないもの) を見て記載が一致したらチェックします。一致しない項目があれば、その項目にチェックします。書類の番号は記録しません。"
            )
        )
        outer, body, layout = self.scrolling_body()
        self.panel = DocumentsPanel(context, body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.add_blocker_label(outer, stretch=False)
        self.panel.changed.connect(self._edited)

    @property
    def verdict(self) -> Verdict | None:
        return self.panel.verdict

    def first_field(self) -> QWidget | None:
        return self.panel.rows[0].doc_type

    def documents(self) -> list[DocumentShown]:
        return self.panel.documents()[0]

    def _proxy_visit(self) -> bool:
        wizard = self.wizard()
        return bool(wizard and wizard.requester_page.is_proxy_visit)

    def initializePage(self) -> None:
        if self._proxy_visit():
            self.setTitle(self.tr("ご本人の本人確認書類 (代理人が持参した場合のみ)"))
            self.setSubTitle(
                self.tr(
                    "ご本人は来所されていないため、書類がなければ何も選ばずに次へ進みます (代理権は次のページで確認します)。持参された原本があれば入力します。"
                )
            )
        else:
            self.setTitle(self.tr("本人確認書類"))
        super().initializePage()

    def evaluate(self) -> list[str]:
        heading = self.tr("ご本人の本人確認")
        if self._proxy_visit() and not any(row.selected_type() for row in self.panel.rows):
            # The intake service accepts a proxy visit without the principal's documents.
            self.panel.verdict = None
            self.panel.verdict_view.show_verdict(
                None, self.tr("ご本人の書類の提示はありません (代理人の書類で確認します)。"), ()
            )
            self.panel.verdict_view.show_warnings(())
            return []
        return self.panel.evaluate(heading)

    def draft_state(self) -> dict[str, Any]:
        return self.panel.state()

    def apply_draft(self, state: dict[str, Any]) -> None:
        self.panel.restore(state)
