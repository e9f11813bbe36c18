"""Tampering at the *end* of the audit trail is reported, not a program that no longer starts
(issue 9, item 9).

Someone with the key removes rows from the end of the trail, slips rows in around the sealed
head, or deletes the head row, and puts the guard triggers back as they were. Before, every
sign-in then died on the head's trigger (exit 70, 「予期しない問題が発生しました」), and so did
``audit verify``. Now ``audit verify`` runs — a supervisor or administrator is signed in without
appending — and names the break; every other command refuses with a message that says the
trail is broken and what to do; nothing is appended meanwhile. Real SQLCipher files, the real
CLI (``counter_app.cli.main`` in-process).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.sqlite.cipher import key_pragma

from .conftest import TEMPLATE_KEY, forget_anchor, register

GUARDS = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_head_advance",
    "audit_head_forward_only",
    "audit_head_no_delete",
)
#: The guard triggers as migration 0003 makes them (the tamperer puts them back).
HEAD_TRIGGERS = (
    "CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log "
    "BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END",
    "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head "
    "WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id "
    "OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq) "
    "BEGIN SELECT RAISE(ABORT, 'audit_head only follows the audit chain'); END",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
    "BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END",
)

TRAIL_BROKEN = "操作記録 (監査ログ) の末尾に不整合"
UNEXPECTED = "予期しない問題"


def sql(folder: Path, *statements: str, params: tuple = ()) -> list:
    conn = sqlcipher3.connect(str(folder / "counter.db"), isolation_level=None)
    try:
        conn.execute(key_pragma(TEMPLATE_KEY))
        rows: list = []
        for statement in statements:
            rows = conn.execute(statement, params if "?" in statement else ()).fetchall()
        return rows
    finally:
        conn.close()


def last_seq(folder: Path) -> int:
    return sql(folder, "SELECT max(seq) FROM audit_log")[0][0]


def run(capsys, monkeypatch, folder: Path, args: list[str], password: str) -> tuple[int, str]:
    monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.fixture
def trail_folder(counter):
    """A data folder whose trail has a few dozen real rows (logins, intakes, receipts)."""
    for _ in range(2):
        register(counter, sample_self_intake())
        register(counter, sample_proxy_intake())
    folder = counter.db.folder
    counter.db.close()
    return folder


# -- the tamperings, as a class ---------------------------------------------------------------
cut_tail = st.builds(lambda k: ("cut", k), st.integers(1, 6))
forged = st.builds(lambda k, chained: ("forge", k, chained), st.integers(1, 3), st.booleans())
head_deleted = st.just(("head", 0))
tamperings = st.one_of(cut_tail, forged, head_deleted)


def tamper(folder: Path, kind: tuple) -> int:
    """Apply ``kind`` with the key, triggers put back afterwards; the seq named as broken."""
    from counter_app.security.audit import canonical_json, row_hash

    drop = [f"DROP TRIGGER IF EXISTS {t}" for t in GUARDS]
    last = last_seq(folder)
    if kind[0] == "cut":
        sql(folder, *drop, f"DELETE FROM audit_log WHERE seq > {last - kind[1]}", *HEAD_TRIGGERS)
        return last - kind[1] + 1
    if kind[0] == "head":
        sql(folder, *drop, "DELETE FROM audit_head", *HEAD_TRIGGERS)
        return last + 1
    # rows slipped in after the head, each chained to the previous one (or not)
    rows = sql(
        folder,
        "SELECT seq, at_utc, branch_code, actor_id, approver_id, action, request_id, detail, "
        "hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    )
    seq, at, branch, actor, approver, _, request, _detail, prev = rows[0]
    statements = list(drop)
    for i in range(1, kind[1] + 1):
        content = {
            "seq": seq + i,
            "at_utc": at,
            "branch_code": branch,
            "actor_id": actor,
            "approver_id": approver,
            "action": "receipt.void",
            "request_id": request,
            "detail": {"forged": True},
        }
        digest = row_hash(prev, content) if kind[2] else "f" * 64
        statements.append(
            "INSERT INTO audit_log (seq, at_utc, branch_code, actor_id, approver_id, action, "
            f"request_id, detail, prev_hash, hash) VALUES ({seq + i}, '{at}', '{branch}', "
            f"'{actor}', NULL, 'receipt.void', NULL, '{canonical_json({'forged': True})}', "
            f"'{prev}', '{digest}')"
        )
        prev = digest
    sql(folder, *statements, *HEAD_TRIGGERS)
    return last + 1


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=tamperings)
def test_a_broken_end_is_named_by_verify_and_refused_by_the_rest(
    capsys, monkeypatch, trail_folder, kind
):
    folder = Path(tempfile.mkdtemp(dir=trail_folder.parent)) / "data"
    shutil.copytree(trail_folder, folder)
    forget_anchor(folder)  # each example is an installation of its own
    broken_at = tamper(folder, kind)
    rows_before = sql(folder, "SELECT count(*) FROM audit_log")[0][0]

    code, text = run(
        capsys,
        monkeypatch,
        folder,
        ["audit", "verify", "--user", "suzuki"],
        SAMPLE_SUPERVISOR.password,
    )
    assert code == 1, text
    assert "操作記録に不整合があります" in text and f"番号 {broken_at} 以降" in text
    assert UNEXPECTED not in text

    # the other commands say what is wrong and what to do; a staff member cannot inspect
    for args, password in (
        (["list", "--user", "tanaka"], SAMPLE_STAFF.password),
        (["audit", "verify", "--user", "tanaka"], SAMPLE_STAFF.password),
        (["backup", "--user", "admin"], SAMPLE_ADMIN.password),
    ):
        code, text = run(capsys, monkeypatch, folder, args, password)
        assert code == 2, (args, text)
        assert TRAIL_BROKEN in text and "audit verify" in text and "restore" in text
        assert UNEXPECTED not in text

    # nothing was appended (neither sign-ins nor their failures)
    assert sql(folder, "SELECT count(*) FROM audit_log")[0][0] == rows_before
    shutil.rmtree(folder.parent)


def test_inspection_still_applies_the_lockout(capsys, monkeypatch, trail_folder):
    """A wrong password on ``audit verify`` with a broken trail is refused and counted."""
    tamper(trail_folder, ("cut", 1))
    code, text = run(
        capsys, monkeypatch, trail_folder, ["audit", "verify", "--user", "suzuki"], "wrong-pass-1"
    )
    assert code == 2 and "ログインできません" in text
    counted = sql(
        trail_folder,
        "SELECT failed_attempts FROM staff_lockouts JOIN staff ON staff.id = staff_id "
        "WHERE staff.username = 'suzuki'",
    )
    assert counted == [(1,)]
