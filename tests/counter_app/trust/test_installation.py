"""Backups belong to one installation, and their manifests are authenticated (issue 9,
items 2(b) and 10).

Before, a person who could run the CLI as the same OS user initialised a second data folder
with their own 管理者, backed it up and restored it over the live database (the branch changed
from BR01 to BR66). Now every database carries an installation id (migration 0011; older
databases get one derived from their first audit row, so their old backups still match), every
manifest repeats it under a MAC keyed from the database key, and ``restore`` refuses a backup of
another installation unless ``--from-other-installation`` is chosen on purpose (audited).
Real SQLCipher files, the real CLI (``counter_app.cli.main`` in-process).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.services.database import open_database
from counter_app.services.samples import SAMPLE_ADMIN, sample_branch, sample_self_intake
from counter_app.store.engine import Database
from counter_app.store.migrate import upgrade
from counter_app.store.sqlite.cipher import key_pragma
from counter_app.store.sqlite.engine import build_engine

from .conftest import NOW, TEMPLATE_KEY, installation_of, register

FOREIGN = "この設置のデータベースのものではありません"


def run(capsys, monkeypatch, folder: Path, args: list[str], password: str = "") -> tuple[int, str]:
    monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "予期しない問題" not in out + err
    return code, out + err


def branch_code(folder: Path) -> str:
    conn = sqlcipher3.connect(str(folder / "counter.db"))
    try:
        conn.execute(key_pragma(TEMPLATE_KEY))
        return conn.execute("SELECT code FROM branches").fetchone()[0]
    finally:
        conn.close()


def other_installation(folder: Path, code: str = "BR66") -> Path:
    """A second data folder of the same OS user (same key) with its own 管理者; its backup."""
    from dataclasses import replace

    from counter_app.services.backup.take import take_backup
    from counter_app.services.branch import initialise

    db = open_database(folder)
    try:
        with db.unit_of_work() as uow:
            admin = initialise(uow, replace(sample_branch(), code=code), SAMPLE_ADMIN, at=NOW)
            uow.commit()
        return take_backup(db, admin).path
    finally:
        db.close()


def test_a_backup_of_another_installation_is_refused(capsys, monkeypatch, counter, tmp_path):
    folder = counter.db.folder
    register(counter, sample_self_intake())
    counter.db.close()
    foreign = other_installation(tmp_path / "other")

    for extra in (["--user", SAMPLE_ADMIN.username], ["--yes", "--user", SAMPLE_ADMIN.username]):
        code, text = run(
            capsys, monkeypatch, folder, ["restore", str(foreign), *extra], SAMPLE_ADMIN.password
        )
        assert code == 2 and FOREIGN in text and "--from-other-installation" in text
    # nothing restored (the sign-in's own audit rows are the only change to the live database)
    assert not list(folder.glob("replaced-*")) and branch_code(folder) == "BR01"

    # the documented migration path, on purpose: done, and the audit row says so
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        [
            "restore",
            str(foreign),
            "--yes",
            "--from-other-installation",
            "--user",
            SAMPLE_ADMIN.username,
        ],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text
    assert branch_code(folder) == "BR66"
    conn = sqlcipher3.connect(str(folder / "counter.db"))
    try:
        conn.execute(key_pragma(TEMPLATE_KEY))
        detail = json.loads(
            conn.execute(
                "SELECT detail FROM audit_log WHERE action = 'backup.restore' ORDER BY seq DESC"
            ).fetchone()[0]
        )
    finally:
        conn.close()
    assert detail["from_other_installation"] is True
    assert detail["installation_id"] == installation_of(folder)
    assert detail["installation_id_before"] != detail["installation_id"]


def test_a_backup_of_this_installation_is_restored(capsys, monkeypatch, counter):
    from counter_app.services.backup.take import take_backup

    folder = counter.db.folder
    info = take_backup(counter.db, counter.admin)
    register(counter, sample_self_intake())
    counter.db.close()
    manifest = json.loads(info.manifest_path.read_text("utf-8"))
    assert manifest["installation_id"] == installation_of(folder)
    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["restore", str(info.path), "--yes", "--user", SAMPLE_ADMIN.username],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text


def make_old_database(folder: Path, code: str) -> None:
    """A database as the program made it before migration 0011 (schema at 0010)."""
    from dataclasses import replace

    from counter_app.services.branch import initialise

    folder.mkdir(parents=True)
    path = folder / "counter.db"
    engine = build_engine(path, TEMPLATE_KEY)
    try:
        upgrade(engine, "0010")
        with Database(path, engine).unit_of_work() as uow:
            initialise(uow, replace(sample_branch(), code=code), SAMPLE_ADMIN, at=NOW)
            uow.commit()
    finally:
        engine.dispose()


def old_backup(folder: Path, into: Path) -> Path:
    """A backup and version-1 manifest (no MAC, no installation id) of a pre-0011 database."""
    from counter_app.services.backup.files import file_sha256
    from counter_app.services.backup.verify import inspect_backup_file

    into.mkdir(parents=True, exist_ok=True)
    path = into / "counter-20250601-010000-manual.db"
    shutil.copyfile(folder / "counter.db", path)
    counts, seq, hash_ = inspect_backup_file(path, TEMPLATE_KEY)
    manifest = {
        "version": 1,
        "file": path.name,
        "sha256": file_sha256(path),
        "size": path.stat().st_size,
        "reason": "manual",
        "taken_at": "2025-06-01T01:00:00+00:00",
        "database": "counter.db",
        "counts": counts,
        "audit_seq": seq,
        "audit_hash": hash_,
    }
    path.with_suffix(".json").write_text(json.dumps(manifest), "utf-8")
    return path


def test_migration_0011_gives_old_databases_an_id_their_old_backups_share(
    capsys, monkeypatch, tmp_path
):
    import keyring

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    live, stranger = tmp_path / "live", tmp_path / "stranger"
    make_old_database(live, "BR01")
    make_old_database(stranger, "BR66")
    ours = old_backup(live, tmp_path / "kept")
    theirs = old_backup(stranger, tmp_path / "found")
    open_database(live).close()  # the new program migrates the live database to 0011
    ident = installation_of(live)

    code, text = run(
        capsys,
        monkeypatch,
        live,
        ["restore", str(theirs), "--yes", "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 2 and FOREIGN in text
    code, text = run(
        capsys,
        monkeypatch,
        live,
        ["restore", str(ours), "--yes", "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, text
    assert installation_of(live) == ident  # the restored (re-migrated) copy: the same id
    from counter_app.services.backup.verify import backup_installation

    assert ident == backup_installation(ours, TEMPLATE_KEY)  # derived from the first row
    assert backup_installation(theirs, TEMPLATE_KEY) != ident


# -- authenticated manifests --------------------------------------------------------------------
@pytest.fixture
def backed_up(counter):
    from counter_app.services.backup.take import take_backup

    info = take_backup(counter.db, counter.admin)
    folder = counter.db.folder
    counter.db.close()
    return folder, info


edits = st.one_of(st.integers(-5, 10**6), st.text(max_size=12), st.none(), st.booleans())


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_edit_of_a_manifest_is_refused(capsys, monkeypatch, backed_up, data):
    folder, info = backed_up
    original = info.manifest_path.read_text("utf-8")
    manifest = json.loads(original)
    field = data.draw(st.sampled_from(sorted(k for k in manifest if k not in ("version", "mac"))))
    value = data.draw(edits.filter(lambda v: v != manifest[field]))
    manifest[field] = value
    info.manifest_path.write_text(json.dumps(manifest), "utf-8")
    try:
        code, text = run(
            capsys,
            monkeypatch,
            folder,
            ["backup", "verify", str(info.path), "--user", SAMPLE_ADMIN.username],
            SAMPLE_ADMIN.password,
        )
        assert code == 2 and "改変されています" in text
        code, text = run(
            capsys,
            monkeypatch,
            folder,
            ["audit", "verify", "--user", "admin"],
            SAMPLE_ADMIN.password,
        )
        assert code == 1 and "改変されています" in text  # reported, not skipped
    finally:
        info.manifest_path.write_text(original, "utf-8")


@pytest.mark.parametrize("how", ["delete", "garble"])
def test_a_missing_or_garbled_manifest_is_reported_by_audit_verify(
    capsys, monkeypatch, backed_up, how
):
    folder, info = backed_up
    if how == "delete":
        info.manifest_path.unlink()
    else:
        info.manifest_path.write_bytes(b"{\x00")
    code, text = run(
        capsys, monkeypatch, folder, ["audit", "verify", "--user", "admin"], SAMPLE_ADMIN.password
    )
    assert code == 1 and info.manifest_path.name in text
