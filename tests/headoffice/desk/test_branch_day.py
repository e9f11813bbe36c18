"""``hq.branch_day`` on generated closes (head-office migration 0003), read by a desk
account: each terminal's close as sent, a terminal without a close of that day 未受信/未締め
(no figures, never zeros), the branch total the sum of the closes, and unknown (NULL) when a
close did not carry a figure (sent before the payload had ``totals``)."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.headoffice.desk.branch_day import branch_day

DAY = dt.date(2026, 12, 2)

money = st.integers(-50_000, 500_000)
count = st.integers(0, 40)
close = st.fixed_dictionaries(
    {
        "cash_expected": money,
        "cash_counted": st.integers(0, 500_000),
        "fee": money,
        "postage": money,
        "tax": money,
        "voided_amount": st.integers(0, 50_000),
        "settled_amount": money,
        "requests": count,
        "voids": count,
        "receipts": st.integers(0, 5),
        "with_totals": st.booleans(),  # False: a close sent before ``totals`` travelled
    }
)

#: a close of another day or another branch (in no total of DAY at the branch)
OTHER = {
    "cash_expected": 99_000, "cash_counted": 99_000, "fee": 90_000, "postage": 9_000,
    "tax": 9_000, "voided_amount": 0, "settled_amount": 0, "requests": 9, "voids": 0,
    "receipts": 3, "with_totals": True,
}  # fmt: skip


def put_close(seed, terminal: str, day: dt.date, c: dict) -> str:
    number = f"C-{terminal}-{day.year}-{uuid.uuid4().int % 10_000:04d}"
    payload = {
        "branch_code": terminal.rsplit("-", 1)[0],
        "terminal_no": int(terminal.rsplit("-", 1)[1]),
        "business_date": day.isoformat(),
        "closed_at": f"{day.isoformat()}T09:00:00.000000Z",
        "close_number": number,
        "cash_expected": c["cash_expected"],
        "cash_counted": c["cash_counted"],
        "cash_denominations": None,
        "snapshot_hash": "0" * 64,
        "counts": {"requests": c["requests"], "voids": c["voids"], "reprints": 0},
    }
    if c["with_totals"]:
        payload["totals"] = {
            key: c[key]
            for key in ("requests", "fee", "tax", "postage", "voided_amount", "settled_amount")
        }
    seed.put(terminal, "closed_day", str(uuid.uuid4()), payload)
    for kind in ["issued"] * c["receipts"] + ["void"]:  # a void is not a receipt issued
        seed.put(
            terminal,
            "receipt",
            str(uuid.uuid4()),
            {"kind": kind, "issued_on": day.isoformat(), "total": 1650},
        )
    return number


def expected_figures(c: dict) -> dict:
    known = c["with_totals"]
    return {
        "cash_expected": c["cash_expected"],
        "cash_counted": c["cash_counted"],
        "cash_difference": c["cash_counted"] - c["cash_expected"],
        "fee": c["fee"] if known else None,
        "postage": c["postage"] if known else None,
        "total": c["fee"] + c["postage"] if known else None,
        "tax": c["tax"] if known else None,
        "voids": c["voids"],
        "voided_amount": c["voided_amount"] if known else None,
        "settled_amount": c["settled_amount"] if known else None,
        "requests": c["requests"],
        "receipts": c["receipts"],
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(terminals=st.lists(st.one_of(st.none(), close), min_size=1, max_size=4))
def test_the_branch_day_is_each_terminals_close_and_their_sum(seed, desk_accounts, terminals):
    branch, elsewhere = seed.branch(), seed.branch()
    numbers: dict[str, str] = {}
    for n, c in enumerate(terminals, start=1):
        terminal = seed.terminal(branch, n)
        if c is not None:
            numbers[terminal] = put_close(seed, terminal, DAY, c)
        # the day before, and another branch's same day: in no total
        put_close(seed, terminal, DAY - dt.timedelta(days=1), OTHER)
    put_close(seed, seed.terminal(elsewhere, 1), DAY, OTHER)

    day = branch_day(desk_accounts.conn("clerk"), branch, DAY)

    assert [t.terminal_no for t in day.terminals] == list(range(1, len(terminals) + 1))
    closed = [c for c in terminals if c is not None]
    for held, c in zip(day.terminals, terminals, strict=True):
        if c is None:
            assert not held.received and held.figures is None and held.close_number is None
            assert held.state_label == "未受信/未締め"
        else:
            assert held.received and held.close_number == numbers[held.terminal]
            assert held.figures is not None
            assert vars(held.figures) == expected_figures(c)
    assert day.terminals_closed == len(closed)
    assert day.complete == (len(closed) == len(terminals))
    for key, value in vars(day.total).items():
        figures = [expected_figures(c)[key] for c in closed]
        if not figures or None in figures:
            assert value is None, key  # nothing closed, or a figure unknown: not a sum
        else:
            assert value == sum(figures), key


def test_0003_goes_down_and_up_again(hq_db, admin):
    from alembic import command

    from counter_app.headoffice.migrate import _engine, alembic_config, migrate

    def present() -> bool:
        row = admin.execute("SELECT to_regprocedure('hq.branch_day(text, date)')").fetchone()
        return row is not None and row[0] is not None

    assert present()
    engine = _engine(hq_db.admin_dsn)
    try:
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0002")
            connection.commit()
    finally:
        engine.dispose()
    assert not present()
    assert migrate(hq_db.admin_dsn) == "0003"
    assert present()


def test_the_command_refuses_a_date_it_cannot_read_in_japanese(capsys):
    from counter_app.cli import main

    args = ["hq", "branch-day", "--dsn", "host=x", "--branch", "BR01", "--date", "2026-13-02"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--date は YYYY-MM-DD の形で指定してください" in err and "Traceback" not in err
