"""Where the data folder is, known before the ORM is imported (startup budget).

The rule is the store's (``counter_app.store.location``): ``--data-dir`` >
``$COUNTER_APP_HOME`` > the user data folder. Views may not import the store, and importing the
services pulls in the ORM, so the two lines of that rule are repeated here;
``tests/ui/test_locations.py`` checks they agree with the store.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "COUNTER_APP_HOME"
DATABASE_FILE = "counter.db"


def data_folder(explicit: str | None = None) -> Path:
    """The data folder: ``explicit`` if given, else $COUNTER_APP_HOME, else platformdirs."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app", appauthor=False))


def database_exists(folder: Path) -> bool:
    """Whether the folder already holds a counter database (else: first-run setup)."""
    return (Path(folder) / DATABASE_FILE).is_file()
