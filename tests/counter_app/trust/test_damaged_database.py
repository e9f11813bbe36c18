"""A damaged database is refused untouched, with the newest good backup named (issue 9, item 11).

Real SQLCipher files, damaged the ways a disk, a copy or a person damages them — cut short
anywhere, bytes changed anywhere (the salt, page 1, a page in the middle, the last page), the
WAL of a program that did not close changed anywhere — chosen by hypothesis, and each run
through the ordinary commands (list, show, intake, close-day, audit verify). Every run must be
refused with 「壊れています」, name the newest backup that matches its manifest with its date,
and leave ``counter.db`` and its WAL byte for byte as they were. A 0-byte ``counter.db`` is
refused as empty (never rebuilt, never "wrong password"). The restore the message offers
works on each of them.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter_app.cli import main
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.services.backup.take import take_backup
from counter_app.services.samples import SAMPLE_ADMIN, SAMPLE_SUPERVISOR, sample_self_intake
from counter_app.store.engine import open_database
from counter_app.store.models import Request

from .conftest import TEMPLATE_KEY, copy_counter, register

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FILES = ("counter.db", "counter.db-wal")

#: The ordinary commands, each with what it needs (run as the supervisor).
COMMANDS = {
    "list": ["list"],
    "show": ["show", "R-BR01-01-2025-000001"],
    "intake": ["intake", "{intake}"],
    "close-day": ["close-day", "--date", "2025-06-02", "--cash", "0"],
    "audit verify": ["audit", "verify"],
}


def make_folder(template_folder: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(template_folder, into)
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    return into


@pytest.fixture(scope="module")
def templates(tmp_path_factory, counter_template):
    """Two data folders with a checked backup and newer intakes after it:
    ``closed`` (the program ended: no WAL) and ``crashed`` (the files of a program still
    running or killed: committed transactions still in the WAL, the wal-index beside it)."""
    root = tmp_path_factory.mktemp("damaged")
    source, made = counter_template
    closed = root / "closed"
    shutil.copytree(source, closed)
    db = open_database(closed, key=TEMPLATE_KEY)
    counter = type("C", (), {"db": db, "staff": made.staff})
    for _ in range(3):
        register(counter, sample_self_intake())
    older = take_backup(db, made.supervisor, key=TEMPLATE_KEY)
    newest = take_backup(db, made.supervisor, key=TEMPLATE_KEY)
    for _ in range(2):
        register(counter, sample_self_intake())
    db.close()
    assert not (closed / "counter.db-wal").exists()

    crashed = root / "crashed"
    shutil.copytree(closed, crashed)
    db = open_database(crashed, key=TEMPLATE_KEY)
    counter = type("C", (), {"db": db, "staff": made.staff})
    snapshot = root / "crashed-files"
    shutil.copytree(crashed, snapshot)  # an open database, before the new intakes
    for _ in range(2):
        register(counter, sample_self_intake())
    for name in ("counter.db", "counter.db-wal", "counter.db-shm"):
        shutil.copyfile(crashed / name, snapshot / name)  # as a SIGKILL would leave them
    db.close()
    intake = root / "intake.json"
    intake.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False), "utf-8")
    assert (snapshot / "counter.db-wal").stat().st_size > 32
    return {
        "closed": closed,
        "crashed": snapshot,
        "intake": intake,
        "older": older.path.name,
        "newest": newest.path.name,
    }


def run_cli(folder: Path, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(folder), *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def command(name: str, templates: dict) -> list[str]:
    args = [a.replace("{intake}", str(templates["intake"])) for a in COMMANDS[name]]
    return [*args, "--user", SAMPLE_SUPERVISOR.username]


def contents(folder: Path) -> dict[str, bytes]:
    return {n: (folder / n).read_bytes() for n in FILES if (folder / n).exists()}


def requests_in(folder: Path) -> int:
    db = open_database(folder, key=TEMPLATE_KEY, create=False)
    try:
        with db.unit_of_work(read_only=True) as uow:
            return uow.session.scalar(select(func.count()).select_from(Request))
    finally:
        db.close()


def xor(path: Path, offset: int, mask: bytes) -> None:
    """Change ``len(mask)`` bytes at ``offset`` (each one really changes: the mask is odd)."""
    with open(path, "r+b") as fh:
        fh.seek(offset)
        old = fh.read(len(mask))
        fh.seek(offset)
        fh.write(bytes(a ^ (b | 1) for a, b in zip(old, mask, strict=False)))


def assert_refused_as_damaged(code: int, err: str, templates: dict) -> None:
    assert code == 2, err
    assert "壊れています" in err, err
    assert "何も書き込んでいません" in err
    # the newest backup that checks out, with its date, and the command that restores it
    assert templates["newest"] in err and "作成、控えと一致" in err, err
    assert "counter-app restore" in err and "--yes" in err
    assert "予期しない" not in err and "パスワード" not in err


masks = st.binary(min_size=1, max_size=64)


@SETTINGS
@given(data=st.data(), name=st.sampled_from(sorted(COMMANDS)))
def test_a_damaged_file_is_refused_untouched_by_every_command(
    tmp_path, monkeypatch, templates, data, name
):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["closed"], tmp_path / "data")
    path = folder / "counter.db"
    size = path.stat().st_size
    if data.draw(st.booleans(), label="cut short"):
        with open(path, "r+b") as fh:
            fh.truncate(data.draw(st.integers(1, size - 1), label="new size"))
    else:
        offset = data.draw(
            st.one_of(st.integers(0, 4095), st.integers(0, size - 1)), label="offset"
        )
        xor(path, offset, data.draw(masks, label="mask"))
    before = contents(folder)

    code, _, err = run_cli(folder, command(name, templates))

    assert_refused_as_damaged(code, err, templates)
    assert contents(folder) == before


@SETTINGS
@given(data=st.data(), name=st.sampled_from(sorted(COMMANDS)))
def test_a_damaged_wal_is_refused_untouched_by_every_command(
    tmp_path, monkeypatch, templates, data, name
):
    """SQLite drops a WAL it cannot verify (and deletes it on close): committed intakes would
    vanish without a word. Any change to the WAL of committed transactions is refused."""
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["crashed"], tmp_path / "data")
    wal = folder / "counter.db-wal"
    size = wal.stat().st_size
    offset = data.draw(
        st.one_of(st.integers(0, 31), st.integers(0, size - 1), st.integers(size - 4200, size - 1)),
        label="offset",
    )
    xor(wal, offset, data.draw(masks, label="mask"))
    before = contents(folder)

    code, _, err = run_cli(folder, command(name, templates))

    assert_refused_as_damaged(code, err, templates)
    assert contents(folder) == before


def test_the_wal_of_a_program_that_did_not_close_is_not_taken_for_damage(
    tmp_path, monkeypatch, templates
):
    """The other side of the WAL check: the same files, unchanged, open with every intake."""
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["crashed"], tmp_path / "data")
    code, out, err = run_cli(folder, ["list", "--user", "suzuki", "--json"])
    assert code == 0, err
    assert json.loads(out)["count"] == 7  # 5 checkpointed + 2 only in the WAL


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_empty_file_is_refused_never_rebuilt(tmp_path, monkeypatch, templates, name):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["closed"], tmp_path / "data")
    (folder / "counter.db").write_bytes(b"")

    code, _, err = run_cli(folder, command(name, templates))

    assert code == 2
    assert "空です (0 バイト)" in err and "パスワード" not in err.split("\n")[0]
    assert templates["newest"] in err and "counter-app restore" in err
    assert (folder / "counter.db").stat().st_size == 0
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("counter.db")) == [
        "counter.db"
    ]


def test_init_on_an_empty_file_says_it_is_empty(tmp_path, monkeypatch):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "counter.db").write_bytes(b"")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_ADMIN.password)
    code, _, err = run_cli(
        folder,
        [
            "init",
            *("--branch-code", "BR01", "--branch-name", "水戸宅配センター"),
            *("--address", "茨城県水戸市見本町1-2-3", "--phone", "029-000-0000"),
            *("--issuer-name", "いばらきコープ生活協同組合"),
            *("--registration-number", "T7123456789012"),
            *("--admin-user", "admin", "--admin-name", "管理 太郎"),
        ],
    )
    assert code == 2
    assert "空です" in err and "削除してから" in err  # a first installation: how to go on
    assert (folder / "counter.db").stat().st_size == 0


def test_no_good_backup_says_so(tmp_path, monkeypatch, templates):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["closed"], tmp_path / "data")
    for backup in (folder / "backups").glob("*.db"):
        xor(backup, 5000, b"\xff")  # no longer matches its manifest
    xor(folder / "counter.db", 3 * 4096 + 10, b"\x01")
    code, _, err = run_cli(folder, command("list", templates))
    assert code == 2 and "壊れています" in err
    assert "控えと一致するバックアップが見つかりません" in err


def test_the_newest_backup_that_checks_out_is_the_one_named(tmp_path, monkeypatch, templates):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates["closed"], tmp_path / "data")
    xor(folder / "backups" / templates["newest"], 5000, b"\xff")
    xor(folder / "counter.db", 3 * 4096 + 10, b"\x01")
    code, _, err = run_cli(folder, command("list", templates))
    assert code == 2 and templates["older"] in err and templates["newest"] not in err


@pytest.mark.parametrize(
    ("which", "damage"),
    [
        ("closed", lambda f: xor(f / "counter.db", 0, b"\x10" * 16)),  # the salt
        ("closed", lambda f: xor(f / "counter.db", 6 * 4096 + 100, b"\x02" * 8)),
        (
            "closed",
            lambda f: (f / "counter.db").write_bytes((f / "counter.db").read_bytes()[:-100]),
        ),
        ("closed", lambda f: (f / "counter.db").write_bytes(b"")),
        ("crashed", lambda f: xor(f / "counter.db-wal", 40, b"\x04")),
        ("crashed", lambda f: xor(f / "counter.db-wal", 8, b"\x04")),  # the WAL's header
    ],
    ids=["salt", "middle-page", "cut-short", "empty", "wal-frame", "wal-header"],
)
def test_the_restore_the_message_offers_works(tmp_path, monkeypatch, templates, which, damage):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    folder = make_folder(templates[which], tmp_path / "data")
    damage(folder)
    original = contents(folder)
    _, _, err = run_cli(folder, command("list", templates))
    offered = next(line for line in err.splitlines() if line.startswith("counter-app restore"))
    backup = offered.split()[2]
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_ADMIN.password)

    code, _, err = run_cli(folder, ["restore", backup, "--yes", "--user", "admin"])

    assert code == 0, err
    kept = next(folder.glob("replaced-*"))
    assert contents(kept) == original  # the damaged files, kept whole
    code, _, err = run_cli(folder, ["audit", "verify", "--user", "admin"])
    assert code == 0, err
    assert requests_in(folder) == 3  # as the backup had them


def test_sqlite_corrupt_is_translated():
    from counter_app.store.errors import DatabaseDamaged
    from counter_app.store.sqlite.errors import translate_db_error

    class Corrupt(Exception):
        sqlite_errorname = "SQLITE_CORRUPT"

    translated = translate_db_error(Corrupt("database disk image is malformed"), "/x/counter.db")
    assert isinstance(translated, DatabaseDamaged)
    assert "壊れています" in translated.user_text()


def test_damage_found_in_the_middle_of_a_command_names_the_backup(tmp_path, monkeypatch, templates):
    """If a page goes bad after the database was opened, SQLite's SQLITE_CORRUPT reaches the
    command: it is said as damage, with the backup, not as an unexpected problem."""
    from counter_app.services import database

    folder = make_folder(templates["closed"], tmp_path / "data")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    opened = database.open_counter_database

    def open_then_damage(*args, **kwargs):
        db = opened(*args, **kwargs)
        db.engine.dispose()
        path = folder / "counter.db"
        for page in range(1, path.stat().st_size // 4096):  # every page but the first
            xor(path, page * 4096 + 100, b"\x01")
        return db

    monkeypatch.setattr(database, "open_counter_database", open_then_damage)
    code, _, err = run_cli(folder, command("list", templates))
    assert_refused_as_damaged(code, err, templates)


def test_a_healthy_copy_still_works(tmp_path, monkeypatch, counter_template):
    counter = copy_counter(counter_template, tmp_path / "data")
    counter.db.close()
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
    code, _, err = run_cli(tmp_path / "data", ["list", "--user", "suzuki"])
    assert code == 0, err


WRITER = """
import json, sys, time
from pathlib import Path
from tests.counter_app.trust.crash_harness import _actor, _register_one
from counter_app.store.engine import open_database
spec = json.loads(sys.argv[1])
db = open_database(Path(spec["folder"]), key=bytes.fromhex(spec["key"]))
print("ready", flush=True)
n = 0
deadline = time.monotonic() + spec["seconds"]
while time.monotonic() < deadline:
    _register_one(db, _actor(spec["actor"]), n)
    n += 1
print(n, flush=True)
db.close()
"""


def test_a_program_writing_at_the_same_time_is_not_taken_for_damage(
    tmp_path, monkeypatch, counter_template
):
    """The WAL another program is appending to right now is read half-written at times: that
    is not damage (the WAL is read a second time before it is called damaged)."""
    import subprocess
    import sys

    from counter_app.errors import StorageError
    from counter_app.store.sqlite.health import check_database_file

    source, made = counter_template
    folder = make_folder(source, tmp_path / "data")
    staff = made.staff
    spec = {
        "folder": str(folder),
        "key": TEMPLATE_KEY.hex(),
        "seconds": 8,
        "actor": {
            "staff_id": staff.staff_id,
            "username": staff.username,
            "display_name": staff.display_name,
            "role": staff.role.value,
            "branch_code": staff.branch_code,
        },
    }
    root = Path(__file__).resolve().parents[3]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, json.dumps(spec)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_SUPERVISOR.password)
        refusals, checks, commands = [], 0, 0
        while writer.poll() is None:
            try:  # the check alone, as often as it can run
                check_database_file(folder / "counter.db", TEMPLATE_KEY)
            except StorageError as exc:
                refusals.append(exc.user_text())
            checks += 1
            if checks % 25 == 0:  # and now and then a whole command
                code, _, err = run_cli(folder, ["list", "--user", "suzuki"])
                commands += 1
                if code != 0:
                    refusals.append(err)
        written = int(writer.stdout.readline())
    finally:
        writer.kill()
        writer.wait()
    assert written > 20 and checks > 40 and commands > 1, (written, checks, commands)
    assert refusals == []


def test_a_look_that_met_a_writer_is_made_again_and_damage_that_stays_is_refused(
    tmp_path, monkeypatch, counter_template
):
    """The rule behind the race test above, made deterministic: a page check that fails while
    the files change under it (a checkpoint copying pages into the file) is made again until
    the files hold still; a failure on files that do not change is damage, said after the
    second look. (Seen under load: a checkpoint's half-copied pages were called damage, since
    only the WAL was looked at twice.)"""
    from counter_app.store.sqlite import health
    from counter_app.store.sqlite.health import DatabaseDamaged, check_database_file

    source, _ = counter_template
    folder = make_folder(source, tmp_path / "data")
    database = folder / "counter.db"
    real_check = health._check_pages
    monkeypatch.setattr(health, "WAL_SECOND_LOOK_S", 0.0)
    calls = []

    def torn_while_written(path, key, *, read_wal):  # a writer is at work for 3 looks
        calls.append(read_wal)
        if len(calls) <= 3:
            with open(database, "ab") as fh:  # the file changes under the look
                fh.write(b"")
            database.touch()
            raise DatabaseDamaged(str(path), "1 ページが検証できません: 7")
        return real_check(path, key, read_wal=read_wal)

    monkeypatch.setattr(health, "_check_pages", torn_while_written)
    check_database_file(database, TEMPLATE_KEY)  # no refusal
    assert len(calls) == 4

    calls.clear()

    def damaged(path, key, *, read_wal):  # the same failure, files holding still
        calls.append(read_wal)
        raise DatabaseDamaged(str(path), "1 ページが検証できません: 7")

    monkeypatch.setattr(health, "_check_pages", damaged)
    with pytest.raises(DatabaseDamaged):
        check_database_file(database, TEMPLATE_KEY)
    assert len(calls) == 2  # looked at twice, then said
