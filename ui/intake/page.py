"""What every intake page has in common.

A page:
- emits ``changed`` whenever the staff edits anything (the wizard saves the draft, debounced);
- re-evaluates itself on every edit (:meth:`IntakePage.evaluate` asks counter_app for the
  verdicts and returns the reasons that block the way, in Japanese);
- shows those reasons next to the fields and, under the page, why 次へ is disabled;
- gives its widget state to the draft (:meth:`draft_state`) and takes it back
  (:meth:`restore_draft`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from counter_app.domain.mynumber import guard_free_text
from counter_app.errors import CounterAppError
from ui.intake.fields import EraDateInput, ReasonLabel


class IntakePage(QWizardPage):
    """Base of the intake pages (see the module docstring)."""

    changed = Signal()

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._blockers: list[str] = []
        self._restoring = False
        # what is left before 次へ, in a neutral colour: nothing reads as a refusal before
        # the staff has acted (the member can read the screen); refusals are said in red
        # next to their field
        self.blocker_label = ReasonLabel(self, tone="todo")
        self.blocker_label.setObjectName("blocker")

    def scrolling_body(self) -> tuple[QVBoxLayout, QWidget, QVBoxLayout]:
        """The page's layout holding a frameless, vertically scrolling area, and the body
        inside it with its layout: ``(outer, body, layout)``. Long pages scroll instead of
        growing the wizard past the screen."""
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # wider than the window (large text on a 1024 x 768 screen): scroll, never cut
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        return outer, body, layout

    # -- wiring -------------------------------------------------------------------------
    def watch(self, *widgets: QWidget) -> None:
        """Re-evaluate and report a change whenever one of ``widgets`` is edited."""
        for widget in widgets:
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.textChanged.connect(self._edited)
            elif isinstance(widget, QComboBox) or hasattr(widget, "currentIndexChanged"):
                widget.currentIndexChanged.connect(self._edited)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._edited)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self._edited)
            elif isinstance(widget, EraDateInput) or hasattr(widget, "changed"):
                widget.changed.connect(self._edited)

    def add_blocker_label(self, layout: QVBoxLayout, *, stretch: bool = True) -> None:
        if stretch:
            layout.addStretch(1)
        layout.addWidget(self.blocker_label)

    def _edited(self, *_: object) -> None:
        if self._restoring:
            return
        self.refresh()
        self.changed.emit()

    # -- evaluation ---------------------------------------------------------------------
    def evaluate(self) -> list[str]:
        """Ask counter_app about what is typed; return the reasons that block 次へ."""
        return []

    def refresh(self) -> None:
        blockers = self.evaluate()
        self._blockers = blockers
        if blockers:
            self.blocker_label.set_reason(
                self.tr("次へ進む前に: {0}").format(" / ".join(dict.fromkeys(blockers)))
            )
        else:
            self.blocker_label.set_reason(None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._blockers

    @property
    def blockers(self) -> list[str]:
        return list(self._blockers)

    def initializePage(self) -> None:
        self.refresh()

    # -- keyboard -------------------------------------------------------------------------
    def first_field(self) -> QWidget | None:
        """Where the keyboard focus goes when the page opens: the first thing to answer, so
        that the first keystrokes land in it (None: leave the wizard's choice)."""
        return None

    # -- My Number guard ----------------------------------------------------------------
    @staticmethod
    def guard(value: str, label: str, reason: ReasonLabel | None = None) -> str | None:
        """The guard's refusal for a free-text ``value`` (and shown in ``reason``), or None."""
        message = None
        try:
            guard_free_text(value, label)
        except CounterAppError as exc:
            message = exc.message
        if reason is not None:
            reason.set_reason(message)
        return message

    # -- drafts -------------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        return {}

    def restore_draft(self, state: dict[str, Any]) -> None:
        self._restoring = True
        try:
            self.apply_draft(state)
        finally:
            self._restoring = False
        self.refresh()

    def apply_draft(self, state: dict[str, Any]) -> None:
        """Put ``state`` (from :meth:`draft_state`) back into the widgets."""
