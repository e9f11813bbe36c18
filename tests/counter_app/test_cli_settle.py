"""``counter-app intake`` with "copies": "undecided", then ``settle`` / ``settle-void`` and
``show``, run in-process on a real encrypted database."""

from __future__ import annotations

import json

import pytest

from counter_app.services.samples import sample_self_intake

from .test_cli_store import branch, branch_template, run  # noqa: F401 - fixtures

STAFF = ["--user", "tanaka"]


def intake_undecided(tmp_path, capsys, monkeypatch, value="undecided", key="pages"):
    data = sample_self_intake().to_dict()
    data.pop("pages")
    data[key] = value
    data["amount_received"] = 1000
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(
        capsys, monkeypatch, ["intake", str(path), *STAFF, "--json"], password="staff-pass-1"
    )
    assert code == 0, err
    return json.loads(out)


def test_undecided_intake_then_settle_once_then_void_and_settle_again(
    capsys,
    monkeypatch,
    tmp_path,
    branch,  # noqa: F811
):
    taken = intake_undecided(tmp_path, capsys, monkeypatch, "未定", key="copies")
    number = taken["request_number"]
    assert taken["total"] == 1000 and taken["settlement_pending"] is True

    code, out, _ = run(capsys, monkeypatch, ["show", number, *STAFF], password="staff-pass-1")
    assert code == 0 and "精算: 精算待ち" in out

    code, out, err = run(
        capsys,
        monkeypatch,
        ["settle", number, "--pages", "12", "--dry-run", *STAFF, "--json"],
        password="staff-pass-1",
    )
    assert code == 0, err
    preview = json.loads(out)
    due = preview["difference"]
    assert due > 0 and preview["charged"] == 1000
    assert preview["first_receipt_number"] == taken["receipt_number"]

    code, _, err = run(
        capsys,
        monkeypatch,
        ["settle", number, "--pages", "12", "--received", str(due - 1), *STAFF],
        password="staff-pass-1",
    )
    assert code == 2 and "足りません" in err

    code, out, err = run(
        capsys,
        monkeypatch,
        ["settle", number, "--pages", "１２枚", "--received", "2,000", *STAFF],
        password="staff-pass-1",
    )
    assert code == 0, err
    first = out.split("精算書 ")[1].split("、")[0]
    prefix = first.rsplit("-", 1)[0]  # S-BR01-<fiscal year of today>
    assert first == f"{prefix}-000001" and prefix.startswith("S-BR01-")
    assert f"追加でいただく額 {due:,}円" in out
    assert f"おつり {2000 - due:,}円" in out

    code, _, err = run(
        capsys, monkeypatch, ["settle", number, "--pages", "12", *STAFF], password="staff-pass-1"
    )
    assert code == 2 and "すでに精算されています" in err

    code, _, err = run(
        capsys,
        monkeypatch,
        ["settle-void", first, "--reason", "枚数の誤り", *STAFF],
        password="staff-pass-1",
    )
    assert code == 2 and "責任者" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        ["settle-void", first, "--reason", "枚数の誤り", "--user", "suzuki"],
        password="super-pass-1",
    )
    assert code == 0, err
    assert f"取消番号 {prefix}-000002" in out and "精算待ちに戻りました" in out

    code, out, err = run(
        capsys,
        monkeypatch,
        ["settle", number, "--pages", "10", "--received", "1000", *STAFF, "--json"],
        password="staff-pass-1",
    )
    assert code == 0, err
    again = json.loads(out)
    assert again["number"] == f"{prefix}-000003" and again["pages"] == 10

    code, out, _ = run(capsys, monkeypatch, ["show", number, *STAFF], password="staff-pass-1")
    assert "精算: 精算済み" in out
    assert f"精算書: {first} " in out and f"(取消: {prefix}-000002)" in out
    assert f"精算取消: {prefix}-000002" in out
    assert f"精算書: {prefix}-000003" in out

    # the day's figures: the settlements are in the cash, and said
    from counter_app.services.clock import today

    on = ["close-day", "--interim", "--date", today().isoformat(), "--user", "suzuki"]
    code, out, err = run(
        capsys,
        monkeypatch,
        [*on, "--json"],
        password="super-pass-1",
    )
    assert code == 0, err
    day = json.loads(out)
    assert (day["settlements"], day["settlement_voids"]) == (2, 1)
    assert day["settled_amount"] == again["difference"]  # due, then -due, then the second
    assert day["cash_expected"] == taken["total"] + again["difference"]
    code, out, err = run(capsys, monkeypatch, on, password="super-pass-1")
    assert code == 0, err
    assert f"精算 2件 (精算取消 1件)  差引 {again['difference']:,}円" in out


def test_a_count_that_is_no_number_is_refused_in_japanese(
    capsys,
    monkeypatch,
    tmp_path,
    branch,  # noqa: F811
):
    taken = intake_undecided(tmp_path, capsys, monkeypatch)
    with pytest.raises(SystemExit) as exit_info:
        run(
            capsys,
            monkeypatch,
            ["settle", taken["request_number"], "--pages", "たくさん", *STAFF],
            password="staff-pass-1",
        )
    assert exit_info.value.code == 2
    assert "0以上の整数を指定してください (値: たくさん)" in capsys.readouterr().err
    data = sample_self_intake().to_dict()
    data["pages"] = "some"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, ["intake", str(path), *STAFF], password="staff-pass-1")
    assert code == 2 and '"undecided"' in err and "複写の枚数" in err


def test_list_settlement_pending_finds_only_the_requests_to_settle(
    capsys,
    monkeypatch,
    tmp_path,
    branch,  # noqa: F811
):
    taken = intake_undecided(tmp_path, capsys, monkeypatch)
    path = tmp_path / "known.json"
    path.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False), "utf-8")
    code, out, err = run(
        capsys, monkeypatch, ["intake", str(path), *STAFF, "--json"], password="staff-pass-1"
    )
    assert code == 0, err
    known = json.loads(out)["request_number"]
    code, out, _ = run(
        capsys,
        monkeypatch,
        ["list", "--settlement-pending", *STAFF, "--json"],
        password="staff-pass-1",
    )
    numbers = [i["number"] for i in json.loads(out)["items"]]
    assert numbers == [taken["request_number"]] and known not in numbers
    code, _, err = run(
        capsys,
        monkeypatch,
        ["settle", taken["request_number"], "--pages", "1", "--received", "5000", *STAFF],
        password="staff-pass-1",
    )
    assert code == 0, err
    code, out, _ = run(
        capsys,
        monkeypatch,
        ["list", "--settlement-pending", *STAFF, "--json"],
        password="staff-pass-1",
    )
    assert json.loads(out)["count"] == 0


def test_reprint_takes_a_settlement_number(capsys, monkeypatch, tmp_path, branch):  # noqa: F811
    taken = intake_undecided(tmp_path, capsys, monkeypatch)
    code, out, err = run(
        capsys,
        monkeypatch,
        ["settle", taken["request_number"], "--pages", "3", "--received", "5000", *STAFF, "--json"],
        password="staff-pass-1",
    )
    assert code == 0, err
    number = json.loads(out)["number"]
    code, out, err = run(
        capsys, monkeypatch, ["reprint", number, *STAFF, "--json"], password="staff-pass-1"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["reprint"]["reprint_count"] == 1 and data["receipt"]["title"] == "精算領収書"
    code, out, _ = run(capsys, monkeypatch, ["reprint", number, *STAFF], password="staff-pass-1")
    assert f"精算領収書 {number} 再発行 2回目" in out
