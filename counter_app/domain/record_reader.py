"""Reading a stored JSON record back into a domain value, strictly.

The fee quote, its lines and the postage quote are stored as JSON and read back with
:class:`RecordReader`: a stored quote must reproduce exactly, so an unknown field or a wrong
type is an error (in Japanese) rather than a silent default. Both :mod:`counter_app.domain.fees`
and :mod:`counter_app.domain.postage` import it from here.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from counter_app.errors import InputError


class RecordReader:
    """Reads one stored JSON record, refusing unknown fields and wrong types (in Japanese).

    Used by the ``from_dict`` of the fee and postage records: a stored quote must reproduce
    exactly, so anything unexpected is an error rather than a silent default.
    """

    def __init__(self, data: Any, what: str, allowed: Iterable[str]) -> None:
        if not isinstance(data, dict):
            raise InputError(f"{what}のデータが正しくありません: オブジェクトが必要です。")
        self.data = data
        self.what = what
        unknown = sorted(str(k) for k in data if k not in set(allowed))
        if unknown:
            raise InputError(
                f"{what}のデータが正しくありません: 未知の項目があります ({', '.join(unknown)})。"
            )

    def fail(self, key: builtins.str, expected: builtins.str) -> InputError:
        return InputError(f"{self.what}のデータが正しくありません: 「{key}」には{expected}。")

    def raw(self, key: builtins.str, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "値が必要です")
            return default
        return self.data[key]

    def int(self, key: builtins.str, default: Any = ...) -> Any:
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "整数が必要です")
        return value

    def str(self, key: builtins.str, default: Any = ...) -> Any:
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, str):
            raise self.fail(key, "文字列が必要です")
        return value

    def bool(self, key: builtins.str, default: Any = ...) -> Any:
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, bool):
            raise self.fail(key, "true または false が必要です")
        return value

    def enum(self, key: builtins.str, enum: type[StrEnum], default: Any = ...) -> Any:
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        return self.enum_value(key, value, enum)

    def enum_value(self, key: builtins.str, value: Any, enum: type[StrEnum]) -> Any:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(key, f"次のいずれかが必要です ({allowed})") from None

    def date(self, key: builtins.str) -> dt.date:
        value = self.str(key)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, "日付 (例: 2025-06-01) が必要です") from None
