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

Before appending, :func:`append_audit` checks that the newest row and the sealed head
(``audit_head``, migration 0003) agree. When they do not — the last row deleted, a row slipped
in around the head's trigger, the tail cut with the head left as it was — it raises
:class:`AuditTrailBroken`, a message saying the trail is broken and what to do, instead of
letting the head's trigger abort the statement (which surfaced as an unexpected error on every
sign-in). Reading and verifying the trail never appends, so ``audit verify`` still runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from counter_app.errors import CounterAppError
from counter_app.store.models import AuditEntry, format_utc
from counter_app.store.uow import APPENDED_KEY

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AppendedAudit:
    seq: int
    hash: str


class AuditTrailBroken(CounterAppError):
    """The end of the audit trail does not match its sealed head: nothing more is recorded."""

    def __init__(self, last_seq: int, head_seq: int | None) -> None:
        head = f"封印は番号 {head_seq}" if head_seq is not None else "封印がありません"
        super().__init__(
            "操作記録 (監査ログ) の末尾に不整合があるため、記録を伴う操作はできません "
            f"(最終行は番号 {last_seq}、{head})。改ざんまたは破損の可能性があります。",
            hint=(
                "責任者または管理者が counter-app audit verify (画面では 管理 → 操作記録 の"
                "「検証」) で不整合の箇所を確認し、管理者が正常なバックアップから "
                "counter-app restore で復元してください。"
            ),
        )
        self.last_seq = last_seq
        self.head_seq = head_seq


_TABLE = cast(Table, AuditEntry.__table__)  # declarative __tablename__: always a Table
#: The newest row and the sealed head in one statement: (last seq, last hash, head seq, head
#: hash); no row at all when the head row is missing.
_LAST_AND_HEAD = text(
    "SELECT l.seq, l.hash, h.seq, h.hash FROM audit_head AS h "
    "LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS l "
    "WHERE h.id = 1"
)
_LAST = select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
_APPEND = insert(_TABLE)


def trail_end(session: Session) -> AppendedAudit:
    """The newest audit row (seq 0 and the genesis hash when there is none), checked against
    the sealed head; :class:`AuditTrailBroken` when they disagree."""
    conn = session.connection()
    row = conn.execute(_LAST_AND_HEAD).first()
    if row is None:
        last = conn.execute(_LAST).first()
        raise AuditTrailBroken(last[0] if last else 0, None)
    last_seq, last_hash = (row[0], row[1]) if row[0] is not None else (0, GENESIS_HASH)
    if (row[2], row[3]) != (last_seq, last_hash):
        raise AuditTrailBroken(last_seq, row[2])
    return AppendedAudit(last_seq, last_hash)


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
    across processes. Refuses with :class:`AuditTrailBroken` when the trail's end does not
    match its sealed head. The newest appended (seq, hash) is left in ``session.info`` under
    :data:`APPENDED_KEY`: after the commit the unit of work advances the rollback anchor to it.
    """
    detail = dict(detail or {})
    conn = session.connection()
    end = trail_end(session)
    seq, prev_hash = end.seq + 1, end.hash
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
    appended = AppendedAudit(seq, digest)
    session.info[APPENDED_KEY] = appended
    return appended


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
