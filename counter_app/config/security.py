"""Security settings from ``security.toml``: idle lock, login lockout, password policy,
retention period and backups kept.

``security_settings()`` reads the head-office override (``COUNTER_APP_CONFIG_DIR``) or the
bundled file, validates every value (a wrong one raises :class:`ConfigError` naming the file
and the key, in Japanese) and caches the result per path and modification time, so an edited
file is picked up without a restart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from counter_app.config.loader import Section, find_config, parse_toml

SECURITY_FILE = "security.toml"
_SECTIONS = ("session", "lockout", "password", "retention", "backup")


@dataclass(frozen=True)
class LockoutRule:
    """``free_attempts`` failures cost nothing; each later failure locks for the next step of
    ``delays_seconds`` (the last step repeats)."""

    free_attempts: int
    delays_seconds: tuple[int, ...]

    def delay_after(self, failures: int) -> int:
        """Seconds to lock after ``failures`` failed attempts in a row (0: no lock)."""
        over = failures - self.free_attempts
        if over <= 0:
            return 0
        return self.delays_seconds[min(over, len(self.delays_seconds)) - 1]


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int
    max_length: int
    min_character_classes: int
    forbid_username: bool
    forbidden: frozenset[str]


@dataclass(frozen=True)
class SecuritySettings:
    idle_lock_minutes: int
    lockout: LockoutRule
    password: PasswordPolicy
    retention_years: int
    backup_folder: str
    backups_kept: int


def _int_list(section: Section, key: str, *, min: int, max: int) -> tuple[int, ...]:
    value = section.data.get(key)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise section.error(key, "整数の配列 (1つ以上) が必要です")
    if any(v < min or v > max for v in value):
        raise section.error(key, f"{min} 以上 {max} 以下の整数が必要です")
    if list(value) != sorted(value):
        raise section.error(key, "短い順 (昇順) に並べてください")
    return tuple(value)


def load_security_settings(path: Path) -> SecuritySettings:
    root = parse_toml(path).root
    root.reject_unknown(_SECTIONS)
    session = root.section("session")
    session.reject_unknown(("idle_lock_minutes",))
    lockout = root.section("lockout")
    lockout.reject_unknown(("free_attempts", "delays_seconds"))
    password = root.section("password")
    password.reject_unknown(
        ("min_length", "max_length", "min_character_classes", "forbid_username", "forbidden")
    )
    retention = root.section("retention")
    retention.reject_unknown(("years_after_finish",))
    backup = root.section("backup")
    backup.reject_unknown(("folder", "keep"))

    min_length = password.int("min_length", min=8, max=64)
    max_length = password.int("max_length", min=min_length, max=1024)
    return SecuritySettings(
        idle_lock_minutes=session.int("idle_lock_minutes", min=1, max=240),
        lockout=LockoutRule(
            free_attempts=lockout.int("free_attempts", min=1, max=20),
            delays_seconds=_int_list(lockout, "delays_seconds", min=1, max=86_400),
        ),
        password=PasswordPolicy(
            min_length=min_length,
            max_length=max_length,
            min_character_classes=password.int("min_character_classes", min=1, max=3),
            forbid_username=password.bool("forbid_username"),
            forbidden=frozenset(w.casefold() for w in password.str_list("forbidden", [])),
        ),
        retention_years=retention.int("years_after_finish", min=1, max=100),
        backup_folder=backup.str("folder"),
        backups_kept=backup.int("keep", min=1, max=1000),
    )


@functools.lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int) -> SecuritySettings:
    return load_security_settings(Path(path))


def security_settings(directory: Path | None = None) -> SecuritySettings:
    """The settings in force (override folder first, then the bundled file)."""
    path = find_config(SECURITY_FILE, directory)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _cached(str(path), mtime)
