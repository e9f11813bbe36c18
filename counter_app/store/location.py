"""Where the database lives: ``counter.db`` in the data folder.

The data folder itself (``--data-dir`` > ``COUNTER_APP_HOME`` > the user data folder) is
:func:`counter_app.paths.data_dir`.
"""

from __future__ import annotations

from pathlib import Path

#: The database file's name inside the data folder.
DATABASE_FILE = "counter.db"


def database_path(folder: Path) -> Path:
    return Path(folder) / DATABASE_FILE
