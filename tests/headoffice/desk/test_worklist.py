"""The work list on the real PostgreSQL: filters, keyset pages, masks, reveal, repeats."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.errors import InputError, PermissionDenied
from counter_app.headoffice.desk.timeline import assign
from counter_app.headoffice.desk.worklist import (
    REQUESTER_KINDS,
    WorkFilter,
    repeats_of,
    reveal,
    work_list,
)

DAY0 = dt.date(2026, 4, 1)
KIND_PAYLOAD = {
    "principal": {"requester": "principal", "proxy_kind": None},
    "legal": {"requester": "proxy", "proxy_kind": "adult_guardian"},
    "voluntary": {"requester": "proxy", "proxy_kind": "voluntary"},
}
_ids = itertools.count(1)

requests = st.lists(
    st.fixed_dictionaries(
        {
            "branch": st.integers(0, 1),
            "status": st.sampled_from(list(RequestStatus)),
            "types": st.sets(st.sampled_from(list(RequestType)), min_size=1, max_size=3),
            "kind": st.sampled_from(list(REQUESTER_KINDS)),
            "received": st.integers(0, 40),
            "target": st.integers(0, 20),
            "assignee": st.sampled_from([None, "clerk", "lead"]),
        }
    ),
    min_size=0,
    max_size=9,
)
filters = st.fixed_dictionaries(
    {
        "branches": st.sampled_from([(0, 1), (0,), (1,)]),
        "statuses": st.sets(st.sampled_from(list(RequestStatus)), max_size=3),
        "request_type": st.none() | st.sampled_from(list(RequestType)),
        "requester_kind": st.none() | st.sampled_from(list(REQUESTER_KINDS)),
        "received": st.none() | st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted),
        "assignee": st.sampled_from([None, "", "clerk"]),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=requests, f=filters, page=st.integers(1, 4))
def test_the_filters_and_pages_show_exactly_the_matching_requests_by_deadline(
    seed, desk_accounts, rows, f, page
):
    clerk = desk_accounts.conn("clerk")
    branches = [seed.branch(), seed.branch()]
    terminals = [seed.terminal(b) for b in branches]
    expected = []
    for row in rows:
        request_id = f"w{next(_ids)}"
        received = DAY0 + dt.timedelta(days=row["received"])
        due = received + dt.timedelta(days=row["target"])
        types = sorted(row["types"])
        rid = seed.request(
            terminals[row["branch"]], request_id, status=row["status"].value,
            received_on=received.isoformat(), target_on=due.isoformat(),
            lawsuit_possible_from=(received + dt.timedelta(days=14)).isoformat(),
            items=[{"position": i, "type": t.value} for i, t in enumerate(types, 1)],
            **KIND_PAYLOAD[row["kind"]],
        )  # fmt: skip
        if row["assignee"]:
            assign(clerk, rid, desk_accounts.logins[row["assignee"]])
        expected.append((due, rid, row, received, types))

    statuses = f["statuses"] or {RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS,
                                 RequestStatus.EXTENDED}  # fmt: skip
    assignee = {None: None, "": "", "clerk": desk_accounts.logins["clerk"]}[f["assignee"]]
    received_range = f["received"]
    work_filter = WorkFilter(
        branches=tuple(branches[i] for i in f["branches"]),
        statuses=tuple(f["statuses"]),
        request_type=f["request_type"],
        requester_kind=f["requester_kind"],
        received_from=DAY0 + dt.timedelta(days=received_range[0]) if received_range else None,
        received_to=DAY0 + dt.timedelta(days=received_range[1]) if received_range else None,
        assignee=assignee,
    )

    def wanted(due, rid, row, received, types) -> bool:
        return (
            row["branch"] in f["branches"]
            and row["status"] in statuses
            and (f["request_type"] is None or f["request_type"] in types)
            and (f["requester_kind"] is None or row["kind"] == f["requester_kind"])
            and (received_range is None
                 or DAY0 + dt.timedelta(days=received_range[0]) <= received
                 <= DAY0 + dt.timedelta(days=received_range[1]))
            and (f["assignee"] is None
                 or (f["assignee"] == "" and row["assignee"] is None)
                 or (f["assignee"] == "clerk" and row["assignee"] == "clerk"))
        )  # fmt: skip

    want = [(due, rid) for due, rid, *rest in sorted(expected) if wanted(due, rid, *rest)]
    got, after, pages = [], None, 0
    while True:
        result = work_list(clerk, work_filter, after=after, limit=page)
        got += [(item.due_on, item.rid) for item in result.items]
        pages += 1
        assert pages <= len(want) + 2
        if result.next_key is None:
            break
        after = result.next_key
    assert got == want


def test_names_and_phones_are_masked_and_a_reveal_is_recorded_with_its_purpose(
    seed, desk_accounts, admin
):
    terminal = seed.terminal(seed.branch())
    rid = seed.request(
        terminal, "m1",
        principal={"name": "𠮷田 太郎", "phone": "029-123-4567", "birth_date": "1990-12-31",
                   "postal_code": "310-0001", "address": "茨城県水戸市三の丸1-1-1"},
    )  # fmt: skip
    clerk = desk_accounts.conn("clerk")
    (item,) = work_list(clerk, WorkFilter(branches=(terminal.split("-")[0],))).items
    assert (item.name_masked, item.phone_masked) == ("𠮷田 **", "029-***-4567")
    person = reveal(clerk, rid, "電話で本人確認の折り返し")
    assert (person.name, person.phone) == ("𠮷田 太郎", "029-123-4567")
    reads = admin.execute(
        "SELECT reader, terminal, item_id, purpose FROM hq.pii_reads WHERE item_id = 'm1'"
    ).fetchall()
    assert reads == [(desk_accounts.logins["clerk"], terminal, "m1", "電話で本人確認の折り返し")]
    with pytest.raises(Exception, match="理由"):
        reveal(clerk, rid, "  ")
    assert (
        admin.execute("SELECT count(*) FROM hq.pii_reads WHERE item_id = 'm1'").fetchone()[0] == 1
    )


def test_the_same_person_at_two_branches_within_the_window_is_flagged_on_both(seed, desk_accounts):
    a, b, c = (seed.branch() for _ in range(3))
    ta, tb, tc = seed.terminal(a), seed.terminal(b), seed.terminal(c)
    person = {"name": "山田 花子", "birth_date": "1985-07-07", "phone": "090-1111-2222"}
    # the same person typed with a full-width space and full-width letters: the same key
    same = {"name": "山田\u3000花子", "birth_date": "1985-07-07", "phone": "090-1111-2222"}
    other_birth = {"name": "山田 花子", "birth_date": "1985-07-08", "phone": "090-1111-2222"}
    r1 = seed.request(ta, "p1", principal=person, received_on="2026-04-01")
    r2 = seed.request(tb, "p2", principal=same, received_on="2026-04-20")
    r3 = seed.request(tb, "p3", principal=other_birth, received_on="2026-04-02")
    r4 = seed.request(tc, "p4", principal=person, received_on="2026-06-30")  # outside 30 days
    r5 = seed.request(ta, "p5", principal=person, received_on="2026-04-03")  # same branch as r1
    clerk = desk_accounts.conn("clerk")
    items = work_list(clerk, WorkFilter(branches=(a, b, c)), limit=50).items
    flags = {item.rid: item.repeat for item in items}
    assert flags == {r1: True, r2: True, r3: False, r4: False, r5: True}
    assert [m.rid for m in repeats_of(clerk, r1)] == [r2]
    assert [m.rid for m in repeats_of(clerk, r5)] == [r2]
    assert repeats_of(clerk, r4) == ()
    assert [m.rid for m in repeats_of(clerk, r4, repeat_window_days=90)] == [r1, r5, r2]


def test_a_filter_that_cannot_be_is_refused_in_japanese(desk_accounts):
    clerk = desk_accounts.conn("clerk")
    with pytest.raises(InputError, match="受付日の範囲が逆"):
        work_list(clerk, WorkFilter(received_from=DAY0, received_to=DAY0 - dt.timedelta(days=1)))
    with pytest.raises(InputError, match="請求者の区分"):
        work_list(clerk, WorkFilter(requester_kind="proxy"))


def test_a_login_that_is_no_desk_account_cannot_see_the_list(hq_db, admin):
    import psycopg

    from counter_app.headoffice.desk.accounts import current_account

    admin.execute("CREATE ROLE desk_gone LOGIN IN ROLE hq_desk PASSWORD 'gone-gone-gone-1'")
    conn = psycopg.connect(
        host=hq_db.host, port=hq_db.port, dbname=hq_db.dbname, user="desk_gone",
        password="gone-gone-gone-1", sslmode="verify-full", sslrootcert=str(hq_db.ca_cert),
        autocommit=True,
    )  # fmt: skip
    try:
        with pytest.raises(PermissionDenied, match="本部の担当者として登録されていない"):
            current_account(conn)
    finally:
        conn.close()
