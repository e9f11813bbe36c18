"""Reading the audit trail (責任者 and 管理者): rows with Japanese action labels, and the
hash-chain check."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from counter_app.security.audit import verify_audit_chain
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import find_request, session_of
from counter_app.store.models import AuditEntry, Staff
from counter_app.store.uow import UnitOfWork

ACTION_LABELS = {
    "branch.initialise": "初期設定",
    "branch.update": "支店情報の変更",
    "staff.add": "職員の登録",
    "sync.enrol": "本部への端末登録",
    "staff.enable": "職員の有効化",
    "staff.disable": "職員の無効化",
    "staff.password": "パスワードの変更",
    "auth.login": "ログイン",
    "intake.register": "受付",
    "fee.waive": "手数料の免除",
    "fee.reduce": "手数料の減額",
    "receipt.issue": "領収書の発行",
    "receipt.void": "領収書の取消",
    "settlement.record": "精算 (精算書の発行)",
    "settlement.void": "精算の取消",
    "settlement.reprint": "精算書の再発行",
    "receipt.reprint": "領収書の再発行",
    "request.start": "対応開始",
    "request.extend": "回答期限の延長",
    "request.decide": "回答",
    "request.withdraw": "取下げ",
    "personal.reveal": "個人情報の表示",
    "person.lookup": "以前の受付からの入力 (組合員番号)",
    "day.close": "日報の締め",
}


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at_utc: dt.datetime
    action: str
    action_label: str
    actor_id: str | None
    actor_name: str
    approver_id: str | None
    approver_name: str
    request_id: str | None
    detail: dict[str, Any]
    hash: str

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["at_utc"] = self.at_utc.isoformat()
        return data


def list_audit(
    uow: UnitOfWork,
    actor: Actor,
    *,
    request_ref: str | None = None,
    after_seq: int = 0,
    limit: int | None = 200,
) -> list[AuditRow]:
    """Audit rows in order (optionally of one request), from ``after_seq``."""
    require(actor, Permission.VIEW_AUDIT)
    session = session_of(uow)
    query = select(AuditEntry).where(AuditEntry.seq > after_seq).order_by(AuditEntry.seq)
    if request_ref:
        query = query.where(AuditEntry.request_id == find_request(uow, request_ref).id)
    if limit:
        query = query.limit(limit)
    return _audit_rows(session, query)


def request_timeline(uow: UnitOfWork, actor: Actor, ref: str) -> list[AuditRow]:
    """Everything that happened to one request, oldest first (any staff may see it)."""
    request = find_request(uow, ref)
    query = select(AuditEntry).where(AuditEntry.request_id == request.id).order_by(AuditEntry.seq)
    return _audit_rows(session_of(uow), query)


def _audit_rows(session: Any, query: Any) -> list[AuditRow]:
    """The rows of ``query`` with Japanese action labels and the staff members' names."""
    names = dict(session.execute(select(Staff.id, Staff.display_name)).all())
    return [
        AuditRow(
            seq=e.seq,
            at_utc=e.at_utc,
            action=e.action,
            action_label=ACTION_LABELS.get(e.action, e.action),
            actor_id=e.actor_id,
            actor_name=names.get(e.actor_id, "") if e.actor_id else "",
            approver_id=e.approver_id,
            approver_name=names.get(e.approver_id, "") if e.approver_id else "",
            request_id=e.request_id,
            detail=json.loads(e.detail),
            hash=e.hash,
        )
        for e in session.scalars(query)
    ]


def check_audit_chain(uow: UnitOfWork, actor: Actor) -> int | None:
    """The first broken seq of the audit chain, or None when intact (責任者)."""
    require(actor, Permission.VIEW_AUDIT)
    return verify_audit_chain(uow)
