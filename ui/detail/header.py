"""The detail window's header: the request's number, state, dates, people and fee, three
label/value pairs a line, and the red alert above it when the answer is overdue or the
requester may already go to court (法第39条).

The texts are translated in the window's context (``RequestDetailDialog``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ui.context import TOKYO
from ui.detail.tables import yen
from ui.era_text import era_date_text
from ui.facade.request_records import RequestDetail
from ui.label_column import label_gap

#: the widest request number: an 8-character branch code, terminal, fiscal year, sequence
LONGEST_NUMBER = "R-WWWWWWWW-00-0000-000000"


def build_header(window: QWidget) -> tuple[QGridLayout, dict[str, QLabel], dict[str, QLabel]]:
    """The header grid, its value labels and its field labels (by key)."""
    header = QGridLayout()
    fields: dict[str, QLabel] = {}
    labels = (
        ("number", QCoreApplication.translate("RequestDetailDialog", "受付番号")),
        ("status", QCoreApplication.translate("RequestDetailDialog", "状況")),
        ("received", QCoreApplication.translate("RequestDetailDialog", "受付日時")),
        ("requester", QCoreApplication.translate("RequestDetailDialog", "請求者")),
        ("proxy", QCoreApplication.translate("RequestDetailDialog", "代理人")),
        ("delivery", QCoreApplication.translate("RequestDetailDialog", "回答の方法")),
        ("target", QCoreApplication.translate("RequestDetailDialog", "回答期限")),
        ("lawsuit", QCoreApplication.translate("RequestDetailDialog", "訴え提起が可能になる日")),
        ("fee", QCoreApplication.translate("RequestDetailDialog", "手数料")),
    )
    # Three label/value pairs a line, in a grid: each label column is as wide as its
    # widest label (訴え提起が可能になる日), a value starts half an em after its label's
    # colon, and a pair is set apart from the next by two ems (an overdue text no longer
    # runs into the next label). The value columns share the rest of the width.
    em = window.fontMetrics().horizontalAdvance("\u3000")
    header.setHorizontalSpacing(label_gap(window))
    header_labels: dict[str, QLabel] = {}
    for i, (key, text) in enumerate(labels):
        label = QLabel(text + ":")
        label.setObjectName(f"detail_{key}_label")
        value = QLabel()
        value.setObjectName(f"detail_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields[key] = value
        header_labels[key] = label
        if key == "number":  # never cut (the window scrolls instead): R-BR01-02-2026-000123
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance(LONGEST_NUMBER))
        header.addWidget(label, i // 3, (i % 3) * 3)
        header.addWidget(value, i // 3, (i % 3) * 3 + 1)
    for pair in range(3):
        header.setColumnStretch(pair * 3 + 1, 1)
        if pair < 2:
            header.setColumnMinimumWidth(pair * 3 + 2, 2 * em)
    return header, fields, header_labels


def build_alert() -> QLabel:
    """The alert band (hidden until there is something to say)."""
    alert = QLabel()
    alert.setObjectName("detail_alert")
    alert.setWordWrap(True)
    alert.setStyleSheet(
        "background: #ffd6d6; color: #8b0000; border: 1px solid #d9534f;"
        " padding: 6px; font-weight: bold;"
    )
    alert.hide()
    return alert


def show_header(fields: dict[str, QLabel], d: RequestDetail) -> None:
    """The request's values in the header's labels."""
    fields["number"].setText(d.number)
    fields["status"].setText(d.status_label)
    fields["received"].setText(d.received_at.astimezone(TOKYO).strftime("%Y/%m/%d %H:%M"))
    fields["requester"].setText(d.requester)
    fields["proxy"].setText(
        d.proxy or QCoreApplication.translate("RequestDetailDialog", "なし (本人)")
    )
    fields["delivery"].setText(d.delivery_label)
    target = d.extended_target_on or d.target_on
    target_text = target.strftime("%Y/%m/%d") if target else "—"
    if d.extended_target_on:
        target_text += QCoreApplication.translate("RequestDetailDialog", " (延長後)")
    if d.days_left is not None:
        if d.overdue:
            target_text += QCoreApplication.translate("RequestDetailDialog", "  %1日超過").replace(
                "%1", str(abs(d.days_left))
            )
        else:
            target_text += QCoreApplication.translate("RequestDetailDialog", "  あと%1日").replace(
                "%1", str(d.days_left)
            )
    fields["target"].setText(target_text)
    fields["target"].setStyleSheet("color: #8b0000; font-weight: bold;" if d.overdue else "")
    fields["lawsuit"].setText(
        d.lawsuit_possible_from.strftime("%Y/%m/%d") if d.lawsuit_possible_from else "—"
    )
    fee = yen(d.fee_total)
    if d.settlement_label:
        fee += f" ({d.settlement_label})"
    fields["fee"].setText(fee)


def show_alert(alert: QLabel, d: RequestDetail, today: dt.date | None) -> None:
    """Overdue, or the requester may already go to court: said in red above the header."""
    alerts = []
    if d.overdue and d.days_left is not None:
        alerts.append(
            QCoreApplication.translate(
                "RequestDetailDialog",
                "回答期限を%1日過ぎています。至急、回答または期限延長の手続きをしてください。",
            ).replace("%1", str(abs(d.days_left)))
        )
    if (
        d.days_left is not None
        and d.lawsuit_possible_from
        and today
        and today >= d.lawsuit_possible_from
    ):
        alerts.append(
            QCoreApplication.translate(
                "RequestDetailDialog", "ご本人は訴えを提起できる状態です (法第39条: %1から)。"
            ).replace("%1", era_date_text(d.lawsuit_possible_from))
        )
    alert.setText("\n".join(alerts))
    alert.setVisible(bool(alerts))
