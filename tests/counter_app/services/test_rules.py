"""The rules in force (services/rules.py): one frozen RuleSet of every rule the counter
applies, read from the config folder, the head-office override winning file by file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app import paths
from counter_app.domain.fees import FeeQuestions, quote_fee
from counter_app.domain.requests import RequestType
from counter_app.errors import ConfigError
from counter_app.services.rules import RuleSet, rules_in_force
from tests import rule_values

BUNDLED = paths.bundled_config_dir()

#: The shipped config, written out in memory (tests/rule_values.py).
SHIPPED = RuleSet(
    fee_schedules=rule_values.fee_schedules(),
    postage=rule_values.postage_rules(),
    calendar=rule_values.business_calendar(),
    deadline_rules=rule_values.deadline_rules(),
    documents=rule_values.document_catalogue(),
    proxy_rules=rule_values.proxy_rules(),
    disclosure_methods=rule_values.DISCLOSURE_METHODS,
    repeat_window_days=rule_values.REPEAT_WINDOW_DAYS,
)


@given(on=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_the_shipped_files_are_the_rules_the_domain_tests_build(on):
    # one config folder: every date has the same set (head-office bundles: issue 12)
    rules = rules_in_force(on, folder=BUNDLED)
    assert rules == SHIPPED
    assert rules.bundle_version is None


def test_without_a_folder_the_bundled_config_is_in_force(monkeypatch):
    monkeypatch.delenv(paths.CONFIG_OVERRIDE_ENV, raising=False)
    assert rules_in_force(dt.date(2025, 6, 2)) == SHIPPED


def test_the_head_office_override_wins_file_by_file(tmp_path, monkeypatch):
    override = tmp_path / "head-office"
    override.mkdir()
    text = (BUNDLED / "fees.toml").read_text(encoding="utf-8")
    (override / "fees.toml").write_text(
        text.replace("purpose_notice = 500", "purpose_notice = 300", 1), encoding="utf-8"
    )
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(override))
    on = dt.date(2025, 6, 2)
    rules = rules_in_force(on)
    quote = quote_fee(
        FeeQuestions((RequestType.PURPOSE_NOTICE,)),
        on,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )
    assert quote.total == 300
    # the files head office did not send are the bundled ones
    assert dataclasses.replace(rules, fee_schedules=SHIPPED.fee_schedules) == SHIPPED


def test_rules_are_cached_per_file_and_an_edit_is_picked_up(tmp_path):
    for name in (
        "fees.toml",
        "postage.toml",
        "calendar.toml",
        "documents.toml",
        "proxy.toml",
        "disclosure.toml",
    ):
        shutil.copy(BUNDLED / name, tmp_path / name)
    on = dt.date(2025, 6, 2)
    first = rules_in_force(on, folder=tmp_path)
    again = rules_in_force(on, folder=tmp_path)
    assert again.fee_schedules is first.fee_schedules and again.documents is first.documents
    calendar = tmp_path / "calendar.toml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8").replace(
            "repeat_window_days = 30", "repeat_window_days = 45"
        ),
        encoding="utf-8",
    )
    stat = calendar.stat()
    os.utime(calendar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = rules_in_force(on, folder=tmp_path)
    assert edited.repeat_window_days == 45
    assert edited.fee_schedules is first.fee_schedules  # the other files were not read again


def test_a_rule_set_is_a_frozen_value():
    rules = rules_in_force(dt.date(2025, 6, 2), folder=BUNDLED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.calendar = rule_values.business_calendar()  # type: ignore[misc]


def test_a_missing_file_is_named(tmp_path):
    shutil.copy(BUNDLED / "fees.toml", tmp_path / "fees.toml")
    with pytest.raises(ConfigError) as info:
        rules_in_force(dt.date(2025, 6, 2), folder=tmp_path)
    assert info.value.file == "postage.toml"
    assert "見つかりません" in info.value.expected
