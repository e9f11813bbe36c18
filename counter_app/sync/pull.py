"""``sync pull``: bring head office's own rows for this branch down to the terminal.

Items arrive in head office's commit order after the terminal's pulled mark; each page is
applied and the mark moved in one write transaction, so a pull cut off half-way resumes where
it stopped and an item applied twice changes nothing (upsert only when the version is newer).

- ``decision``: head office's decision on one of this terminal's requests, kept in
  ``hq_decisions`` as head office wrote it (the terminal's own request row is never edited by
  head office); the request's detail shows it and the counter prints the notice letter from it
  (:func:`decision_for`).
- ``config_bundle``: configuration files (fees, postage, documents, calendar…) and the date
  they apply from (``effective_from``), validated by :func:`validate_bundle` before they are
  kept; every version is kept and, once the page is committed, put in force by date
  (:func:`install_kept_bundles`, :mod:`counter_app.config.bundles`); a request names the
  version it was taken under, so a receipt made under an older bundle reproduces.
- ``staff``: not applied yet (see docs/sync.md): skipped with the mark moved, logged.

An item of a kind this version does not know stops the pull before it (the mark does not pass
it) with 「更新が必要です」: nothing head office sent is skipped unseen.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from counter_app.config.bundles import BUNDLE_FILES, KeptBundle, install
from counter_app.errors import ConfigError
from counter_app.store.engine import Database
from counter_app.store.sync_tables import HqConfigBundle, HqDecision, SyncState
from counter_app.store.uow import UnitOfWork
from counter_app.sync.decisions import HeadOfficeDecision
from counter_app.sync.protocol import PulledItem, SyncError, SyncErrorKind, Transport
from counter_app.sync.state import record_error, state_row

log = logging.getLogger(__name__)

#: items asked per page
PAGE = 200
#: a bundle's files together (the TOML files are a few kB each)
MAX_BUNDLE_BYTES = 512 * 1024


@dataclass(frozen=True)
class PullSummary:
    decisions: int
    config_bundles: int
    skipped: int
    mark: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _invalid(what: str) -> SyncError:
    return SyncError(
        SyncErrorKind.INVALID,
        f"本部から届いたデータの形が正しくありません ({what})。この端末には取り込んでいません。",
        hint="本部にご連絡ください。",
    )


@dataclass(frozen=True)
class ValidBundle:
    """A config bundle that passed every check."""

    effective_from: dt.date
    files: dict[str, str]


def _refused(reason: str) -> SyncError:
    return SyncError(
        SyncErrorKind.INVALID,
        f"本部から届いた設定に誤りがあるため、取り込みませんでした: {reason}",
        hint="これまでの設定のまま動いています。本部にご連絡ください。",
    )


def _effective_from(payload: dict[str, Any]) -> dt.date:
    value = payload.get("effective_from")
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    shown = str(value)[:20] if value is not None else "なし"
    raise _refused(f"適用開始日 (effective_from) が YYYY-MM-DD の日付ではありません (値: {shown})")


def validate_bundle(payload: Any) -> ValidBundle:
    """The date and files of a config bundle, each file checked by the program's own loader;
    SyncError (Japanese) naming the first wrong one otherwise. Nothing is written."""
    files = payload.get("files") if isinstance(payload, dict) else None
    if not isinstance(files, dict) or not files:
        raise _invalid("設定ファイルがありません")
    size = 0
    for name, content in files.items():
        if name not in BUNDLE_FILES or not isinstance(content, str):
            raise _invalid(f"設定ファイル名「{str(name)[:40]}」")
        size += len(content.encode("utf-8"))
        try:
            tomllib.loads(content)
        except tomllib.TOMLDecodeError as exc:
            raise _invalid(f"{name}: {exc}") from exc
    if size > MAX_BUNDLE_BYTES:
        raise _invalid("設定ファイルが大きすぎます")
    assert isinstance(payload, dict)
    effective_from = _effective_from(payload)
    _load_with_program(files)
    return ValidBundle(effective_from, dict(files))


def _checkers() -> dict[str, Callable[[Path], object]]:
    from counter_app.config import disclosure, documents, fees, security

    return {
        "fees.toml": fees.load_fee_schedules,
        "postage.toml": fees.load_postage_rules,
        "calendar.toml": fees.load_business_calendar,
        "documents.toml": lambda folder: documents.load_document_catalogue(
            folder / "documents.toml"
        ),
        "proxy.toml": lambda folder: documents.load_proxy_rules(folder / "proxy.toml"),
        "disclosure.toml": disclosure.offered_disclosure_methods,
        "security.toml": lambda folder: security.load_security_settings(folder / "security.toml"),
    }


def _load_with_program(files: dict[str, str]) -> None:
    """Load every file through counter_app.config from a temporary folder (the same checks
    as at start-up: a wrong or missing value is refused naming the file and key)."""
    checkers = _checkers()
    with tempfile.TemporaryDirectory(prefix="counter-bundle-") as name:
        folder = Path(name)
        for file, content in files.items():
            (folder / file).write_text(content, encoding="utf-8")
        try:
            for file in files:
                checkers[file](folder)
        except ConfigError as exc:
            raise _refused(exc.message) from exc


def _apply(uow: UnitOfWork, item: PulledItem, now: dt.datetime) -> str:
    assert uow.session is not None
    payload = dict(item.payload)
    if item.kind == "decision":
        request_id = HeadOfficeDecision.from_payload(payload).request_id
        existing = uow.session.get(HqDecision, item.item_id)
        if existing is None:
            uow.session.add(
                HqDecision(
                    id=item.item_id,
                    request_id=request_id,
                    version=item.version,
                    mark=item.mark,
                    payload=payload,
                    received_at=now,
                )
            )
        elif item.version > existing.version:
            existing.version, existing.mark, existing.payload = item.version, item.mark, payload
            existing.request_id, existing.received_at = request_id, now
        return "decision"
    if item.kind == "config_bundle":
        bundle = validate_bundle(payload)
        if uow.session.get(HqConfigBundle, (item.item_id, item.version)) is None:
            uow.session.add(
                HqConfigBundle(
                    id=item.item_id,
                    version=item.version,
                    mark=item.mark,
                    files=bundle.files,
                    effective_from=bundle.effective_from,
                    received_at=now,
                )
            )
        return "config_bundle"
    if item.kind == "staff":
        log.info("staff item %s not applied on the terminal yet", item.item_id)
        return "skipped"
    raise SyncError(
        SyncErrorKind.SCHEMA,
        f"本部から、このバージョンでは扱えない種類のデータ ({item.kind[:40]}) が届きました。"
        "更新が必要です。",
        hint="プログラムを新しい版に更新してください。それまでの分は取り込まれています。",
    )


def pull(database: Database, transport: Transport, *, page: int = PAGE) -> PullSummary:
    """Fetch and apply everything head office has for this branch after the pulled mark."""
    counts = {"decision": 0, "config_bundle": 0, "skipped": 0}
    while True:
        with database.unit_of_work(read_only=True) as uow:
            after = state_row(uow).pulled_mark
        try:
            result = transport.pull(after, page)
        except SyncError as error:
            record_error(database, error, _now())
            raise
        now = _now()
        mark = after
        try:
            with database.unit_of_work() as uow:
                assert uow.session is not None
                for item in sorted(result.items, key=lambda i: i.mark):
                    if item.mark <= after:
                        continue  # already applied (a page sent again)
                    counts[_apply(uow, item, now)] += 1
                    mark = item.mark
                if not result.more:
                    mark = max(mark, result.mark)
                uow.session.execute(
                    update(SyncState)
                    .where(SyncState.id == 1)
                    .values(pulled_mark=mark, last_pull_at=now, last_error=None)
                )
                uow.commit()
        except SyncError as error:
            record_error(database, error, now)
            raise
        if counts["config_bundle"]:
            install_kept_bundles(database)
        if not result.more or mark == after:
            return PullSummary(counts["decision"], counts["config_bundle"], counts["skipped"], mark)


def decision_for(uow: UnitOfWork, request_id: str) -> HeadOfficeDecision | None:
    """Head office's newest decision on a request, or None."""
    assert uow.session is not None
    row = uow.session.scalars(
        select(HqDecision)
        .where(HqDecision.request_id == request_id)
        .order_by(HqDecision.mark.desc())
        .limit(1)
    ).first()
    return HeadOfficeDecision.from_payload(row.payload) if row else None


def config_bundle_versions(uow: UnitOfWork) -> list[tuple[str, int]]:
    assert uow.session is not None
    return [
        (row.id, row.version)
        for row in uow.session.scalars(select(HqConfigBundle).order_by(HqConfigBundle.mark))
    ]


def kept_bundles(uow: UnitOfWork) -> list[KeptBundle]:
    """Every bundle version kept with a date (those kept before 0015 have none: never in force)."""
    assert uow.session is not None
    return [
        KeptBundle(row.id, row.version, row.mark, row.effective_from, dict(row.files))
        for row in uow.session.scalars(
            select(HqConfigBundle).where(HqConfigBundle.effective_from.is_not(None))
        )
        if row.effective_from is not None
    ]


def install_kept_bundles(database: Database) -> None:
    """Put this database's bundles in force for the process (at start-up and after a pull
    that brought one); ConfigError if their folders cannot be written."""
    with database.unit_of_work(read_only=True) as uow:
        bundles = kept_bundles(uow)
    install(bundles, database.folder)
