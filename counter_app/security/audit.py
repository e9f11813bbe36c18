"""The append-only, hash-chained audit trail.

Each row's ``hash`` is SHA-256 over the previous row's hash followed by the row's canonical
content::

    hash = sha256(prev_hash + canonical_json({seq, at_utc, branch_code, actor_id,
                                              approver_id, action, request_id, detail}))

Canonical JSON: sorted keys, no spaces (``","`` and ``":"``), UTF-8 without escaping,
timestamps as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``. The first row's ``prev_hash`` is 64 zeros.
``detail`` holds ids and codes only — never a name, address, phone or free text typed about a
person. Rows are appended inside the service's transaction (so an action and its audit rows
commit or vanish together); database triggers refuse UPDATE and DELETE on the table.

:func:`verify_audit_chain` recomputes the chain and returns the first seq that does not match
(edited, deleted, inserted or reordered rows), or None when the chain is intact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from counter_app.store.models import AuditEntry, format_utc

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()


_TABLE = AuditEntry.__table__
_LAST = select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
_APPEND = insert(_TABLE)


@dataclass(frozen=True)
class AppendedAudit:
    seq: int
    hash: str


def append_audit(
    session: Session,
    *,
    action: str,
    branch_code: str,
    actor_id: str | None,
    at: dt.datetime,
    request_id: str | None = None,
    approver_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AppendedAudit:
    """Append one audit row in the current (write) transaction.

    Core statements on the session's connection: the last row is read and the new one
    inserted under the write lock taken by ``BEGIN IMMEDIATE``, so seq and chain stay linear
    across processes.
    """
    detail = dict(detail or {})
    conn = session.connection()
    last = conn.execute(_LAST).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    content = {
        "seq": seq,
        "at_utc": format_utc(at),
        "branch_code": branch_code,
        "actor_id": actor_id,
        "approver_id": approver_id,
        "action": action,
        "request_id": request_id,
        "detail": detail,
    }
    digest = row_hash(prev_hash, content)
    conn.execute(
        _APPEND,
        {
            "seq": seq,
            "at_utc": at,
            "branch_code": branch_code,
            "actor_id": actor_id,
            "approver_id": approver_id,
            "action": action,
            "request_id": request_id,
            "detail": canonical_json(detail),
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    return AppendedAudit(seq, digest)


_CHAIN_COLUMNS = (
    "seq, at_utc, branch_code, actor_id, approver_id, action, request_id, detail, prev_hash, hash"
)


def first_broken_link(session: Session) -> int | None:
    """The first seq whose row breaks the chain, or None if every row checks out.

    It reads the raw stored text, so a row holding a value the ORM could not even parse (a
    timestamp edited into nonsense, a number where text belongs) is reported as broken
    instead of stopping the check.
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    for row in session.execute(text(f"SELECT {_CHAIN_COLUMNS} FROM audit_log ORDER BY seq")):
        if row.seq != expected_seq or row.prev_hash != prev_hash:
            return expected_seq
        try:
            detail = json.loads(row.detail)
            ok = isinstance(row.detail, str) and canonical_json(detail) == row.detail
        except (TypeError, ValueError, RecursionError):
            ok = False
        if not ok:
            return expected_seq
        content = {
            "seq": row.seq,
            "at_utc": row.at_utc,
            "branch_code": row.branch_code,
            "actor_id": row.actor_id,
            "approver_id": row.approver_id,
            "action": row.action,
            "request_id": row.request_id,
            "detail": detail,
        }
        try:
            good = row_hash(prev_hash, content) == row.hash
        except (TypeError, ValueError):
            good = False
        if not good:
            return expected_seq
        prev_hash = row.hash
        expected_seq += 1
    return None


def verify_audit_chain(uow: Any) -> int | None:
    """:func:`first_broken_link` for a unit of work (or anything with a ``session``)."""
    return first_broken_link(uow.session)
