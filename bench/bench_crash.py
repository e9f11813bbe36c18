"""Crash bench: SIGKILL a process at random moments while it registers intakes, many times.

    python bench/bench_crash.py [--trials 1000] [--max-delay-ms 150] [--seed 1]

Builds a fresh encrypted database in a temp folder (direct key, no keyring), runs the same
harness as tests/counter_app/trust/test_crash.py with more trials, then checks the file:
PRAGMA integrity_check, audit chain and head, every intake wholly there or absent, request and
receipt numbers unique and gapless, every number whose commit returned still there. Prints
the figures. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--max-delay-ms", type=float, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from counter_app.services.branch import initialise
    from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_STAFF, sample_branch
    from counter_app.services.sign_in import sign_in
    from counter_app.services.staff_accounts import add_staff
    from counter_app.store.engine import open_database
    from tests.counter_app.trust.crash_harness import check_database

    key = bytes(range(32))
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        folder = Path(tmp) / "data"
        db = open_database(folder, key=key)
        with db.unit_of_work() as uow:
            admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
            add_staff(uow, admin, SAMPLE_STAFF)
            uow.commit()
        staff = sign_in(db, SAMPLE_STAFF.username, SAMPLE_STAFF.password)
        db.close()
        spec = {
            "folder": str(folder),
            "key": key.hex(),
            "actor": {
                "staff_id": staff.staff_id,
                "username": staff.username,
                "display_name": staff.display_name,
                "role": staff.role.value,
                "branch_code": staff.branch_code,
            },
            "trials": args.trials,
            "max_delay_ms": args.max_delay_ms,
            "seed": args.seed,
        }
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tests.counter_app.trust.crash_harness", str(spec_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
        summary = json.loads(done.stdout.strip().splitlines()[-1])
        figures = check_database(folder, key, summary["committed_reported"])
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        print(f"trials (SIGKILL)            {summary['trials']}")
        print(f"  killed while starting     {summary['killed_while_starting']}")
        print(f"  died by SIGKILL           {summary['killed']}")
        print(f"  exited otherwise          {summary['exited_by_themselves']}")
        print(f"mean delay before kill      {summary['mean_delay_ms']} ms")
        print(f"intakes stored              {figures['requests']}")
        print(f"  reported committed        {figures['committed_reported']}")
        print(f"  of those found            {figures['committed_found']}")
        print(f"receipts stored             {figures['receipts']}")
        print(f"audit rows (chain ok)       {figures['audit_rows']}")
        print("integrity_check             ok")
        print("numbers                     unique and gapless")
        print(f"database folder size        {size / 1e6:.1f} MB")
        print(f"wall time                   {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
