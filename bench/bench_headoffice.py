"""The head-office desk on 10,000,000 requests: the work list, the board, a year's figures.

    python bench/bench_headoffice.py [--rows 10000000] [--runs 60]

Starts a throwaway PostgreSQL 15 (tests/pg_server.py), migrates head office's schema and
generates ``--rows`` requests of 300 terminals (100 branches × 3) over 10 years with
server-side SQL (``generate_series``) straight into the desk's projection ``hq.requests``
(its indexes dropped during the load and rebuilt after, as a restore would), plus the
statistics' first (full) refresh. The projection's own cost is measured apart: request aggregates
written to ``hq.aggregates`` the way ingest writes them (the trigger projects each one).

Then, through a desk account over TLS, as the window calls them, it prints the p95 of:

- the work list's first page (open requests by deadline; one branch; decided requests of a
  type; a month of receipt; one assignee) — floor: a ``SELECT 1`` round trip;
- the deadline board (counts per branch) and its red bucket's list — floor: ``count(*)`` of
  the open requests the board reads;
- a fiscal year's statistics for the co-op and for one branch — floor: ``count(*)`` of that
  year's requests in ``hq.requests`` (what any report computed from the rows must read).

Targets: ≤ 100 ms p95 for the list's first page and the board, ≤ 2 s for the year.
``--rows 100000`` runs in about a minute (CI); the full run is in the closing note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics as pystats
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TERMINALS = 300
BRANCHES = 100
YEARS = 10
TODAY = dt.date(2027, 3, 15)
FIRST_DAY = TODAY - dt.timedelta(days=365 * YEARS)

GENERATE = """
INSERT INTO hq.requests (
    terminal, branch, request_id, number, status, types, requester_kind, proxy_kind,
    received_at, received_on, target_on, lawsuit_possible_from, extended_target_on,
    decided_at, decided_on, outcomes, fee_total, fee_collected, settled_total, voids, voided,
    name_masked, phone_masked, match_key, projected_at)
SELECT terminal, branch, 'q' || i, 'R-' || terminal || '-' || i, status, types, kind,
       CASE kind WHEN 'legal' THEN 'parent' WHEN 'voluntary' THEN 'voluntary' END,
       received_on + time '10:00', received_on, received_on + 14, received_on + 14,
       CASE WHEN r3 < 0.05 THEN received_on + 44 END,
       CASE WHEN status = 'decided' THEN decided_on + time '15:00' END,
       CASE WHEN status = 'decided' THEN decided_on END,
       CASE WHEN status = 'decided' THEN jsonb_build_object(types[1],
            (ARRAY['disclosed_full', 'disclosed_partial', 'refused', 'not_held', 'notified',
                   'corrected', 'suspended'])[1 + floor(r3 * 7)::int]) ELSE '{}' END,
       300, CASE WHEN r2 < 0.02 THEN 0 ELSE 300 END, CASE WHEN r3 < 0.1 THEN 120 ELSE 0 END,
       CASE WHEN r2 < 0.02 THEN 1 ELSE 0 END, status = 'cancelled',
       '山田 **', '090-****-' || lpad((i %% 10000)::text, 4, '0'),
       sha256(int8send(i %% %(people)s)),
       now() - interval '1 day'  -- projected before the run (the machine's clock)
  FROM (
    SELECT i, t.terminal, t.branch, received_on, r1, r2, r3,
           received_on + 1 + floor(r2 * 40)::int AS decided_on,
           CASE WHEN received_on > %(today)s::date - 20 THEN
                    (ARRAY['received', 'in_progress', 'extended'])[1 + floor(r1 * 3)::int]
                WHEN r1 < 0.05 THEN 'withdrawn'
                WHEN r1 < 0.07 THEN 'cancelled'
                WHEN received_on > %(today)s::date - 45 AND r1 < 0.5 THEN 'in_progress'
                ELSE 'decided' END AS status,
           CASE WHEN r2 < 0.7 THEN ARRAY['disclosure']
                WHEN r2 < 0.8 THEN ARRAY['disclosure', 'purpose_notice']
                WHEN r2 < 0.9 THEN ARRAY['correction']
                WHEN r2 < 0.95 THEN ARRAY['suspension']
                ELSE ARRAY['record_disclosure'] END AS types,
           CASE WHEN r3 < 0.85 THEN 'principal' WHEN r3 < 0.93 THEN 'legal'
                ELSE 'voluntary' END AS kind
      FROM (SELECT i, %(first)s::date + (i * %(days)s / %(rows)s)::int AS received_on,
                   random() AS r1, random() AS r2, random() AS r3
              FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS i) AS g
      JOIN (SELECT n, format('B%%s-%%s', lpad((n / 3 + 1)::text, 3, '0'), lpad((n %% 3 + 1)::text, 2, '0'))
                      AS terminal, 'B' || lpad((n / 3 + 1)::text, 3, '0') AS branch
              FROM generate_series(0, 299) AS n) AS t ON t.n = g.i %% 300
  ) AS x
"""


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: the first call plans and reads the pages in
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return p95(samples), pystats.median(samples)


def restart(server, settings: dict[str, str]) -> None:
    from tests.pg_server import _run

    with (server.data_dir / "postgresql.auto.conf").open("a") as conf:
        for key, value in settings.items():
            conf.write(f"{key} = '{value}'\n")
    _run([str(server.bindir / "pg_ctl"), "-D", str(server.data_dir), "-w", "-m", "fast",
          "-l", str(server.root / "server.log"), "restart"], server.run_as)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=60, help="timed calls per query")
    parser.add_argument("--chunk", type=int, default=1_000_000, help="rows per INSERT")
    args = parser.parse_args()

    import psycopg

    from counter_app.domain.calendar import BusinessCalendar
    from counter_app.domain.requests import RequestStatus, RequestType
    from counter_app.headoffice.desk.accounts import DeskRole, DeskServer, create_account, sign_in
    from counter_app.headoffice.desk.board import BoardThresholds, Bucket, board, board_items
    from counter_app.headoffice.desk.stats import fiscal_year_months, refresh, statistics
    from counter_app.headoffice.desk.worklist import WorkFilter, work_list
    from counter_app.headoffice.migrate import migrate
    from tests.pg_server import start_server

    started = time.perf_counter()
    server = start_server()
    try:
        restart(server, {"shared_buffers": "1GB", "maintenance_work_mem": "512MB",
                         "work_mem": "32MB", "max_wal_size": "8GB", "checkpoint_timeout": "30min",
                         "max_parallel_workers_per_gather": "2", "random_page_cost": "1.1"})  # fmt: skip
        migrate(server.admin_dsn)
        admin = psycopg.connect(server.admin_dsn, autocommit=True)
        create_account(admin, "bench_lead", "本部 責任者", DeskRole.LEAD, "bench-password-1")

        # the projection's own cost: request aggregates as ingest writes them
        admin.execute("INSERT INTO hq.terminals (terminal, branch, terminal_no, role) "
                      "VALUES ('P001-01', 'P001', 1, 'term_p001_01')")  # fmt: skip
        n_projected = min(20_000, max(1000, args.rows // 100))
        t0 = time.perf_counter()
        admin.execute(
            """
            INSERT INTO hq.aggregates (terminal, branch, aggregate, id, version, schema_version,
                                       seq, payload)
            SELECT 'P001-01', 'P001', 'request', 'p' || i, 1, 1, i, jsonb_build_object(
                'number', 'R-P001-01-2026-' || i, 'status', 'received',
                'received_on', '2027-03-01', 'target_on', '2027-03-15',
                'lawsuit_possible_from', '2027-03-15', 'requester', 'principal',
                'items', jsonb_build_array(jsonb_build_object('position', 1,
                         'type', 'disclosure', 'outcome', null)),
                'principal', jsonb_build_object('name', '山田 花子', 'phone', '090-1234-5678',
                                                'birth_date', '1980-01-02'),
                'fee_total', 300)
              FROM generate_series(1, %s) AS i
            """,
            (n_projected,),
        )
        projection_us = (time.perf_counter() - t0) / n_projected * 1e6
        admin.execute("DELETE FROM hq.requests WHERE terminal = 'P001-01'")

        # the 10 years, indexes dropped during the load
        indexes = [r[0] for r in admin.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'hq' AND tablename = 'requests' "
            "AND indexname NOT IN ('requests_pkey', 'requests_terminal_request_id_key')"
        ).fetchall()]  # fmt: skip
        admin.execute("SET ROLE hq_owner")
        for name in [r[0] for r in admin.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'hq' AND tablename = 'requests' "
            "AND indexname NOT IN ('requests_pkey', 'requests_terminal_request_id_key')"
        ).fetchall()]:  # fmt: skip
            admin.execute(f"DROP INDEX hq.{name}")
        t0 = time.perf_counter()
        days = (TODAY - FIRST_DAY).days
        for lo in range(1, args.rows + 1, args.chunk):
            hi = min(args.rows, lo + args.chunk - 1)
            admin.execute(GENERATE, {"first": FIRST_DAY, "days": days, "rows": args.rows,
                                     "lo": lo, "hi": hi, "today": TODAY,
                                     "people": int(args.rows * 0.97)})  # fmt: skip
            print(f"  generated {hi:,} rows ({time.perf_counter() - t0:.0f} s)", flush=True)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for definition in indexes:
            admin.execute(definition)
        # as after a restore: frozen, so the visibility map lets index-only scans skip the heap
        admin.execute("VACUUM (FREEZE, ANALYZE) hq.requests")
        index_s = time.perf_counter() - t0
        # some open requests assigned (the assignee filter)
        # the open requests shared among a privacy office of 10 (bench_lead one of them)
        admin.execute(
            "INSERT INTO hq.desk_staff (login, display_name, desk_role) SELECT "
            "'bench_clerk_' || n, '本部 担当' || n, 'clerk' FROM generate_series(1, 9) AS n"
        )
        admin.execute(
            "INSERT INTO hq.assignments (rid, assignee, step, updated_by) "
            "SELECT rid, CASE WHEN rid % 10 = 0 THEN 'bench_lead' "
            "ELSE 'bench_clerk_' || (rid % 10) END, 'gathering', 'bench_lead' FROM hq.requests "
            "WHERE status IN ('received', 'in_progress', 'extended')"
        )
        admin.execute("ANALYZE hq.assignments")
        t0 = time.perf_counter()
        admin.execute("SELECT hq.refresh_stats()")
        refresh_first_s = time.perf_counter() - t0
        admin.execute("RESET ROLE")
        size = admin.execute("SELECT pg_size_pretty(pg_database_size(current_database())), "
                             "pg_size_pretty(pg_total_relation_size('hq.requests'))").fetchone()  # fmt: skip
        open_rows = admin.execute(
            "SELECT count(*) FROM hq.requests WHERE status IN ('received', 'in_progress', 'extended')"
        ).fetchone()[0]
        print(f"\n{args.rows:,} requests of {TERMINALS} terminals ({BRANCHES} branches), "
              f"{FIRST_DAY} to {TODAY}; {open_rows:,} open")  # fmt: skip
        print(f"load {load_s:.0f} s, indexes + analyse {index_s:.0f} s, first stats refresh "
              f"{refresh_first_s:.1f} s; database {size[0]}, hq.requests {size[1]}")  # fmt: skip
        print(f"projection by the ingest trigger: {projection_us:.0f} µs per request aggregate")

        conn, _ = sign_in(DeskServer(server.host, server.port, server.dbname, server.ca_cert),
                          "bench_lead", "bench-password-1")  # fmt: skip
        # what ingest leaves for the next scheduled refresh: 2,000 requests of the last
        # weeks projected again (status moves), then the incremental refresh
        admin.execute("SET ROLE hq_owner")
        admin.execute(
            "UPDATE hq.requests SET projected_at = now() WHERE rid IN (SELECT rid FROM "
            "hq.requests WHERE received_on > %s ORDER BY random() LIMIT 2000)",
            (TODAY - dt.timedelta(days=40),),
        )
        admin.execute("RESET ROLE")
        t0 = time.perf_counter()
        refresh(conn)
        refresh_s = time.perf_counter() - t0
        thresholds = BoardThresholds.on(TODAY, BusinessCalendar())
        fy_first, fy_last = fiscal_year_months(2025)
        month = dt.date(2025, 6, 1)
        measures: list[tuple[str, Callable[[], object], float]] = [
            ("floor: SELECT 1 round trip", lambda: conn.execute("SELECT 1").fetchone(), 0),
            ("work list, first page (open, all branches)",
             lambda: work_list(conn, WorkFilter()), 100),
            ("work list, first page (one branch)",
             lambda: work_list(conn, WorkFilter(branches=("B042",))), 100),
            ("work list, first page (decided, correction)",
             lambda: work_list(conn, WorkFilter(statuses=(RequestStatus.DECIDED,),
                                                request_type=RequestType.CORRECTION)), 100),
            ("work list, first page (received in June 2025, any status)",
             lambda: work_list(conn, WorkFilter(statuses=tuple(RequestStatus),
                                                received_from=month,
                                                received_to=dt.date(2025, 6, 30))), 100),
            ("work list, first page (assignee)",
             lambda: work_list(conn, WorkFilter(assignee="bench_lead")), 100),
            ("board: counts per branch", lambda: board(conn, thresholds), 100),
            ("board: red bucket, first 100", lambda: board_items(conn, thresholds, Bucket.RED),
             100),
            ("floor: count(*) of the open requests",
             lambda: conn.execute("SELECT count(*) FROM hq.requests WHERE status IN "
                                  "('received', 'in_progress', 'extended')").fetchone(), 0),
        ]  # fmt: skip
        print(f"\n{'':58s} {'p95':>9s} {'median':>9s}  target")
        for label, fn, target in measures:
            worst, middle = timed(fn, args.runs)
            mark = "" if not target else ("ok" if worst <= target else "SLOW")
            print(f"{label:58s} {worst:8.1f}ms {middle:8.1f}ms  {mark}")
        year_runs = max(5, args.runs // 6)
        for label, fn, floor_sql in (
            ("FY2025 statistics, co-op", lambda: statistics(conn, fy_first, fy_last), None),
            ("FY2025 statistics, branch B042",
             lambda: statistics(conn, fy_first, fy_last, branch="B042"), None),
            ("floor: count(*) of FY2025's requests", None,
             "SELECT count(*) FROM hq.requests WHERE received_on >= '2025-04-01' "
             "AND received_on < '2026-04-01'"),
        ):  # fmt: skip
            call = fn or (lambda sql=floor_sql: conn.execute(sql).fetchone())
            worst, middle = timed(call, year_runs)
            mark = "" if fn is None else ("ok" if worst <= 2000 else "SLOW")
            print(f"{label:58s} {worst:8.1f}ms {middle:8.1f}ms  {mark}")
        print(f"\nstats refresh after 2,000 recent requests changed (the 5-minute schedule): "
              f"{refresh_s:.2f} s")  # fmt: skip
        print(f"whole run {time.perf_counter() - started:.0f} s")
        conn.close()
        admin.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
