"""The store's CLI commands, run in-process (in-memory keyring, COUNTER_APP_HOME in tmp)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from counter_app.cli import main
from counter_app.services.samples import sample_proxy_intake, sample_self_intake

INIT = [
    "init",
    "--branch-code",
    "BR01",
    "--branch-name",
    "水戸宅配センター",
    "--address",
    "茨城県水戸市見本町1-2-3",
    "--phone",
    "029-000-0000",
    "--issuer-name",
    "いばらきコープ生活協同組合",
    "--registration-number",
    "T7123456789012",
    "--admin-user",
    "admin",
    "--admin-name",
    "管理 太郎",
]


def run(capsys, monkeypatch, args, *, password=None, approver_password=None, new_password=None):
    for env, value in (
        ("COUNTER_APP_PASSWORD", password),
        ("COUNTER_APP_APPROVER_PASSWORD", approver_password),
        ("COUNTER_APP_NEW_PASSWORD", new_password),
    ):
        if value is None:
            monkeypatch.delenv(env, raising=False)
        else:
            monkeypatch.setenv(env, value)
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


TEST_KEY = bytes(range(32, 64))


@pytest.fixture(scope="session")
def branch_template(tmp_path_factory):
    """admin, a 窓口担当 (tanaka) and a 責任者 (suzuki), built once (argon2 is slow)."""
    from counter_app.security.roles import Role
    from counter_app.services.branch import initialise
    from counter_app.services.samples import sample_branch
    from counter_app.services.staff_accounts import NewStaff, add_staff
    from counter_app.store.engine import open_database

    folder = tmp_path_factory.mktemp("cli-template")
    db = open_database(folder, key=TEST_KEY)
    with db.unit_of_work() as uow:
        admin = initialise(
            uow, sample_branch(), NewStaff("admin", "管理 太郎", Role.ADMIN, "admin-pass-1")
        )
        add_staff(uow, admin, NewStaff("tanaka", "tanaka 様", Role.STAFF, "staff-pass-1"))
        add_staff(uow, admin, NewStaff("suzuki", "suzuki 様", Role.SUPERVISOR, "super-pass-1"))
        uow.commit()
    db.close()
    return folder


@pytest.fixture
def branch(branch_template, isolated_environment, monkeypatch):
    """A copy of the template as this test's data folder, its key in the test keyring."""
    import os
    import shutil

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    home = os.environ["COUNTER_APP_HOME"]
    shutil.copytree(branch_template, home)
    isolated_environment.set_password(KEYRING_SERVICE, KEYRING_USER, TEST_KEY.hex())


def write_intake(tmp_path, intake):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_init_reports_and_refuses_a_second_time(capsys, monkeypatch, tmp_path):
    code, out, _ = run(capsys, monkeypatch, [*INIT, "--json"], password="admin-pass-1")
    assert code == 0
    assert json.loads(out)["branch"]["registration_number"] == "T7123456789012"
    code, _, err = run(capsys, monkeypatch, INIT, password="admin-pass-1")
    assert code == 2 and "すでに初期化" in err


def test_init_checks_everything_before_creating_the_file(capsys, monkeypatch, tmp_path):
    bad = [*INIT]
    bad[bad.index("T7123456789012")] = "T7123456789013"
    code, _, err = run(capsys, monkeypatch, bad, password="admin-pass-1")
    assert code == 2 and "チェックディジット" in err
    code, _, err = run(capsys, monkeypatch, INIT, password="short")
    assert code == 2 and "8文字以上" in err
    code, _, _ = run(capsys, monkeypatch, INIT, password="admin-pass-1")
    assert code == 0


def test_intake_show_void_reprint_decide_audit(capsys, monkeypatch, tmp_path, branch):
    path = write_intake(tmp_path, sample_self_intake())
    code, out, err = run(
        capsys,
        monkeypatch,
        ["intake", str(path), "--user", "tanaka", "--json"],
        password="staff-pass-1",
    )
    assert code == 0, err
    result = json.loads(out)
    number, receipt = result["request_number"], result["receipt_number"]
    assert number.startswith("R-BR01-") and receipt.startswith("BR01-")

    code, out, _ = run(
        capsys, monkeypatch, ["show", number, "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 0 and "山田 **" in out and "花子" not in out

    code, _, err = run(
        capsys,
        monkeypatch,
        ["show", number, "--reveal", "--reason", "確認", "--user", "tanaka"],
        password="staff-pass-1",
    )
    assert code == 2 and "個人情報の表示" in err

    code, out, _ = run(
        capsys,
        monkeypatch,
        ["show", number, "--reveal", "--reason", "本人確認の照会", "--user", "suzuki", "--json"],
        password="super-pass-1",
    )
    assert code == 0 and json.loads(out)["principal"]["name"] == "山田 花子"

    code, _, err = run(
        capsys,
        monkeypatch,
        ["void", receipt, "--reason", "誤り", "--user", "tanaka"],
        password="staff-pass-1",
    )
    assert code == 2 and "責任者" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [
            "void",
            receipt,
            "--reason",
            "金額の誤り",
            "--user",
            "tanaka",
            "--approver",
            "suzuki",
            "--json",
        ],
        password="staff-pass-1",
        approver_password="super-pass-1",
    )
    assert code == 0, err
    assert json.loads(out)["original_number"] == receipt

    code, out, _ = run(
        capsys,
        monkeypatch,
        ["reprint", receipt, "--user", "tanaka", "--json"],
        password="staff-pass-1",
    )
    data = json.loads(out)
    assert code == 0 and data["reprint"]["reprint_count"] == 1 and data["receipt"]["voided"]

    code, _, err = run(
        capsys,
        monkeypatch,
        ["decide", number, "--outcome", "disclosure=refused", "--user", "suzuki"],
        password="super-pass-1",
    )
    assert code == 2 and "第33条第2項" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [
            "decide",
            number,
            "--outcome",
            "disclosure=refused",
            "--ground",
            "harm",
            "--explanation",
            "第三者の情報を含むため",
            "--user",
            "suzuki",
            "--json",
        ],
        password="super-pass-1",
    )
    assert code == 0, err
    decided = json.loads(out)
    assert (decided["number"], decided["previous"], decided["status"]) == (
        number,
        "received",
        "decided",
    )
    assert decided["status_label"] == "回答済"
    code, _, err = run(
        capsys, monkeypatch, ["start-work", number, "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 2 and "回答済" in err

    code, out, _ = run(
        capsys,
        monkeypatch,
        ["audit", "--request", number, "--user", "suzuki", "--json"],
        password="super-pass-1",
    )
    actions = [row["action"] for row in json.loads(out)]
    assert actions == [
        "intake.register",
        "receipt.issue",
        "personal.reveal",
        "receipt.void",
        "receipt.reprint",
        "request.decide",
    ]
    void_row = next(r for r in json.loads(out) if r["action"] == "receipt.void")
    assert void_row["actor_name"] == "tanaka 様" and void_row["approver_name"] == "suzuki 様"
    code, out, _ = run(
        capsys, monkeypatch, ["audit", "verify", "--user", "suzuki"], password="super-pass-1"
    )
    assert code == 0 and "正常" in out
    code, _, err = run(capsys, monkeypatch, ["audit", "--user", "tanaka"], password="staff-pass-1")
    assert code == 2 and "操作記録の閲覧" in err


def test_proxy_intake_from_json(capsys, monkeypatch, tmp_path, branch):
    path = write_intake(tmp_path, sample_proxy_intake())
    code, out, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 0, err
    assert "受付しました" in out and "お釣り" in out


BAD_JSON = [
    ('{"requester": ', "JSON の書式"),
    (
        '{"requester": {"name": "x"}, "items": [], "identity": {}, "colour": 1}',
        "未知の項目「colour」",
    ),
    ('{"requester": {"name": 5}, "items": [], "identity": {}}', "requester.name"),
    ('{"items": [], "identity": {}}', "必須の項目「requester」"),
    (
        '{"requester": {"name": "山田"}, "items": [{"request_type": "gossip"}], "identity": {}}',
        "gossip",
    ),
    (
        '{"requester": {"name": "山田"}, "items": [], "identity": {"documents": [{"doc_type": "passport", "passport_number": "X"}]}}',
        "番号は記録しません",
    ),
    ("[" * 100000 + "]" * 100000, "入れ子が深すぎます"),
    ('"just a string"', "オブジェクト"),
]


@pytest.mark.parametrize(
    ("content", "message"),
    BAD_JSON,
    ids=[
        "truncated",
        "unknown-field",
        "wrong-type",
        "missing",
        "bad-enum",
        "doc-number",
        "deep",
        "not-object",
    ],
)
def test_bad_json_is_refused_in_japanese(capsys, monkeypatch, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_missing_file_and_not_utf8(capsys, monkeypatch, tmp_path):
    code, _, err = run(
        capsys,
        monkeypatch,
        ["intake", str(tmp_path / "none.json"), "--user", "tanaka"],
        password="staff-pass-1",
    )
    assert code == 2 and "見つかりません" in err
    path = tmp_path / "sjis.json"
    path.write_bytes('{"requester": {"name": "山田"}}'.encode("shift_jis"))
    code, _, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 2 and "UTF-8" in err


def test_wrong_password_and_uninitialised_folder(capsys, monkeypatch, tmp_path):
    code, _, err = run(
        capsys,
        monkeypatch,
        ["show", "R-BR01-01-2025-000001", "--user", "admin"],
        password="whatever1",
    )
    assert code == 2 and "counter-app init" in err
    run(capsys, monkeypatch, INIT, password="admin-pass-1")
    code, _, err = run(
        capsys,
        monkeypatch,
        ["show", "R-BR01-01-2025-000001", "--user", "admin"],
        password="wrong-pass",
    )
    assert code == 2 and "パスワードが違うか" in err


def test_staff_commands_need_an_admin(capsys, monkeypatch, branch):
    code, _, err = run(
        capsys,
        monkeypatch,
        ["staff", "add", "sato", "--name", "佐藤", "--role", "staff", "--user", "suzuki"],
        password="super-pass-1",
        new_password="sato-pass-1",
    )
    assert code == 2 and "職員アカウントの管理" in err
    code, out, _ = run(
        capsys, monkeypatch, ["staff", "list", "--user", "admin", "--json"], password="admin-pass-1"
    )
    assert {p["username"] for p in json.loads(out)} == {"admin", "tanaka", "suzuki"}
    code, out, _ = run(
        capsys,
        monkeypatch,
        ["staff", "disable", "tanaka", "--user", "admin"],
        password="admin-pass-1",
    )
    assert code == 0 and "無効" in out
    code, _, err = run(capsys, monkeypatch, ["audit", "--user", "tanaka"], password="staff-pass-1")
    assert code == 2 and "パスワードが違うか" in err


def test_no_keyring_refuses_with_exit_2(tmp_path):
    """A real process on this box, where keyring has no backend: refuse, no plaintext."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "COUNTER_APP_HOME": str(tmp_path / "home"),
        "COUNTER_APP_PASSWORD": "admin-pass-1",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "counter_app", *INIT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "キーリング" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "home" / "counter.db").exists()


def test_database_from_a_newer_program_is_refused(capsys, monkeypatch, branch):
    import os

    from sqlalchemy import text

    from counter_app.store.engine import open_database

    db = open_database(os.environ["COUNTER_APP_HOME"], key=TEST_KEY)
    with db.unit_of_work() as uow:
        uow.session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        uow.commit()
    db.close()
    code, out, err = run(capsys, monkeypatch, ["audit", "--user", "admin"], password="admin-pass-1")
    assert code == 2 and "新しい版のプログラム" in err and "Traceback" not in err + out


def test_decide_a_purpose_notice_not_given_round_trip(capsys, monkeypatch, tmp_path, branch):
    """`decide --purpose-notice-ground` (Art. 32(2)); an Art. 33(2) `--ground` for it is
    refused naming the article; `show` and `audit` give back the ground and its label."""
    path = write_intake(tmp_path, sample_proxy_intake())  # purpose notice + disclosure
    code, out, err = run(
        capsys,
        monkeypatch,
        ["intake", str(path), "--user", "tanaka", "--json"],
        password="staff-pass-1",
    )
    assert code == 0, err
    number = json.loads(out)["request_number"]
    decide = [
        "decide",
        number,
        "--outcome",
        "purpose_notice=refused",
        "--outcome",
        "disclosure=disclosed_full",
        "--explanation",
        "利用目的はプライバシーポリシーで公表しています",
        "--user",
        "suzuki",
    ]
    code, out, err = run(
        capsys, monkeypatch, [*decide, "--ground", "harm"], password="super-pass-1"
    )
    assert code == 2 and out == ""
    assert "法第33条第2項の理由ではなく法第32条第2項の理由として指定してください" in err
    code, _, err = run(
        capsys,
        monkeypatch,
        [*decide, "--purpose-notice-ground", "other_law"],
        password="super-pass-1",
    )
    assert code == 2 and "理由「other_law」は法第33条第2項の理由" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*decide, "--purpose-notice-ground", "purpose_evident", "--json"],
        password="super-pass-1",
    )
    assert code == 0, err
    assert json.loads(out)["status"] == "decided"

    label = "利用目的が公表等により明らかな場合 (第32条第2項第1号)"
    code, out, _ = run(
        capsys, monkeypatch, ["show", number, "--user", "tanaka", "--json"], password="staff-pass-1"
    )
    view = json.loads(out)
    assert code == 0
    notice, disclosure = view["items"]
    assert (notice["outcome"], notice["outcome_label"]) == ("refused", "利用目的を通知しない")
    assert (notice["ground"], notice["ground_label"]) == ("purpose_evident", label)
    assert (disclosure["ground"], disclosure["ground_label"]) == (None, None)
    assert (view["purpose_notice_ground"], view["purpose_notice_ground_label"]) == (
        "purpose_evident",
        label,
    )
    assert view["decision_ground"] is None
    code, out, _ = run(
        capsys, monkeypatch, ["show", number, "--user", "tanaka"], password="staff-pass-1"
    )
    lines = out.splitlines()
    at = lines.index("請求: 利用目的の通知 → 利用目的を通知しない")
    assert lines[at + 1] == f"  根拠: 個人情報の保護に関する法律 {label}"
    assert "請求: 保有個人データの開示 → 全部開示" in lines

    code, out, _ = run(
        capsys,
        monkeypatch,
        ["audit", "--request", number, "--user", "suzuki", "--json"],
        password="super-pass-1",
    )
    (row,) = [r for r in json.loads(out) if r["action"] == "request.decide"]
    assert row["detail"]["purpose_notice_ground"] == "purpose_evident"
    assert row["detail"]["ground"] is None


def test_staff_password_own_and_by_an_admin(capsys, monkeypatch, branch):
    # a staff member changes their own password: the sign-in password is the current one
    code, _, err = run(
        capsys,
        monkeypatch,
        ["staff", "password", "tanaka", "--user", "tanaka"],
        password="staff-pass-1",
        new_password="staff-pass-2",
    )
    assert code == 0, err
    code, _, err = run(
        capsys,
        monkeypatch,
        ["show", "R-BR01-01-2025-000001", "--user", "tanaka"],
        password="staff-pass-1",
    )
    assert code == 2 and "パスワードが違うか" in err  # the old one no longer signs in
    # the same password again is refused, nothing changes
    code, _, err = run(
        capsys,
        monkeypatch,
        ["staff", "password", "tanaka", "--user", "tanaka"],
        password="staff-pass-2",
        new_password="staff-pass-2",
    )
    assert code == 2 and "同じ" in err
    # a staff member may not set someone else's
    code, _, err = run(
        capsys,
        monkeypatch,
        ["staff", "password", "suzuki", "--user", "tanaka"],
        password="staff-pass-2",
        new_password="suzuki-pass-9",
    )
    assert code == 2 and "職員アカウントの管理" in err
    # an admin resets another's without knowing it
    code, _, err = run(
        capsys,
        monkeypatch,
        ["staff", "password", "tanaka", "--user", "admin"],
        password="admin-pass-1",
        new_password="staff-pass-3",
    )
    assert code == 0, err
    code, _, err = run(capsys, monkeypatch, ["audit", "--user", "tanaka"], password="staff-pass-3")
    # signed in with the new password; refused only for the role (the audit is a 責任者's)
    assert code == 2 and "操作記録の閲覧" in err and "パスワードが違うか" not in err
