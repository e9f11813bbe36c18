"""Work done ahead, off the UI thread, so that the intake never makes the counter wait.

When the wizard opens, a worker of the global QThreadPool loads what the last steps need
the first time they run: the printed forms' fonts (reportlab parses the TrueType files:
~0.2 s), the fee schedule, the calendar and the intake checks (run once on synthetic data;
nothing is written). ``forms.fonts.register_fonts`` and the config
loaders are safe to call from two threads (they lock / cache), so nothing waits for this:
if the staff is faster, the UI thread simply does the same work itself.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QRunnable, QThreadPool

log = logging.getLogger(__name__)

_started = False


class _WarmUp(QRunnable):
    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def run(self) -> None:
        try:
            from counter_app.domain.deadlines import compute_deadlines
            from counter_app.services.intake import check_intake
            from counter_app.services.rules import rules_in_force
            from counter_app.services.samples import sample_self_intake
            from forms.fonts import register_fonts

            register_fonts()
            rules = rules_in_force(self.today)
            compute_deadlines(self.today, calendar=rules.calendar, rules=rules.deadline_rules)
            # the checks the confirm page runs (documents, proxy and fee configs loaded);
            # synthetic data, nothing is written
            check_intake(sample_self_intake(self.today))
        except Exception:  # the real call will report it in Japanese when it matters
            log.debug("intake warm-up failed", exc_info=True)


def warm_up(today: dt.date) -> None:
    """Start the warm-up once per process."""
    global _started
    if _started:
        return
    _started = True
    QThreadPool.globalInstance().start(_WarmUp(today))
