"""Where the program finds things: its bundled resources, the head-office overrides, and the
data folder (``--data-dir`` > ``COUNTER_APP_HOME`` > the user data folder).

A base module (it imports nothing of the program): the store puts its database in the data
folder (:mod:`counter_app.store.location`), the log (:mod:`counter_app.log_file`) and the
output files' guard use the same folder.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

#: Environment variable naming a folder whose *.toml files replace the bundled ones.
CONFIG_OVERRIDE_ENV = "COUNTER_APP_CONFIG_DIR"
#: Environment variable overriding the data folder (tests point it at a tmp folder).
HOME_ENV = "COUNTER_APP_HOME"


@functools.lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The ``resources/`` folder: next to the packages, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def bundled_config_dir() -> Path:
    return resources_dir() / "config"


def config_override_dir() -> Path | None:
    """The head-office override folder, if one is set and exists."""
    value = os.environ.get(CONFIG_OVERRIDE_ENV)
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit`` if given, else $COUNTER_APP_HOME, else platformdirs."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app", appauthor=False))
