"""Two terminals of one branch (BR01-01 and BR01-02), a week offline each taking requests,
then both push at once: no number collides, head office holds both weeks exactly once."""

from __future__ import annotations

import datetime as dt
import os

from counter_app.services.clock import JST
from tests.sync_e2e.conftest import held
from tests.sync_e2e.terminals import Terminal, outbox

#: the offline week (Monday to Sunday), at the services' clock seam: not the system clock
MONDAY = dt.datetime(2026, 6, 1, 9, 30, tzinfo=JST)
PER_DAY = 3


def week_offline(terminal: Terminal) -> list[str]:
    numbers = []
    with terminal.database() as db:
        for day in range(7):
            for visit in range(PER_DAY):
                at = MONDAY + dt.timedelta(days=day, minutes=47 * visit)
                numbers.append(terminal.intake(at, db=db))
    return numbers


def push_in_child(terminal: Terminal) -> int:
    """``counter-app sync push`` in a process of its own; its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child process
        code = 1
        try:
            code = terminal.cli("sync", "push").code
        finally:
            os._exit(code)
    return pid


def test_two_terminals_of_a_branch_a_week_offline_then_both_push(new_terminal, admin):
    first, second = new_terminal("BR01", 1), new_terminal("BR01", 2)
    numbers = {first.name: week_offline(first), second.name: week_offline(second)}
    assert first.name == "BR01-01" and second.name == "BR01-02"
    for name, taken in numbers.items():
        assert taken == [f"R-{name}-2026-{n:06d}" for n in range(1, 7 * PER_DAY + 1)]
    committed = {first.name: outbox(first), second.name: outbox(second)}
    children = [push_in_child(first), push_in_child(second)]  # both at once
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    for terminal in (first, second):
        assert held(admin, terminal) == committed[terminal.name]
        assert terminal.status()["pending"] == 0
    rows = admin.execute(
        "SELECT aggregate, payload->>'number' FROM hq.aggregates "
        "WHERE terminal IN ('BR01-01', 'BR01-02') AND aggregate IN ('request', 'receipt')"
    ).fetchall()
    requests = [number for aggregate, number in rows if aggregate == "request"]
    receipts = [number for aggregate, number in rows if aggregate == "receipt"]
    assert sorted(requests) == sorted(numbers["BR01-01"] + numbers["BR01-02"])
    assert len(receipts) == len(set(receipts)) == 2 * 7 * PER_DAY
    assert {r.rsplit("-", 2)[0] for r in receipts} == {"BR01-01", "BR01-02"}
    alarms = admin.execute(
        "SELECT count(*) FROM hq.alarms WHERE terminal IN ('BR01-01', 'BR01-02')"
    ).fetchone()
    assert alarms == (0,)
