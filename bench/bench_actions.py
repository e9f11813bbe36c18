"""How many staff actions a request takes at the counter, by keyboard alone (issue 10 §1).

    QT_QPA_PLATFORM=offscreen python bench/bench_actions.py [--flow NAME]

Opens the real main window on a real encrypted database in a temporary folder (no keyring,
no printer: printing is recorded, not sent), then drives each flow with key events only —
F2, the fields typed, Tab / Enter / Space / mnemonics — exactly as a person at the counter
would, from the main window to the printed receipt (tests/ui/intake/counter_keys.py says
what counts as an action and what is typing). Prints one line per flow, such as
``standard self-request: 11 actions``, then the list of actions (typing shown indented, not
counted), and what follows the receipt (closing the wizard, opening the new request).
The goal for the standard self-request is ≤ 12.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.counter_setup import no_printer, open_counter


def run_flow(name: str, context, printed: list[str]):  # -> (keys, after, notes)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.intake import counter_keys
    from ui.main_window import MainWindow

    window = MainWindow(context)
    window.show()
    counter_keys.settle()
    keys = counter_keys.CounterKeys()
    before = len(printed)
    try:
        wizard = counter_keys.FLOWS[name](keys, window, context.today())
    except counter_keys.KeyboardPathError:
        for step in keys.steps:
            print(f"    {'*' if step.counted else ' '} {step.line()}")
        if window.wizard is not None:
            window.wizard.hide()
        window.close()
        raise
    counter_keys.settle()
    if len(printed) == before:
        raise counter_keys.KeyboardPathError(f"{name}: nothing was printed")
    counted = len(keys.steps)
    # after the receipt: close the wizard, then Enter on the list opens the new request
    keys.press(Qt.Key.Key_Return, "閉じる (the wizard)", counted=True)
    counter_keys.settle()
    after = keys.steps[counted:]
    del keys.steps[counted:]
    notes = []
    if wizard.isVisible():
        notes.append("the wizard is still open after Enter")
    else:
        selected = window.selected_row()
        registered = wizard.result_.request_id if wizard.result_ else None
        notes.append(
            "the new request is selected in the list"
            if selected is not None and selected.request_id == registered
            else "the new request is NOT selected in the list"
        )
        focus = QApplication.focusWidget()
        window_focus = focus.objectName() if focus is not None else "nothing"
        if QApplication.activeWindow() is None:
            notes.append("no window is active after the wizard closed: a click on the list")
            window.activateWindow()
            counter_keys.wait_until(lambda: QApplication.activeWindow() is window, "the list")
            window.table.setFocus()
            keys.steps.append(counter_keys.Step(True, "click", "the list (no window active)"))
            after.append(keys.steps.pop())
        keys.press(Qt.Key.Key_Return, "詳細 (Enter on the list)", counted=True)
        counter_keys.settle()
        after.append(keys.steps.pop())
        detail = window.detail
        notes.append(
            f"Enter on the main window (focus: {window_focus}) "
            + (
                "opened the new request's detail"
                if detail is not None and detail.isVisible()
                else "did NOT open the detail"
            )
        )
        if detail is not None:
            detail.close()
    window.close()
    window.deleteLater()
    counter_keys.settle()
    return keys, after, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flow", action="append", help="only this flow (repeatable)")
    args = parser.parse_args()

    from tests.ui.intake import counter_keys

    home = Path(tempfile.mkdtemp(prefix="counter-bench-actions-"))
    _app, context = open_counter(home)
    printed: list[str] = []
    no_printer(printed)
    failures = 0
    for name in args.flow or list(counter_keys.FLOWS):
        try:
            keys, after, notes = run_flow(name, context, printed)
        except counter_keys.KeyboardPathError as exc:
            print(f"{name}: cannot be completed by keyboard alone: {exc}")
            failures += 1
            continue
        print(f"{name}: {len(keys.actions)} actions")
        number = 0
        for step in keys.steps:
            if step.counted:
                number += 1
                print(f"  {number:2d}. {step.line()}")
            else:
                print(f"       ({step.line()})")
        print("  after the receipt:")
        for step in after:
            print(f"      {step.line()}")
        for note in notes:
            print(f"      -> {note}")
        print()
    context.db.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
