"""Register N intakes (default 10,000) into an encrypted database and print the figures.

    python bench/bench_intake.py [--count 10000] [--mix] [--folder DIR] [--anchored]

Each intake is one ``register_intake`` call in its own write unit of work (BEGIN IMMEDIATE ...
COMMIT), on a SQLCipher file with WAL and synchronous=FULL, exactly as at the counter: checks,
fee quote, numbers, audit rows, commit. ``--mix`` cycles self / proxy / correction intakes
(default: the self-request of 山田 花子, disclosure on paper, mailed). Target: median <= 15 ms.
``--anchored`` keeps the rollback anchor in the OS keyring as a real installation does (one
keyring read and one write after every commit; run it under a Secret Service, e.g.
``dbus-run-session`` with ``gnome-keyring-daemon --unlock``, to measure the real cost); the
writes happen on a writer thread, ``--anchor-wait`` counts the wait for each in the intake.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--mix", action="store_true", help="self / proxy / correction in turn")
    parser.add_argument("--folder", help="data folder (default: a new temporary folder)")
    parser.add_argument(
        "--anchored", action="store_true", help="advance the rollback anchor in the OS keyring"
    )
    parser.add_argument(
        "--anchor-wait",
        action="store_true",
        help="with --anchored: count the wait for each anchor write in the intake's time",
    )
    args = parser.parse_args()

    from sqlalchemy import text

    from counter_app.services.branch import initialise
    from counter_app.services.database import open_database
    from counter_app.services.intake import register_intake
    from counter_app.services.samples import (
        SAMPLE_ADMIN,
        sample_branch,
        sample_correction_intake,
        sample_proxy_intake,
        sample_self_intake,
    )
    from counter_app.store.sqlite.cipher import new_key

    folder = Path(args.folder or tempfile.mkdtemp(prefix="bench-intake-"))
    db = open_database(folder, key=new_key(), anchored=args.anchored)
    with db.unit_of_work() as uow:
        actor = initialise(uow, sample_branch(), SAMPLE_ADMIN)
        uow.commit()
        pragmas = {}
    with db.unit_of_work(read_only=True) as uow:
        for name in ("cipher_version", "journal_mode", "synchronous", "foreign_keys"):
            pragmas[name] = uow.session.execute(text(f"PRAGMA {name}")).scalar()
    intakes = [sample_self_intake()]
    if args.mix:
        intakes += [sample_proxy_intake(), sample_correction_intake()]

    times: list[float] = []
    started = time.perf_counter()
    cpu_started = time.process_time()
    for i in range(args.count):
        intake = intakes[i % len(intakes)]
        t0 = time.perf_counter()
        with db.unit_of_work() as uow:
            register_intake(uow, actor, intake)
            uow.commit()
        if args.anchor_wait and db.anchor is not None:
            db.anchor.flush()
        times.append(time.perf_counter() - t0)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    db.close()

    times_ms = sorted(t * 1000 for t in times)

    def pct(p: float) -> float:
        return times_ms[min(len(times_ms) - 1, int(p / 100 * len(times_ms)))]

    size = sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("counter.db"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    print(f"intakes registered : {args.count:,} ({'mixed' if args.mix else 'self-request'})")
    if args.anchored:
        import keyring

        writes = db.anchor.writes if db.anchor is not None else 0
        print(f"rollback anchor    : {writes:,} writes to {type(keyring.get_keyring()).__name__}")
    print(
        f"SQLCipher          : {pragmas['cipher_version']}  journal={pragmas['journal_mode']}"
        f"  synchronous={pragmas['synchronous']} (2=FULL)  foreign_keys={pragmas['foreign_keys']}"
    )
    print(f"median per intake  : {statistics.median(times_ms):.2f} ms   (target <= 15 ms)")
    print(
        f"mean / p90 / p99   : {statistics.fmean(times_ms):.2f} / {pct(90):.2f} / {pct(99):.2f} ms"
    )
    print(f"min / max          : {times_ms[0]:.2f} / {times_ms[-1]:.2f} ms")
    print(
        f"first 100 median   : {statistics.median(sorted(t * 1000 for t in times[:100])):.2f} ms"
        f"   last 100 median: {statistics.median(sorted(t * 1000 for t in times[-100:])):.2f} ms"
    )
    print(f"CPU time per intake: {cpu / args.count * 1000:.2f} ms (this process only)")
    print(f"wall time          : {wall:.1f} s ({args.count / wall:.0f} intakes/s)")
    print(f"database files     : {size / 1e6:.1f} MB in {folder}")
    print(f"load average       : {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (machine shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
