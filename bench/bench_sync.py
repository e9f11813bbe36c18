"""Ingest throughput into head office's PostgreSQL, against a plain COPY of the same rows.

    python bench/bench_sync.py [--changes 20000] [--batch 500] [--terminals 4]

Starts a throwaway PostgreSQL 15 (tests/pg_server.py, with fsync and synchronous_commit on as
in production), migrates head office's schema, enrols terminals and pushes batches through
the real :class:`PostgresTransport` (TLS, client certificate, ``hq.ingest_batch``). Prints:

- batches and changes per second into head office, one terminal pushing, then
  ``--terminals`` pushing at once;
- the time to push a week of one busy terminal's backlog (100 requests a day, six changes
  per request: the request, its receipt, four audit rows);
- the same rows loaded with a plain ``COPY`` into a table of the same shape: the floor, and
  the ratio of ingest time to it;
- an extrapolation to 300 terminals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUSY_DAY_REQUESTS = 100
CHANGES_PER_REQUEST = 6


def payload(n: int) -> dict:
    """A request's minimal payload as a terminal sends it (synthetic person)."""
    return {
        "number": f"R-BR01-01-2026-{n:06d}",
        "status": "received",
        "received_on": "2026-12-02",
        "due_on": "2027-01-05",
        "request_types": ["disclosure"],
        "requester_kind": "self",
        "principal": {
            "name": "山田 花子",
            "kana": "ヤマダ ハナコ",
            "birth_date": "1980-04-01",
            "member_no": f"{n:08d}",
            "phone": "029-000-0000",
        },
        "fee_yen": 300,
        "delivery": "mail",
    }


def build_batches(terminal, first_seq: int, count: int, size: int):
    from counter_app.sync.protocol import SCHEMA_VERSION, Batch, Change

    batches, seq, sent_at = [], first_seq, dt.datetime.now(dt.UTC).isoformat()
    while count > 0:
        take = min(size, count)
        changes = tuple(
            Change(
                seq + i,
                "request",
                str(uuid.uuid7() if hasattr(uuid, "uuid7") else uuid.uuid4()),
                1,
                SCHEMA_VERSION,
                payload(seq + i),
            )
            for i in range(take)
        )
        batches.append(Batch(terminal, SCHEMA_VERSION, changes, sent_at))
        seq += take
        count -= take
    return batches


def push_all(transport, batches) -> list[float]:
    times = []
    for batch in batches:
        start = time.perf_counter()
        ack = transport.push(batch)
        times.append(time.perf_counter() - start)
        assert ack.status == "applied" and ack.acked_seq == batch.last_seq, ack
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20_000, help="changes for one terminal")
    parser.add_argument("--batch", type=int, default=500, help="changes per batch (max 500)")
    parser.add_argument("--terminals", type=int, default=4, help="terminals pushing at once")
    args = parser.parse_args()

    import psycopg

    from counter_app.headoffice.enrol import enrol_terminal
    from counter_app.headoffice.migrate import migrate
    from counter_app.sync.protocol import TerminalId
    from counter_app.sync.transport_pg import PostgresTransport
    from tests.pg_server import start_server

    server = start_server(durable=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        migrate(server.admin_dsn)

        def terminal(no: int):
            tid = TerminalId("BR01", no)
            enrolment = enrol_terminal(
                server.admin_dsn,
                tid,
                host=server.host,
                port=server.port,
                dbname=server.dbname,
                ca_cert_pem=server.ca_cert_pem,
                ca_key_pem=server.ca_key_pem,
            )
            cert, key = folder / f"{no}.crt", folder / f"{no}.key"
            cert.write_text(enrolment.file.client_cert_pem)
            key.write_text(enrolment.file.client_key_pem)
            key.chmod(0o600)
            return tid, PostgresTransport(
                server.host,
                server.port,
                server.dbname,
                tid.role,
                server.ca_cert,
                cert,
                key,
                enrolment.passphrase,
            )

        # 1. one terminal
        tid, transport = terminal(1)
        batches = build_batches(tid, 1, args.changes, args.batch)
        start = time.perf_counter()
        times = push_all(transport, batches)
        one = time.perf_counter() - start
        transport.close()  # the backend exits and flushes its function statistics
        time.sleep(1.0)
        with psycopg.connect(server.admin_dsn) as admin:
            inside = admin.execute(
                "SELECT coalesce(sum(total_time), 0) / 1000 FROM pg_stat_user_functions "
                "WHERE funcname = 'ingest_batch'"
            ).fetchone()[0]
        print(
            f"PostgreSQL {server.superuser_command('SHOW server_version').strip()}, "
            f"fsync on, TLS + client certificate, {args.batch} changes per batch"
        )
        print(
            f"one terminal: {len(batches)} batches, {args.changes} changes in {one:.2f} s: "
            f"{len(batches) / one:.1f} batches/s, {args.changes / one:,.0f} changes/s "
            f"(median batch {statistics.median(times) * 1000:.0f} ms)"
        )

        # 2. a busy week of one terminal
        week = BUSY_DAY_REQUESTS * CHANGES_PER_REQUEST * 7
        tid2, transport2 = terminal(2)
        start = time.perf_counter()
        push_all(transport2, build_batches(tid2, 1, week, args.batch))
        week_time = time.perf_counter() - start
        transport2.close()
        print(f"a busy terminal's week offline ({week:,} changes): pushed in {week_time:.2f} s")

        # 3. several terminals at once
        pushers = [terminal(10 + n) for n in range(args.terminals)]
        per = max(args.changes // args.terminals, args.batch)
        work = [(t, build_batches(tid_, 1, per, args.batch)) for tid_, t in pushers]
        threads = [threading.Thread(target=push_all, args=w) for w in work]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        many = time.perf_counter() - start
        for t, _ in work:
            t.close()
        total = per * args.terminals
        print(
            f"{args.terminals} terminals at once: {total:,} changes in {many:.2f} s: "
            f"{total / many:,.0f} changes/s, "
            f"{sum(len(b) for _, b in work) / many:.1f} batches/s"
        )

        # 4. the floor: COPY of the same rows into a table of the same shape
        import json

        rows = io.StringIO()
        for batch in batches:
            for change in batch.changes:
                text = json.dumps(change.payload, ensure_ascii=False)
                text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                rows.write(
                    f"BR01-01\tBR01\trequest\t{change.aggregate_id}\t1\t1\t{change.seq}\t{text}\n"
                )
        with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
            admin.execute(
                "CREATE TABLE public.copy_floor (LIKE hq.aggregates INCLUDING DEFAULTS "
                "INCLUDING INDEXES)"
            )
            start = time.perf_counter()
            with (
                admin.transaction(),
                admin.cursor() as cursor,
                cursor.copy(
                    "COPY public.copy_floor (terminal, branch, aggregate, id, version, "
                    "schema_version, seq, payload) FROM STDIN"
                ) as copy,
            ):
                copy.write(rows.getvalue())
            floor = time.perf_counter() - start
        print(
            f"COPY of the same {args.changes:,} rows: {floor:.2f} s "
            f"({args.changes / floor:,.0f} rows/s); ingest / COPY = {one / floor:.1f}× end to "
            f"end (TLS, JSON, client), {float(inside) / floor:.1f}× inside hq.ingest_batch "
            f"({float(inside):.2f} s of the {one:.2f} s)"
        )

        # 5. 300 terminals
        rate = total / many
        day = 300 * BUSY_DAY_REQUESTS * CHANGES_PER_REQUEST
        print(
            f"300 busy terminals: {day:,} changes a day = {day / rate:.0f} s of ingest at "
            f"{rate:,.0f} changes/s; all 300 catching up a week offline at once: "
            f"{day * 7 / rate / 60:.1f} min"
        )
    finally:
        server.stop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
