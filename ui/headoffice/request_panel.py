"""One request at the desk: its timeline, assignment and steps, a note, the decision's draft,
its approval (本部責任者) and the notice letters (PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.decision_grounds import outcome_label
from counter_app.domain.requests import (
    OUTCOMES_BY_TYPE,
    PurposeNoticeGround,
    RefusalGround,
)
from counter_app.errors import CounterAppError
from counter_app.headoffice.desk.accounts import DeskAccount, DeskRole
from counter_app.headoffice.desk.decisions import (
    DecisionDraft,
    approve_decision,
    current_decision,
    draft_decision,
)
from counter_app.headoffice.desk.notice import desk_issuer, letter_printed, notice_letters
from counter_app.headoffice.desk.timeline import Step, add_note, assign, set_step, timeline
from counter_app.headoffice.desk.worklist import WorkItem
from counter_app.printables.issuer import Issuer
from forms import notices

JST = ZoneInfo("Asia/Tokyo")


class RequestPanel(QDialog):
    def __init__(
        self,
        connection,
        account: DeskAccount,
        item: WorkItem,
        today: dt.date,
        issuer: Issuer | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.connection, self.account, self.item = connection, account, item
        self.today, self.issuer = today, issuer
        self.setWindowTitle(self.tr("請求 %1").replace("%1", item.number))
        self.entries = QListWidget()
        take = QPushButton(self.tr("自分が担当する"))
        take.clicked.connect(lambda: self._do(lambda: assign(connection, item.rid, account.login)))
        gathering = QPushButton(self.tr("資料収集中にする"))
        gathering.clicked.connect(
            lambda: self._do(lambda: set_step(connection, item.rid, Step.GATHERING))
        )
        sent = QPushButton(self.tr("通知を送付した"))
        sent.clicked.connect(lambda: self._do(lambda: set_step(connection, item.rid, Step.SENT)))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("メモ"))
        add = QPushButton(self.tr("メモを追加"))
        add.clicked.connect(self.add_note)
        actions = QHBoxLayout()
        for widget in (take, gathering, sent):
            actions.addWidget(widget)
        notes = QHBoxLayout()
        notes.addWidget(self.note, 1)
        notes.addWidget(add)

        form = QFormLayout()
        self.outcomes: dict = {}
        for kind in item.types:
            box = QComboBox()
            for outcome in sorted(OUTCOMES_BY_TYPE[kind]):
                box.addItem(outcome_label(kind, outcome), outcome)
            self.outcomes[kind] = box
            form.addRow(kind.label, box)
        self.ground = QComboBox()
        self.ground.addItem(self.tr("(なし)"), None)
        for ground in RefusalGround:
            self.ground.addItem(ground.label, ground.value)
        self.notice_ground = QComboBox()
        self.notice_ground.addItem(self.tr("(なし)"), None)
        for ground in PurposeNoticeGround:
            self.notice_ground.addItem(ground.label, ground.value)
        self.explanation = QPlainTextEdit()
        self.explanation.setFixedHeight(80)
        form.addRow(self.tr("開示しない理由 (法第33条第2項)"), self.ground)
        form.addRow(self.tr("通知しない理由 (法第32条第2項)"), self.notice_ground)
        form.addRow(self.tr("理由の説明 (法第36条)"), self.explanation)
        draft = QPushButton(self.tr("決定案を保存"))
        draft.clicked.connect(self.save_draft)
        self.approve = QPushButton(self.tr("承認して支所へ送る"))
        self.approve.setEnabled(account.role is DeskRole.LEAD)
        self.approve.clicked.connect(self.approve_current)
        self.letter = QPushButton(self.tr("通知書を PDF に保存"))
        self.letter.clicked.connect(self.save_letters)
        decision_buttons = QHBoxLayout()
        for widget in (draft, self.approve, self.letter):
            decision_buttons.addWidget(widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("経過")))
        layout.addWidget(self.entries, 1)
        layout.addLayout(actions)
        layout.addLayout(notes)
        layout.addWidget(QLabel(self.tr("決定")))
        layout.addLayout(form)
        layout.addLayout(decision_buttons)
        layout.addWidget(self.status)
        self.refresh()

    def _do(self, action) -> bool:
        try:
            action()
        except CounterAppError as failure:
            self.status.setText(failure.user_text())
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        self.entries.clear()
        for entry in timeline(self.connection, self.item.rid):
            at = entry.at.astimezone(JST)
            self.entries.addItem(f"{at:%Y-%m-%d %H:%M}  {entry.actor_name}  {entry.text}")
        decision = current_decision(self.connection, self.item.rid)
        if decision is None:
            self.status.setText(self.tr("決定案はまだありません。"))
        elif decision.document_number:
            self.status.setText(
                self.tr("承認済み (文書番号 %1)").replace("%1", decision.document_number)
            )
        else:
            self.status.setText(self.tr("決定案があります (未承認)。"))

    def add_note(self) -> None:
        if self._do(lambda: add_note(self.connection, self.item.rid, self.note.text())):
            self.note.clear()

    def current_draft(self) -> DecisionDraft:
        return DecisionDraft(
            {kind: box.currentData() for kind, box in self.outcomes.items()},
            ground=self.ground.currentData(),
            purpose_notice_ground=self.notice_ground.currentData(),
            explanation=self.explanation.toPlainText(),
        )

    def save_draft(self) -> None:
        self._do(lambda: draft_decision(self.connection, self.item.rid, self.current_draft()))

    def approve_current(self) -> None:
        decision = current_decision(self.connection, self.item.rid)
        if decision is None:
            self.status.setText(self.tr("承認する決定案がありません。"))
            return
        self._do(lambda: approve_decision(self.connection, decision.id, self.today))

    def letter_target(self) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("通知書の保存先"), f"{self.item.number}.pdf", "PDF (*.pdf)"
        )
        return name

    def save_letters(self) -> None:
        def write() -> None:
            issuer = self.issuer or desk_issuer(self.connection)
            letters = notice_letters(self.connection, self.item.rid, issuer, self.today)
            target = self.letter_target()
            if not target:
                return
            base = Path(target)
            for i, letter in enumerate(letters, 1):
                path = base if len(letters) == 1 else base.with_name(f"{base.stem}-{i}.pdf")
                path.write_bytes(notices.render(letter))
            letter_printed(self.connection, self.item.rid)

        self._do(write)
