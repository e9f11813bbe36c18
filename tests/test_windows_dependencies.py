"""What the core needs on Windows that Linux gives for free (issue 14; checked for real by the
Wine smoke job, scripts/wine-smoke.sh)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"}


def _windows_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(WINDOWS):
            names.add(requirement.name.lower())
    return names


def test_windows_gets_the_time_zone_database() -> None:
    """Every date of the counter is Japan's (ZoneInfo("Asia/Tokyo")); Windows has no IANA
    database, so without ``tzdata`` every command stopped with ZoneInfoNotFoundError."""
    assert "tzdata" in _windows_requirements()


def test_windows_gets_the_core_without_a_linux_only_package() -> None:
    names = _windows_requirements()
    assert {"sqlcipher3", "keyring", "platformdirs", "sqlalchemy", "alembic"} <= names
    assert not names & {"secretstorage", "jeepney", "dbus-python"}
