"""Head-office configuration bundles put in force on this terminal (issue 12, the down path).

A bundle is a dated, versioned set of config files (``fees.toml``, ``postage.toml``…) that
``sync pull`` validated and kept in ``hq_config_bundles``. Here each kept version becomes a
**folder** the program's own loaders read, like the shipped ``resources/config``:

- the folder holds the bundle's files, and for every file the bundle does not carry the
  terminal's own (the head-office override folder, else the shipped file). A bundle is
  complete on its own: what is in force never depends on which other bundles arrived, so a
  version named on a stored request always gives back the same rules;
- the folder is named by the SHA-256 of its content and written whole then renamed, under
  ``<data folder>/config-bundles/``; the loaders cache each file by path and modification
  time, so asking for the rules of a bundle costs a few ``stat`` calls.

:func:`install` replaces the process's registry with the bundles of the database just opened
(or pulled into); :func:`bundle_in_force` names the newest current bundle whose date has come
(``effective_from ≤ on``), :func:`bundle_folder` the folder of any version ever kept (a request
names the version it was taken under). :func:`install` also writes ``manifest.json`` beside the
folders, so a command that never opens the database (``counter-app quote``, ``verify-id``)
puts the same bundles in force with :func:`install_from_manifest`. A re-published bundle (same id, a higher version)
replaces the older version for new intakes; the older version stays for what named it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from counter_app.config.loader import find_config
from counter_app.errors import ConfigError

__all__ = [
    "BUNDLE_FILES",
    "InstalledBundle",
    "KeptBundle",
    "bundle_folder",
    "bundle_in_force",
    "bundle_key",
    "install",
    "install_from_manifest",
    "installed",
]

#: the configuration files a bundle may carry (resources/config/*.toml)
BUNDLE_FILES = frozenset(
    {
        "fees.toml",
        "postage.toml",
        "documents.toml",
        "calendar.toml",
        "disclosure.toml",
        "proxy.toml",
        "security.toml",
    }
)
#: the folder under the data folder that holds the bundles' folders
BUNDLES_FOLDER = "config-bundles"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class KeptBundle:
    """One version of a bundle as ``sync pull`` kept it."""

    id: str
    version: int
    mark: int
    effective_from: dt.date
    files: Mapping[str, str]


@dataclass(frozen=True)
class InstalledBundle:
    """A kept bundle with the folder its rules are read from."""

    key: str  # "<id>/v<version>": what a request stores as the version it was taken under
    effective_from: dt.date
    mark: int
    current: bool  # the newest version of its id (an older one only reproduces old requests)
    folder: Path


def bundle_key(bundle_id: str, version: int) -> str:
    return f"{bundle_id}/v{version}"


_lock = threading.Lock()
_installed: tuple[InstalledBundle, ...] = ()


def installed() -> tuple[InstalledBundle, ...]:
    """The bundles of the database opened last, in the order they apply."""
    return _installed


def install(bundles: Iterable[KeptBundle], data_folder: Path) -> tuple[InstalledBundle, ...]:
    """Make every kept bundle's folder (if not there yet) and put them in the registry,
    replacing what another database had installed. Raises ConfigError if a folder cannot be
    written (the registry is then left as it was)."""
    global _installed
    kept = sorted(bundles, key=lambda b: (b.effective_from, b.mark))
    newest: dict[str, int] = {}
    for bundle in kept:
        newest[bundle.id] = max(newest.get(bundle.id, 0), bundle.version)
    root = data_folder / BUNDLES_FOLDER
    made = tuple(
        InstalledBundle(
            key=bundle_key(b.id, b.version),
            effective_from=b.effective_from,
            mark=b.mark,
            current=newest[b.id] == b.version,
            folder=_materialise(root, b.files),
        )
        for b in kept
    )
    _write_manifest(root, made)
    with _lock:
        _installed = made
    return made


def install_from_manifest(data_folder: Path) -> tuple[InstalledBundle, ...]:
    """Put in force the bundles the last :func:`install` for this data folder recorded (none
    when there is no manifest, or a folder it names is gone: the terminal's own files)."""
    global _installed
    root = data_folder / BUNDLES_FOLDER
    made: tuple[InstalledBundle, ...] = ()
    try:
        entries = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        made = tuple(
            InstalledBundle(
                key=str(entry["key"]),
                effective_from=dt.date.fromisoformat(str(entry["effective_from"])),
                mark=int(entry["mark"]),
                current=bool(entry["current"]),
                folder=root / str(entry["folder"]),
            )
            for entry in entries
        )
    except (OSError, ValueError, KeyError, TypeError):
        made = ()
    if not all(bundle.folder.is_dir() for bundle in made):
        made = ()
    with _lock:
        _installed = made
    return made


def _write_manifest(root: Path, made: tuple[InstalledBundle, ...]) -> None:
    entries = [
        {
            "key": b.key,
            "effective_from": b.effective_from.isoformat(),
            "mark": b.mark,
            "current": b.current,
            "folder": b.folder.name,
        }
        for b in made
    ]
    if not entries and not root.is_dir():
        return  # a terminal that never received a bundle gets no folder
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = root / f".{MANIFEST}.{os.getpid()}"
        staging.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(staging, root / MANIFEST)
    except OSError as exc:
        raise ConfigError(
            BUNDLES_FOLDER, None, f"本部の設定をデータフォルダに書けません ({exc.strerror})"
        ) from exc


def clear() -> None:
    """Forget the installed bundles (the local config is in force again; tests)."""
    global _installed
    with _lock:
        _installed = ()


def bundle_in_force(on: dt.date) -> InstalledBundle | None:
    """The newest current bundle whose date has come on ``on``; None: the terminal's own files."""
    chosen: InstalledBundle | None = None
    for bundle in _installed:  # sorted by (effective_from, mark)
        if bundle.current and bundle.effective_from <= on:
            chosen = bundle
    return chosen


def bundle_folder(key: str) -> Path:
    """The folder of a kept version; ConfigError (Japanese) if this terminal does not hold it."""
    for bundle in _installed:
        if bundle.key == key:
            return bundle.folder
    raise ConfigError(
        f"本部の設定 {key[:60]}",
        None,
        "この端末に残っていません (この請求を受け付けたときの設定です)",
    )


def _content(files: Mapping[str, str]) -> dict[str, str]:
    """The bundle's files, and the terminal's own for every file it does not carry."""
    content = {name: files[name] for name in files if name in BUNDLE_FILES}
    for name in sorted(BUNDLE_FILES - set(content)):
        try:
            content[name] = find_config(name).read_text(encoding="utf-8")
        except ConfigError:
            continue  # the terminal has none either: the loaders say so when it is asked for
    return content


def _materialise(root: Path, files: Mapping[str, str]) -> Path:
    content = _content(files)
    digest = hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:24]
    folder = root / digest
    if folder.is_dir():
        return folder
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=root))
        for name, text in content.items():
            (staging / name).write_text(text, encoding="utf-8")
        try:
            os.rename(staging, folder)
        except OSError:
            if not folder.is_dir():  # not another process that made the same folder first
                raise
            for child in staging.iterdir():
                child.unlink()
            staging.rmdir()
    except OSError as exc:
        raise ConfigError(
            BUNDLES_FOLDER, None, f"本部の設定をデータフォルダに書けません ({exc.strerror})"
        ) from exc
    return folder
