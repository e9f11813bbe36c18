"""File arguments of the commands, run as an attacker would (issue 9, items 1, 12, 13).

- ``export-csv -o`` never writes into the data folder (the database, WAL/SHM, backups,
  manifests, logs...), never over a file without ``--force``.
- Every command taking a file (intake, verify-id, backup verify, restore, export-csv -o)
  answers a hostile path (over-long, NUL, missing folder, folder, FIFO, links, devices) with
  exit 2 and a Japanese message, at once; devices and huge files are never read.
- A message quoting a 10 MB argument is cut to a readable length, control characters shown.
- An intake with 100,000 documents is refused, naming the key and the limit.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.services.samples import sample_self_intake
from tests.time_limit import time_limit

from .files.path_classes import Playground, bad_input_paths, bad_output_paths
from .test_cli_store import branch as branch  # the fixtures: a data folder with staff
from .test_cli_store import branch_template as branch_template
from .test_cli_store import run

ROOT = Path(__file__).resolve().parents[2]
#: The longest error line a person can read (counter_app.echo.LINE_LIMIT).
LINE_LIMIT = 400
DAY = "2025-06-02"
FIXTURE_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def never_hang():
    """A command that waits on a FIFO fails after 120 s instead of hanging the suite."""
    with time_limit(120, "the command waited on its file (a FIFO?)"):
        yield


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (what must not change)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def readable(err: str) -> bool:
    """Every line short enough to read, and nothing in it that drives the terminal or hides
    (control and format characters, line separators, undecodable bytes)."""
    hidden = ("Cc", "Cf", "Cs", "Zl", "Zp")
    return all(
        len(line) <= LINE_LIMIT and not any(unicodedata.category(c) in hidden for c in line)
        for line in err.split("\n")
    )


def japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


@pytest.fixture
def home(request, capsys, monkeypatch) -> Path:
    """The test's data folder with a backup and its manifest in it."""
    request.getfixturevalue("branch")
    code, _, err = run(capsys, monkeypatch, ["backup", "--user", "admin"], password="admin-pass-1")
    assert code == 0, err
    return Path(os.environ["COUNTER_APP_HOME"])


def data_folder_targets(home: Path) -> st.SearchStrategy[str]:
    names = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    names += ["counter.db-wal", "counter.db-shm", "backups/new.csv", "export.csv"]
    assert any(n.startswith("backups/") and n.endswith(".json") for n in names)
    return st.sampled_from(names).flatmap(
        lambda name: st.sampled_from(
            [
                str(home / name),
                str(home / "backups" / ".." / name),
                os.path.relpath(home / name),
            ]
        )
    )


def test_export_never_writes_into_the_data_folder(home, capsys, monkeypatch):
    before = tree(home)

    @FIXTURE_SETTINGS
    @given(data_folder_targets(home), st.booleans())
    def check(target, force):
        args = ["export-csv", "--date", DAY, "--user", "admin", "-o", target]
        code, out, err = run(
            capsys, monkeypatch, [*args, *(["--force"] if force else [])], password="admin-pass-1"
        )
        assert code == 2, (target, out, err)
        assert "データフォルダ" in err and readable(err)
        assert tree(home) == before

    check()


def test_export_replaces_a_file_only_with_force(home, capsys, monkeypatch, tmp_path):
    target = tmp_path / "earlier.csv"
    target.write_bytes(b"earlier")
    args = ["export-csv", "--date", DAY, "--user", "admin", "-o", str(target)]
    code, _, err = run(capsys, monkeypatch, args, password="admin-pass-1")
    assert code == 2 and "すでにあります" in err and "--force" in err
    assert target.read_bytes() == b"earlier"
    code, _, err = run(capsys, monkeypatch, [*args, "--force"], password="admin-pass-1")
    assert code == 0, err
    assert target.read_bytes().startswith("\ufeff受付番号".encode())


#: In-process only what the old code could not turn into a memory hog (devices, 5 GB file:
#: see test_devices_and_huge_files_are_never_read).
IN_PROCESS = ("long", "nul", "missing", "a-folder", "a-fifo", "link-to-fifo", "link-loop")


def test_every_file_argument_refuses_hostile_paths(home, capsys, monkeypatch, tmp_path_factory):
    ground = Playground.build(tmp_path_factory.getbasetemp() / "cli-playground")
    before = tree(home)
    commands = {
        "intake": lambda p: ["intake", p, "--user", "admin"],
        "verify-id": lambda p: ["verify-id", p],
        "backup verify": lambda p: ["backup", "verify", p],
        "restore": lambda p: ["restore", p, "--user", "admin"],
    }
    inputs = bad_input_paths(ground).filter(lambda case: case[0] in IN_PROCESS)
    outputs = bad_output_paths(ground).filter(lambda case: case[0] in IN_PROCESS)
    cases = st.one_of(
        st.tuples(st.sampled_from(sorted(commands)), inputs),
        st.tuples(st.just("export-csv -o"), outputs),
    )

    @FIXTURE_SETTINGS
    @given(cases)
    def check(case):
        command, (kind, path) = case
        if command == "export-csv -o":
            args = ["export-csv", "--date", DAY, "--user", "admin", "-o", path, "--force"]
        else:
            args = commands[command](path)
        code, _, err = run(capsys, monkeypatch, args, password="admin-pass-1")
        assert code == 2, (command, kind, err[:300])
        assert japanese(err) and readable(err), (command, kind, err[:300])
        assert tree(home) == before

    check()


def _limited_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def run_process(args: list[str], tmp_path: Path, stdin=None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COUNTER_APP_HOME": str(tmp_path / "home"),
        "COUNTER_APP_PASSWORD": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=stdin,
        preexec_fn=_limited_memory,
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    "target", ["/dev/zero", "/dev/urandom", "link-to-zero", "big.json"], ids=str
)
def test_devices_and_huge_files_are_never_read(tmp_path, tmp_path_factory, target):
    ground = Playground.build(tmp_path_factory.getbasetemp() / "cli-playground")
    path = target if target.startswith("/") else ground.special(target)
    done = run_process(["intake", path, "--user", "admin"], tmp_path)
    assert done.returncode == 2, done.stderr[-500:]
    assert japanese(done.stderr) and "Traceback" not in done.stderr


def test_a_password_line_from_dev_zero_is_refused(tmp_path):
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False))
    with open("/dev/zero", "rb") as zero:
        done = run_process(
            ["intake", str(intake), "--user", "admin", "--password-stdin"], tmp_path, stdin=zero
        )
    assert done.returncode == 2, done.stderr[-500:]
    assert "長すぎます" in done.stderr


#: Commands that quote a value back in their error (argparse and the commands' own checks).
ECHOING = [
    ["list", "--date"],
    ["search", "山田", "--kind"],
    ["export-csv", "--date", DAY, "--encoding"],
    ["quote", "--type"],
    ["decide", "R-BR01-01-2025-000001", "--outcome"],
]


@st.composite
def huge_values(draw) -> str:
    """Up to 10 MB of text: any characters, control characters and line breaks included."""
    unit = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
    size = draw(st.integers(LINE_LIMIT, 10_000_000))
    return (unit * (size // len(unit) + 1))[:size]


def test_a_huge_argument_is_not_echoed_whole(capsys, monkeypatch):
    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(ECHOING), huge_values())
    @example(["decide", "R-BR01-01-2025-000001", "--outcome"], "開示=" + "\x1b[2J" * 2_500_000)
    def check(command, value):
        try:
            code, _, err = run(capsys, monkeypatch, [*command, value])
        except SystemExit as usage:  # argparse refused the value
            code, err = usage.code, capsys.readouterr().err
        assert code == 2
        assert len(err) < 3 * LINE_LIMIT + 2000, (command, len(err))
        assert readable(err), command

    check()


@pytest.mark.usefixtures("branch")
def test_a_huge_value_inside_an_intake_is_not_echoed_whole(capsys, monkeypatch, tmp_path):
    data = sample_self_intake().to_dict()
    data["delivery"] = "郵送\x1b[2J" * 50_000  # 350,000 characters, with terminal escapes
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "admin"], password="admin-pass-1"
    )
    assert code == 2 and "delivery" in err
    assert len(err) < 2000 and readable(err) and "\x1b" not in err


@pytest.mark.usefixtures("branch")
def test_an_intake_with_thousands_of_documents_is_refused(capsys, monkeypatch, tmp_path):
    data = sample_self_intake().to_dict()
    # as many as fit in the 1 MB a JSON file may have
    data["identity"]["documents"] = [{"doc_type": "passport", "original": True}] * 20_000
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size < 1024 * 1024
    code, out, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "admin"], password="admin-pass-1"
    )
    assert code == 2, out
    assert "「identity.documents」は3件まで" in err and "20,000件" in err


def test_a_hostile_data_folder_is_refused_as_a_usage_error(capsys, tmp_path_factory):
    ground = Playground.build(tmp_path_factory.getbasetemp() / "cli-playground")
    folders = bad_input_paths(ground).filter(lambda case: case[0] in ("long", "nul"))

    @settings(max_examples=20, deadline=None)
    @given(folders)
    def check(case):
        kind, path = case
        with pytest.raises(SystemExit) as usage:
            main(["--data-dir", path, "list", "--today", "--user", "admin"])
        err = capsys.readouterr().err
        assert usage.value.code == 2, kind
        assert "データフォルダ" in err and readable(err), kind

    check()
