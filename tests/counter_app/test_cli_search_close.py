"""The list / search / close-day / export-csv commands, run through counter_app.cli.main on a
real encrypted database in the test's data folder (key in the in-memory keyring)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import keyring
import pytest

from counter_app.cli import main
from counter_app.paths import data_dir
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.security.roles import Role
from counter_app.services.branch import initialise
from counter_app.services.clock import JST
from counter_app.services.intake import register_intake
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    sample_branch,
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.services.sign_in import sign_in
from counter_app.services.staff_accounts import NewStaff, add_staff
from counter_app.store.engine import open_database

NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=JST)
DAY = "2025-06-02"
STAFF = NewStaff("tanaka", "田中 窓口", Role.STAFF, "staff-pass-1")
SUPERVISOR = NewStaff("suzuki", "鈴木 責任者", Role.SUPERVISOR, "super-pass-1")


#: The template database is opened with this key; each test puts it in its own keyring.
TEMPLATE_KEY = bytes(range(32, 64))


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    """A database with a branch, three staff and three requests (argon2 is slow: once)."""
    folder = tmp_path_factory.mktemp("cli-template")
    db = open_database(folder, key=TEMPLATE_KEY)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=NOW)
        add_staff(uow, admin, STAFF, at=NOW)
        add_staff(uow, admin, SUPERVISOR, at=NOW)
        uow.commit()
    clerk = sign_in(db, STAFF.username, STAFF.password, at=NOW)
    with db.unit_of_work() as uow:
        for intake in (sample_self_intake, sample_proxy_intake, sample_correction_intake):
            register_intake(uow, clerk, intake(NOW.date()), now=NOW)
        uow.commit()
    db.close()
    return folder


@pytest.fixture
def counter_home(template, monkeypatch):
    """The template copied into this test's data folder, its key in this test's keyring."""
    shutil.copytree(template, data_dir(), dirs_exist_ok=True)
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    monkeypatch.delenv("COUNTER_APP_USER", raising=False)
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SUPERVISOR.password)


def run(capsys, *argv, user="suzuki"):
    code = main([*argv, "--user", user] if user else list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_by_name_two_characters_and_json(counter_home, capsys):
    code, out, err = run(capsys, "search", "山田")
    assert code == 0, err
    assert "R-BR01-01-2025-000001" in out and "R-BR01-01-2025-000002" in out
    assert "山田 **" in out and "花子" not in out
    assert "2件" in out
    code, out, _ = run(capsys, "search", "𠮷田", "--json")
    data = json.loads(out)
    assert data["kind"] == "name" and data["count"] == 1
    assert data["items"][0]["number"] == "R-BR01-01-2025-000003"
    assert data["items"][0]["name"] == "𠮷田 **"


def test_search_by_phone_and_number(counter_home, capsys):
    _, out, _ = run(capsys, "search", "09012345678", "--json")
    assert [i["number"] for i in json.loads(out)["items"]] == [
        "R-BR01-01-2025-000002",
        "R-BR01-01-2025-000001",
    ]
    _, out, _ = run(capsys, "search", "r-br01-01-2025-000003")
    assert out.startswith("R-BR01-01-2025-000003")
    code, out, _ = run(capsys, "search", "ゆうこ")
    assert code == 0 and "該当する請求はありません" in out


def test_list_by_day_and_overdue(counter_home, capsys):
    code, out, err = run(capsys, "list", "--date", DAY, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["count"] == 3
    assert {i["status"] for i in data["items"]} == {"received"}
    _, out, _ = run(capsys, "list", "--overdue")  # today is long after 2025-06-16
    assert "期限超過" in out and "3件" in out
    _, out, _ = run(capsys, "list", "--status", "decided")
    assert "該当する請求はありません" in out
    code, _, err = run(capsys, "list", "--status", "done")
    assert code == 2 and "状態「done」は使えません" in err


def test_close_day_interim_then_close_then_refuse(counter_home, capsys):
    code, out, err = run(capsys, "close-day", "--date", DAY, "--interim", "--json")
    assert code == 0, err
    interim = json.loads(out)
    assert interim["state"] == "interim" and interim["requests"] == 3
    expected = interim["cash_expected"]
    assert expected > 0

    code, _, err = run(capsys, "close-day", "--date", DAY, "--cash", str(expected - 10))
    assert code == 2 and "過不足の理由を入力してください" in err
    code, _, err = run(capsys, "close-day", "--date", DAY)
    assert code == 2 and "--cash" in err

    code, out, err = run(
        capsys, "close-day", "--date", DAY, "--cash", str(expected - 10), "--note", "釣銭の誤り"
    )
    assert code == 0, err
    assert "締め済み" in out and "C-BR01-01-2025-0001" in out and "不足 10円" in out

    code, _, err = run(capsys, "close-day", "--date", DAY, "--cash", str(expected))
    assert code == 2 and "すでに締め済みです" in err and "Traceback" not in err
    _, out, _ = run(capsys, "close-day", "--date", DAY, "--interim", "--json")
    assert json.loads(out)["close_number"] == "C-BR01-01-2025-0001"


def test_staff_may_not_close_or_export(counter_home, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", STAFF.password)
    code, _, err = run(capsys, "close-day", "--date", DAY, "--cash", "0", user="tanaka")
    assert code == 2 and "「日報の締め」は責任者以上の権限" in err
    code, _, err = run(capsys, "export-csv", "--date", DAY, user="tanaka")
    assert code == 2 and "CSVの出力は責任者以上" in err
    code, out, _ = run(capsys, "close-day", "--date", DAY, "--interim", user="tanaka")
    assert code == 0 and "中間集計" in out
    # with a 責任者's approval on the command line, the staff member may close
    monkeypatch.setenv("COUNTER_APP_APPROVER_PASSWORD", SUPERVISOR.password)
    interim = json.loads(
        run(capsys, "close-day", "--date", DAY, "--interim", "--json", user="tanaka")[1]
    )
    code, out, err = run(
        capsys,
        "close-day",
        "--date",
        DAY,
        "--cash",
        str(interim["cash_expected"]),
        "--approver",
        "suzuki",
        "--json",
        user="tanaka",
    )
    assert code == 0, err
    assert json.loads(out)["closed_by"] == "田中 窓口 (承認 鈴木 責任者)"


def test_export_csv_to_file_and_stdout(counter_home, capsys, tmp_path):
    target = tmp_path / "day.csv"
    code, out, err = run(capsys, "export-csv", "--date", DAY, "--output", str(target), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["rows"] == 3 and summary["unmasked"] is False
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[1][4] == "山田 **"
    args = ("export-csv", "--date", DAY, "--unmasked", "-o", str(target))
    code, _, err = run(capsys, *args)
    assert code == 2 and "すでにあります" in err  # never over a file unasked
    code, _, err = run(capsys, *args, "--force")
    assert code == 2 and "管理者だけ" in err
    assert target.read_bytes().decode("utf-8-sig").splitlines()[1].count("山田 **") == 1
    code, out, err = run(capsys, "export-csv", "--date", DAY)
    assert code == 0, err
    assert out.startswith("\ufeff受付番号,")  # to standard output, with the BOM
    cp932 = tmp_path / "day-sjis.csv"
    code, out, err = run(
        capsys, "export-csv", "--date", DAY, "--encoding", "cp932", "-o", str(cp932)
    )
    assert code == 0, err
    assert "cp932" in out
    assert cp932.read_bytes().decode("cp932").startswith("受付番号,")


def test_bad_login_and_missing_user(counter_home, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "wrong-password")
    code, _, err = run(capsys, "search", "山田")
    assert code == 2 and "ユーザーIDまたはパスワードが違うか" in err
    code, _, err = run(capsys, "search", "山田", user=None)
    assert code == 2 and "ユーザーIDを指定してください" in err
    with pytest.raises(SystemExit) as usage:
        run(capsys, "list", "--date", "2025-13-01")
    assert usage.value.code == 2
    assert "日付「2025-13-01」の形が正しくありません" in capsys.readouterr().err


def test_close_day_with_a_cash_count(counter_home, capsys):
    interim = json.loads(run(capsys, "close-day", "--date", DAY, "--interim", "--json")[1])
    expected = interim["cash_expected"]
    thousands, rest = divmod(expected, 1000)
    count = f"1000={thousands},10={rest // 10},1={rest % 10}"
    code, _, err = run(capsys, "close-day", "--date", DAY, "--denominations", "1000=x")
    assert code == 2 and "「1000=x」が読めません" in err
    code, _, err = run(
        capsys, "close-day", "--date", DAY, "--denominations", count, "--cash", str(expected + 1)
    )
    assert code == 2 and "金種表の合計" in err  # nothing closed
    code, out, err = run(capsys, "close-day", "--date", DAY, "--denominations", count, "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["cash_counted"] == expected and figures["variance"] == 0
    assert figures["cash_denominations"]["1000"] == thousands
    _, out, _ = run(capsys, "close-day", "--date", DAY, "--interim")
    assert f"金種表 1,000円×{thousands}" in out
