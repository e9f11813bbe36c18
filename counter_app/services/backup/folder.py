"""The backup folder: where it is, its backups in the order they were taken, keeping the
newest ``[backup] keep`` (security.toml), and the audit anchors of their manifests."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from counter_app.config.security import security_settings
from counter_app.services.audit_verify import Anchor
from counter_app.services.backup.files import fsync_dir
from counter_app.services.backup.manifest import ManifestFindings, manifest_findings

_NAME = re.compile(r"^counter-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.db$")


def backup_folder(data_folder: Path) -> Path:
    """Where backups go: ``[backup] folder`` of security.toml, relative to the data folder."""
    configured = Path(security_settings().backup_folder).expanduser()
    return configured if configured.is_absolute() else Path(data_folder) / configured


def list_backups(folder: Path) -> list[Path]:
    """Backup files in ``folder``, oldest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=_taken_order)


def _taken_order(path: Path) -> tuple[str, str, int]:
    """Date, time, then the number of a second backup in the same second (``-2-``): the
    name alone sorts ``...-130025-2-manual`` before ``...-130025-manual``."""
    match = _NAME.match(path.name)
    assert match is not None
    return match.group(1), match.group(2), int(match.group(3) or 1)


def new_backup_name(folder: Path, at: dt.datetime, reason: str) -> Path:
    """``counter-YYYYMMDD-HHMMSS-<reason>.db`` in ``folder``, numbered ``-2-``, ``-3-``... when
    a backup of the same second is already there."""
    stamp = at.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"counter-{stamp}-{reason}.db"
    n = 1
    while path.exists() or path.with_suffix(".json").exists():
        n += 1
        path = folder / f"counter-{stamp}-{n}-{reason}.db"
    return path


def prune_backups(folder: Path, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` backups (and their manifests); their names."""
    removed = []
    backups = list_backups(folder)
    for path in backups[: max(0, len(backups) - keep)]:
        for victim in (path, path.with_suffix(".json")):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
        removed.append(path.name)
    if removed:
        fsync_dir(folder)
    return removed


def backup_anchors(folder: Path, key: bytes | None = None) -> list[Anchor]:
    """The audit anchors of every manifest in ``folder`` that reads (and, given the database
    ``key``, authenticates); :func:`backup_findings` also says what is wrong with the others."""
    return manifest_findings(list_backups(folder), key).anchors


def backup_findings(folder: Path, key: bytes | None) -> ManifestFindings:
    """:func:`counter_app.services.backup.manifest.manifest_findings` for the backups of
    ``folder``."""
    return manifest_findings(list_backups(folder), key)
