"""Printed documents: how long they take and how big they are. Prints its figures.

    python bench/bench_forms.py

Targets (issue 4): first receipt in a process (font loading included) <= 300 ms, then
<= 15 ms each; daily log with 300 rows <= 0.5 s; with 3,000 rows: report time and size.
The first receipt is measured in a fresh interpreter, from before ``import forms.receipt``
(reportlab import and font registration included) to the PDF bytes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_RECEIPT = """
import sys, time
sys.path.insert(0, {root!r})
from tests.forms import samples
data = samples.receipt()
t0, c0 = time.perf_counter(), time.process_time()
from forms import receipt
t1 = time.perf_counter()
pdf = receipt.render(data)
t2, c2 = time.perf_counter(), time.process_time()
print(f"{{(t2 - t0) * 1000:.1f}} {{(t2 - t1) * 1000:.1f}} {{(c2 - c0) * 1000:.1f}} {{len(pdf)}}")
"""


def first_receipt() -> tuple[float, float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_RECEIPT.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), int(out[3])


def timed(fn, repeat: int) -> tuple[float, float, int]:
    """(median wall ms, median CPU ms, size of the last output)."""
    walls, cpus = [], []
    result = b""
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus), len(result)


def main() -> int:
    from counter_app.printables.blank_form import BlankFormKind
    from forms import blank_forms, daily_log, notices, receipt, slip
    from tests.forms import samples
    from tests.forms.readback import page_count

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load:.1f} "
        "(wall = elapsed time, cpu = this process's CPU time)"
    )
    runs = sorted(first_receipt() for _ in range(5))
    wall, after_import, cpu, size = runs[len(runs) // 2]
    print(
        f"receipt, first in a process (median of 5 fresh processes): wall {wall:.0f} ms, "
        f"cpu {cpu:.0f} ms, imports and font loading included ({after_import:.0f} ms wall "
        f"after the imports), {size:,} bytes  [target <= 300 ms]"
    )

    receipt.render(samples.receipt())
    datas = [samples.receipt(number=f"R-MT-2025-{i:06d}", reprint_count=i % 3) for i in range(200)]
    it = iter(datas)
    wall, cpu, size = timed(lambda: receipt.render(next(it)), 200)
    print(
        f"receipt, then (200 receipts): median wall {wall:.1f} ms, cpu {cpu:.1f} ms, "
        f"{size:,} bytes  [target <= 15 ms]"
    )

    for name, fn in (
        ("acceptance slip", lambda: slip.render(samples.slip())),
        ("notice (partial disclosure)", lambda: notices.render(samples.refusal())),
        (
            "blank request form",
            lambda: blank_forms.render(samples.blank(BlankFormKind.REQUEST_FORM)),
        ),
        (
            "blank 委任状",
            lambda: blank_forms.render(samples.blank(BlankFormKind.POWER_OF_ATTORNEY)),
        ),
    ):
        fn()
        wall, cpu, size = timed(fn, 30)
        print(f"{name}: median wall {wall:.1f} ms, cpu {cpu:.1f} ms, {size:,} bytes")

    for rows, repeat, target in ((300, 7, "  [target <= 500 ms]"), (3000, 3, "")):
        data = samples.daily_log(rows)
        wall, cpu, size = timed(lambda data=data: daily_log.render(data), repeat)
        pdf = daily_log.render(data)
        print(
            f"daily log, {rows:,} rows: median wall {wall:.0f} ms, cpu {cpu:.0f} ms, "
            f"{size:,} bytes, {page_count(pdf)} pages{target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
