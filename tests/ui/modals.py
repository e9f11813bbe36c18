"""Drive real modal dialogs offscreen: the steps of a :class:`ModalScript` run, one per tick of
a timer, while the action under test waits in a dialog's ``exec()`` (a nested event loop), each
step getting the modal dialog then on top.

The tests that use it replace none of ``ui.dialogs.Dialogs``: they see what a person sees (the
real question, the real refusal) and what happens to the text typed in it. A failing step (or
a script that takes too long) closes every modal dialog, so a failure never hangs the run; the
first failure is raised by :meth:`ModalScript.run`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

Step = Callable[[QWidget], Any]


def text_entry(dialog: QWidget) -> QLineEdit | QPlainTextEdit:
    """The first box one types in (a reason, a password...)."""
    plain = dialog.findChild(QPlainTextEdit)
    if plain is not None:
        return plain
    for edit in dialog.findChildren(QLineEdit):
        if not edit.isReadOnly() and edit.isVisibleTo(dialog):
            return edit
    raise AssertionError(f"no text box in {dialog!r}")


def typed(dialog: QWidget) -> str:
    edit = text_entry(dialog)
    return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()


def type_into(dialog: QWidget, text: str) -> None:
    edit = text_entry(dialog)
    if isinstance(edit, QPlainTextEdit):
        edit.setPlainText(text)
    else:
        edit.setText(text)


def press_ok(dialog: QWidget) -> None:
    """The dialog's OK (or Yes / Save...: its accept-role button)."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"no buttons in {dialog!r}"
    for button in box.buttons():
        if box.buttonRole(button) in (
            QDialogButtonBox.ButtonRole.AcceptRole,
            QDialogButtonBox.ButtonRole.YesRole,
        ):
            button.click()
            return
    raise AssertionError("no OK button")


def close_every_modal() -> None:
    for _ in range(20):
        top = QApplication.activeModalWidget()
        if top is None:
            return
        if isinstance(top, QDialog):
            top.done(QDialog.DialogCode.Rejected)  # not reject(): it may ask first
        else:
            top.close()


class ModalScript:
    """``ModalScript([step, step...]).run(action)``: call ``action()`` and answer its dialogs."""

    def __init__(self, steps: list[Step], *, timeout_s: float = 20.0) -> None:
        self.steps = steps
        self.index = 0
        self.failure: BaseException | None = None
        self.timeout_s = timeout_s

    def _tick(self) -> None:
        if self.failure is not None:
            close_every_modal()
            return
        if time.monotonic() > self.deadline:
            self.failure = TimeoutError(f"step {self.index} of {len(self.steps)} never came")
            close_every_modal()
            return
        if self.pending or self.index >= len(self.steps):
            return
        top = QApplication.activeModalWidget()
        if top is None:
            return
        step = self.steps[self.index]
        self.index += 1
        self.pending = True
        # Run from a timer of its own: Qt does not fire a timer again while its slot runs, and
        # a step may block in a nested dialog's loop whose steps this timer has to start.
        QTimer.singleShot(0, lambda: self._run_step(step, top))

    def _run_step(self, step: Step, top: QWidget) -> None:
        self.pending = False
        if self.failure is not None:
            return
        try:
            step(top)
        except BaseException as exc:  # reported by run()
            if self.failure is None:
                self.failure = exc
            close_every_modal()

    def run(self, action: Callable[[], Any]) -> Any:
        self.deadline = time.monotonic() + self.timeout_s
        self.pending = False
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(self._tick)
        timer.start()
        try:
            result = action()
        finally:
            timer.stop()
            close_every_modal()
        if self.failure is not None:
            raise self.failure
        assert self.index == len(self.steps), f"only {self.index} of {len(self.steps)} steps ran"
        return result
