"""The log holds no personal data and is private to the user (counter_app/log_file.py).

The main test forces a real database error in the middle of a real CLI intake (a trigger that
aborts the insert of the person) and searches the log's bytes for what was typed.
"""

from __future__ import annotations

import ast
import logging
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.exc import StatementError

from counter_app.log_file import LOG_FILE, configure_logging, mask
from counter_app.services.intake_input import PersonInput
from counter_app.services.samples import sample_self_intake
from counter_app.store.engine import open_database
from tests.counter_app.test_cli_store import (  # noqa: F401 - fixtures
    TEST_KEY,
    branch,
    branch_template,
    run,
    write_intake,
)

ROOT = Path(__file__).resolve().parents[2]

#: What staff typed for a synthetic member: none of it may reach the log.
NAME, FURIGANA, ADDRESS, PHONE = (
    "髙橋 一郎",
    "たかはし いちろう",
    "茨城県つくば市見本町9-8-7",
    "090-9876-5432",
)


@pytest.fixture
def umask_022():
    """The usual umask, under which a plain open() makes a 0644 file."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def detached_logs():
    """Leave the program's loggers as they were (the CLI adds a file handler)."""
    saved = {n: list(logging.getLogger(n).handlers) for n in ("counter_app", "ui")}
    yield
    for name, handlers in saved.items():
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if handler not in handlers:
                handler.close()
        logger.handlers[:] = handlers


def _break_person_inserts(home: Path) -> None:
    db = open_database(home, key=TEST_KEY)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER test_fail_person BEFORE INSERT ON people "
            "BEGIN SELECT RAISE(ABORT, 'forced by the test'); END"
        )
    db.close()


def test_a_database_error_during_intake_leaves_no_personal_data_in_a_private_log(
    capsys,
    monkeypatch,
    tmp_path,
    branch,  # noqa: F811 - the fixture imported above
    umask_022,
    detached_logs,
):
    home = Path(os.environ["COUNTER_APP_HOME"])
    _break_person_inserts(home)
    person = PersonInput(
        name=NAME,
        furigana=FURIGANA,
        birth_date=sample_self_intake().requester.birth_date,
        postal_code="305-0000",
        address=ADDRESS,
        phone=PHONE,
        member_number="7654321",
    )
    path = write_intake(tmp_path, sample_self_intake(requester=person))
    code, _, err = run(
        capsys, monkeypatch, ["intake", str(path), "--user", "tanaka"], password="staff-pass-1"
    )
    assert code == 70 and "予期しない問題" in err and NAME not in err

    log = home / "logs" / LOG_FILE
    data = log.read_bytes()
    assert b"IntegrityError" in data and b"INSERT INTO people" in data  # the error is there
    for typed in (NAME, "髙橋", "一郎", FURIGANA, ADDRESS, "見本町", PHONE, "9876", "7654321"):
        assert typed.encode("utf-8") not in data, typed
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_a_log_left_readable_by_an_older_version_is_made_private(tmp_path, detached_logs):
    folder = tmp_path / "data" / "logs"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    (folder / LOG_FILE).write_text("old\n")
    (folder / LOG_FILE).chmod(0o644)
    (folder / f"{LOG_FILE}.1").write_text("older\n")
    (folder / f"{LOG_FILE}.1").chmod(0o644)
    assert configure_logging(tmp_path / "data") == folder / LOG_FILE
    for path in (folder / LOG_FILE, folder / f"{LOG_FILE}.1"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_window_and_the_core_log_through_the_mask(tmp_path, detached_logs, umask_022):
    """Any exception text (here SQLAlchemy's with its parameters shown, as an engine without
    hide_parameters gives it) and any logged value is masked, for the window's loggers too."""
    path = configure_logging(tmp_path / "data", loggers=("counter_app", "ui"))
    error = StatementError(
        "(sqlite3.IntegrityError) failed",
        "INSERT INTO people (name, address, phone) VALUES (?, ?, ?)",
        (NAME, ADDRESS, PHONE),
        None,
    )
    assert NAME in str(error)  # what would have been written
    try:
        raise RuntimeError(f"wrapped: {NAME}") from error
    except RuntimeError as exc:
        logging.getLogger("ui.dialogs").error("unexpected error", exc_info=exc)
    logging.getLogger("counter_app.x").warning("draft not saved: %s", f"{NAME} {PHONE}")
    logging.getLogger("ui.intake").warning(f"searched for {PHONE} 'Hanako Yamada'")
    data = path.read_bytes()
    assert b"StatementError" in data and b"RuntimeError" in data and b"INSERT INTO people" in data
    assert b"draft not saved" in data
    for typed in (NAME, ADDRESS, PHONE, "9876", "Hanako"):
        assert typed.encode("utf-8") not in data, typed


@given(st.text(min_size=1).filter(lambda t: not t.isascii()))
def test_mask_keeps_no_character_that_is_not_ascii(text):
    assert mask(text).isascii()


@given(st.from_regex(r"0[0-9]{1,4}-[0-9]{1,4}-[0-9]{4}", fullmatch=True))
def test_mask_keeps_no_digits(number):
    masked = mask(f"phone {number} failed")
    assert not any(ch.isdigit() for ch in masked) and masked.startswith("phone ")


def _create_engine_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for folder in ("counter_app", "ui", "forms", "tools", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in ("create_engine", "engine_from_config", "create_async_engine"):
                        calls.append((path, node))
    return calls


def test_every_engine_hides_its_parameters():
    calls = _create_engine_calls()
    assert calls, "the engine is made somewhere"
    for path, call in calls:
        hidden = [
            k
            for k in call.keywords
            if k.arg == "hide_parameters"
            and isinstance(k.value, ast.Constant)
            and k.value.value is True
        ]
        assert hidden, f"{path.relative_to(ROOT)}:{call.lineno} lacks hide_parameters=True"
