"""``counter-app quote``: Japanese table, JSON output, and bad input -> exit 2 in Japanese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.fees import FeeQuestions, FeeQuote

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = [
    "quote",
    "--type",
    "disclosure",
    "--type",
    "purpose_notice",
    "--pages",
    "12",
    "--method",
    "paper",
    "--delivery",
    "mail",
    "--mail-class",
    "simple_registered",
    "--on",
    "2025-06-01",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table(capsys):
    code, out, err = run(capsys, *EXAMPLE)
    assert (code, err) == (0, "")
    assert "手数料の見積 (請求日 2025年6月1日・手数料表 2024-04-01 版・税込)" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert rows["保有個人データの開示"][-3:] == ["¥1,000", "¥1,000", "10%"]
    assert rows["利用目的の通知"][-3:] == ["¥500", "¥500", "10%"]
    assert rows["写しの交付"][-4:] == ["12", "¥10", "¥120", "10%"]
    assert rows["10%対象"][1:] == ["¥2,150", "(消費税", "¥195)"]
    assert rows["合計"] == ["合計", "¥2,150"]
    assert "郵送: 角形2号・定形外 (規格内)・約69.6 g (13枚)・簡易書留 = ¥180 + ¥350" in out


def test_json_round_trips(capsys):
    code, out, _ = run(capsys, *EXAMPLE, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["on"] == "2025-06-01"
    questions = FeeQuestions.from_dict(doc["questions"])
    quote = FeeQuote.from_dict(doc["quote"])
    assert questions.pages == 12
    assert (quote.total, quote.tax_by_rate, quote.schedule_version) == (
        2150,
        {10: 195},
        "2024-04-01",
    )
    assert doc["quote"]["postage"]["weight_dg"] == 696
    assert doc["quote"]["taxable_by_rate"] == {"10": 2150}


def test_waive_and_reduce(capsys):
    code, out, _ = run(capsys, *EXAMPLE, "--waive", "生活保護受給中のため", "--json")
    quote = json.loads(out)["quote"]
    assert (code, quote["total"], quote["adjustment"]) == (
        0,
        0,
        {"kind": "waive", "amount": 2150, "reason": "生活保護受給中のため"},
    )
    code, out, _ = run(capsys, *EXAMPLE, "--reduce", "150", "--reason", "複写代の一部を減額")
    assert code == 0
    assert "減額 (理由: 複写代の一部を減額)" in out
    assert "-¥150" in out
    assert [ln.split() for ln in out.splitlines() if ln.startswith("合計")] == [["合計", "¥2,000"]]


def test_free_types_are_listed(capsys):
    code, out, _ = run(
        capsys, "quote", "--type", "correction", "--type", "suspension", "--on", "2025-06-01"
    )
    assert code == 0
    assert "(手数料のかかる項目はありません)" in out
    assert "手数料なし: 訂正・追加・削除、利用停止・消去 (個人情報保護法第38条)" in out
    assert [ln.split() for ln in out.splitlines() if ln.startswith("合計")] == [["合計", "¥0"]]


def test_today_is_the_default_date(capsys):
    code, out, _ = run(capsys, "quote", "--type", "purpose_notice", "--json")
    assert code == 0
    assert json.loads(out)["quote"]["total"] == 500


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--type", "disclosure", "--method", "paper", "--pages", "-1"], "0以上の整数"),
        (["--type", "disclosure", "--method", "paper", "--pages", "many"], "0以上の整数"),
        (["--type", "gossip"], "請求の種類が正しくありません: gossip"),
        ([], "請求の種類を --type で"),
        (["--type", "disclosure"], "開示の方法"),
        (["--type", "disclosure", "--method", "fax"], "開示の方法が正しくありません"),
        (
            ["--type", "purpose_notice", "--delivery", "mail", "--mail-class", "pigeon"],
            "郵便の種類が",
        ),
        (
            ["--type", "disclosure", "--method", "paper", "--pages", "1000", "--delivery", "mail"],
            "郵送できません",
        ),
        (["--type", "purpose_notice", "--on", "2024-03-31"], "最初の手数料表"),
        (["--type", "purpose_notice", "--on", "2025/06/01"], "YYYY-MM-DD"),
        (["--type", "purpose_notice", "--reduce", "100"], "--reason"),
        (["--type", "purpose_notice", "--reduce", "600", "--reason", "x"], "超えています"),
        (["--type", "purpose_notice", "--waive", "  "], "理由を入力"),
        (["--type", "purpose_notice", "--reason", "x"], "--reduce と一緒に"),
        (["--type", "correction", "--waive", "念のため"], "減免はできません"),
    ],
)
def test_bad_input_exits_2_in_japanese(capsys, argv, message):
    code, out, err = run(capsys, "quote", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("エラー: ")
    assert message in err
    assert "Traceback" not in err


def test_waive_and_reduce_are_exclusive(capsys):
    with pytest.raises(SystemExit) as info:
        main(
            ["quote", "--type", "purpose_notice", "--waive", "a", "--reduce", "1", "--reason", "b"]
        )
    assert info.value.code == 2
    assert "指定が正しくありません" in capsys.readouterr().err


def test_real_process_over_4_kg(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "counter_app",
            "quote",
            "--type",
            "disclosure",
            "--method",
            "paper",
            "--pages",
            "950",
            "--delivery",
            "mail",
            "--on",
            "2025-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
        },
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "エラー: 重さが約4,009.2 gになり、郵便で送れる上限 (4,000.0 g) を超えるため郵送できません。\n"
        "窓口でお渡しするか、複数の郵便物に分けて送付してください。\n"
    )


def test_quote_with_pages_undecided_takes_the_handling_fee_and_says_it_settles_later(capsys):
    from counter_app.cli import main

    code = main(
        [
            "quote",
            "--type",
            "disclosure",
            "--method",
            "paper",
            "--pages",
            "未定",
            "--on",
            "2025-06-02",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "合計                                             ¥1,000" in out
    assert "写しの枚数: 未定 (写しの代金と郵送料は回答時に精算します)" in out
    code = main(
        [
            "quote",
            "--type",
            "disclosure",
            "--method",
            "paper",
            "--pages",
            "undecided",
            "--on",
            "2025-06-02",
            "--json",
        ]
    )
    assert code == 0 and '"settlement_pending": true' in capsys.readouterr().out
