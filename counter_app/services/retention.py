"""Retention: after the configured period, purge the identity and contact data of finished
requests; keep the request number, dates, outcome, amounts and the audit trail.

A request is *finished* when it is 回答済 (decided_at), 取下げ or 受付取消 (closed_at). It is
*due* when ``[retention] years_after_finish`` (security.toml) years have passed since then.

What a purge removes (and nothing else):

- ``people`` (principal and proxy): name, search keys, furigana, birth date, postal code,
  address, phone, member number are blanked and ``purged_at`` is set; the name becomes
  :data:`PURGED_NAME`. The search index rows go with them (database triggers fire on
  ``purged_at``; the FTS indexes are then optimised so no token of a purged name lingers);
- ``requests``: the free texts (note, extension reason, decision explanation, closing reason);
- ``request_items``: the details keep only the data scopes and the suspension ground (codes);
  correction values, evidence, period and free text go;
- ``identity_checks``: the documents shown (types, expiry dates, matched ticks) — the verdict
  (passed, rule) stays; ``proxy_checks``: the inputs (委任状 and certificate details) — kind and
  verdict stay.

Kept: request number, received/decided/closed dates, status, outcomes and grounds, fees,
receipts (amounts, numbers), reveals, every audit row. The purge appends one
``retention.purge_request`` audit row per request (so each request's timeline shows it) and
a ``retention.purge`` summary row with the counts. :func:`purge_expired` with
``dry_run=True`` (the CLI's default) reports the same without writing anything.

Freed content is overwritten (``PRAGMA secure_delete``) and the WAL is checkpointed after the
commit (:mod:`counter_app.store.sqlite.maintenance`), so the purged values do not linger in
the file. Older backups still hold them until they are pruned (``[backup] keep``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select

from counter_app.config.security import security_settings
from counter_app.domain.requests import RequestStatus
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import session_of
from counter_app.services.clock import local_date, now_utc
from counter_app.services.trail import record
from counter_app.store.models import IdentityCheck, Person, ProxyCheck, Request, RequestItem
from counter_app.store.sqlite.maintenance import checkpoint_wal, overwrite_deleted
from counter_app.store.sqlite.search_index import optimise as optimise_search_index
from counter_app.store.uow import UnitOfWork

PURGED_NAME = "(保存期間経過により消去)"
FINISHED = (RequestStatus.DECIDED, RequestStatus.WITHDRAWN, RequestStatus.CANCELLED)
_PERSON_FIELDS = (
    "name",
    "name_key",
    "furigana",
    "kana_key",
    "birth_date",
    "postal_code",
    "address",
    "phone",
    "member_number",
)
_REQUEST_TEXTS = ("note", "extension_reason", "decision_explanation", "closing_reason")
_ITEM_KEEPS = ("scopes", "suspension_ground")


#: How each purged field is named for the person reading the report.
FIELD_LABELS = {
    "people.name": "氏名",
    "people.name_key": "氏名の検索キー",
    "people.furigana": "ふりがな",
    "people.kana_key": "ふりがなの検索キー",
    "people.birth_date": "生年月日",
    "people.postal_code": "郵便番号",
    "people.address": "住所",
    "people.phone": "電話番号",
    "people.member_number": "組合員番号",
    "requests.note": "備考",
    "requests.extension_reason": "延長の理由",
    "requests.decision_explanation": "回答の説明",
    "requests.closing_reason": "取下げ・取消の理由",
    "request_items.details": "請求内容の詳細 (訂正内容・期間など)",
    "identity_checks.documents": "本人確認書類の種類・有効期限",
    "proxy_checks.inputs": "委任状・証明書の内容",
}


@dataclass(frozen=True)
class PurgedRequest:
    request_id: str
    number: str
    status: str
    finished_on: dt.date


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    today: dt.date
    cutoff: dt.date
    years: int
    requests: tuple[PurgedRequest, ...]
    people: int
    fields: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "today": self.today.isoformat(),
            "cutoff": self.cutoff.isoformat(),
            "years": self.years,
            "requests": [
                {
                    "request_id": r.request_id,
                    "number": r.number,
                    "status": r.status,
                    "finished_on": r.finished_on.isoformat(),
                }
                for r in self.requests
            ],
            "people": self.people,
            "fields": dict(self.fields),
        }

    def text(self) -> str:
        head = "【試行 (何も消去していません)】" if self.dry_run else "【消去しました】"
        lines = [
            f"{head} 保存期間 {self.years}年: {self.cutoff.isoformat()} 以前に完了した請求",
            f"対象の請求 {len(self.requests)}件、人物 {self.people}件",
        ]
        lines += [f"  {r.number}  {r.finished_on.isoformat()} 完了" for r in self.requests]
        if self.fields:
            lines.append("消去する項目: " if self.dry_run else "消去した項目: ")
            lines += [
                f"  {FIELD_LABELS.get(name, name)}: {count}件"
                for name, count in sorted(self.fields.items())
            ]
        return "\n".join(lines)


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` minus ``years`` calendar years (29 February -> 28 February; never before
    year 1, where nothing can have finished)."""
    year = day.year - years
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _finished_on(request: Request) -> dt.date | None:
    moment = request.decided_at or request.closed_at
    return local_date(moment) if moment else None


def _due(uow: UnitOfWork, cutoff: dt.date) -> list[tuple[Request, dt.date]]:
    """Finished requests whose finish date is on or before ``cutoff``, not purged yet."""
    session = session_of(uow)
    rows = session.scalars(
        select(Request)
        .where(Request.status.in_([s.value for s in FINISHED]))
        .where(or_(Request.decided_at.is_not(None), Request.closed_at.is_not(None)))
        .order_by(Request.number)
    )
    due = []
    for request in rows:
        finished = _finished_on(request)
        if finished is None or finished > cutoff:
            continue
        people = [request.principal] + ([request.proxy] if request.proxy else [])
        texts = any(getattr(request, name) for name in _REQUEST_TEXTS)
        if all(p.purged_at is not None for p in people) and not texts:
            continue  # purged before
        due.append((request, finished))
    return due


def _blank_person(person: Person, at: dt.datetime, fields: Counter[str], write: bool) -> None:
    for name in _PERSON_FIELDS:
        value = getattr(person, name)
        blank: Any = PURGED_NAME if name == "name" else (None if name == "birth_date" else "")
        if value not in (blank, "", None):
            fields[f"people.{name}"] += 1
            if write:
                setattr(person, name, blank)
    if write:
        person.purged_at = at


def _item_details(details: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in (details or {}).items() if k in _ITEM_KEEPS}


def purge_expired(
    uow: UnitOfWork,
    actor: Actor,
    *,
    dry_run: bool = True,
    today: dt.date | None = None,
    years: int | None = None,
    at: dt.datetime | None = None,
) -> PurgeReport:
    """Purge (or, with ``dry_run``, only report) the finished requests past retention.

    管理者 only. With ``dry_run=False`` the caller commits; then call
    :func:`after_purge_commit` with the database to checkpoint the WAL.
    """
    require(actor, Permission.PURGE_EXPIRED)
    at = at or now_utc()
    today = today or local_date(at)
    years = years if years is not None else security_settings().retention_years
    cutoff = years_before(today, years)
    session = session_of(uow)
    write = not dry_run
    if write:
        overwrite_deleted(session)

    fields: Counter[str] = Counter()
    purged: list[PurgedRequest] = []
    people_ids: set[str] = set()
    for request, finished in _due(uow, cutoff):
        people = [request.principal] + ([request.proxy] if request.proxy else [])
        for person in people:
            if person.id in people_ids:
                continue
            # a person row still used by a request that is not due stays untouched
            shared = session.scalar(
                select(Request.id).where(
                    or_(Request.principal_id == person.id, Request.proxy_id == person.id),
                    Request.id != request.id,
                )
            )
            if shared is not None:
                continue
            people_ids.add(person.id)
            _blank_person(person, at, fields, write)
        for name in _REQUEST_TEXTS:
            if getattr(request, name):
                fields[f"requests.{name}"] += 1
                if write:
                    setattr(request, name, "" if name == "note" else None)
        for item in session.scalars(
            select(RequestItem).where(RequestItem.request_id == request.id)
        ):
            kept = _item_details(item.details)
            if kept != (item.details or {}):
                fields["request_items.details"] += 1
                if write:
                    item.details = kept
        for check in session.scalars(
            select(IdentityCheck).where(IdentityCheck.request_id == request.id)
        ):
            if check.documents:
                fields["identity_checks.documents"] += 1
                if write:
                    check.documents = []
        proxy_check = session.scalar(select(ProxyCheck).where(ProxyCheck.request_id == request.id))
        if proxy_check is not None and proxy_check.inputs:
            fields["proxy_checks.inputs"] += 1
            if write:
                proxy_check.inputs = {}
        entry = PurgedRequest(request.id, request.number, request.status, finished)
        purged.append(entry)
        if write:
            record(
                uow,
                actor,
                "retention.purge_request",
                at=at,
                request_id=request.id,
                detail={"number": request.number, "finished_on": finished.isoformat()},
            )
    if write:
        session.flush()
        if purged:
            optimise_search_index(session)
        record(
            uow,
            actor,
            "retention.purge",
            at=at,
            detail={
                "cutoff": cutoff.isoformat(),
                "years": years,
                "requests": len(purged),
                "people": len(people_ids),
                "fields": dict(sorted(fields.items())),
            },
        )
    return PurgeReport(
        dry_run, today, cutoff, years, tuple(purged), len(people_ids), dict(sorted(fields.items()))
    )


def after_purge_commit(database: Any) -> None:
    """Checkpoint the WAL into the file and truncate it, so old page images are gone."""
    checkpoint_wal(database.engine)
