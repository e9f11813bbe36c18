"""Verify the audit trail: the hash chain, its sealed head and the anchors kept by backups.

The chain (:func:`first_broken_link`, the rule of
:func:`counter_app.security.audit.verify_audit_chain` applied to the raw stored text) finds an edited, deleted,
inserted or reordered row anywhere *before* the last one. Two more checks close the gap at the
end of the chain:

- the **head** (``audit_head``, migration 0003): a trigger advances it with every audit row and
  refuses any other move, so rows cut off the end (or appended around the trigger) show;
- **anchors**: every backup's manifest records the seq and hash of the newest audit row it
  holds, and the OS keyring keeps the newest row this installation reached (the rollback
  anchor, :mod:`counter_app.security.anchor`). A later database must still hold each such row
  with that hash: a database rolled back by copying an older file over it shows here;
- **problems** found outside the database: a backup whose manifest is missing, unreadable or
  fails its MAC (:mod:`counter_app.services.backup.manifest`), a data folder holding another
  installation's database.

Verifying only reads: it runs when the trail's end is broken and no row can be appended
(:mod:`counter_app.services.inspection` signs the supervisor in without one).

:func:`verify_audit` returns an :class:`AuditVerdict` with the first broken seq and a
Japanese explanation; ``counter-app audit verify`` prints it and the UI shows it to
administrators (:func:`check_audit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from counter_app.security.audit import GENESIS_HASH, first_broken_link
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import session_of
from counter_app.store.engine import Database
from counter_app.store.models import AuditEntry, AuditHead
from counter_app.store.uow import UnitOfWork


@dataclass(frozen=True)
class Anchor:
    """An audit row known from elsewhere (a backup's manifest): seq and hash."""

    seq: int
    hash: str
    source: str


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    rows: int
    last_seq: int
    last_hash: str
    first_broken: int | None
    problem: str  # Japanese, empty when ok
    anchors_checked: int = 0
    notes: tuple[str, ...] = field(default=())

    def text(self) -> str:
        if self.ok:
            return (
                f"操作記録は正常です ({self.rows}件、最終番号 {self.last_seq}、"
                f"照合した控え {self.anchors_checked}件)。"
            )
        if self.first_broken is None:
            return f"操作記録に不整合があります: {self.problem}"
        return f"操作記録に不整合があります: 番号 {self.first_broken} 以降。{self.problem}"

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "last_seq": self.last_seq,
            "last_hash": self.last_hash,
            "first_broken": self.first_broken,
            "problem": self.problem,
            "anchors_checked": self.anchors_checked,
            "notes": list(self.notes),
        }


def _broken(
    rows: int, last: tuple[int, str], seq: int, problem: str, anchors: int = 0
) -> AuditVerdict:
    return AuditVerdict(False, rows, last[0], last[1], seq, problem, anchors)


#: How the keyring's rollback anchor is named in the verdict.
KEYRING_ANCHOR_SOURCE = "OSのキーリングに保管した最新の状態"


def installation_evidence(db: Database) -> tuple[list[Anchor], list[str]]:
    """The keyring anchor of ``db`` (as an :class:`Anchor`) and problems found opening it."""
    state = db.anchor
    if state is None:
        return [], []
    anchors = (
        [Anchor(state.point.seq, state.point.hash, KEYRING_ANCHOR_SOURCE)] if state.point else []
    )
    problems = [state.problem.what] if state.problem is not None and state.point is None else []
    return anchors, problems


def verify_audit(
    uow: UnitOfWork, anchors: Iterable[Anchor] = (), problems: Iterable[str] = ()
) -> AuditVerdict:
    """Check the chain, the sealed head, ``anchors`` and ``problems`` found elsewhere; the
    first broken seq, if any."""
    session = session_of(uow)
    rows = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    last_row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    last = (last_row[0], last_row[1]) if last_row else (0, GENESIS_HASH)

    first = first_broken_link(session)
    if first is not None:
        return _broken(
            rows,
            last,
            first,
            "行の書き換え・削除・挿入・並べ替えのいずれかが行われた可能性があります。",
        )

    head = session.get(AuditHead, 1)
    if head is None:
        return _broken(rows, last, last[0] + 1, "最新行の封印 (audit_head) が削除されています。")
    if head.seq > last[0]:
        return _broken(
            rows,
            last,
            last[0] + 1,
            f"最後の {head.seq - last[0]} 件の行が削除されています (封印は番号 {head.seq})。",
        )
    if head.seq < last[0]:
        return _broken(
            rows, last, head.seq + 1, "封印を通さずに追加された行があります (トリガーの無効化)。"
        )
    if head.hash != last[1]:
        return _broken(rows, last, head.seq, "最新行の内容が封印と一致しません。")

    checked = 0
    for anchor in sorted(anchors, key=lambda a: a.seq):
        checked += 1
        if anchor.seq == 0:
            continue
        if anchor.seq > last[0]:
            return _broken(
                rows,
                last,
                last[0] + 1,
                f"控え「{anchor.source}」にある番号 {anchor.seq} までの行がありません"
                "(末尾の行が削除されたか、古いデータベースに戻されています)。",
                checked,
            )
        stored = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor.seq))
        if stored != anchor.hash:
            return _broken(
                rows,
                last,
                anchor.seq,
                f"番号 {anchor.seq} の行が控え「{anchor.source}」と一致しません。",
                checked,
            )
    found = list(problems)
    if found:
        return AuditVerdict(False, rows, last[0], last[1], None, " ".join(found), checked)
    return AuditVerdict(True, rows, last[0], last[1], None, "", checked)


def check_audit(
    uow: UnitOfWork, actor: Actor, anchors: Iterable[Anchor] = (), problems: Iterable[str] = ()
) -> AuditVerdict:
    """:func:`verify_audit` for the UI and the CLI (責任者・管理者 only)."""
    require(actor, Permission.VIEW_AUDIT)
    return verify_audit(uow, anchors, problems)
