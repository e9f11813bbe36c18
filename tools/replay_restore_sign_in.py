"""Replay issue 9 items 2, 3 and 13 (restore and backups without the one sign-in) through
the real CLI, in this process, with an in-memory keyring and throwaway data folders.

    PYTHONPATH=. python3 tools/replay_restore_sign_in.py

Works on the code before the fix too (run it from a checkout of 0b668bb to see the old
answers: exit 0 everywhere, the live branch replaced by BR66, a locked account restored).
"""

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import keyring
import sqlcipher3
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


keyring.set_keyring(MemoryKeyring())
from counter_app.cli import main  # noqa: E402
from counter_app.security.keys import load_key  # noqa: E402


def cli(args: list[str], password: str) -> tuple[int, str, str]:
    os.environ["COUNTER_APP_PASSWORD"] = password
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def init(folder: Path, code: str, password: str) -> tuple[int, str, str]:
    return cli(
        [
            "--data-dir",
            str(folder),
            "init",
            "--branch-code",
            code,
            "--branch-name",
            "水戸宅配センター",
            "--postal-code",
            "310-0000",
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
        ],
        password,
    )


tmp = Path(tempfile.mkdtemp())
live, other = tmp / "live", tmp / "other"
assert init(live, "BR01", "admin-pass-1")[0] == 0
assert init(other, "BR66", "other-pass-99")[0] == 0
code, out, err = cli(
    ["--data-dir", str(other), "backup", "--user", "admin", "--json"], "other-pass-99"
)
foreign = json.loads(out)["path"]
code, out, err = cli(
    ["--data-dir", str(live), "backup", "--user", "admin", "--json"], "admin-pass-1"
)
own = json.loads(out)["path"]

print("== item 13: backup list / verify / restore check with no sign-in")
for args in (["backup", "list"], ["backup", "verify", own], ["restore", own]):
    os.environ.pop("COUNTER_APP_PASSWORD", None)
    code, out, err = cli(["--data-dir", str(live), *args], "")
    print(
        " ",
        " ".join(a if a != own else "FILE" for a in args),
        "-> exit",
        code,
        "|",
        (out + err).strip().splitlines()[0][:90],
    )

print("== item 2: restore a foreign backup with the foreign 管理者's password")
code, out, err = cli(
    ["--data-dir", str(live), "restore", foreign, "--yes", "--user", "admin"], "other-pass-99"
)
print("  exit", code, "|", (out + err).strip().splitlines()[0][:100])
key = load_key(create=False)
conn = sqlcipher3.connect(str(live / "counter.db"))
conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
print("  live branch now:", conn.execute("select code from branches").fetchone()[0])
conn.close()

print("== item 3: 20 wrong passwords through restore, then the right one")
codes = [
    cli(["--data-dir", str(live), "restore", own, "--yes", "--user", "admin"], "wrong-pass-1")[0]
    for _ in range(20)
]
print("  20 wrong -> exits", sorted(set(codes)))
code, out, err = cli(
    ["--data-dir", str(live), "restore", own, "--yes", "--user", "admin"], "admin-pass-1"
)
print("  right one -> exit", code, "|", (out + err).strip().splitlines()[0][:100])

shutil.rmtree(tmp)
