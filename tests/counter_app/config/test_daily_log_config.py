"""calendar.toml [daily_log]: the 再請求 window of the daily log, validated like the rest of
the calendar (ConfigError naming file, key and expectation in Japanese)."""

from __future__ import annotations

import os
import shutil

import pytest

from counter_app import paths
from counter_app.config.fees import (
    DEFAULT_REPEAT_WINDOW_DAYS,
    load_business_calendar,
    load_repeat_window_days,
)
from counter_app.errors import ConfigError

BUNDLED = paths.bundled_config_dir()
SETTING = "repeat_window_days = 30 "


def calendar_with(tmp_path, old: str, new: str):
    text = (BUNDLED / "calendar.toml").read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in calendar.toml"
    (tmp_path / "calendar.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_bundled_window_is_30_days():
    assert load_repeat_window_days() == 30 == DEFAULT_REPEAT_WINDOW_DAYS


@pytest.mark.parametrize("days", [1, 45, 366])
def test_a_valid_window_is_used(tmp_path, days):
    folder = calendar_with(tmp_path, SETTING, f"repeat_window_days = {days} ")
    assert load_repeat_window_days(folder) == days


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "1 以上の整数が必要です"),
        ("-7", "1 以上の整数が必要です"),
        ("367", "366 以下の整数が必要です"),
        ("30.5", "整数が必要です"),
        ("30.0", "整数が必要です"),
        ('"30"', "整数が必要です"),
        ("true", "整数が必要です"),
    ],
)
def test_a_wrong_window_names_file_key_and_expectation(tmp_path, value, expected):
    folder = calendar_with(tmp_path, SETTING, f"repeat_window_days = {value} ")
    with pytest.raises(ConfigError) as info:
        load_repeat_window_days(folder)
    err = info.value
    assert (err.file, err.key, err.expected) == (
        "calendar.toml",
        "daily_log.repeat_window_days",
        expected,
    )
    assert err.message == (
        f"設定ファイルの誤り: calendar.toml の「daily_log.repeat_window_days」: {expected}"
    )
    # the whole file is refused, as for any other calendar value
    with pytest.raises(ConfigError):
        load_business_calendar(folder)


def test_a_misspelt_key_or_a_non_table_is_refused(tmp_path):
    folder = calendar_with(tmp_path, SETTING, "repeat_window_day = 30 ")
    with pytest.raises(ConfigError) as info:
        load_repeat_window_days(folder)
    assert info.value.key == "daily_log.repeat_window_day"
    assert "未知の項目" in info.value.expected
    text = (BUNDLED / "calendar.toml").read_text(encoding="utf-8")
    head = text[: text.index("[daily_log]")]
    (tmp_path / "calendar.toml").write_text("daily_log = 30\n" + head, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_repeat_window_days(tmp_path)
    assert (info.value.key, info.value.expected) == ("daily_log", "テーブル ([...]) が必要です")


def test_a_head_office_file_without_the_table_keeps_30_days(tmp_path):
    text = (BUNDLED / "calendar.toml").read_text(encoding="utf-8")
    (tmp_path / "calendar.toml").write_text(text[: text.index("[daily_log]")], encoding="utf-8")
    assert load_repeat_window_days(tmp_path) == 30


def test_head_office_override_folder_sets_the_window(tmp_path, monkeypatch):
    override = tmp_path / "head-office"
    override.mkdir()
    shutil.copy(BUNDLED / "calendar.toml", override / "calendar.toml")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(override))
    assert load_repeat_window_days() == 30
    path = override / "calendar.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(SETTING, "repeat_window_days = 60 ", 1),
        encoding="utf-8",
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_repeat_window_days() == 60  # an edited head-office file is picked up
