"""Read a TOML data file and pull typed values out of it with precise error messages.

Every file is looked up first in the head-office override folder (``COUNTER_APP_CONFIG_DIR``)
and then in ``resources/config``. A wrong or missing value raises :class:`ConfigError`
naming the file, the key (dotted path) and what was expected, in Japanese.

Usage::

    cfg = load_toml("fees.toml")
    for version in cfg.root.sections("schedule"):
        start = version.date("effective_from")
        fee = version.int("handling_fee", min=0)
"""

from __future__ import annotations

import builtins
import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app import paths
from counter_app.errors import ConfigError
from counter_app.files.input import read_input_file
from counter_app.files.paths import FileRefused

_MISSING = object()


@dataclass(frozen=True)
class ConfigFile:
    name: str
    path: Path
    root: Section


def find_config(name: str, directory: Path | None = None) -> Path:
    """The path of config file ``name``: ``directory`` if given, else override, else bundled."""
    candidates = (
        [directory] if directory else [paths.config_override_dir(), paths.bundled_config_dir()]
    )
    for folder in candidates:
        if folder and (folder / name).is_file():
            return folder / name
    raise ConfigError(name, None, "ファイルが見つかりません")


def load_toml(name: str, directory: Path | None = None) -> ConfigFile:
    """Load and parse one config file; raises ConfigError if missing or not valid TOML."""
    path = find_config(name, directory)
    return parse_toml(path)


#: Largest config file read (the bundled ones are a few KB; see counter_app.files.input).
MAX_CONFIG_BYTES = 1024 * 1024


def parse_toml(path: Path) -> ConfigFile:
    try:
        raw = read_input_file(str(path), limit=MAX_CONFIG_BYTES, what="設定ファイル")
        data = tomllib.loads(raw.decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(path.name, None, exc.message) from None
    except UnicodeDecodeError:
        raise ConfigError(path.name, None, "UTF-8 のテキストではありません") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path.name, None, f"TOML の書式が正しくありません ({exc})") from None
    except OSError as exc:
        raise ConfigError(path.name, None, f"読み込めません ({exc.strerror})") from None
    return ConfigFile(path.name, path, Section(path.name, "", data))


class Section:
    """A table of a config file. Accessors validate the type and name the key on error."""

    def __init__(self, file: str, prefix: str, data: dict[str, Any]) -> None:
        self.file = file
        self.prefix = prefix
        self.data = data

    # -- helpers -----------------------------------------------------------------------
    def key_path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def error(self, key: str | None, expected: str) -> ConfigError:
        return ConfigError(self.file, self.key_path(key) if key else self.prefix or None, expected)

    def _get(self, key: str, default: Any) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise self.error(key, "必須の項目がありません")
        return default

    def has(self, key: str) -> bool:
        return key in self.data

    def keys(self) -> Iterable[str]:
        return self.data.keys()

    # -- typed accessors ---------------------------------------------------------------
    def str(
        self, key: str, default: Any = _MISSING, *, choices: Iterable[str] | None = None
    ) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "空でない文字列が必要です")
        if choices is not None:
            allowed = list(choices)
            if value not in allowed:
                raise self.error(key, f"次のいずれかが必要です: {', '.join(allowed)}")
        return value

    def int(
        self,
        key: builtins.str,
        default: Any = _MISSING,
        *,
        min: int | None = None,
        max: int | None = None,
    ) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, "整数が必要です")
        if min is not None and value < min:
            raise self.error(key, f"{min} 以上の整数が必要です")
        if max is not None and value > max:
            raise self.error(key, f"{max} 以下の整数が必要です")
        return value

    def float(self, key: builtins.str, default: Any = _MISSING, *, min: float | None = None) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, "数値が必要です")
        if min is not None and value < min:
            raise self.error(key, f"{min} 以上の数値が必要です")
        return float(value)

    def bool(self, key: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "true または false が必要です")
        return value

    def date(self, key: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.error(key, "日付 (例: 2024-10-01、引用符なし) が必要です")
        return value

    def str_list(self, key: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "文字列の配列が必要です")
        return list(value)

    def section(self, key: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, dict):
            raise self.error(key, "テーブル ([...]) が必要です")
        return Section(self.file, self.key_path(key), value)

    def sections(self, key: builtins.str, default: Any = _MISSING) -> Any:
        """An array of tables (``[[key]]``)."""
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, "テーブルの配列 ([[...]]) が必要です")
        return [Section(self.file, f"{self.key_path(key)}[{i}]", v) for i, v in enumerate(value)]

    def subsections(self) -> list[tuple[builtins.str, Section]]:
        """Every sub-table of this table, with its key (``[documents.drivers_license]``...)."""
        out = []
        for key, value in self.data.items():
            if not isinstance(value, dict):
                raise self.error(key, "テーブル ([...]) が必要です")
            out.append((key, Section(self.file, self.key_path(key), value)))
        return out

    def reject_unknown(self, allowed: Iterable[builtins.str]) -> None:
        """Fail on keys that are not in ``allowed`` (catches typos in head-office files)."""
        known = set(allowed)
        for key in self.data:
            if key not in known:
                raise self.error(key, "未知の項目です (綴りを確認してください)")
