"""SIGKILL at random moments while a process registers intakes (200+ trials on one database):
afterwards the file is intact, every intake is wholly there or wholly absent, request and
receipt numbers are unique and gapless, and no intake whose commit returned is lost.

The larger run is bench/bench_crash.py; ``pytest -s`` prints this run's figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import TEMPLATE_KEY
from .crash_harness import check_database

ROOT = Path(__file__).resolve().parents[3]
TRIALS = 220


def test_sigkill_during_intakes_loses_nothing_and_leaves_no_half(counter, tmp_path):
    folder = counter.db.folder
    staff = counter.staff
    counter.db.close()
    spec = {
        "folder": str(folder),
        "key": TEMPLATE_KEY.hex(),
        "actor": {
            "staff_id": staff.staff_id,
            "username": staff.username,
            "display_name": staff.display_name,
            "role": staff.role.value,
            "branch_code": staff.branch_code,
        },
        "trials": TRIALS,
        "max_delay_ms": 150,
        "seed": 6,
    }
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tests.counter_app.trust.crash_harness", str(spec_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["trials"] == TRIALS
    assert summary["killed"] == TRIALS  # every child died by SIGKILL, none by an error
    figures = check_database(folder, TEMPLATE_KEY, summary["committed_reported"])
    print(
        f"\ncrash test: {summary['trials']} SIGKILLs in {summary['seconds']} s, "
        f"{figures['requests']} intakes stored, {figures['committed_reported']} reported "
        f"committed, {figures['committed_found']} found, integrity ok, numbers gapless"
    )
    assert figures["requests"] >= figures["committed_found"] == figures["committed_reported"]
    assert figures["requests"] > 0


RESTORE_TRIALS = 40


def test_sigkill_during_restore_leaves_old_or_new_never_none(counter, tmp_path):
    """A power cut during a restore: afterwards the database opens and is either the old one
    or the backup, whole (integrity, audit chain), and a copy of the old one is kept."""
    import os
    import random
    import shutil
    import signal
    import time

    from counter_app.services.audit_verify import verify_audit
    from counter_app.services.backup.restore import restore_backup
    from counter_app.services.backup.take import take_backup
    from counter_app.services.samples import sample_self_intake
    from counter_app.store.engine import open_database

    from .conftest import register

    register(counter, sample_self_intake())
    backup = take_backup(counter.db, counter.admin, key=TEMPLATE_KEY).path
    register(counter, sample_self_intake())
    folder = counter.db.folder
    counter.db.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine, ignore=shutil.ignore_patterns("backups", "replaced-*"))

    def count_requests() -> int:
        db = open_database(folder, key=TEMPLATE_KEY, create=False)
        try:
            with db.unit_of_work(read_only=True) as uow:
                ok = uow.session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
                assert ok == "ok" and verify_audit(uow).ok
                return (
                    uow.session.connection()
                    .exec_driver_sql("SELECT count(*) FROM requests")
                    .scalar()
                )
        finally:
            db.close()

    rng = random.Random(7)
    outcomes = {1: 0, 2: 0}
    started = time.perf_counter()
    for _ in range(RESTORE_TRIALS):
        for stale in (folder / "counter.db-wal", folder / "counter.db-shm"):
            stale.unlink(missing_ok=True)
        shutil.copyfile(pristine / "counter.db", folder / "counter.db")
        pid = os.fork()
        if pid == 0:  # the child restores
            try:
                restore_backup(folder, backup, key=TEMPLATE_KEY)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        outcomes[count_requests()] += 1  # 2: the old database, 1: the backup's
    print(
        f"\nrestore crash test: {RESTORE_TRIALS} SIGKILLs in {time.perf_counter() - started:.1f} s;"
        f" old database in place {outcomes[2]}x, restored {outcomes[1]}x, never neither"
    )
    assert sum(outcomes.values()) == RESTORE_TRIALS
    assert list(folder.glob("replaced-*/counter.db"))
