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
