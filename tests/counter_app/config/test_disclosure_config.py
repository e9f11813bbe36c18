"""disclosure.toml: the disclosure methods a co-op's counters offer (domain.md §1 (config))."""

from __future__ import annotations

import pytest

from counter_app.config.disclosure import offered_disclosure_methods
from counter_app.domain.requests import DisclosureMethod
from counter_app.errors import ConfigError


def write(tmp_path, body: str):
    (tmp_path / "disclosure.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_the_bundled_file_offers_every_method():
    assert set(offered_disclosure_methods()) == set(DisclosureMethod)


def test_a_head_office_can_offer_fewer_methods(tmp_path):
    folder = write(tmp_path, 'offered_methods = ["paper", "viewing"]\n')
    assert offered_disclosure_methods(folder) == (
        DisclosureMethod.PAPER,
        DisclosureMethod.VIEWING,
    )


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('offered_methods = ["viewing"]\n', "は外せません"),
        ('offered_methods = ["paper", "fax"]\n', "いずれか"),
        ('offered_methods = ["paper", "paper"]\n', "重複"),
        ('offered_methods = "paper"\n', "文字列の配列"),
        ('offered = ["paper"]\n', "未知の項目"),
    ],
)
def test_a_wrong_file_names_the_file_and_the_key(tmp_path, body, says):
    folder = write(tmp_path, body)
    with pytest.raises(ConfigError, match=says) as refused:
        offered_disclosure_methods(folder)
    assert refused.value.file == "disclosure.toml"
