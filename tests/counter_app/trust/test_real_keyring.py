"""The real OS keyring: a Secret Service (Debian's gnome-keyring under dbus-run-session)
stores the database key on first run, a second process reads it from there and opens the
encrypted database with it. Skipped only when those programs are missing (they are installed
here and by scripts/install-test-deps.sh)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

FIRST_RUN = """
import json, keyring
from keyring.backends import SecretService
assert isinstance(keyring.get_keyring(), SecretService.Keyring), keyring.get_keyring()
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
assert keyring.get_password(KEYRING_SERVICE, KEYRING_USER) is None
from counter_app.services.branch import initialise
from counter_app.services.intake import register_intake
from counter_app.services.samples import SAMPLE_ADMIN, sample_branch, sample_self_intake
from counter_app.services.database import open_database
db = open_database(FOLDER)  # first run: the key is created in the Secret Service
with db.unit_of_work() as uow:
    admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
    number = register_intake(uow, admin, sample_self_intake()).request_number
    uow.commit()
db.close()
print(json.dumps({"backend": type(keyring.get_keyring()).__module__, "number": number}))
"""

SECOND_RUN = """
import json, keyring
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.services.database import open_database
from counter_app.store.models import Request
from counter_app.store.errors import WrongKey
stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
assert stored and len(bytes.fromhex(stored)) == 32
db = open_database(FOLDER, create=False)  # the key read back from the Secret Service
with db.unit_of_work(read_only=True) as uow:
    numbers = [r.number for r in uow.session.query(Request)]
db.close()
try:
    open_database(FOLDER, key=bytes(32), create=False)
    wrong = "opened"
except WrongKey:
    wrong = "refused"
print(json.dumps({"numbers": numbers, "wrong_key": wrong, "key_length": len(stored)}))
"""


def in_session(script: str, folder: Path, home: Path) -> dict:
    code = f"FOLDER = {str(folder)!r}\n" + script
    command = (
        "echo -n counter-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
        f' && {sys.executable} -c "$SCRIPT"'
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "SCRIPT": code,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="dbus-run-session / gnome-keyring-daemon not installed (scripts/install-test-deps.sh)",
)
def test_database_key_lives_in_a_real_secret_service(tmp_path):
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True)
    os.chmod(home / "run", 0o700)
    folder = tmp_path / "data"
    first = in_session(FIRST_RUN, folder, home)
    assert first["backend"] == "keyring.backends.SecretService"
    # the keyring daemon kept the key on disk (its own encrypted file), not us in plaintext
    assert list((home / ".local" / "share" / "keyrings").glob("*.keyring"))
    second = in_session(SECOND_RUN, folder, home)
    assert second == {"numbers": [first["number"]], "wrong_key": "refused", "key_length": 64}
    assert b"\xe5\xb1\xb1\xe7\x94\xb0" not in (folder / "counter.db").read_bytes()  # 山田


ROLLBACK_SETUP = """
import json
from counter_app.services.sign_in import sign_in
from counter_app.services.backup.take import take_backup
from counter_app.services.intake import register_intake
from counter_app.services.samples import SAMPLE_ADMIN, sample_self_intake
from counter_app.services.database import open_database
db = open_database(FOLDER, create=False)
backup = take_backup(db, None).path
numbers = []
for _ in range(2):  # printed after the backup
    admin = sign_in(db, SAMPLE_ADMIN.username, SAMPLE_ADMIN.password)
    with db.unit_of_work() as uow:
        numbers.append(register_intake(uow, admin, sample_self_intake()).receipt_number)
        uow.commit()
db.close()
print(json.dumps({"backup": str(backup), "numbers": numbers}))
"""

ROLLBACK_CHECK = """
import json, pathlib, shutil, keyring
from counter_app.security.anchor import DatabaseBehindAnchor
from counter_app.security.keys import KEYRING_SERVICE
from counter_app.services.sign_in import sign_in
from counter_app.services.intake import register_intake
from counter_app.services.samples import SAMPLE_ADMIN, sample_self_intake
from counter_app.services.database import open_database
folder = pathlib.Path(FOLDER)
for suffix in ("-wal", "-shm"):
    (folder / ("counter.db" + suffix)).unlink(missing_ok=True)
shutil.copyfile(BACKUP, folder / "counter.db")  # the rollback: a plain file copy
db = open_database(folder, create=False)
try:
    admin = sign_in(db, SAMPLE_ADMIN.username, SAMPLE_ADMIN.password)
    with db.unit_of_work() as uow:
        register_intake(uow, admin, sample_self_intake())
        uow.commit()
    outcome = "registered"
except DatabaseBehindAnchor as exc:
    outcome = exc.message
entry = keyring.get_password(KEYRING_SERVICE, "anchor:" + db.anchor.installation_id)
db.close()
print(json.dumps({"outcome": outcome, "anchor_bytes": len(entry.encode())}))
"""


@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="dbus-run-session / gnome-keyring-daemon not installed (scripts/install-test-deps.sh)",
)
def test_the_rollback_anchor_in_a_real_secret_service_catches_a_file_copy(tmp_path):
    """Issue 9, item 10: the anchor written by one process (session) is in the real Secret
    Service and catches, in a later process, a backup copied over ``counter.db``."""
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True)
    os.chmod(home / "run", 0o700)
    folder = tmp_path / "data"
    in_session(FIRST_RUN, folder, home)
    setup = in_session(ROLLBACK_SETUP, folder, home)
    check = in_session(f"BACKUP = {setup['backup']!r}\n" + ROLLBACK_CHECK, folder, home)
    assert "以前の状態に戻されています" in check["outcome"], check
    assert check["anchor_bytes"] < 400  # far below Windows' 2,560-byte cap
