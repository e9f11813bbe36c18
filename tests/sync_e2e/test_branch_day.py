"""The branch view of a day at head office (``hq.branch_day``, ``hq branch-day``): real
terminals of one branch (real SQLCipher files) take requests, two close the day through the
services and push, the third does not close; a desk account reads the branch's day.

Each terminal's figures are compared with the terminal's own daily log, read from its own
database; the branch total with their sum; the terminal that did not close is 未受信/未締め,
never zero."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
from sqlalchemy import func, select

from counter_app.headoffice.desk.branch_day import branch_day
from counter_app.services.clock import JST
from counter_app.services.close_day import close_day, day_figures
from counter_app.services.receipts import void_receipt
from counter_app.store.models import Receipt
from tests.headoffice.desk.conftest import desk_accounts  # noqa: F401 (fixture)
from tests.sync_e2e.terminals import Terminal

BRANCH = "BDAY"
DAY = dt.date(2026, 6, 3)
MORNING = dt.datetime(2026, 6, 3, 9, 30, tzinfo=JST)
EVENING = dt.datetime(2026, 6, 3, 18, 0, tzinfo=JST)


def take_the_day(
    terminal: Terminal, intakes: int, *, void: bool, close: bool, short: int = 0
) -> dict | None:
    """``intakes`` requests at the counter (a receipt each), the first receipt voided if
    ``void``, the day closed if ``close`` (the drawer ``short`` yen short); returns the
    terminal's own figures of its closed day (its daily log's totals, from its own
    database) and its receipts issued."""
    with terminal.database() as db:
        actor = terminal.admin(db)
        numbers = [
            terminal.intake(MORNING + dt.timedelta(minutes=20 * i), db=db) for i in range(intakes)
        ]
        assert len(numbers) == intakes
        if void:
            with db.unit_of_work() as uow:
                first = uow.session.scalars(
                    select(Receipt.number).where(Receipt.kind == "issued").order_by(Receipt.seq)
                ).first()
                void_receipt(uow, actor, first, "金額の誤り", now=MORNING + dt.timedelta(hours=3))
                uow.commit()
        if not close:
            return None
        with db.unit_of_work(read_only=True) as uow:
            expected = day_figures(uow, actor, DAY, now=EVENING).cash_expected
        with db.unit_of_work() as uow:
            counted = expected - short
            note = "釣り銭の渡し過ぎ" if short else ""
            close_day(uow, actor, DAY, counted, variance_note=note, now=EVENING)
            uow.commit()
        with db.unit_of_work(read_only=True) as uow:
            own = day_figures(uow, actor, DAY, now=EVENING)
            issued = uow.session.scalar(
                select(func.count())
                .select_from(Receipt)
                .where(Receipt.kind == "issued", Receipt.issued_on == DAY)
            )
    assert own.closed
    return {"figures": own, "receipts": int(issued or 0)}


def test_the_branch_day_sums_its_terminals_and_shows_the_one_not_closed(
    new_terminal,
    desk_accounts,  # noqa: F811
):
    first, second, third = (new_terminal(BRANCH, n) for n in (1, 2, 3))
    own = {
        first.name: take_the_day(first, 3, void=True, close=True, short=100),
        second.name: take_the_day(second, 4, void=False, close=True),
        third.name: take_the_day(third, 1, void=False, close=False),
    }
    for terminal in (first, second, third):
        run = terminal.cli("sync", "push")
        assert run.code == 0, run.err

    day = branch_day(desk_accounts.conn("clerk"), BRANCH, DAY)

    assert [t.terminal for t in day.terminals] == [f"{BRANCH}-01", f"{BRANCH}-02", f"{BRANCH}-03"]
    closed = {t.terminal: t for t in day.terminals if t.received}
    assert set(closed) == {first.name, second.name}
    for name, held in closed.items():
        mine = own[name]["figures"]
        assert held.close_number == mine.close_number
        assert held.figures is not None
        assert (
            held.figures.fee, held.figures.postage, held.figures.total, held.figures.tax,
            held.figures.voids, held.figures.voided_amount, held.figures.requests,
            held.figures.cash_expected, held.figures.cash_counted, held.figures.cash_difference,
        ) == (
            mine.fee, mine.postage, mine.fee + mine.postage, mine.tax,
            mine.voids, mine.voided_amount, mine.requests,
            mine.cash_expected, mine.cash_counted, mine.variance,
        )  # fmt: skip
        assert held.figures.receipts == own[name]["receipts"]
    # the branch total is the sum of the terminals' own daily logs
    figures = [own[name]["figures"] for name in closed]
    assert day.total.fee == sum(f.fee for f in figures) > 0
    assert day.total.postage == sum(f.postage for f in figures)
    assert day.total.total == sum(f.fee + f.postage for f in figures)
    assert day.total.tax == sum(f.tax for f in figures)
    assert day.total.voids == sum(f.voids for f in figures) == 1
    assert day.total.requests == sum(f.requests for f in figures) == 7
    assert day.total.receipts == sum(own[name]["receipts"] for name in closed)
    assert day.total.cash_expected == sum(f.cash_expected for f in figures)
    assert day.total.cash_difference == -100
    # the third terminal pushed its intake but did not close: not received, not zero
    (missing,) = day.missing
    assert missing.terminal == third.name
    assert missing.figures is None and missing.close_number is None
    assert missing.last_batch_at is not None
    assert not day.complete and day.terminals_closed == 2

    # the command, as the desk runs it
    server = desk_accounts.server
    dsn = (
        f"host={server.host} port={server.port} dbname={server.dbname} "
        f"user={desk_accounts.logins['clerk']} password={desk_accounts.passwords['clerk']} "
        f"sslmode=verify-full sslrootcert={server.ca_file}"
    )
    args = ("hq", "branch-day", "--dsn", dsn, "--branch", BRANCH, "--date", DAY.isoformat())
    table = first.cli(*args)
    assert table.code == 0, table.err
    assert f"{third.name}\t未受信/未締め\t-\t-" in table.out
    total_row = (
        f"支所合計\t2/3台\t-\t{day.total.cash_expected:,}\t{day.total.cash_counted:,}\t"
        f"{day.total.cash_difference:,}\t{day.total.fee:,}\t{day.total.postage:,}\t"
        f"{day.total.total:,}\t{day.total.tax:,}\t1\t7\t{day.total.receipts}"
    )
    assert total_row in table.out.splitlines()
    assert f"未受信/未締めの端末があります: {third.name}" in table.out
    as_json = json.loads(first.cli(*args, "--json").out)
    assert as_json["total"]["total"] == day.total.total
    assert [t["state"] for t in as_json["terminals"]] == ["closed", "closed", "missing"]


def test_a_terminal_cannot_read_the_branch_day(new_terminal, hq_db):
    terminal = new_terminal(BRANCH, 4)
    sync = terminal.folder / "sync"
    with (
        psycopg.connect(
            host=hq_db.host,
            port=hq_db.port,
            dbname=hq_db.dbname,
            user=terminal.role,
            sslmode="verify-full",
            sslrootcert=str(sync / "hq-ca.pem"),
            sslcert=str(sync / "terminal.pem"),
            sslkey=str(sync / "terminal.key"),
            sslpassword=terminal.passphrase,
            autocommit=True,
        ) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("SELECT * FROM hq.branch_day(%s, %s)", (BRANCH, DAY))
