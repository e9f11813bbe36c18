"""The Windows smoke program: the core's life at a counter, without the window (issue 14).

Run by ``scripts/wine-smoke.sh`` under Wine with a Windows CPython, and again as a PyInstaller
one-folder build made under Wine; it runs just as well on a real Windows PC (see
docs/windows.md). Steps, one ``OK``/``NG`` line each, exit 0 only when every step passed:

1. the console writes UTF-8 and the keyring is Windows Credential Manager (``WinVaultKeyring``);
2. ``counter-app init``: the encrypted database in a temporary folder, its key in the keyring
   (checked: 64 hex digits, far under Credential Manager's 2,560-byte limit);
3. ``counter-app intake``: 𠮷田 太郎 asks for a disclosure; ``show --reveal`` gives the name
   back exactly as typed;
4. the receipt PDF rendered with forms/ (reportlab) from the database opened with the keyring
   key, read back with pypdf: receipt number and name;
5. ``counter-app audit verify``: the hash chain is intact;
6. ``counter-app backup``, a second intake; ``counter-app restore --yes`` while the database is
   open in a read transaction is refused (exit 2) and changes nothing (Windows only); with it
   closed, the
   restore puts the backup in place: the second intake is gone, the first is back, the chain
   is intact.

The headless commands are run in-process through ``counter_app.cli.main`` with ``--json``, so
the smoke drives the same code as a counter's scripts. It refuses to start when this Windows
account already holds a ``counter-app`` key (a real counter's key is never touched), and it
removes the key it made and its temporary folder at the end.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: The name the smoke registers: outside the BMP (𠮷 is U+20BB7), the classic Windows trap.
NAME = "𠮷田 太郎"
PASSWORD = "smoke-pass-1"
#: Credential Manager refuses a secret (CredentialBlob) larger than this many bytes.
CREDENTIAL_BLOB_LIMIT = 2560


class SmokeFailure(Exception):
    """A step found something wrong (the message says what)."""


@dataclasses.dataclass
class Smoke:
    """What the steps share: the data folder, what each step found, and the options."""

    folder: Path
    require_winvault: bool = True
    found: dict[str, Any] = dataclasses.field(default_factory=dict)
    key_created: bool = False

    def cli(self, *args: str, expect: int = 0) -> Any:
        """Run ``counter-app --data-dir FOLDER ARGS --json`` in-process; its JSON output."""
        from counter_app.cli import main

        out, err = io.StringIO(), io.StringIO()
        with (
            _environment(COUNTER_APP_PASSWORD=PASSWORD),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(["--data-dir", str(self.folder), *args, "--json"])
            except SystemExit as exc:  # argparse refused the command line
                code = exc.code if isinstance(exc.code, int) else 2
        self.found["stderr"] = err.getvalue().strip()
        if code != expect:
            raise SmokeFailure(
                f"counter-app {args[0]}: exit {code} (expected {expect}): {err.getvalue().strip()}"
                + _log_tail(self.folder)
            )
        text = out.getvalue().strip()
        return json.loads(text) if text else None


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _log_tail(folder: Path) -> str:
    log = folder / "logs" / "counter-app.log"
    if not log.is_file():
        return ""
    return "\n" + "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])


def _say(text: str) -> None:
    if sys.stdout is not None:
        print(text, flush=True)


def step_console(smoke: Smoke) -> str:
    from counter_app.console import use_utf8_console

    use_utf8_console()
    encoding = getattr(sys.stdout, "encoding", "")
    if (encoding or "").replace("-", "").lower() != "utf8":
        raise SmokeFailure(f"stdout still writes {encoding}")
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    return f"{sys.platform}, Python {sys.version.split()[0]} ({frozen}), stdout {encoding}"


def step_keyring(smoke: Smoke) -> str:
    import keyring

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if smoke.require_winvault and type(backend).__name__ != "WinVaultKeyring":
        raise SmokeFailure(f"the keyring is {name}, not Windows Credential Manager")
    if keyring.get_password(KEYRING_SERVICE, KEYRING_USER) is not None:
        raise SmokeFailure(
            "this account already holds a counter-app database key: run the smoke under a"
            " throwaway Windows account or Wine prefix (a real counter's key is never touched)"
        )
    return name


def step_init(smoke: Smoke) -> str:
    import keyring

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    answer = smoke.cli(
        "init",
        "--branch-code", "BR01",
        "--branch-name", "水戸宅配センター",
        "--postal-code", "310-0000",
        "--address", "茨城県水戸市見本町1-2-3",
        "--phone", "029-000-0000",
        "--issuer-name", "いばらきコープ生活協同組合",
        "--registration-number", "T7123456789012",
        "--admin-user", "admin",
        "--admin-name", "管理 太郎",
    )  # fmt: skip
    smoke.key_created = True
    stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    if stored is None or len(stored) != 64 or bytes.fromhex(stored).hex() != stored:
        raise SmokeFailure("the database key is not in the keyring as 64 hex digits")
    blob = len(stored.encode("utf-16-le"))  # how WinVaultKeyring stores it
    if blob >= CREDENTIAL_BLOB_LIMIT:
        raise SmokeFailure(f"the keyring secret is {blob} bytes (limit {CREDENTIAL_BLOB_LIMIT})")
    database = Path(answer["database"])
    head = database.read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        raise SmokeFailure("the database file is not encrypted")
    return (
        f"{database.name} encrypted, key in the keyring ({blob} of {CREDENTIAL_BLOB_LIMIT} bytes)"
    )


def _intake_file(smoke: Smoke, name: str, furigana: str) -> str:
    from counter_app.services import samples

    intake = samples.sample_self_intake(
        requester=dataclasses.replace(samples.hanako(), name=name, furigana=furigana)
    )
    path = smoke.folder / f"intake-{len(smoke.found)}.json"
    path.write_text(json.dumps(intake.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


def _revealed_name(smoke: Smoke, number: str) -> str:
    view = smoke.cli("show", number, "--reveal", "--reason", "動作確認", "--user", "admin")
    return str(view["principal"]["name"])


def step_intake(smoke: Smoke) -> str:
    answer = smoke.cli("intake", _intake_file(smoke, NAME, "よしだ たろう"), "--user", "admin")
    smoke.found["intake"] = answer
    name = _revealed_name(smoke, answer["request_number"])
    if name != NAME:
        raise SmokeFailure(f"the name came back as {name!r}, typed {NAME!r}")
    return f"{answer['request_number']}, receipt {answer['receipt_number']}, ¥{answer['total']:,}, {name}"


def step_receipt(smoke: Smoke) -> str:
    from pypdf import PdfReader

    from counter_app.services import printing
    from counter_app.services.database import open_counter_database
    from forms import receipt

    number = smoke.found["intake"]["receipt_number"]
    db = open_counter_database(smoke.folder)  # the key from the keyring
    try:
        with db.unit_of_work() as uow:
            data = printing.receipt_data(uow, number)
    finally:
        db.close()
    pdf = receipt.render(data)
    path = smoke.folder / "receipt.pdf"
    path.write_bytes(pdf)
    text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    flat = "".join(text.split())
    missing = [want for want in (number, "".join(NAME.split())) if want not in flat]
    if missing:
        raise SmokeFailure(f"the receipt PDF does not read back {missing}")
    return f"{len(pdf):,} bytes, reads back {number} and {NAME}"


def step_audit(smoke: Smoke) -> str:
    answer = smoke.cli("audit", "verify", "--user", "admin")
    if answer.get("intact") is not True:
        raise SmokeFailure(f"the audit chain is broken: {answer}")
    return "hash chain intact"


def _restore_refused_while_in_use(smoke: Smoke, backup: str) -> str:
    """With the database open elsewhere (a window reading it), restore must refuse, not
    replace a file Windows would not let it replace, and leave everything as it was.

    Windows only: there a file open in another handle cannot be renamed over. (On Linux the
    rename succeeds under an open reader; the restore then relies on its own lock checks.)
    """
    if sys.platform != "win32":
        return "open-file refusal not checked (Windows only)"
    from sqlalchemy import text

    from counter_app.services.database import open_counter_database

    count = text("SELECT count(*) FROM requests")
    db = open_counter_database(smoke.folder)
    try:
        with db.unit_of_work(read_only=True) as uow:
            assert uow.session is not None
            before = uow.session.execute(count).scalar_one()
            smoke.cli("restore", backup, "--yes", "--user", "admin", expect=2)
        with db.unit_of_work(read_only=True) as uow:  # a new snapshot, after the refusal
            assert uow.session is not None
            after = uow.session.execute(count).scalar_one()
    finally:
        db.close()
    # the 管理者's sign-in (against this database) adds its audit rows; the data stays
    if after != before or list(smoke.folder.glob("replaced-*")):
        raise SmokeFailure(f"a refused restore changed the database ({before} -> {after})")
    # refused before it starts (the database is in use: 「…使用中のため、復元を始められません
    # でした」) or when the file cannot be replaced (「…開かれているため、置き換えられません…」)
    if not any(said in smoke.found["stderr"] for said in ("使用中", "開かれているため")):
        raise SmokeFailure(f"the refusal does not say the file is open: {smoke.found['stderr']}")
    return f"refused while the database was open ({smoke.found['stderr']})"


def step_backup_restore(smoke: Smoke) -> str:
    backup = smoke.cli("backup", "create", "--user", "admin")
    path = str(backup["path"])
    smoke.cli("backup", "verify", path, "--user", "admin")
    later = smoke.cli(
        "intake", _intake_file(smoke, "山田 花子", "やまだ はなこ"), "--user", "admin"
    )
    refused = _restore_refused_while_in_use(smoke, path)
    restored = smoke.cli("restore", path, "--yes", "--user", "admin")
    if restored.get("restored") is not True:
        raise SmokeFailure(f"restore did not say it restored: {restored}")
    smoke.cli("show", later["request_number"], "--user", "admin", expect=2)
    name = _revealed_name(smoke, smoke.found["intake"]["request_number"])
    if name != NAME:
        raise SmokeFailure(f"after the restore the name reads {name!r}")
    step_audit(smoke)
    return (
        f"{Path(path).name} made and verified; {refused};"
        f" {later['request_number']} registered after it is gone after the restore,"
        f" {name} is back, chain intact"
    )


STEPS: tuple[tuple[str, Callable[[Smoke], str]], ...] = (
    ("console", step_console),
    ("keyring", step_keyring),
    ("init", step_init),
    ("intake", step_intake),
    ("receipt", step_receipt),
    ("audit", step_audit),
    ("backup/restore", step_backup_restore),
)


def _cleanup(smoke: Smoke) -> bool:
    """Remove the key the smoke made, the rollback anchor and folder binding its installation
    left in the keyring, and its folder; False if the folder stays behind."""
    import logging

    import keyring

    from counter_app.security.anchor import anchor_entry, folder_entry
    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    if smoke.key_created:
        binding = folder_entry(smoke.folder)
        with contextlib.suppress(Exception):
            installation = keyring.get_password(KEYRING_SERVICE, binding)
            if installation:
                keyring.delete_password(KEYRING_SERVICE, anchor_entry(installation))
            keyring.delete_password(KEYRING_SERVICE, binding)
        with contextlib.suppress(Exception):
            keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    # the commands log into <data folder>/logs and keep the file open: Windows cannot delete
    # an open file, so the log is closed first
    log = logging.getLogger("counter_app")
    for handler in list(log.handlers):
        if isinstance(handler, logging.FileHandler):
            log.removeHandler(handler)
            handler.close()
    shutil.rmtree(smoke.folder, ignore_errors=True)
    if smoke.folder.exists():
        _say(f"NG  cleanup: {smoke.folder} could not be removed")
        return False
    return True


def run(*, require_winvault: bool = True) -> int:
    """Run every step in a fresh temporary folder; 0 when all pass, 1 otherwise."""
    smoke = Smoke(
        Path(tempfile.mkdtemp(prefix="counter-app-smoke-")), require_winvault=require_winvault
    )
    ok = True
    try:
        for name, action in STEPS:
            started = time.perf_counter()
            try:
                detail = action(smoke)
            except Exception as exc:
                _say(f"NG  {name}: {exc}")
                if not isinstance(exc, SmokeFailure) and sys.stderr is not None:
                    traceback.print_exc(file=sys.stderr)
                ok = False
                break
            _say(f"OK  {name} ({(time.perf_counter() - started) * 1000:.0f} ms) {detail}")
    finally:
        ok = _cleanup(smoke) and ok
    _say(f"windows-smoke: {'OK' if ok else 'FAILED'} ({NAME})")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return run(require_winvault="--any-keyring" not in args)


if __name__ == "__main__":
    raise SystemExit(main())
