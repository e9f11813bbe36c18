"""The minimal JSON head office receives for each aggregate (docs/sync.md "Payloads").

What head office needs to answer a request and to count: numbers, dates, status, types,
requester kind, amounts, and the principal's (and a proxy's) name, kana, birth date, member
number and contact, because head office writes and posts the answer. Never an identity
document's number or image (the counter records none), never My Number, never the staff's
free notes (``requests.note``), never a reveal's reason or a void's reason text.

Each builder reads the aggregate's rows with plain SQL on the transaction's connection (the
outbox hook runs inside the commit) and returns a dict of JSON values, or None when the
aggregate is gone (nothing is deleted on a terminal today; None is skipped).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection

from counter_app.sync.protocol import JSONValue

Payload = dict[str, JSONValue]

#: item details head office answers from (all of a request item's details today)
_ITEM_DETAILS = (
    "scopes",
    "period",
    "correction_item",
    "current_value",
    "requested_value",
    "evidence",
    "suspension_ground",
    "detail",
)

_REQUEST = (
    "SELECT r.number, r.branch_code, r.terminal_no, r.fiscal_year, r.seq, r.received_at, "
    "r.received_on, r.status, r.principal_id, r.proxy_id, r.proxy_kind, r.disclosure_method, "
    "r.delivery, r.may_hand_to_proxy, r.target_on, r.lawsuit_possible_from, "
    "r.extended_target_on, r.extension_reason, r.started_at, r.decided_at, r.decision_ground, "
    "r.purpose_notice_ground, r.settlement_state, r.decision_explanation, r.closed_at, "
    "r.closing_reason, r.updated_at, r.rules_version, f.total AS fee_total, f.schedule_version "
    "FROM requests r LEFT JOIN fee_records f ON f.request_id = r.id WHERE r.id = :id"
)
_ITEMS = (
    "SELECT position, request_type, details, outcome FROM request_items "
    "WHERE request_id = :id ORDER BY position"
)
_CHECKS = (
    "SELECT subject, documents, passed, rule FROM identity_checks WHERE request_id = :id "
    "ORDER BY checked_at, id"
)
_PROXY_CHECK = "SELECT kind, passed FROM proxy_checks WHERE request_id = :id"
_PERSON = (
    "SELECT name, furigana, birth_date, postal_code, address, phone, member_number, purged_at "
    "FROM people WHERE id = :id"
)
_RECEIPT = (
    "SELECT number, branch_code, terminal_no, fiscal_year, seq, kind, request_id, "
    "voids_receipt_id, issued_at, issued_on, total, taxable_10, tax_10, schedule_version, "
    "amount_received, change, (SELECT COUNT(*) FROM receipt_reprints p "
    "WHERE p.receipt_id = receipts.id) AS reprints FROM receipts WHERE id = :id"
)
_SETTLEMENT = (
    "SELECT number, branch_code, terminal_no, fiscal_year, seq, kind, request_id, receipt_id, "
    "voids_settlement_id, attempt, settled_at, settled_on, pages, schedule_version, charged, "
    "total, taxable_10, tax_10, amount_received, change, (SELECT COUNT(*) FROM "
    "settlement_reprints p WHERE p.settlement_id = settlements.id) AS reprints "
    "FROM settlements WHERE id = :id"
)
_CLOSED_DAY = (
    "SELECT branch_code, terminal_no, business_date, closed_at, close_number, cash_expected, "
    "cash_counted, cash_denominations, snapshot_hash, snapshot FROM closed_days WHERE id = :id"
)
_REVEAL = "SELECT request_id, actor_id, approver_id, revealed_at FROM reveals WHERE id = :id"
_AUDIT = (
    "SELECT seq, at_utc, branch_code, actor_id, approver_id, action, request_id, detail, "
    "prev_hash, hash FROM audit_log WHERE seq = :seq"
)


def _rows(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows as dicts, through the transaction's own DB-API connection: the outbox runs in
    every commit, and SQLAlchemy's per-statement work was most of its cost."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _row(conn: Connection, sql: str, params: Mapping[str, Any]) -> dict[str, Any] | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _person(conn: Connection, person_id: str | None, *, principal: bool) -> Payload | None:
    if person_id is None:
        return None
    row = _row(conn, _PERSON, {"id": person_id})
    if row is None:
        return None
    person: Payload = {
        "name": row["name"],
        "furigana": row["furigana"],
        "postal_code": row["postal_code"],
        "address": row["address"],
        "phone": row["phone"],
        "purged": row["purged_at"] is not None,
    }
    if principal:  # a proxy's birth date and member number are not needed for the answer
        person["birth_date"] = row["birth_date"]
        person["member_number"] = row["member_number"]
    return person


def request_payload(conn: Connection, request_id: str) -> Payload | None:
    row = _row(conn, _REQUEST, {"id": request_id})
    if row is None:
        return None
    payload: Payload = {
        key: row[key]
        for key in (
            "number",
            "branch_code",
            "terminal_no",
            "fiscal_year",
            "seq",
            "received_at",
            "received_on",
            "status",
            "proxy_kind",
            "disclosure_method",
            "delivery",
            "target_on",
            "lawsuit_possible_from",
            "extended_target_on",
            "extension_reason",
            "started_at",
            "decided_at",
            "decision_ground",
            "purpose_notice_ground",
            "settlement_state",
            "decision_explanation",
            "closed_at",
            "closing_reason",
            "updated_at",
            "fee_total",
            "schedule_version",
            "rules_version",
        )
    }
    payload["requester"] = "proxy" if row["proxy_id"] else "principal"
    payload["may_hand_to_proxy"] = bool(row["may_hand_to_proxy"])
    items: list[JSONValue] = []
    for item in _rows(conn, _ITEMS, {"id": request_id}):
        details = _json(item["details"]) or {}
        items.append(
            {
                "position": item["position"],
                "type": item["request_type"],
                "outcome": item["outcome"],
                "details": {k: details[k] for k in _ITEM_DETAILS if k in details},
            }
        )
    payload["items"] = items
    payload["identity"] = [
        {
            "subject": check["subject"],
            "passed": bool(check["passed"]),
            "rule": check["rule"],
            # the types only: the counter never records a document's number
            "documents": [
                {"type": doc.get("doc_type"), "original": bool(doc.get("original"))}
                for doc in _json(check["documents"]) or []
            ],
        }
        for check in _rows(conn, _CHECKS, {"id": request_id})
    ]
    proxy_check = _row(conn, _PROXY_CHECK, {"id": request_id})
    payload["proxy_check"] = (
        {"kind": proxy_check["kind"], "passed": bool(proxy_check["passed"])}
        if proxy_check
        else None
    )
    payload["principal"] = _person(conn, row["principal_id"], principal=True)
    payload["proxy"] = _person(conn, row["proxy_id"], principal=False)
    return payload


def _flat(conn: Connection, statement: str, params: Mapping[str, Any]) -> Payload | None:
    row = _row(conn, statement, params)
    return (
        {key: _json(value) if key == "cash_denominations" else value for key, value in row.items()}
        if row
        else None
    )


def receipt_payload(conn: Connection, receipt_id: str) -> Payload | None:
    return _flat(conn, _RECEIPT, {"id": receipt_id})


def settlement_payload(conn: Connection, settlement_id: str) -> Payload | None:
    return _flat(conn, _SETTLEMENT, {"id": settlement_id})


def closed_day_payload(conn: Connection, closed_day_id: str) -> Payload | None:
    row = _row(conn, _CLOSED_DAY, {"id": closed_day_id})
    if row is None:
        return None
    payload: Payload = {
        key: row[key]
        for key in (
            "branch_code",
            "terminal_no",
            "business_date",
            "closed_at",
            "close_number",
            "cash_expected",
            "cash_counted",
            "snapshot_hash",
        )
    }
    payload["cash_denominations"] = _json(row["cash_denominations"])
    snapshot = _json(row["snapshot"]) or {}
    log = snapshot.get("log") or {}
    # the day's counts and money totals (head office sums the terminals of a branch: the
    # branch view of the day), never the log's lines (they name people)
    payload["counts"] = log.get("counts") if isinstance(log, dict) else None
    payload["totals"] = log.get("totals") if isinstance(log, dict) else None
    return payload


def reveal_payload(conn: Connection, reveal_id: str) -> Payload | None:
    return _flat(conn, _REVEAL, {"id": reveal_id})


def audit_payload(conn: Connection, seq: str) -> Payload | None:
    """An audit row whole: head office recomputes its hash and checks the chain (``detail``
    holds ids and codes only, never personal data)."""
    return _flat(conn, _AUDIT, {"seq": int(seq)})


_AUDIT_RANGE = (
    "SELECT seq, at_utc, branch_code, actor_id, approver_id, action, request_id, detail, "
    "prev_hash, hash FROM audit_log WHERE seq BETWEEN :low AND :high"
)


def audit_payloads(conn: Connection, seqs: list[str]) -> dict[str, Payload]:
    """Many audit rows in one read (a backlog after migration 0014 is mostly audit rows; an
    intake's few rows are consecutive): seq text -> payload."""
    wanted = {int(seq) for seq in seqs}
    if not wanted:
        return {}
    rows = _rows(conn, _AUDIT_RANGE, {"low": min(wanted), "high": max(wanted)})
    return {str(row["seq"]): row for row in rows if row["seq"] in wanted}


BUILDERS: Mapping[str, Callable[[Connection, str], Payload | None]] = {
    "request": request_payload,
    "receipt": receipt_payload,
    "settlement": settlement_payload,
    "closed_day": closed_day_payload,
    "reveal": reveal_payload,
    "audit": audit_payload,
}
