"""Guard against a Qt-binding bug that would crash a long-running counter program.

PySide6 6.12.0 on Python 3.11 loses one reference to ``None`` on every call of a static Qt
function that returns void; after enough calls (a busy day at the counter) the interpreter
aborts with "Fatal Python error: none_dealloc". pyproject.toml therefore picks PySide6 < 6.12
on Python < 3.12. This test fails if the installed pair has the bug again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolTip

CALLS = 2_000


def none_refcount_drift(call) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    return before - sys.getrefcount(None)


def test_static_void_calls_keep_none_alive(qapp):
    # A small tolerance: unrelated objects may come and go during the loop.
    assert none_refcount_drift(QCoreApplication.processEvents) < CALLS // 10
    assert none_refcount_drift(QToolTip.hideText) < CALLS // 10
