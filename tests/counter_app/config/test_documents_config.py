"""documents.toml / proxy.toml: the bundled files load, overrides win, mistakes are named."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from counter_app import paths
from counter_app.config.documents import (
    document_catalogue,
    load_document_catalogue,
    load_proxy_rules,
    proxy_rules,
)
from counter_app.domain.identity import DocumentShown, identity_verdict
from counter_app.errors import ConfigError
from counter_app.services.rules import rules_in_force

BUNDLED = paths.bundled_config_dir()


def test_bundled_files_load():
    cat = document_catalogue()
    assert cat.photo_documents_needed == 1 and cat.non_photo_documents_needed == 2
    health = cat.get("health_insurance_card")
    assert health.valid_until == dt.date(2025, 12, 1)
    assert health.issued_no_later_than == dt.date(2024, 12, 1)
    # the two papers the city issues as certified copies: their original is the issued paper
    assert {t.key for t in cat.types if t.certified_copy} == {"resident_record", "seal_certificate"}
    rules = proxy_rules()
    assert rules.power_of_attorney_months == 3 and rules.seal_certificate_months == 3
    assert rules.majority_age(dt.date(2022, 3, 31)) == 20
    assert rules.majority_age(dt.date(2022, 4, 1)) == 18
    assert rules.kind("parent").accepted_documents == ("koseki", "resident_record")


def test_certified_copy_is_optional_and_must_be_true_or_false(tmp_path):
    folder = copy_bundled(tmp_path)
    path = folder / "documents.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("certified_copy = true\n", ""), encoding="utf-8")
    assert not any(t.certified_copy for t in load_document_catalogue(path).types)
    path.write_text(text.replace("certified_copy = true", 'certified_copy = "yes"', 1), "utf-8")
    with pytest.raises(ConfigError) as info:
        load_document_catalogue(path)
    assert "certified_copy" in str(info.value)


def test_loading_is_cached():
    assert document_catalogue() is document_catalogue()
    assert proxy_rules() is proxy_rules()


def copy_bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "override"
    folder.mkdir()
    for name in ("documents.toml", "proxy.toml"):
        shutil.copy(BUNDLED / name, folder / name)
    return folder


def test_head_office_override_changes_the_rule_without_code(tmp_path, monkeypatch):
    folder = copy_bundled(tmp_path)
    text = (folder / "documents.toml").read_text(encoding="utf-8")
    (folder / "documents.toml").write_text(
        text.replace("non_photo_documents_needed = 2", "non_photo_documents_needed = 3"),
        encoding="utf-8",
    )
    proxy = (folder / "proxy.toml").read_text(encoding="utf-8")
    (folder / "proxy.toml").write_text(
        proxy.replace(
            "[power_of_attorney]\nmax_age_months = 3", "[power_of_attorney]\nmax_age_months = 6"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(folder))
    assert document_catalogue().non_photo_documents_needed == 3
    assert proxy_rules().power_of_attorney_months == 6
    two = [
        DocumentShown(
            "pension_book",
            original=True,
            name_matches=True,
            birth_date_matches=True,
            address_matches=True,
        ),
        DocumentShown(
            "qualification_certificate",
            original=True,
            expiry=dt.date(2030, 1, 1),
            name_matches=True,
            birth_date_matches=True,
            address_matches=True,
        ),
    ]
    on = dt.date(2025, 6, 15)
    verdict = identity_verdict(two, on, catalogue=rules_in_force(on).documents)
    assert not verdict.passed
    assert any("写真なし書類3点が必要です" in r for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        (
            'kind = "photo"\nexpiry_required = true\nshows_address = true\n\n[documents.my_number_card]',
            'kind = "selfie"\nexpiry_required = true\nshows_address = true\n\n[documents.my_number_card]',
            "documents.drivers_license.kind",
            "次のいずれか",
        ),
        (
            'label = "運転免許証"',
            'label = "運転免許証"\nlabell = "x"',
            "documents.drivers_license.labell",
            "未知の項目",
        ),
        (
            "issued_within_months = 6",
            'issued_within_months = "six"',
            "issued_within_months",
            "整数",
        ),
        ("valid_until = 2025-12-01", 'valid_until = "2025-12-01"', "valid_until", "日付"),
    ],
)
def test_documents_mistakes_name_file_and_key(tmp_path, old, new, key, expected):
    folder = copy_bundled(tmp_path)
    path = folder / "documents.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_document_catalogue(path)
    assert info.value.file == "documents.toml"
    assert key in (info.value.key or "")
    assert expected in info.value.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'accepted_documents = ["registry_certificate"]',
            'accepted_documents = ["letter"]',
            "relationship_documents にありません",
        ),
        ("[kinds.adult_guardian]", "[kinds.curator]", "代理人の種類"),
        (
            "[power_of_attorney]\nmax_age_months = 3",
            "[power_of_attorney]\nmax_age_months = 0",
            "1 以上",
        ),
    ],
)
def test_proxy_mistakes_are_named(tmp_path, old, new, expected):
    folder = copy_bundled(tmp_path)
    path = folder / "proxy.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_proxy_rules(path)
    assert info.value.file == "proxy.toml"
    assert expected in info.value.message
