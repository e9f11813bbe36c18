"""Finding requests: search by number, member number, phone or name, and the request lists.

Search (:func:`search_requests`) — what the query looks like decides where to look
(``kind="auto"``), or the caller says it:

- ``number``: a request number (``R-BR01-01-2025-000123``) or a receipt number
  (``BR01-01-2025-000045``, the request it was issued for); full-width and lower case accepted;
- ``phone``: 10 or 11 digits, hyphens and spaces ignored (the stored grouping does not
  matter: an expression index on the phone's digits);
- ``member``: the member number, exactly;
- ``name``: a substring of a principal's or proxy's name or furigana, in kanji or kana.
  The query is folded like the stored search keys (:func:`counter_app.domain.text.
  name_search_key`: widths, hiragana -> katakana, kanji variants, no spaces), so やまだ finds
  山田 花子 only if her furigana was given, ﾔﾏﾀﾞ finds ヤマダ, and 高橋 finds 髙橋 一郎
  (渡辺 渡邊, 斉藤 齋藤, 山崎 山﨑, 吉田 𠮷田). Queries of 3+ characters use the FTS5
  trigram index; 1-2 characters (山田, 林) the bigram index (see docs/store.md).

Results are newest first, masked (names, phones and member numbers as on the screen: a
reveal is a separate, audited service), at most ``limit`` of them; ``truncated`` says more
matched.

Lists (:func:`list_requests`): by day, by status, overdue (open and past the answer target,
extended target if any), or a scope of the main window ("today", "open", "all").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from counter_app.domain.proxy import ProxyKind
from counter_app.domain.requests import OPEN_STATUSES, RequestStatus, RequestType
from counter_app.domain.text import name_search_key
from counter_app.errors import InputError
from counter_app.security.masking import mask_member_number, mask_name, mask_phone
from counter_app.security.roles import Actor
from counter_app.services.access import ensure_branch, session_of
from counter_app.services.clock import today as local_today
from counter_app.store.models import Person, Request
from counter_app.store.numbering import Series, fiscal_year, format_number, terminal_of
from counter_app.store.sqlite.search_index import people_matching_sql
from counter_app.store.uow import UnitOfWork

#: Kinds of search a caller may ask for.
SEARCH_KINDS = ("auto", "number", "phone", "member", "name")
#: List scopes of the main window.
SCOPES = ("today", "open", "all")
DEFAULT_LIMIT = 50
#: A query of up to this many digits is also tried as the sequence of a request number
#: (R-BR01-01-2025-000123 -> "123"), in the current and the previous fiscal years.
SEQ_DIGITS = 6
RECENT_FISCAL_YEARS = 2
MAX_QUERY_LENGTH = 100

_REQUEST_NUMBER = re.compile(r"^R-[A-Z0-9]+(?:-\d{2})?-\d{4}-\d{6}$")
_RECEIPT_NUMBER = re.compile(r"^[A-Z][A-Z0-9]{1,7}(?:-\d{2})?-\d{4}-\d{6}$")
_PHONE_CHARS = re.compile(r"^[0-9+\-\s()]+$")
_MEMBER = re.compile(r"^[A-Za-z0-9-]{1,32}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")


@dataclass(frozen=True)
class RequestListItem:
    """One request as a line of a list or of search results (personal data masked)."""

    request_id: str
    number: str
    received_at: dt.datetime
    received_on: dt.date
    status: RequestStatus
    name_masked: str
    phone_masked: str
    member_number_masked: str
    proxy_kind: str | None
    proxy_name_masked: str
    request_types: tuple[RequestType, ...]
    target_on: dt.date  # the answer target in force (the extended one, if any)
    days_left: int | None  # None once the request is finished
    overdue: bool

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def type_labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self.request_types)

    @property
    def proxy_kind_label(self) -> str:
        return ProxyKind(self.proxy_kind).short_label if self.proxy_kind else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "request_id": self.request_id,
            "number": self.number,
            "received_at": self.received_at.isoformat(),
            "received_on": self.received_on.isoformat(),
            "status": self.status.value,
            "status_label": self.status.label,
            "name": self.name_masked,
            "phone": self.phone_masked,
            "member_number": self.member_number_masked,
            "proxy_kind": self.proxy_kind,
            "proxy_name": self.proxy_name_masked,
            "request_types": [t.value for t in self.request_types],
            "target_on": self.target_on.isoformat(),
            "days_left": self.days_left,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: str  # the kind(s) searched, e.g. "name" or "phone+member"
    items: tuple[RequestListItem, ...]
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "count": len(self.items),
            "truncated": self.truncated,
            "items": [i.to_dict() for i in self.items],
        }


# -- building list items ----------------------------------------------------------------------
def same_branch(column: str, branch: str) -> Any:
    """``<column> = :branch`` written ``+column`` so SQLite never picks the (branch, year,
    seq) unique index for it: with one branch per database that index would scan everything,
    while the other conditions (day, status, ids) have selective indexes."""
    return text(f"+{column} = :branch_code").bindparams(branch_code=branch)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _moment(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC)  # "...Z" (UTC) as stored


_PRINCIPAL = aliased(Person, name="principal")
_PROXY = aliased(Person, name="proxy")
_COLUMNS = (
    Request.id,
    Request.number,
    Request.received_at,
    Request.received_on,
    Request.status,
    Request.target_on,
    Request.extended_target_on,
    Request.proxy_kind,
    _PRINCIPAL.name,
    _PRINCIPAL.phone,
    _PRINCIPAL.member_number,
    _PROXY.name,
)
#: The same columns in plain SQL (the search path: no statement building per query).
_COLUMNS_SQL = (
    "r.id, r.number, r.received_at, r.received_on, r.status, r.target_on, "
    "r.extended_target_on, r.proxy_kind, p.name, p.phone, p.member_number, x.name"
)


def _items(uow: UnitOfWork, rows: list[Any], on: dt.date) -> list[RequestListItem]:
    """List items from rows of the columns above, with one more query for the types."""
    types: dict[str, list[RequestType]] = {}
    if rows:
        for request_id, request_type in session_of(uow).execute(
            text(
                "SELECT request_id, request_type FROM request_items WHERE request_id IN "
                "(SELECT value FROM json_each(:ids)) ORDER BY request_id, position"
            ),
            {"ids": json.dumps([r[0] for r in rows])},
        ):
            types.setdefault(request_id, []).append(RequestType(request_type))
    items = []
    for (
        request_id,
        number,
        received_at,
        received_on,
        status_code,
        target_on,
        extended_target_on,
        proxy_kind,
        name,
        phone,
        member_number,
        proxy_name,
    ) in rows:
        status = RequestStatus(status_code)
        target = _date(extended_target_on or target_on)
        items.append(
            RequestListItem(
                request_id=request_id,
                number=number,
                received_at=_moment(received_at),
                received_on=_date(received_on),
                status=status,
                name_masked=mask_name(name),
                phone_masked=mask_phone(phone),
                member_number_masked=mask_member_number(member_number),
                proxy_kind=proxy_kind,
                proxy_name_masked=mask_name(proxy_name) if proxy_name else "",
                request_types=tuple(types.get(request_id, ())),
                target_on=target,
                days_left=(target - on).days if status.is_open else None,
                overdue=status.is_open and on > target,
            )
        )
    return items


def _load(
    uow: UnitOfWork, where: Any, *, order: Iterable[Any], limit: int | None, on: dt.date
) -> list[RequestListItem]:
    """List items of the requests matching ``where`` (the lists' path)."""
    statement = (
        select(*_COLUMNS)
        .join(_PRINCIPAL, _PRINCIPAL.id == Request.principal_id)
        .outerjoin(_PROXY, _PROXY.id == Request.proxy_id)
        .where(where)
        .order_by(*order)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return _items(uow, list(session_of(uow).execute(statement).all()), on)


# -- search -----------------------------------------------------------------------------------
def _fold(query: str) -> str:
    return unicodedata.normalize("NFKC", query).strip()


def classify(query: str) -> tuple[str, ...]:
    """The kinds of search ``query`` calls for (kind="auto")."""
    folded = _fold(query).upper()
    if _REQUEST_NUMBER.match(folded) or _RECEIPT_NUMBER.match(folded):
        return ("number",)
    if _PHONE_CHARS.match(folded):
        digits = _PHONE_SEPARATORS.sub("", folded)
        kinds = ["member"]
        if digits.isdigit() and 10 <= len(digits) <= 11:
            kinds.insert(0, "phone")
        if folded.isdigit() and len(folded) <= SEQ_DIGITS:
            kinds.insert(0, "number")  # the last digits of a request number (下6桁)
        return tuple(kinds)
    if _MEMBER.match(folded):
        return ("member", "name")
    return ("name",)


def _people_sql(kind: str, query: str) -> tuple[str, dict[str, Any]] | None:
    """SQL selecting the ids (``person_id``) of the people matching ``query``, newest first,
    at most ``:n`` of them; None when the query cannot match anything of that kind."""
    if kind == "name":
        key = name_search_key(query)
        if not key:
            return None
        return people_matching_sql(key)
    folded = _fold(query)
    if kind == "phone":
        digits = _PHONE_SEPARATORS.sub("", folded)
        if not digits.isdigit():
            return None
        return (
            "SELECT id AS person_id FROM people WHERE replace(phone, '-', '') = :digits "
            "ORDER BY created_at DESC LIMIT :n",
            {"digits": digits},
        )
    # member number: as typed, upper or lower case
    return (
        "SELECT id AS person_id FROM people WHERE member_number IN (:m1, :m2, :m3) "
        "ORDER BY created_at DESC LIMIT :n",
        {"m1": folded, "m2": folded.upper(), "m3": folded.lower()},
    )


def _requests_of_people(
    uow: UnitOfWork, branch: str, people: tuple[str, dict[str, Any]], limit: int, on: dt.date
) -> list[RequestListItem]:
    """The requests whose principal or proxy is one of ``people`` (one statement)."""
    people_sql, params = people
    rows = (
        session_of(uow)
        .execute(
            text(
                f"WITH hit AS ({people_sql}) "
                f"SELECT {_COLUMNS_SQL} FROM requests r "
                "JOIN people p ON p.id = r.principal_id LEFT JOIN people x ON x.id = r.proxy_id "
                # rowids straight from the principal_id / proxy_id index entries (no lookup
                # of the text primary key per hit)
                "WHERE r.rowid IN (SELECT rowid FROM requests WHERE principal_id IN "
                "(SELECT person_id FROM hit) UNION ALL SELECT rowid FROM requests "
                "WHERE proxy_id IN (SELECT person_id FROM hit)) AND +r.branch_code = :branch "
                "ORDER BY r.received_at DESC, r.number DESC LIMIT :n"
            ),
            {**params, "n": limit, "branch": branch},
        )
        .all()
    )
    return _items(uow, list(rows), on)


def _numbers_for(branch: str, folded: str, on: dt.date, terminal_no: int = 1) -> list[str]:
    """The request / receipt numbers a number query stands for: the number itself, or for
    up to 6 digits the request of that sequence in this and the previous fiscal years (as
    this terminal numbers it, and as it was printed before terminals, migration 0014)."""
    if folded.isdigit() and len(folded) <= SEQ_DIGITS:
        year = fiscal_year(on)
        return [
            format_number(Series.REQUEST, branch, fy, int(folded), terminal)
            for fy in range(year, year - RECENT_FISCAL_YEARS, -1)
            for terminal in (terminal_no, None)
        ]
    return [folded]


def _requests_by_number(
    uow: UnitOfWork, branch: str, query: str, on: dt.date
) -> list[RequestListItem]:
    numbers = _numbers_for(branch, _fold(query).upper(), on, terminal_of(session_of(uow), branch))
    rows = (
        session_of(uow)
        .execute(
            text(
                f"SELECT {_COLUMNS_SQL} FROM requests r "
                "JOIN people p ON p.id = r.principal_id LEFT JOIN people x ON x.id = r.proxy_id "
                "WHERE r.id IN (SELECT id FROM requests WHERE number IN "
                "(SELECT value FROM json_each(:numbers)) UNION ALL "
                "SELECT request_id FROM receipts WHERE number IN "
                "(SELECT value FROM json_each(:numbers))) "
                "AND +r.branch_code = :branch ORDER BY r.received_at DESC"
            ),
            {"numbers": json.dumps(numbers), "branch": branch},
        )
        .all()
    )
    return _items(uow, list(rows), on)


def search_requests(
    uow: UnitOfWork,
    actor: Actor,
    query: str,
    *,
    kind: str = "auto",
    limit: int = DEFAULT_LIMIT,
    today: dt.date | None = None,
) -> SearchResult:
    """Requests matching ``query`` (see the module docstring), newest first, masked."""
    branch = ensure_branch(uow, actor)
    # control characters (NUL, tabs, line breaks pasted in) are no part of a name or number
    query = "".join(ch for ch in (query or "") if unicodedata.category(ch) != "Cc").strip()
    if not query:
        raise InputError("検索する文字を入力してください。")
    if len(query) > MAX_QUERY_LENGTH:
        raise InputError(f"検索する文字が長すぎます ({MAX_QUERY_LENGTH}文字まで)。")
    if kind not in SEARCH_KINDS:
        raise InputError(
            f"検索の種類「{kind}」は使えません。", hint="使える値: " + "、".join(SEARCH_KINDS)
        )
    if limit < 1:
        raise InputError("表示件数は1以上にしてください。")
    kinds = classify(query) if kind == "auto" else (kind,)
    on = today or local_today()
    found: dict[str, RequestListItem] = {}
    for k in kinds:
        if k == "number":
            rows = _requests_by_number(uow, branch, query, on)
        else:
            people = _people_sql(k, query)
            rows = [] if people is None else _requests_of_people(uow, branch, people, limit + 1, on)
        for row in rows:
            found.setdefault(row.request_id, row)
    ordered = sorted(found.values(), key=lambda r: (r.received_at, r.number), reverse=True)
    return SearchResult(
        query=query,
        kind="+".join(kinds),
        items=tuple(ordered[:limit]),
        truncated=len(ordered) > limit,
    )


# -- lists ------------------------------------------------------------------------------------
def list_requests(
    uow: UnitOfWork,
    actor: Actor,
    *,
    day: dt.date | None = None,
    scope: str | None = None,
    status: RequestStatus | str | None = None,
    overdue_only: bool = False,
    query: str = "",
    today: dt.date | None = None,
    limit: int = 500,
    settlement_pending: bool = False,
) -> list[RequestListItem]:
    """Requests of a day / a status / overdue ones (filters combine), newest first.
    ``settlement_pending``: only the requests 精算待ち (page count 未定, not settled yet).

    ``scope``: "today" (received today), "open" (not finished), "all". ``day`` lists one
    business day. ``overdue_only``: open and past the answer target in force. ``query``:
    narrow to the matches of :func:`search_requests` (at most ``limit`` of them).
    """
    branch = ensure_branch(uow, actor)
    on = today or local_today()
    if scope is not None and scope not in SCOPES:
        raise InputError(
            f"一覧の範囲「{scope}」は使えません。", hint="使える値: " + "、".join(SCOPES)
        )
    conditions: list[Any] = [same_branch("requests.branch_code", branch)]
    if scope == "today":
        conditions.append(Request.received_on == on)
    elif scope == "open":
        conditions.append(Request.status.in_([s.value for s in OPEN_STATUSES]))
    if day is not None:
        conditions.append(Request.received_on == day)
    if status:
        try:
            wanted = RequestStatus(status)
        except ValueError:
            raise InputError(
                f"状態「{status}」は使えません。",
                hint="使える値: " + "、".join(f"{s.value} ({s.label})" for s in RequestStatus),
            ) from None
        if wanted.is_open:  # few rows: the status index is the way in
            conditions.append(Request.status == wanted.value)
        else:  # most rows end decided: walk the reception-date index instead (newest first)
            conditions.append(
                text("+requests.status = :status_code").bindparams(status_code=wanted.value)
            )
    if settlement_pending:
        conditions.append(Request.settlement_state == "pending")
    if overdue_only:
        conditions.append(Request.status.in_([s.value for s in OPEN_STATUSES]))
        conditions.append(func.coalesce(Request.extended_target_on, Request.target_on) < on)
    if query.strip():
        hits = search_requests(uow, actor, query, limit=limit, today=on)
        conditions.append(Request.id.in_([i.request_id for i in hits.items]))
    where = conditions[0]
    for condition in conditions[1:]:
        where = where & condition
    order = (
        (func.coalesce(Request.extended_target_on, Request.target_on), Request.number)
        if overdue_only
        # two terms only: SQLite then reads the received_on index backwards (with a third
        # term it would sort the whole table)
        else (Request.received_on.desc(), Request.received_at.desc())
    )
    items = _load(uow, where, order=order, limit=limit, on=on)
    if not overdue_only:  # same moment: the later number first
        items.sort(key=lambda i: (i.received_on, i.received_at, i.number), reverse=True)
    return items
