"""fees.toml, postage.toml and calendar.toml: validated on load, cached per path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from counter_app import paths
from counter_app.config.fees import (
    clear_cache,
    load_business_calendar,
    load_deadline_rules,
    load_fee_schedules,
    load_postage_rules,
)
from counter_app.domain.deadlines import ClosedDayRule, DayKind, DeadlineRules
from counter_app.domain.fees import FeeQuestions, quote_fee
from counter_app.domain.requests import RequestType
from counter_app.errors import ConfigError
from counter_app.services.rules import rules_in_force

BUNDLED = paths.bundled_config_dir()


def copy(tmp_path: Path, name: str, old: str | None = None, new: str = "") -> Path:
    """The bundled file copied to tmp_path, with ``old`` replaced by ``new``."""
    text = (BUNDLED / name).read_text(encoding="utf-8")
    if old is not None:
        assert old in text, f"{old!r} not in {name}"
        text = text.replace(old, new, 1)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


LOADERS = {
    "fees.toml": load_fee_schedules,
    "postage.toml": load_postage_rules,
    "calendar.toml": load_business_calendar,
}


def test_bundled_files_load():
    assert load_fee_schedules().schedules[0].effective_from == dt.date(2024, 4, 1)
    assert [t.version for t in load_postage_rules().tables] == ["2019-10-01", "2024-10-01"]
    assert load_business_calendar().closed_weekdays == frozenset({5, 6})
    assert load_deadline_rules().answer_days == 14


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "expected"),
    [
        ("fees.toml", "tax_rate = 10\n", "", "schedule[0].tax_rate", "必須の項目"),
        ("fees.toml", "tax_rate = 10\n", "tax_rate = 110\n", "schedule[0].tax_rate", "100 以下"),
        (
            "fees.toml",
            'rounding = "floor"',
            'rounding = "bankers"',
            "schedule[0].rounding",
            "floor",
        ),
        (
            "fees.toml",
            'tax_treatment = "inclusive"\n',
            'tax_treatment = "maybe"\n',
            "schedule[0].tax_treatment",
            "inclusive",
        ),
        (
            "fees.toml",
            "copy_fee_per_page = 10",
            "copy_fee_per_page = -10",
            "schedule[0].copy_fee_per_page",
            "0 以上",
        ),
        (
            "fees.toml",
            "medium_fee = 100",
            "medium_fee = 100\nmedium_fees = 5",
            "schedule[0].medium_fees",
            "未知の項目",
        ),
        (
            "fees.toml",
            "disclosure = 1000, ",
            "",
            "schedule[0].handling_fee.disclosure",
            "必須の項目",
        ),
        (
            "fees.toml",
            "disclosure = 1000, ",
            'disclosure = "1000", ',
            "schedule[0].handling_fee.disclosure",
            "整数",
        ),
        (
            "fees.toml",
            "effective_from = 2024-04-01",
            'effective_from = "2024-04-01"',
            "schedule[0].effective_from",
            "日付",
        ),
        (
            "fees.toml",
            "postage_taxable = true",
            'postage_taxable = "yes"',
            "schedule[0].postage_taxable",
            "true または false",
        ),
        ("postage.toml", "sheet_g = 4.2 ", "sheet_g = 4.25 ", "weights.sheet_g", "0.1 g 単位"),
        ("postage.toml", "sheet_g = 4.2 ", 'sheet_g = "4.2" ', "weights.sheet_g", "重さ"),
        ("postage.toml", "cover_sheets = 1", "cover_sheets = -1", "weights.cover_sheets", "0 以上"),
        (
            "postage.toml",
            "{ up_to_g = 100, yen = 140 }",
            "{ up_to_g = 50, yen = 140 }",
            "table[0].rates.nonstandard_regular[1].up_to_g",
            "前の段より大きい",
        ),
        (
            "postage.toml",
            "registered = 435",
            "registred = 435",
            "table[0].surcharges.registred",
            "未知の項目",
        ),
        (
            "postage.toml",
            'default_mail_class = "simple_registered"',
            'default_mail_class = "pigeon"',
            "default_mail_class",
            "simple_registered",
        ),
        (
            "postage.toml",
            "accepts_media = false",
            'accepts_media = "no"',
            "envelopes.long3.accepts_media",
            "true または false",
        ),
        (
            "calendar.toml",
            '"sat", "sun"',
            '"sat", "funday"',
            "business_days.closed_weekdays",
            "曜日",
        ),
        (
            "calendar.toml",
            "closed_dates = []",
            'closed_dates = ["2025-08-15"]',
            "business_days.closed_dates",
            "日付の配列",
        ),
        (
            "calendar.toml",
            'from = "12-29"',
            'from = "12-32"',
            "business_days.annual_closure[0].from",
            "月-日",
        ),
        ("calendar.toml", "answer_days = 14", "answer_days = 0", "deadlines.answer_days", "1 以上"),
        (
            "calendar.toml",
            'answer_day_kind = "calendar"',
            'answer_day_kind = "lunar"',
            "deadlines.answer_day_kind",
            "business",
        ),
        (
            "calendar.toml",
            'target_on_closed_day = "previous"',
            'target_on_closed_day = "later"',
            "deadlines.target_on_closed_day",
            "keep",
        ),
    ],
)
def test_a_wrong_value_names_file_key_and_expectation(tmp_path, name, old, new, key, expected):
    folder = copy(tmp_path, name, old, new)
    with pytest.raises(ConfigError) as info:
        LOADERS[name](folder)
    err = info.value
    assert (err.file, err.key) == (name, key)
    assert expected in err.expected
    assert err.message.startswith(f"設定ファイルの誤り: {name} の「{key}」")


def test_duplicate_schedule_dates(tmp_path):
    text = (BUNDLED / "fees.toml").read_text(encoding="utf-8")
    block = text[text.index("\n[[schedule]]\n") : text.index("# 改定の例")]
    (tmp_path / "fees.toml").write_text(text + "\n" + block, encoding="utf-8")
    with pytest.raises(ConfigError, match="重複"):
        load_fee_schedules(tmp_path)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ConfigError, match="ファイルが見つかりません"):
        load_fee_schedules(tmp_path)
    (tmp_path / "postage.toml").write_text("[weights\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML の書式"):
        load_postage_rules(tmp_path)


def test_no_envelope_for_media(tmp_path):
    folder = copy(tmp_path, "postage.toml", "accepts_media = true", "accepts_media = false")
    with pytest.raises(ConfigError) as info:
        load_postage_rules(folder)
    assert (info.value.file, info.value.key) == ("postage.toml", "envelopes")
    assert "媒体の入る定形外の封筒 (accepts_media = true" in info.value.expected


def test_cached_per_path_and_reloaded_when_edited(tmp_path):
    folder = copy(tmp_path, "fees.toml")
    first = load_fee_schedules(folder)
    assert load_fee_schedules(folder) is first
    assert load_fee_schedules() is not first  # another path, another entry
    path = folder / "fees.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("disclosure = 1000", "disclosure = 1200", 1),
        encoding="utf-8",
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = load_fee_schedules(folder)
    assert again is not first
    assert again.schedules[0].handling_fees[RequestType.DISCLOSURE] == 1200
    clear_cache()
    assert load_fee_schedules(folder) == again


def test_head_office_override_folder_is_used(tmp_path, monkeypatch):
    override = tmp_path / "head-office"
    override.mkdir()
    shutil.copy(BUNDLED / "fees.toml", override / "fees.toml")
    text = (override / "fees.toml").read_text(encoding="utf-8")
    (override / "fees.toml").write_text(
        text.replace("purpose_notice = 500", "purpose_notice = 300", 1), encoding="utf-8"
    )
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(override))
    on = dt.date(2025, 6, 1)
    rules = rules_in_force(on)  # what every caller asks for the rules in force
    q = quote_fee(
        FeeQuestions((RequestType.PURPOSE_NOTICE,)),
        on,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )
    assert q.total == 300
    # postage.toml is not overridden: the bundled one is used
    assert load_postage_rules().tables[-1].version == "2024-10-01"


def test_flat_schedule_loads_and_refuses_copy_and_postage_keys(tmp_path):
    flat = (
        '[[schedule]]\neffective_from = 2027-04-01\nkind = "flat"\n'
        "handling_fee = { purpose_notice = 500, disclosure = 1500, record_disclosure = 1500 }\n"
        "tax_rate = 10\n"
    )
    folder = copy(tmp_path, "fees.toml", "# 改定の例", flat + "# 改定の例")
    schedules = load_fee_schedules(folder)
    version = schedules.in_force(dt.date(2027, 4, 1))
    assert version.kind.value == "flat" and not version.asks_pages
    assert schedules.in_force(dt.date(2027, 3, 31)).asks_pages
    for key, value in (
        ("copy_fee_per_page", "10"),
        ("charge_postage", "true"),
        ("postage_deposit", "500"),
    ):
        (tmp_path / "fees.toml").unlink()
        folder = copy(tmp_path, "fees.toml", "# 改定の例", flat + f"{key} = {value}\n# 改定の例")
        clear_cache()
        with pytest.raises(ConfigError) as info:
            load_fee_schedules(folder)
        assert (info.value.file, info.value.key) == ("fees.toml", f"schedule[1].{key}")
        assert "定額" in info.value.expected


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        ('kind = "actual"', 'kind = "fixed"', "kind", "actual, flat"),
        ("postage_deposit = 0", "postage_deposit = -1", "postage_deposit", "0 以上"),
        ("postage_deposit = 0", 'postage_deposit = "500"', "postage_deposit", "整数"),
    ],
)
def test_schedule_kind_and_deposit_are_validated(tmp_path, old, new, key, expected):
    folder = copy(tmp_path, "fees.toml", old, new)
    with pytest.raises(ConfigError) as info:
        load_fee_schedules(folder)
    assert (info.value.file, info.value.key) == ("fees.toml", f"schedule[0].{key}")
    assert expected in info.value.expected


def test_config_refuses_a_fee_for_correction(tmp_path):
    (tmp_path / "fees.toml").write_text(
        """[[schedule]]
effective_from = 2024-04-01
handling_fee = { purpose_notice = 500, disclosure = 1000, record_disclosure = 1000, correction = 300 }
copy_fee_per_page = 10
medium_fee = 100
tax_rate = 10
""",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_fee_schedules(tmp_path)
    assert info.value.key == "schedule[0].handling_fee.correction"
    assert "法第38条" in info.value.expected


def test_shipped_rules():
    rules = load_deadline_rules()
    assert rules == DeadlineRules(
        answer_days=14,
        answer_day_kind=DayKind.CALENDAR,
        extension_days=14,
        extension_day_kind=DayKind.CALENDAR,
        target_on_closed_day=ClosedDayRule.PREVIOUS,
        reminder_business_days_before=3,
    )
