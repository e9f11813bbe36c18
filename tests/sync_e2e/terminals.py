"""Real terminals for the end-to-end tests: each one a data folder made by ``counter-app init``
(its SQLCipher file, its key in a keyring of its own), enrolled with ``counter-app enrol`` from
an enrolment file head office wrote, driven through the CLI (``counter_app.cli.main``) and the
services it uses.

A terminal is a PC of its own: :meth:`Terminal.active` installs its keyring (the database key
and the client key's passphrase) and points ``COUNTER_APP_HOME`` at its folder for the time of
a command, so two terminals of one branch can live in one test process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring

from counter_app.cli import main
from counter_app.security.roles import Actor
from counter_app.services.database import open_counter_database
from counter_app.services.intake import register_intake
from counter_app.services.samples import SAMPLE_ADMIN, sample_self_intake
from counter_app.services.sign_in import sign_in
from counter_app.store.engine import Database
from counter_app.sync.enrolment import PASSPHRASE_ENTRY
from tests.conftest import MemoryKeyring

INIT = (
    "init",
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
    SAMPLE_ADMIN.username,
    "--admin-name",
    SAMPLE_ADMIN.display_name,
)


@dataclass(frozen=True)
class Run:
    """One command: its exit code and what it printed."""

    code: int
    out: str
    err: str


@dataclass
class Terminal:
    """One counter PC: its data folder and its own keyring."""

    folder: Path
    keyring: MemoryKeyring
    name: str = ""  # BR01-02 once enrolled
    _actor: Actor | None = None  # the admin, signed in once (argon2 is slow)

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        previous_keyring = keyring.get_keyring()
        previous_home = os.environ.get("COUNTER_APP_HOME")
        keyring.set_keyring(self.keyring)
        os.environ["COUNTER_APP_HOME"] = str(self.folder)
        try:
            yield
        finally:
            keyring.set_keyring(previous_keyring)
            if previous_home is None:
                os.environ.pop("COUNTER_APP_HOME", None)
            else:
                os.environ["COUNTER_APP_HOME"] = previous_home

    def cli(self, *args: str, env: dict[str, str] | None = None) -> Run:
        """``counter-app ARGS`` on this terminal (in this process, its real entry point)."""
        out, err = io.StringIO(), io.StringIO()
        saved = {name: os.environ.get(name) for name in (env or {})}
        os.environ.update(env or {})
        try:
            with self.active(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(args))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return Run(code, out.getvalue(), err.getvalue())

    @contextlib.contextmanager
    def database(self) -> Iterator[Database]:
        """The terminal's database, opened as the program opens it (key from its keyring)."""
        with self.active():
            db = open_counter_database(self.folder)
        try:
            yield db
        finally:
            db.close()

    def admin(self, db: Database) -> Actor:
        if self._actor is None:
            with self.active():
                self._actor = sign_in(db, SAMPLE_ADMIN.username, SAMPLE_ADMIN.password)
        return self._actor

    def intake(self, at: dt.datetime | None = None, db: Database | None = None) -> str:
        """One request taken at the counter (``at``: the services' clock seam); its number."""
        if db is None:
            with self.database() as opened:
                return self.intake(at, opened)
        actor = self.admin(db)
        on = at.date() if at else None
        with db.unit_of_work() as uow:
            result = register_intake(uow, actor, sample_self_intake(on, received_at=at), now=at)
            uow.commit()
        return result.request_number

    def status(self) -> dict[str, object]:
        import json

        run = self.cli("sync", "status", "--json")
        assert run.code == 0, run.err
        return json.loads(run.out)

    def copy_to(self, folder: Path) -> Terminal:
        """A copy of this terminal (its files and keyring), as a restore would make."""
        shutil.copytree(self.folder, folder)
        twin = MemoryKeyring()
        twin.store = dict(self.keyring.store)
        return Terminal(folder, twin, self.name, self._actor)

    @property
    def role(self) -> str:
        """Its login role at head office (``term_br01_02``)."""
        from counter_app.sync.protocol import TerminalId

        return TerminalId.parse(self.name).role

    @property
    def passphrase(self) -> str:
        from counter_app.security.keys import KEYRING_SERVICE

        return self.keyring.store[(KEYRING_SERVICE, PASSPHRASE_ENTRY)]

    def forget_passphrase(self) -> str:
        """Remove the client key's passphrase from the keyring; returns it."""
        from counter_app.security.keys import KEYRING_SERVICE

        return self.keyring.store.pop((KEYRING_SERVICE, PASSPHRASE_ENTRY))

    def put_passphrase(self, passphrase: str) -> None:
        from counter_app.security.keys import KEYRING_SERVICE

        self.keyring.store[(KEYRING_SERVICE, PASSPHRASE_ENTRY)] = passphrase


def initialise(folder: Path, branch: str) -> Terminal:
    """A new installation made by ``counter-app init`` (first run: its key, its database)."""
    terminal = Terminal(folder, MemoryKeyring())
    run = terminal.cli(
        *INIT, "--branch-code", branch, env={"COUNTER_APP_PASSWORD": SAMPLE_ADMIN.password}
    )
    assert run.code == 0, run.err
    return terminal


def enrol(terminal: Terminal, enrolment: object, folder: Path) -> Run:
    """``counter-app enrol --file F --user admin`` with head office's file and passphrase."""
    file = folder / "enrolment.json"
    file.write_text(enrolment.file.to_json(), encoding="utf-8")  # type: ignore[attr-defined]
    run = terminal.cli(
        "enrol",
        "--file",
        str(file),
        "--user",
        SAMPLE_ADMIN.username,
        env={
            "COUNTER_APP_PASSWORD": SAMPLE_ADMIN.password,
            "COUNTER_APP_ENROL_PASSPHRASE": enrolment.passphrase,  # type: ignore[attr-defined]
        },
    )
    if run.code == 0:
        terminal.name = enrolment.file.terminal.text  # type: ignore[attr-defined]
    return run


def outbox(terminal: Terminal, db: Database | None = None) -> dict[int, str]:
    """The terminal's unacknowledged changes: seq -> sha256 (as head office will hash them);
    ``db``: the terminal's database already open."""
    import json

    from sqlalchemy import select

    from counter_app.store.sync_tables import OutboxRow
    from counter_app.sync.protocol import Change

    if db is None:
        with terminal.database() as opened:
            return outbox(terminal, opened)
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        rows = uow.session.scalars(select(OutboxRow).order_by(OutboxRow.seq)).all()
        return {
            row.seq: Change(
                seq=row.seq,
                aggregate=row.aggregate,
                aggregate_id=row.aggregate_id,
                version=row.version,
                schema_version=row.schema_version,
                payload=json.loads(row.payload),
            ).sha256
            for row in rows
        }
