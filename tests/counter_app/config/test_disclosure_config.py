"""disclosure.toml: the disclosure methods a co-op's counters offer (domain.md §1 (config))."""

from __future__ import annotations

import pytest

from counter_app.config.disclosure import (
    joint_use_statement,
    offered_disclosure_methods,
    purposes_of_use,
)
from counter_app.domain.requests import DataScope, DisclosureMethod
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


# -- the purposes of use a 利用目的の通知 letter states (the privacy policy's wording) -----------
def test_the_bundled_purposes_are_the_policy_s_eleven_in_its_order():
    purposes = purposes_of_use()
    assert list(purposes) == list(DataScope)
    assert purposes[DataScope.MEMBER_REGISTER] == "出資金、組合員名簿の管理"
    assert purposes[DataScope.STATEMENTS_TRANSFERS] == (
        "ご利用明細等のお知らせ及びご利用代金の口座振替、振込"
    )
    assert purposes[DataScope.LEGAL] == "法令に基づく対応"


def test_without_the_table_the_scope_labels_are_used(tmp_path):
    folder = write(tmp_path, 'offered_methods = ["paper"]\n')
    assert purposes_of_use(folder) == {s: s.label for s in DataScope}


@pytest.mark.parametrize(
    ("table", "key", "says"),
    [
        ({"member_register": "出資金の管理"}, "orders_deliveries", "必須の項目"),
        ({s.value: "x" for s in DataScope} | {"pets": "ペット"}, "pets", "未知の項目"),
        ({s.value: "x" for s in DataScope} | {"legal": "  "}, "legal", "空でない文字列"),
    ],
)
def test_a_wrong_purposes_table_names_the_key(tmp_path, table, key, says):
    lines = "".join(f'{k} = "{v}"\n' for k, v in table.items())
    folder = write(tmp_path, f'offered_methods = ["paper"]\n[purposes_of_use]\n{lines}')
    with pytest.raises(ConfigError, match=says) as refused:
        purposes_of_use(folder)
    assert refused.value.file == "disclosure.toml"
    assert refused.value.key == f"purposes_of_use.{key}"


# -- the policy's statement of joint use (共同利用), printed under the purposes -----------------
def test_the_bundled_joint_use_statement_names_the_policy_s_partners():
    statement = joint_use_statement()
    for partner in ("コープデリ連合会", "日本生協連", "コープ共済連", "(株)コープデリサービス"):
        assert partner in statement


def test_joint_use_is_optional_and_must_be_text(tmp_path):
    assert joint_use_statement(write(tmp_path, 'offered_methods = ["paper"]\n')) == ""
    folder = write(tmp_path, 'offered_methods = ["paper"]\njoint_use = 3\n')
    with pytest.raises(ConfigError, match="空でない文字列") as refused:
        joint_use_statement(folder)
    assert (refused.value.file, refused.value.key) == ("disclosure.toml", "joint_use")
