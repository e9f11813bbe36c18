"""The work list: every request of every branch, by deadline, one keyset page at a time.

Names and phones are the masked ones of ``hq.requests``; :func:`reveal` shows the real ones
and head office records the read (``hq.pii_reads``) before returning them. A request is
flagged ``repeat`` when the same person (the HMAC of the normalised name and birth date,
never shown) asked at another branch within ``repeat_window_days`` of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from counter_app.domain.requests import OPEN_STATUSES, RequestStatus, RequestType
from counter_app.errors import InputError
from counter_app.headoffice.desk.refusals import desk_call

#: requester kinds as head office counts them
REQUESTER_KINDS = {"principal": "本人", "legal": "法定代理人", "voluntary": "任意代理人"}
DEFAULT_REPEAT_WINDOW_DAYS = 30
MAX_PAGE = 200

# the partial indexes' predicate, written as they are so the planner can use them
_OPEN_SQL = sql.SQL("r.status IN ('received', 'in_progress', 'extended')")


@dataclass(frozen=True)
class WorkFilter:
    """What the list shows. ``statuses`` empty: the open ones (受付済・対応中・期限延長中).
    ``received_from``/``received_to``: the date of receipt, both included. ``assignee``: a
    desk login, or ``""`` for the requests nobody is assigned to."""

    branches: tuple[str, ...] = ()
    statuses: tuple[RequestStatus, ...] = ()
    request_type: RequestType | None = None
    requester_kind: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    assignee: str | None = None


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts (after this deadline and row)."""

    due_on: dt.date
    rid: int


@dataclass(frozen=True)
class WorkItem:
    rid: int
    branch: str
    terminal: str
    request_id: str
    number: str
    status: RequestStatus
    types: tuple[RequestType, ...]
    requester_kind: str
    received_on: dt.date
    due_on: dt.date
    lawsuit_possible_from: dt.date | None
    name_masked: str
    phone_masked: str
    assignee: str | None
    step: str | None
    repeat: bool

    @property
    def requester_label(self) -> str:
        return REQUESTER_KINDS[self.requester_kind]


@dataclass(frozen=True)
class WorkPage:
    items: tuple[WorkItem, ...]
    next_key: PageKey | None  # None: this was the last page


def _conditions(f: WorkFilter) -> tuple[list[sql.Composable], dict[str, Any]]:
    where: list[sql.Composable] = []
    params: dict[str, Any] = {}
    statuses = {RequestStatus(s) for s in f.statuses}
    if not statuses or statuses == set(OPEN_STATUSES):
        where.append(_OPEN_SQL)
    else:
        where.append(sql.SQL("r.status = ANY(%(statuses)s)"))
        params["statuses"] = sorted(s.value for s in statuses)
    if f.branches:
        where.append(sql.SQL("r.branch = ANY(%(branches)s)"))
        params["branches"] = list(f.branches)
    if f.request_type is not None:
        where.append(sql.SQL("r.types @> ARRAY[%(type)s]::text[]"))
        params["type"] = RequestType(f.request_type).value
    if f.requester_kind is not None:
        if f.requester_kind not in REQUESTER_KINDS:
            raise InputError(
                f"請求者の区分「{f.requester_kind}」はありません。",
                hint="使える値: " + "、".join(f"{k} ({v})" for k, v in REQUESTER_KINDS.items()),
            )
        where.append(sql.SQL("r.requester_kind = %(kind)s"))
        params["kind"] = f.requester_kind
    if f.received_from is not None:
        # due_on is never before the day of receipt (hq.requests): the scan by deadline can
        # start at the first day of receipt instead of ten years earlier
        where.append(
            sql.SQL("r.received_on >= %(received_from)s AND r.due_on >= %(received_from)s")
        )
        params["received_from"] = f.received_from
    if f.received_to is not None:
        where.append(sql.SQL("r.received_on <= %(received_to)s"))
        params["received_to"] = f.received_to
    if f.received_from and f.received_to and f.received_from > f.received_to:
        raise InputError("受付日の範囲が逆です (開始日が終了日より後です)。")
    if f.assignee == "":
        where.append(sql.SQL("a.assignee IS NULL"))
    elif f.assignee is not None:
        where.append(sql.SQL("a.assignee = %(assignee)s"))
        params["assignee"] = f.assignee
    return where, params


def work_list(
    conn: psycopg.Connection,
    work_filter: WorkFilter = WorkFilter(),
    *,
    after: PageKey | None = None,
    limit: int = 50,
    repeat_window_days: int = DEFAULT_REPEAT_WINDOW_DAYS,
) -> WorkPage:
    """One page of the list, soonest deadline first (then the order requests arrived)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"1ページの件数は1〜{MAX_PAGE}件にしてください。")
    where, params = _conditions(work_filter)
    if after is not None:
        where.append(sql.SQL("(r.due_on, r.rid) > (%(after_due)s, %(after_rid)s)"))
        params.update(after_due=after.due_on, after_rid=after.rid)
    params.update(limit=limit + 1, window=repeat_window_days)
    query = sql.SQL(
        """
        SELECT p.*, EXISTS (
                   SELECT 1 FROM hq.requests o
                    WHERE o.match_key = p.match_key AND o.branch <> p.branch
                      AND o.status <> 'cancelled'
                      AND o.received_on BETWEEN p.received_on - %(window)s::int
                                            AND p.received_on + %(window)s::int) AS repeat
          FROM (SELECT r.rid, r.branch, r.terminal, r.request_id, r.number, r.status, r.types,
                       r.requester_kind, r.received_on, r.due_on, r.lawsuit_possible_from,
                       r.name_masked, r.phone_masked, r.match_key, a.assignee, a.step
                  FROM hq.requests r LEFT JOIN hq.assignments a ON a.rid = r.rid
                 WHERE {where}
                 ORDER BY r.due_on, r.rid
                 LIMIT %(limit)s) AS p
         ORDER BY p.due_on, p.rid
        """
    ).format(where=sql.SQL(" AND ").join(where))
    with desk_call():
        rows = conn.execute(query, params).fetchall()
    items = tuple(_item(row) for row in rows[:limit])
    more = len(rows) > limit
    return WorkPage(items, PageKey(items[-1].due_on, items[-1].rid) if more else None)


def _types(values: Sequence[str]) -> tuple[RequestType, ...]:
    return tuple(RequestType(v) for v in values if v in RequestType.__members__.values())


def _item(row: Sequence[Any]) -> WorkItem:
    (rid, branch, terminal, request_id, number, status, types, kind, received_on, due_on,
     art39, name, phone, _key, assignee, step, repeat) = row  # fmt: skip
    return WorkItem(
        rid=rid,
        branch=branch,
        terminal=terminal,
        request_id=request_id,
        number=number,
        status=RequestStatus(status),
        types=_types(types),
        requester_kind=kind,
        received_on=received_on,
        due_on=due_on,
        lawsuit_possible_from=art39,
        name_masked=name,
        phone_masked=phone,
        assignee=assignee,
        step=step,
        repeat=bool(repeat),
    )


@dataclass(frozen=True)
class RevealedPerson:
    """The principal's (and a proxy's) contact as the terminal sent it."""

    name: str
    furigana: str
    phone: str
    postal_code: str
    address: str
    proxy_name: str | None


def reveal(conn: psycopg.Connection, rid: int, purpose: str) -> RevealedPerson:
    """The real name and contact of a request's principal; head office records who read
    them, when and why (``hq.pii_reads``) in the same transaction before returning them."""
    with desk_call():
        row = conn.execute("SELECT hq.desk_reveal(%s, %s)", (rid, purpose)).fetchone()
    data = (row[0] if row else None) or {}
    principal = data.get("principal") or {}
    proxy = data.get("proxy") or None
    return RevealedPerson(
        name=principal.get("name") or "",
        furigana=principal.get("furigana") or "",
        phone=principal.get("phone") or "",
        postal_code=principal.get("postal_code") or "",
        address=principal.get("address") or "",
        proxy_name=(proxy or {}).get("name"),
    )


@dataclass(frozen=True)
class RepeatMatch:
    """Another request of the same person at another branch, within the window."""

    rid: int
    branch: str
    number: str
    received_on: dt.date
    status: RequestStatus


def repeats_of(
    conn: psycopg.Connection, rid: int, repeat_window_days: int = DEFAULT_REPEAT_WINDOW_DAYS
) -> tuple[RepeatMatch, ...]:
    """The requests that make ``rid`` a repeat (the key itself is never returned)."""
    with desk_call():
        rows = conn.execute(
            """
            SELECT o.rid, o.branch, o.number, o.received_on, o.status
              FROM hq.requests r JOIN hq.requests o
                ON o.match_key = r.match_key AND o.branch <> r.branch
               AND o.status <> 'cancelled'
               AND o.received_on BETWEEN r.received_on - %(w)s::int AND r.received_on + %(w)s::int
             WHERE r.rid = %(rid)s
             ORDER BY o.received_on, o.rid
            """,
            {"rid": rid, "w": repeat_window_days},
        ).fetchall()
    return tuple(RepeatMatch(r[0], r[1], r[2], r[3], RequestStatus(r[4])) for r in rows)
