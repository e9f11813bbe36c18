"""Where the database lives: ``--data-dir`` > ``COUNTER_APP_HOME`` > the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable overriding the data folder (tests point it at a tmp folder).
HOME_ENV = "COUNTER_APP_HOME"
#: The database file's name inside the data folder.
DATABASE_FILE = "counter.db"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit`` if given, else $COUNTER_APP_HOME, else platformdirs."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app", appauthor=False))


def database_path(folder: Path) -> Path:
    return Path(folder) / DATABASE_FILE
