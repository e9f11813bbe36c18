"""Kill a process with SIGKILL at random moments while it registers intakes.

Run as its own process (``python -m tests.counter_app.trust.crash_harness SPEC.json``): it
imports the program once, then for every trial forks a child that opens the database and
registers intakes in a loop (each child reports the request numbers whose commit returned
through a pipe), sleeps a random delay, and kills the child with SIGKILL. The summary (JSON
on stdout) lists the trials, the kills, and every number a child saw committed.

:func:`check_database` then proves the file survived: ``PRAGMA integrity_check`` is ok, the
audit chain verifies, every intake is wholly there (person, items, checks, fee, receipt, audit
rows) or wholly absent, request and receipt numbers are unique and gapless, and every number
reported as committed is in the database. Used by tests/counter_app/trust/test_crash.py (sized
for CI) and bench/bench_crash.py (larger runs).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sys
import time
from pathlib import Path
from typing import Any


def _actor(data: dict[str, str]) -> Any:
    from counter_app.security.roles import Actor, Role

    return Actor(
        staff_id=data["staff_id"],
        username=data["username"],
        display_name=data["display_name"],
        role=Role(data["role"]),
        branch_code=data["branch_code"],
    )


def _register_one(db: Any, who: Any, n: int) -> str:
    from counter_app.services.intake import register_intake
    from counter_app.services.samples import (
        sample_correction_intake,
        sample_proxy_intake,
        sample_self_intake,
    )

    makers = (sample_self_intake, sample_proxy_intake, sample_correction_intake)
    with db.unit_of_work() as uow:
        result = register_intake(uow, who, makers[n % len(makers)]())
        uow.commit()
    return result.request_number


def _child(db: Any, who: Any, out_fd: int, n: int) -> None:
    """Register intakes forever, writing each committed number to ``out_fd``."""
    from sqlalchemy import text

    with db.unit_of_work(read_only=True) as uow:  # connect and key the database first
        uow.session.execute(text("SELECT count(*) FROM requests")).scalar()
    os.write(out_fd, b"ready\n")
    while True:
        number = _register_one(db, who, n)
        n += 1
        os.write(out_fd, f"{number}\n".encode())


def _open(folder: Path, key: bytes) -> Any:
    """The database without migrating (it is already at head)."""
    from counter_app.store.engine import Database
    from counter_app.store.location import database_path
    from counter_app.store.sqlite.engine import build_engine

    path = database_path(folder)
    return Database(path, build_engine(path, key))


def _wait_ready(fd: int) -> None:
    """Block until the child wrote its first line ("ready")."""
    seen = b""
    while b"\n" not in seen:
        chunk = os.read(fd, 6)
        if not chunk:
            return
        seen += chunk
    assert seen.startswith(b"ready"), seen


def _drain(fd: int) -> list[str]:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return [line for line in b"".join(chunks).decode().split("\n") if line and line != "ready"]


def run_trials(spec: dict[str, Any]) -> dict[str, Any]:
    """Fork, wait a random delay, SIGKILL; ``spec``: folder, key (hex), actor, trials,
    max_delay_ms, seed.

    The parent registers one real intake first (the ORM mappers configured, every statement
    of an intake compiled) and closes every connection; each forked child takes a fresh pool
    on the inherited engine, so it starts registering within milliseconds.
    """
    rng = random.Random(spec.get("seed", 0))
    trials = int(spec["trials"])
    max_delay = float(spec.get("max_delay_ms", 100)) / 1000
    db = _open(Path(spec["folder"]), bytes.fromhex(spec["key"]))
    who = _actor(spec["actor"])
    committed: list[str] = [_register_one(db, who, 0)]
    db.engine.dispose()
    killed = exited = early = 0
    delays = []
    started = time.perf_counter()
    for trial in range(trials):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_fd)
            code = 0
            try:
                db.engine.dispose(close=False)
                _child(db, who, write_fd, trial)
            except BaseException:  # pragma: no cover - reported through the exit code
                import traceback

                traceback.print_exc()
                code = 3
            os._exit(code)
        os.close(write_fd)
        # one kill in ten lands while the child is still starting; the others after it is
        # ready, somewhere in its loop of intakes (inside a transaction, a commit, a checkpoint)
        if rng.random() < 0.1:
            early += 1
        else:
            _wait_ready(read_fd)
        delay = rng.uniform(0, max_delay)
        delays.append(delay)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            killed += 1
        else:
            exited += 1
        committed.extend(_drain(read_fd))
    return {
        "trials": trials,
        "killed": killed,
        "killed_while_starting": early,
        "exited_by_themselves": exited,
        "committed_reported": committed,
        "mean_delay_ms": round(1000 * sum(delays) / max(1, len(delays)), 1),
        "seconds": round(time.perf_counter() - started, 2),
    }


def check_database(folder: Path, key: bytes, committed: list[str]) -> dict[str, Any]:
    """Every invariant the crash test needs; returns figures, raises AssertionError."""
    from sqlalchemy import text

    from counter_app.services.audit_verify import verify_audit
    from counter_app.store.engine import open_database

    db = open_database(folder, key=key, create=False)
    try:
        with db.unit_of_work(read_only=True) as uow:
            s = uow.session
            assert s is not None

            def q(sql: str) -> list[Any]:
                return list(s.execute(text(sql)).all())

            integrity = [r[0] for r in q("PRAGMA integrity_check")]
            assert integrity == ["ok"], integrity
            assert q("PRAGMA foreign_key_check") == []
            verdict = verify_audit(uow)
            assert verdict.ok, verdict.text()

            requests = q(
                "SELECT id, number, fiscal_year, seq, principal_id, proxy_id FROM requests"
            )
            numbers = {r[1] for r in requests}
            assert len(numbers) == len(requests), "duplicate request numbers"
            for series, table in (("request", "requests"), ("receipt", "receipts")):
                by_year: dict[int, list[int]] = {}
                for year, seq in q(f"SELECT fiscal_year, seq FROM {table}"):
                    by_year.setdefault(year, []).append(seq)
                counters = dict(
                    q(
                        f"SELECT fiscal_year, last_value FROM number_counters WHERE series = '{series}'"
                    )
                )
                for year, seqs in by_year.items():
                    assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"{table} gap/dup"
                    assert counters.get(year) == len(seqs), f"{series} counter ahead or behind"
            receipts = q("SELECT number FROM receipts")
            assert len({r[0] for r in receipts}) == len(receipts), "duplicate receipt numbers"

            # wholly there: every part of every intake
            audit = {
                (r[0], r[1])
                for r in q("SELECT request_id, action FROM audit_log WHERE request_id IS NOT NULL")
            }
            items = {r[0] for r in q("SELECT DISTINCT request_id FROM request_items")}
            fees = {r[0]: r[1] for r in q("SELECT request_id, total FROM fee_records")}
            with_receipt = {
                r[0] for r in q("SELECT request_id FROM receipts WHERE kind = 'issued'")
            }
            checks = {r[0] for r in q("SELECT DISTINCT request_id FROM identity_checks")}
            people_used = set()
            for rid, _number, _year, _seq, principal, proxy in requests:
                assert rid in items, "request without items"
                assert rid in fees, "request without fee record"
                assert rid in checks, "request without identity check"
                assert (rid, "intake.register") in audit, "request without its audit row"
                if fees[rid] > 0:
                    assert rid in with_receipt and (rid, "receipt.issue") in audit
                people_used.update(p for p in (principal, proxy) if p)
            people = {r[0] for r in q("SELECT id FROM people")}
            assert people == people_used, "people rows without their request (half-written)"
            orphans = q(
                "SELECT count(*) FROM audit_log a WHERE a.action = 'intake.register' AND "
                "NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = a.request_id)"
            )[0][0]
            assert orphans == 0, "audit rows of intakes that are not there"
            lost = sorted(set(committed) - numbers)
            assert not lost, f"committed intakes lost: {lost[:5]}"
            return {
                "requests": len(requests),
                "receipts": len(receipts),
                "people": len(people),
                "audit_rows": verdict.rows,
                "committed_reported": len(committed),
                "committed_found": len(set(committed) & numbers),
            }
    finally:
        db.close()


if __name__ == "__main__":
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(run_trials(spec)))
