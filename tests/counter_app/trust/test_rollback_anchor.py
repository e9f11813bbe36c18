"""A rollback by copying files is caught, and no number is ever handed out twice (issue 9,
item 10).

With file access and no key, someone copies an older file over ``counter.db`` — the newest
backup, an older one, or a copy of the data folder taken earlier — and may delete, garble or
edit the newer manifests that would show it. Before, ``audit verify`` passed and the next
intake reused a receipt number already printed. Now the rollback anchor in the OS keyring
(here the in-memory test keyring) shows it: ``audit verify`` fails naming it, every command
that would hand out a number refuses with a clear message, and the administrator's audited
``audit accept-rollback`` (or a ``restore``) lets the counter go on *above* every number
printed before. Real SQLCipher files, real file copies (with the -wal/-shm), the real CLI.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.services.database import open_database
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_self_intake,
)
from counter_app.store.sqlite.cipher import key_pragma

from .conftest import TEMPLATE_KEY, forget_anchor

ROLLED_BACK = "以前の状態に戻されています"
COMPANIONS = ("-wal", "-shm")


def run(capsys, monkeypatch, folder: Path, args: list[str], password: str = "") -> tuple[int, str]:
    monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "予期しない問題" not in out + err
    return code, out + err


def cli_intake(capsys, monkeypatch, folder: Path) -> tuple[int, str, str | None]:
    """One intake through the real CLI: (exit code, text, the receipt number printed)."""
    path = folder.parent / "intake.json"
    path.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False), "utf-8")
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["intake", str(path), "--user", SAMPLE_STAFF.username, "--json"],
        SAMPLE_STAFF.password,
    )
    if code != 0:
        return code, text, None
    return code, text, json.loads(text)["receipt_number"]


def backup(capsys, monkeypatch, folder: Path) -> Path:
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["backup", "--user", SAMPLE_SUPERVISOR.username, "--json"],
        SAMPLE_SUPERVISOR.password,
    )
    assert code == 0, text
    return Path(json.loads(text)["path"])


def snapshot(folder: Path, into: Path) -> Path:
    """A plain copy of the database files as they are (no program involved)."""
    into.mkdir()
    for suffix in ("", *COMPANIONS):
        source = folder / f"counter.db{suffix}"
        if source.exists():
            shutil.copyfile(source, into / source.name)
    return into


def copy_over(folder: Path, source: Path) -> None:
    """Put ``source`` (a backup file, or a snapshot folder) in place of the live database."""
    for suffix in COMPANIONS:
        (folder / f"counter.db{suffix}").unlink(missing_ok=True)
    if source.is_dir():
        for path in source.iterdir():
            shutil.copyfile(path, folder / path.name)
    else:
        shutil.copyfile(source, folder / "counter.db")


def hide_manifest(manifest: Path, how: str) -> None:
    if how == "delete":
        manifest.unlink()
    elif how == "garble":
        manifest.write_bytes(manifest.read_bytes()[:40] + b"\x00garbled")
    elif how == "edit":  # an anchor pointing at the older state, without the key's MAC
        data = json.loads(manifest.read_text("utf-8"))
        data["audit_seq"] = 1
        manifest.write_text(json.dumps(data), "utf-8")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    before=st.integers(1, 2),
    between=st.integers(1, 3),
    source=st.sampled_from(["newest backup", "older backup", "snapshot"]),
    manifest=st.sampled_from(["keep", "delete", "garble", "edit"]),
)
def test_a_rollback_by_file_copy_is_caught_and_numbers_are_never_reused(
    capsys, monkeypatch, counter, before, between, source, manifest
):
    counter.db.close()
    folder = Path(tempfile.mkdtemp(dir=counter.db.folder.parent)) / "data"
    shutil.copytree(counter.db.folder, folder)
    forget_anchor(folder)  # each example is an installation of its own
    printed: list[str] = []

    def intake() -> None:
        code, text, number = cli_intake(capsys, monkeypatch, folder)
        assert code == 0, text
        printed.append(number)

    for _ in range(before):
        intake()
    older = backup(capsys, monkeypatch, folder)
    snap = snapshot(folder, folder.parent / "snapshot")
    for _ in range(between):
        intake()
    newest = backup(capsys, monkeypatch, folder)
    intake()  # printed after the newest backup: every rollback below loses it
    chosen = {"newest backup": newest, "older backup": older, "snapshot": snap}[source]
    hide_manifest(newest.with_suffix(".json"), manifest)

    copy_over(folder, chosen)

    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "verify", "--user", SAMPLE_ADMIN.username],
        SAMPLE_ADMIN.password,
    )
    assert code == 1, text
    assert "操作記録に不整合があります" in text
    if manifest != "keep" or source == "newest backup":  # nothing but the keyring shows it
        assert "キーリング" in text

    code, text, number = cli_intake(capsys, monkeypatch, folder)
    assert code == 2 and number is None
    assert ROLLED_BACK in text and "番号の二重発行を防ぐため" in text
    assert "accept-rollback" in text and "restore" in text
    code, text = run(  # reading still works
        capsys,
        monkeypatch,
        folder,
        ["list", "--user", SAMPLE_STAFF.username],
        SAMPLE_STAFF.password,
    )
    assert code == 0, text

    # the administrator accepts the older state on purpose (audited); numbers go on above
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "accept-rollback", "--user", SAMPLE_STAFF.username, "--yes"],
        SAMPLE_STAFF.password,
    )
    assert code == 2 and "管理者" in text
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "accept-rollback", "--user", SAMPLE_ADMIN.username, "--yes", "--json"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text
    accepted = json.loads(text)
    assert accepted["accepted"] and accepted["anchor_before_seq"] > 0
    intake()
    assert len(printed) == len(set(printed)), printed  # never the same number twice
    assert printed[-1] > max(printed[:-1])
    assert "anchor.accept" in actions(folder)
    shutil.rmtree(folder.parent)


def actions(folder: Path) -> list[str]:
    conn = sqlcipher3.connect(str(folder / "counter.db"))
    try:
        conn.execute(key_pragma(TEMPLATE_KEY))
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    finally:
        conn.close()


def test_a_restore_resets_the_anchor_and_skips_the_numbers_printed_since(
    capsys, monkeypatch, counter
):
    """A legitimate restore (管理者, through ``restore``) is not a rollback: the anchor is reset
    with the restore's audit row, and the numbers printed after the backup are not reused."""
    folder = counter.db.folder
    counter.db.close()
    printed = [cli_intake(capsys, monkeypatch, folder)[2]]
    taken = backup(capsys, monkeypatch, folder)
    printed += [cli_intake(capsys, monkeypatch, folder)[2] for _ in range(2)]
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["restore", str(taken), "--yes", "--user", SAMPLE_ADMIN.username],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text
    code, text, number = cli_intake(capsys, monkeypatch, folder)
    assert code == 0, text
    assert number not in printed and number > max(printed)
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "verify", "--user", SAMPLE_ADMIN.username, "--json"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0 and json.loads(text)["intact"], text
    db = open_database(folder, create=False)
    try:
        with db.unit_of_work(read_only=True) as uow:
            from sqlalchemy import text as sql

            detail = uow.session.execute(
                sql("SELECT detail FROM audit_log WHERE action = 'backup.restore'")
            ).scalar()
    finally:
        db.close()
    skipped = json.loads(detail)["numbers_not_reused"]
    assert any(key.startswith("receipt:") and value == [2, 3] for key, value in skipped.items())


def test_the_anchor_is_small_and_follows_every_number(counter):
    """The keyring entry stays far below Windows' 2,560-byte cap, and names the newest row."""
    import keyring

    from counter_app.security.anchor import anchor_entry
    from counter_app.security.keys import KEYRING_SERVICE

    from .conftest import installation_of, register

    for _ in range(3):
        register(counter, sample_self_intake())
    counter.db.close()  # waits for the anchor writer
    stored = keyring.get_password(KEYRING_SERVICE, anchor_entry(installation_of(counter.db.folder)))
    data = json.loads(stored)
    assert len(stored.encode()) < 400
    conn = sqlcipher3.connect(str(counter.db.folder / "counter.db"))
    try:
        conn.execute(key_pragma(TEMPLATE_KEY))
        last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        counters = dict(
            (f"{r[0]}:{r[1]}:{r[2]}", r[3])
            for r in conn.execute(
                "SELECT series, branch_code, fiscal_year, last_value FROM number_counters"
            )
        )
    finally:
        conn.close()
    assert (data["seq"], data["hash"]) == tuple(last)
    assert data["n"] == counters


def test_a_database_of_another_installation_copied_over_is_caught(
    capsys, monkeypatch, counter, tmp_path
):
    """Another installation's database (same OS user, same key) copied over ``counter.db``."""
    from counter_app.services.branch import initialise
    from counter_app.services.samples import sample_branch
    from counter_app.services.staff_accounts import add_staff

    folder = counter.db.folder
    counter.db.close()
    other = open_database(tmp_path / "other")
    with other.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
        add_staff(uow, admin, SAMPLE_STAFF)
        uow.commit()
    other.close()
    copy_over(folder, tmp_path / "other" / "counter.db")
    code, text, number = cli_intake(capsys, monkeypatch, folder)
    assert code == 2 and number is None
    assert "別の設置" in text


def test_a_database_deleted_and_made_anew_does_not_restart_the_numbers(
    capsys, monkeypatch, counter
):
    """Deleting ``counter.db`` and initialising again in the same folder is a rollback to zero:
    refused until the administrator accepts it, and then numbering goes on above what the
    folder's previous installation printed."""
    from counter_app.services.branch import initialise
    from counter_app.services.samples import sample_branch
    from counter_app.services.staff_accounts import add_staff

    folder = counter.db.folder
    counter.db.close()
    printed = [cli_intake(capsys, monkeypatch, folder)[2] for _ in range(2)]
    for suffix in ("", *COMPANIONS):
        (folder / f"counter.db{suffix}").unlink(missing_ok=True)
    fresh = open_database(folder)
    with fresh.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
        add_staff(uow, admin, SAMPLE_STAFF)
        uow.commit()
    fresh.close()

    code, text, number = cli_intake(capsys, monkeypatch, folder)
    assert code == 2 and number is None and "作り直されています" in text
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "accept-rollback", "--user", SAMPLE_ADMIN.username, "--yes"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text
    code, text, number = cli_intake(capsys, monkeypatch, folder)
    assert code == 0, text
    assert number not in printed and number > max(printed)
