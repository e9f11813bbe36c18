"""Backup manifests: the ``.json`` next to each backup, authenticated with a MAC.

A manifest (no personal data) records the backup file's SHA-256 and size, the row count of
every table, the seq and hash of the newest audit row (an anchor ``audit verify`` checks
later), the installation id of the database it was taken from, and — since version 2 — a MAC:
HMAC-SHA256 over the canonical JSON of every other field, keyed by a key derived from the
database key (:func:`manifest_mac_key`). Without the database key a manifest cannot be edited
or made up without showing: :func:`read_manifest` refuses it with 「改変されています」.

Version 1 manifests (written before the MAC existed) carry neither MAC nor installation id;
they are still read (an older backup must stay restorable) and never trusted for the
installation id: that is always read from the backup's own database.

:func:`manifest_findings` reads every manifest of the backup folder for ``audit verify``: the
anchors of those that authenticate, and a Japanese problem for each backup whose manifest is
missing, unreadable or fails its MAC (a deleted, garbled or edited manifest is reported, not
silently skipped).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.errors import StorageError
from counter_app.files.input import MAX_JSON_BYTES, read_input_file
from counter_app.files.paths import FileRefused
from counter_app.security.audit import canonical_json
from counter_app.services.audit_verify import Anchor

MANIFEST_VERSION = 2
#: Versions still read: 1 has no MAC and no installation id.
READABLE_VERSIONS = (1, 2)
MAC_FIELD = "mac"
_MAC_LABEL = b"counter-app backup manifest mac v2"


class BackupInvalid(StorageError):
    """The backup does not match its manifest, or cannot be read with this key."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"バックアップ {path.name} は使えません: {detail}",
            hint="別のバックアップを指定してください。現在のデータベースは変更していません。",
        )


def manifest_mac_key(database_key: bytes) -> bytes:
    """The MAC key of the manifests, derived from the database key (never the key itself)."""
    return hmac.new(database_key, _MAC_LABEL, hashlib.sha256).digest()


def manifest_mac(data: dict[str, Any], database_key: bytes) -> str:
    """The MAC of a manifest: HMAC-SHA256 over the canonical JSON of every field but the MAC."""
    body = {k: v for k, v in data.items() if k != MAC_FIELD}
    message = canonical_json(body).encode("utf-8")
    return hmac.new(manifest_mac_key(database_key), message, hashlib.sha256).hexdigest()


def manifest_path(backup: Path) -> Path:
    return Path(backup).with_suffix(".json")


def write_manifest(path: Path, data: dict[str, Any], database_key: bytes) -> None:
    """Write ``data`` with its MAC to ``path`` and fsync it."""
    signed = {**data, "version": MANIFEST_VERSION}
    signed[MAC_FIELD] = manifest_mac(signed, database_key)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(signed, ensure_ascii=False, indent=2, sort_keys=True))
        fh.flush()
        os.fsync(fh.fileno())


def read_manifest(backup: Path, key: bytes | None = None) -> dict[str, Any]:
    """The manifest of ``backup``; with ``key``, a version 2 manifest must authenticate."""
    path = Path(backup)
    manifest = manifest_path(path)
    if not os.path.lexists(manifest):
        raise BackupInvalid(path, f"控えのファイル {manifest.name} がありません。")
    try:  # the checked reader: a regular file of sane size (a named pipe would hang)
        data = json.loads(read_input_file(str(manifest), limit=MAX_JSON_BYTES, what="控え"))
    except FileRefused as exc:
        raise BackupInvalid(path, exc.message) from None
    except (OSError, ValueError):
        raise BackupInvalid(path, f"控えのファイル {manifest.name} が読めません。") from None
    if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
        raise BackupInvalid(path, f"控えのファイル {manifest.name} の形式が違います。")
    if data["version"] >= 2:
        mac = data.get(MAC_FIELD)
        if not isinstance(mac, str):
            raise BackupInvalid(path, f"控えのファイル {manifest.name} に認証コードがありません。")
        if key is not None and not hmac.compare_digest(mac, manifest_mac(data, key)):
            raise BackupInvalid(
                path,
                f"控えのファイル {manifest.name} が改変されています (認証コードが一致しません)。",
            )
    return data


def authenticated(manifest: dict[str, Any]) -> bool:
    """Whether the manifest carries a MAC (version 2; checked by :func:`read_manifest`)."""
    return int(manifest.get("version", 0)) >= 2


@dataclass(frozen=True)
class ManifestFindings:
    """The anchors of the backup folder's manifests, and what is wrong with the others."""

    anchors: list[Anchor] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def manifest_findings(backups: list[Path], key: bytes | None) -> ManifestFindings:
    """Anchors of every manifest that reads (and authenticates, given ``key``); a Japanese
    problem for each backup whose manifest is missing, unreadable or fails its MAC."""
    found = ManifestFindings()
    for path in backups:
        try:
            data = read_manifest(path, key)
            seq, hash_ = int(data["audit_seq"]), str(data["audit_hash"])
        except StorageError as exc:
            found.problems.append(exc.message)
            continue
        except (KeyError, TypeError, ValueError):
            found.problems.append(f"バックアップ {path.name} の控えに操作記録の番号がありません。")
            continue
        found.anchors.append(Anchor(seq, hash_, path.name))
    return found
