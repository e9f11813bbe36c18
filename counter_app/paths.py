"""Where the program finds its bundled resources and its head-office overrides."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

#: Environment variable naming a folder whose *.toml files replace the bundled ones.
CONFIG_OVERRIDE_ENV = "COUNTER_APP_CONFIG_DIR"


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
