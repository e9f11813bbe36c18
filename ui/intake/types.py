"""Page 2: what is asked — request types and the details each one needs.

Types, scopes, methods and grounds are the enums of ``counter_app.domain.requests`` with
their Japanese labels. Only the details of the ticked types are shown:
- disclosure / record disclosure: the method the person chooses (Art. 33(1));
- every type but the purpose notice: the scopes of data (DataScope) and an optional period;
- correction: the item, its current value, the requested value and the evidence shown;
- suspension / provision stop: the ground claimed (SuspensionGround), one per type.
Free-text fields go through the My Number guard.
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

from counter_app.domain.requests import DataScope, DisclosureMethod, RequestType, SuspensionGround
from counter_app.services.rules import rules_in_force
from ui.intake.choice_buttons import ChoiceButtons
from ui.intake.fields import DateInputError, EraDateInput, ReasonLabel
from ui.intake.page import IntakePage
from ui.word_order import word_order_grid

NEEDS_SCOPE = frozenset(RequestType) - {RequestType.PURPOSE_NOTICE}
#: Alt+letter of each disclosure method and (in DataScope's order) of each scope: one key
#: per answer. None of them is 次へ's N or 戻る's B, nor another mnemonic of the page.
METHOD_KEYS = {"paper": "P", "electronic_medium": "D", "email": "M", "viewing": "V"}
SCOPE_KEYS = "AFHJLQSTUWX"
GROUND_TYPES = (RequestType.SUSPENSION, RequestType.PROVISION_STOP)


class TypesPage(IntakePage):
    """Request types with their details."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("請求の種類と内容"))
        self.setSubTitle(self.tr("ご請求の種類を選び、必要な内容を入力します (複数選べます)。"))
        outer, body, layout = self.scrolling_body()

        types_box = QGroupBox(self.tr("請求の種類"), body)
        types_grid = QGridLayout(types_box)
        self.type_checks: dict[RequestType, QCheckBox] = {}
        mnemonics = "1234567"
        for i, request_type in enumerate(RequestType):
            check = QCheckBox(
                self.tr("&{0} {1} ({2})").format(
                    mnemonics[i], request_type.label, request_type.article
                ),
                types_box,
            )
            check.setObjectName(f"type_{request_type.value}")
            self.type_checks[request_type] = check
            types_grid.addWidget(check, i // 2, i % 2)
        layout.addWidget(types_box)

        # Disclosure method
        # one key each (Alt+letter), nothing chosen until the person says
        self.method_box = QGroupBox(self.tr("開示の方法 (ご本人が選びます)"), body)
        method_layout = QVBoxLayout(self.method_box)
        self.method = ChoiceButtons(self.method_box, placeholder=self.tr("(選んでください)"))
        self.method.setObjectName("method")
        # head office's choice (disclosure.toml), through the rules in force
        offered = rules_in_force(context.today()).disclosure_methods
        for method in offered:
            key = METHOD_KEYS.get(method.value, "")
            self.method.addItem(
                self.tr("{0}(&{1})").format(method.label, key) if key else method.label,
                method.value,
            )
        for button, method in zip(self.method.buttons, offered, strict=True):
            button.setObjectName(f"method_{method.value}")
        method_layout.addWidget(self.method)
        layout.addWidget(self.method_box)

        # Scopes and period
        self.scope_box = QGroupBox(self.tr("対象となる情報の範囲"), body)
        scope_layout = QVBoxLayout(self.scope_box)
        scope_grid = QGridLayout()
        self.scope_checks: dict[DataScope, QCheckBox] = {}
        for i, scope in enumerate(DataScope):
            key = SCOPE_KEYS[i : i + 1]
            text = self.tr("{0}(&{1})").format(scope.label, key) if key else scope.label
            check = QCheckBox(text, self.scope_box)
            check.setObjectName(f"scope_{scope.value}")
            self.scope_checks[scope] = check
            scope_grid.addWidget(check, i // 2, i % 2)
        scope_layout.addLayout(scope_grid)
        self.period_check = QCheckBox(self.tr("期間を指定する(&K)"), self.scope_box)
        self.period_check.setObjectName("period_check")
        scope_layout.addWidget(self.period_check)
        self.period_widget = QWidget(self.scope_box)
        self.period_from = EraDateInput(self.period_widget, default_era="令和")
        self.period_to = EraDateInput(self.period_widget, default_era="令和")
        # 「[日付] から [日付] まで」 on one line; the English catalogue puts a From / To label
        # pair before the dates, on two lines (word order and width are the catalogue's).
        period_grid, self.period_words = word_order_grid(
            self.tr("{start}から{end}まで"),
            {"start": self.period_from, "end": self.period_to},
            self.period_widget,
        )
        self.period_widget.setLayout(period_grid)
        scope_layout.addWidget(self.period_widget)
        self.period_reason = ReasonLabel(self.scope_box)
        scope_layout.addWidget(self.period_reason)
        layout.addWidget(self.scope_box)

        # Correction
        self.correction_box = QGroupBox(self.tr("訂正・追加・削除の内容"), body)
        correction_form = QFormLayout(self.correction_box)
        self.correction_item = QLineEdit(self.correction_box)
        self.correction_item.setObjectName("correction_item")
        self.correction_item.setPlaceholderText(self.tr("例: 登録住所"))
        self.correction_current = QLineEdit(self.correction_box)
        self.correction_current.setObjectName("correction_current")
        self.correction_requested = QLineEdit(self.correction_box)
        self.correction_requested.setObjectName("correction_requested")
        self.correction_evidence = QLineEdit(self.correction_box)
        self.correction_evidence.setObjectName("correction_evidence")
        self.correction_evidence.setPlaceholderText(self.tr("例: 住民票の写し (提示)"))
        self.correction_reasons: dict[str, ReasonLabel] = {}
        for key, text, field in (
            ("item", self.tr("訂正する項目(&I)"), self.correction_item),
            ("current", self.tr("現在の内容(&C)"), self.correction_current),
            ("requested", self.tr("訂正後の内容(&R)"), self.correction_requested),
            ("evidence", self.tr("根拠となる資料(&E)"), self.correction_evidence),
        ):
            label = QLabel(text, self.correction_box)
            label.setBuddy(field)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(field)
            reason = ReasonLabel(self.correction_box)
            self.correction_reasons[key] = reason
            box.addWidget(reason)
            correction_form.addRow(label, box)
        layout.addWidget(self.correction_box)

        # Suspension grounds
        self.ground_box = QGroupBox(self.tr("利用停止等の理由 (ご本人の主張)"), body)
        ground_form = QFormLayout(self.ground_box)
        self.grounds: dict[RequestType, QComboBox] = {}
        self.ground_labels: dict[RequestType, QLabel] = {}
        for request_type, text in (
            (RequestType.SUSPENSION, self.tr("利用停止・消去の理由(&G)")),
            (RequestType.PROVISION_STOP, self.tr("第三者提供停止の理由(&O)")),
        ):
            combo = QComboBox(self.ground_box)
            combo.setObjectName(f"ground_{request_type.value}")
            combo.addItem(self.tr("(選んでください)"), "")
            for ground in SuspensionGround.for_type(request_type):  # the law's, per type
                combo.addItem(ground.label, ground.value)
            label = QLabel(text, self.ground_box)
            label.setBuddy(combo)
            ground_form.addRow(label, combo)
            self.grounds[request_type] = combo
            self.ground_labels[request_type] = label
        layout.addWidget(self.ground_box)
        layout.addStretch(1)
        self.add_blocker_label(outer, stretch=False)

        self.watch(
            *self.type_checks.values(),
            self.method,
            *self.scope_checks.values(),
            self.period_check,
            self.period_from,
            self.period_to,
            self.correction_item,
            self.correction_current,
            self.correction_requested,
            self.correction_evidence,
            *self.grounds.values(),
        )
        self.refresh()

    def first_field(self) -> QWidget | None:
        return next(iter(self.type_checks.values()))

    # -- values ---------------------------------------------------------------------------
    def selected_types(self) -> tuple[RequestType, ...]:
        return tuple(t for t, check in self.type_checks.items() if check.isChecked())

    def selected_method(self) -> DisclosureMethod | None:
        value = self.method.currentData()
        return DisclosureMethod(value) if value else None

    def selected_scopes(self) -> tuple[DataScope, ...]:
        return tuple(s for s, check in self.scope_checks.items() if check.isChecked())

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.period_check.isChecked():
            return None, None
        try:
            return self.period_from.value(), self.period_to.value()
        except DateInputError:
            return None, None

    def ground(self, request_type: RequestType) -> SuspensionGround | None:
        value = self.grounds[request_type].currentData()
        return SuspensionGround(value) if value else None

    def correction(self) -> dict[str, str]:
        return {
            "correction_item": self.correction_item.text().strip(),
            "current_value": self.correction_current.text().strip(),
            "requested_value": self.correction_requested.text().strip(),
            "evidence": self.correction_evidence.text().strip(),
        }

    # -- live checks ----------------------------------------------------------------------
    def evaluate(self) -> list[str]:
        types = set(self.selected_types())
        wants_disclosure = any(t.is_disclosure for t in types)
        self.method_box.setVisible(wants_disclosure)
        self.scope_box.setVisible(bool(types & NEEDS_SCOPE))
        self.period_widget.setEnabled(self.period_check.isChecked())
        self.correction_box.setVisible(RequestType.CORRECTION in types)
        self.ground_box.setVisible(bool(types & set(GROUND_TYPES)))
        for request_type in GROUND_TYPES:
            shown = request_type in types
            self.grounds[request_type].setVisible(shown)
            self.ground_labels[request_type].setVisible(shown)

        blockers: list[str] = []
        if not types:
            blockers.append(self.tr("請求の種類を1つ以上選んでください。"))
        if wants_disclosure and self.selected_method() is None:
            blockers.append(self.tr("開示の方法を選んでください。"))
        if types & NEEDS_SCOPE and not self.selected_scopes():
            blockers.append(self.tr("対象となる情報の範囲を1つ以上選んでください。"))
        self.period_reason.set_reason(None)
        if types & NEEDS_SCOPE and self.period_check.isChecked():
            try:
                start, end = self.period_from.value(), self.period_to.value()
            except DateInputError as exc:
                self.period_reason.set_reason(str(exc))
                blockers.append(str(exc))
            else:
                message = None
                if start is None and end is None:
                    message = self.tr("期間の始まりか終わりを入力してください。")
                elif start and end and start > end:
                    message = self.tr("期間の始まりが終わりより後になっています。")
                self.period_reason.set_reason(message)
                if message:
                    blockers.append(message)
        if RequestType.CORRECTION in types:
            labels = {
                "item": self.tr("訂正する項目"),
                "current": self.tr("現在の内容"),
                "requested": self.tr("訂正後の内容"),
                "evidence": self.tr("根拠となる資料"),
            }
            fields = {
                "item": self.correction_item,
                "current": self.correction_current,
                "requested": self.correction_requested,
                "evidence": self.correction_evidence,
            }
            for key, field in fields.items():
                refused = self.guard(field.text(), labels[key], self.correction_reasons[key])
                if refused:
                    blockers.append(refused)
            if not self.correction_item.text().strip():
                blockers.append(self.tr("訂正する項目を入力してください。"))
            if not self.correction_requested.text().strip():
                blockers.append(self.tr("訂正後の内容を入力してください。"))
        else:
            for reason in self.correction_reasons.values():
                reason.set_reason(None)
        for request_type in GROUND_TYPES:
            if request_type in types and self.ground(request_type) is None:
                blockers.append(
                    self.tr("「{0}」の理由を選んでください。").format(request_type.label)
                )
        return blockers

    # -- drafts ---------------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        return {
            "types": [t.value for t in self.selected_types()],
            "method": self.method.currentData(),
            "scopes": [s.value for s in self.selected_scopes()],
            "period": self.period_check.isChecked(),
            "period_from": self.period_from.state(),
            "period_to": self.period_to.state(),
            "correction": {
                "item": self.correction_item.text(),
                "current": self.correction_current.text(),
                "requested": self.correction_requested.text(),
                "evidence": self.correction_evidence.text(),
            },
            "grounds": {t.value: self.grounds[t].currentData() for t in GROUND_TYPES},
        }

    def apply_draft(self, state: dict[str, Any]) -> None:
        types = set(state.get("types", []))
        for request_type, check in self.type_checks.items():
            check.setChecked(request_type.value in types)
        _select_data(self.method, state.get("method"))
        scopes = set(state.get("scopes", []))
        for scope, check in self.scope_checks.items():
            check.setChecked(scope.value in scopes)
        self.period_check.setChecked(bool(state.get("period")))
        self.period_from.restore(state.get("period_from"))
        self.period_to.restore(state.get("period_to"))
        correction = state.get("correction", {})
        self.correction_item.setText(correction.get("item", ""))
        self.correction_current.setText(correction.get("current", ""))
        self.correction_requested.setText(correction.get("requested", ""))
        self.correction_evidence.setText(correction.get("evidence", ""))
        for key, value in state.get("grounds", {}).items():
            if key in {t.value for t in GROUND_TYPES}:
                _select_data(self.grounds[RequestType(key)], value)


def _select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)
