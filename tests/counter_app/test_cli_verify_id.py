"""``counter-app verify-id``: JSON in, verdict out; exit 0 pass, 1 fail, 2 bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.cli import main

ROOT = Path(__file__).resolve().parents[2]

LICENSE = {
    "doc_type": "drivers_license",
    "original": True,
    "expiry": "2027-05-01",
    "name_matches": True,
    "birth_date_matches": True,
    "address_matches": True,
}
POA = {
    "dated": "2025-06-01",
    "original": True,
    "signed_by_principal": True,
    "sealed": True,
    "principal_address_written": True,
    "principal_birth_date_written": True,
    "principal_phone_written": True,
    "proxy_name_written": True,
    "proxy_address_written": True,
    "covers_request": True,
    "covers_receipt": True,
}
SEAL = {"issued_on": "2025-05-20", "original": True, "impression_compared": True}


def write(tmp_path: Path, data) -> str:
    path = tmp_path / "request.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(tmp_path, data, *extra, capsys):
    code = main(["verify-id", write(tmp_path, data), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_principal_with_a_license_passes_in_readable_japanese(tmp_path, capsys):
    code, out, err = run(
        tmp_path,
        {"request_date": "2025-06-15", "principal": {"documents": [LICENSE]}},
        capsys=capsys,
    )
    assert code == 0, err
    assert "判定: OK" in out
    assert "運転免許証: 有効" in out
    assert "確認日 (請求日): 2025-06-15" in out


def test_fail_verdict_exits_1_and_lists_the_reasons(tmp_path, capsys):
    expired = dict(LICENSE, expiry="2025-01-01")
    code, out, _ = run(
        tmp_path,
        {"request_date": "2025-06-15", "principal": {"documents": [expired]}},
        capsys=capsys,
    )
    assert code == 1
    assert "判定: NG" in out and "有効期限切れ" in out


def test_a_copy_is_not_counted_for_the_principal_nor_the_proxy(tmp_path, capsys):
    copy = dict(LICENSE, original=False)
    code, out, _ = run(
        tmp_path,
        {"request_date": "2025-06-15", "principal": {"documents": [copy]}},
        capsys=capsys,
    )
    assert code == 1
    assert "・運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)" in out
    proxy = {
        "request_date": "2025-06-15",
        "principal": {"birth_date": "1960-04-01"},
        "proxy": {
            "kind": "voluntary",
            "documents": [copy],
            "power_of_attorney": POA,
            "seal_certificate": SEAL,
        },
    }
    code, out, _ = run(tmp_path, proxy, "--json", capsys=capsys)
    assert code == 1
    result = json.loads(out)
    assert result["proxy"]["identity"]["passed"] is False
    assert (
        "代理人の書類: 運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)"
        in result["proxy"]["verdict"]["reasons"]
    )


def test_every_documented_example_runs(tmp_path, capsys):
    """Both JSON blocks of docs/cli-verify-id.md (proxy, then two non-photo documents) pass."""
    text = (ROOT / "docs" / "cli-verify-id.md").read_text(encoding="utf-8")
    examples = [block.split("```", 1)[0] for block in text.split("```json")[1:]]
    assert len(examples) == 2
    for example in examples:
        code, out, err = run(tmp_path, example, "--json", capsys=capsys)
        assert code == 0, err
        assert json.loads(out)["passed"] is True


def test_on_overrides_the_request_date(tmp_path, capsys):
    health = {
        "doc_type": "health_insurance_card",
        "original": True,
        "name_matches": True,
        "birth_date_matches": True,
        "address_matches": True,
    }
    pension = dict(health, doc_type="pension_book")
    data = {"request_date": "2025-12-01", "principal": {"documents": [health, pension]}}
    code, out, _ = run(tmp_path, data, "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["principal_identity"]["rule"] == "non_photo_2"
    code, out, _ = run(tmp_path, data, "--json", "--on", "2025-12-02", capsys=capsys)
    assert code == 1 and json.loads(out)["request_date"] == "2025-12-02"


def test_voluntary_proxy_json_output(tmp_path, capsys):
    data = {
        "request_date": "2025-06-15",
        "principal": {"birth_date": "1960-04-01"},
        "proxy": {
            "kind": "voluntary",
            "documents": [LICENSE],
            "power_of_attorney": POA,
            "seal_certificate": SEAL,
        },
    }
    code, out, err = run(tmp_path, data, "--json", capsys=capsys)
    assert code == 0, err
    result = json.loads(out)
    assert result["passed"] is True
    assert result["principal_identity"] is None
    assert result["proxy"]["kind"] == "voluntary"
    assert result["proxy"]["identity"]["rule"] == "photo_1"
    assert result["proxy"]["verdict"]["may_hand_to_proxy"] is True
    assert result["handover"] == "proxy_at_counter"


def test_parent_of_a_principal_turning_18_on_the_request_date_fails(tmp_path, capsys):
    data = {
        "request_date": "2025-06-15",
        "principal": {"birth_date": "2007-06-16"},
        "proxy": {
            "kind": "parent",
            "documents": [LICENSE],
            "relationship_document": {
                "doc_type": "koseki",
                "issued_on": "2025-06-01",
                "original": True,
                "shows_relationship": True,
            },
        },
    }
    code, out, _ = run(tmp_path, data, capsys=capsys)
    assert code == 1
    assert "委任状による任意代理が必要" in out
    assert "受付・結果のお渡しはできません" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "JSON の書式が正しくありません"),
        (
            {"principal": {"documents": [dict(LICENSE, doc_type="library_card")]}},
            "登録されていません",
        ),
        ({"principal": {"documents": [dict(LICENSE, issued_on="2027-06-01")]}}, "発行日"),
        ({"request_date": "2099-01-01", "principal": {"documents": [LICENSE]}}, "未来の日付"),
        (
            {"principal": {"documents": [dict(LICENSE, issued_on="2099-01-01", expiry=None)]}},
            "未来の日付",
        ),
        ({"principal": {"documents": [LICENSE]}, "comment": "x"}, "未知の項目「comment」"),
        ({"principal": {"documents": [dict(LICENSE, colour="red")]}}, "未知の項目「colour」"),
        ({"principal": {"documents": [dict(LICENSE, card_number="1234")]}}, "番号は記録しません"),
        ({"principal": {"documents": [dict(LICENSE, name_matches="yes")]}}, "true または false"),
        (
            {"principal": {"documents": [{k: v for k, v in LICENSE.items() if k != "original"}]}},
            "「principal.documents[0]」に必須の項目「original」(原本を確認したか) がありません。",
        ),
        (
            {
                "proxy": {
                    "kind": "voluntary",
                    "documents": [{k: v for k, v in LICENSE.items() if k != "original"}],
                }
            },
            "「proxy.documents[0]」に必須の項目「original」",
        ),
        ({"principal": {"documents": [dict(LICENSE, original=1)]}}, "true または false"),
        ({"principal": {"documents": "drivers_license"}}, "配列"),
        ({"principal": {}}, "本人の書類"),
        ({"proxy": {"kind": "uncle", "documents": [LICENSE]}}, "proxy.kind"),
        ({"proxy": {"documents": [LICENSE]}}, "kind"),
        ({"request_date": "15/06/2025", "principal": {"documents": [LICENSE]}}, "YYYY-MM-DD"),
        ([1, 2], "オブジェクト"),
    ],
)
def test_bad_input_exits_2_with_a_japanese_message(tmp_path, capsys, data, message):
    code, out, err = run(tmp_path, data, capsys=capsys)
    assert code == 2
    assert out == ""
    assert message in err, err
    assert "Traceback" not in err


def test_missing_file_and_bad_on_option(tmp_path, capsys):
    assert main(["verify-id", str(tmp_path / "nope.json")]) == 2
    assert "見つかりません" in capsys.readouterr().err
    path = write(tmp_path, {"principal": {"documents": [LICENSE]}})
    assert main(["verify-id", path, "--on", "2025-13-01"]) == 2
    assert "--on" in capsys.readouterr().err


def test_real_process_never_shows_a_traceback(tmp_path):
    path = write(tmp_path, '{"principal": ')
    result = subprocess.run(
        [sys.executable, "-m", "counter_app", "verify-id", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "JSON の書式" in result.stderr
