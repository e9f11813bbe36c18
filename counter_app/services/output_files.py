"""Saving what a person asked for (a CSV export, a PDF) outside the folders the program keeps.

``save_output_file(data_folder, target, data, force=...)`` (checked beforehand with
``check_output_target``) is what ``export-csv --output``
and the window's 「PDF保存」 call: :func:`counter_app.files.output.write_output_file` with
the folders it must never write into — the data folder in use, the default data folder,
and the backup folder of each (security.toml ``[backup] folder`` may put it elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

from counter_app.files.output import check_output_file, write_output_file
from counter_app.paths import data_dir
from counter_app.services.backup.folder import backup_folder


def protected_folders(data_folder: str | os.PathLike[str] | None) -> tuple[Path, ...]:
    """The data folder in use and the default one, each with its backup folder."""
    folders: list[Path] = []
    for folder in {data_dir(data_folder), data_dir(None)}:
        for path in (folder, backup_folder(folder)):
            if path not in folders:
                folders.append(path)
    return tuple(folders)


def save_output_file(
    data_folder: str | os.PathLike[str] | None,
    target: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
) -> Path:
    """Write ``data`` to ``target`` (see :func:`write_output_file`); the path written."""
    return write_output_file(target, data, protected=protected_folders(data_folder), force=force)


def check_output_target(
    data_folder: str | os.PathLike[str] | None,
    target: str | os.PathLike[str],
    *,
    force: bool = False,
) -> Path:
    """Refuse ``target`` before any work if :func:`save_output_file` would refuse it."""
    return check_output_file(target, protected=protected_folders(data_folder), force=force)
