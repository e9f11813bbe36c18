"""Sign-in time per process: a known user with a wrong password against an unknown user
(issue 9 item 5), the way the CLI is used — one process per attempt.

    PYTHONPATH=. python3 bench/bench_login_timing.py [--runs 15]

Builds a throwaway encrypted database (the program's own argon2 parameters), then starts one
fresh process per attempt, in rounds of three: a known user with a wrong password (its count
cleared before each round), an unknown user, and another known user who is locked (a lock of
an hour, through a head-office security.toml in a temporary COUNTER_APP_CONFIG_DIR). Each child opens the database and times its first (and only) sign-in, as
a CLI command does; it prints that time in milliseconds. The parent prints every time, the
medians and the differences. Nothing is asserted: the tests count the work instead
(tests/counter_app/trust/test_sign_in_enumeration.py); this shows the time.

Runs against whichever counter_app is first on PYTHONPATH (the old code had the sign-in
in ``counter_app.security.sessions``; both are found), so a checkout of the old commit can be
measured the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEY = bytes(range(32))
KNOWN, UNKNOWN, LOCKED = "tanaka", "tanaka-x", "admin"


def _sign_in_function():
    try:
        from counter_app.services.sign_in import sign_in
    except ImportError:  # the code before issue 9
        from counter_app.security.sessions import sign_in
    return sign_in


def child(folder: str, username: str) -> int:
    from counter_app.errors import CounterAppError
    from counter_app.store.engine import open_database

    sign_in = _sign_in_function()
    db = open_database(Path(folder), key=KEY)
    try:
        started = time.perf_counter()
        with contextlib.suppress(CounterAppError):  # every attempt here is refused
            sign_in(db, username, "wrong-pass-1")
        print(f"{(time.perf_counter() - started) * 1000:.1f}")
    finally:
        db.close()
    return 0


def build(folder: Path) -> None:
    from counter_app.services.branch import initialise
    from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_STAFF, sample_branch
    from counter_app.services.staff_accounts import add_staff
    from counter_app.store.engine import open_database

    db = open_database(folder, key=KEY)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
        add_staff(uow, admin, SAMPLE_STAFF)
        uow.commit()
    db.close()


def clear_lock(folder: Path, username: str) -> None:
    from sqlalchemy import delete, select

    from counter_app.store.engine import open_database
    from counter_app.store.models import Staff, StaffLockout

    db = open_database(folder, key=KEY)
    with db.unit_of_work() as uow:
        staff_id = select(Staff.id).where(Staff.username == username).scalar_subquery()
        uow.session.execute(delete(StaffLockout).where(StaffLockout.staff_id == staff_id))
        uow.commit()
    db.close()


def long_lock_config(folder: Path) -> None:
    from counter_app.config.loader import find_config

    text = find_config("security.toml").read_text(encoding="utf-8")
    folder.mkdir()
    (folder / "security.toml").write_text(
        text.replace("delays_seconds = [30, 60, 300, 900, 1800]", "delays_seconds = [3600]"),
        encoding="utf-8",
    )
    os.environ["COUNTER_APP_CONFIG_DIR"] = str(folder)


def run_child(folder: Path, username: str) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), username],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "USER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)

    with tempfile.TemporaryDirectory(prefix="bench-login-") as tmp:
        long_lock_config(Path(tmp) / "config")
        folder = Path(tmp) / "data"
        build(folder)
        for _ in range(4):  # lock the other known account
            run_child(folder, LOCKED)
        times: dict[str, list[float]] = {"known": [], "unknown": [], "locked": []}
        for _ in range(args.runs):
            clear_lock(folder, KNOWN)
            times["known"].append(run_child(folder, KNOWN))
            times["unknown"].append(run_child(folder, UNKNOWN))
            times["locked"].append(run_child(folder, LOCKED))

    print("per-process sign-in time, ms (first sign-in of a fresh process)")
    for name, values in times.items():
        print(f"  {name:8s} " + " ".join(f"{v:6.1f}" for v in values))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"median {name:8s} {value:7.1f} ms")
    print(f"unknown - known   {medians['unknown'] - medians['known']:+7.1f} ms")
    print(f"locked  - known   {medians['locked'] - medians['known']:+7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
