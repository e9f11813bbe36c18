"""Fixtures for head office on a real PostgreSQL (tests/pg_server.py).

- ``hq_server`` (session): the running server — ``host``, ``port``, ``dbname``, ``ca_cert``
  (the CA file clients verify with), ``ca_cert_pem``/``ca_key_pem``, ``admin_dsn``, and
  ``issue_client_certificate(role, passphrase, folder)`` → (cert file, key file) signed by
  the server's CA (an expired one with ``not_before``/``days``). Started once per session, stopped and removed at the end.
  Skipped, with the reason, only when PostgreSQL is not installed.
- ``hq_db`` (session): the same server with head office's schema migrated (``hq migrate``).
- ``enrol`` (function): ``enrol("BR01", 2)`` creates terminal BR01-02 (role, row, client
  certificate) and returns an :class:`EnrolledTerminal` with its files and a
  ``transport()`` factory; every terminal a test enrols is unique to that test.
- ``admin`` (function): a psycopg connection as ``hq_admin`` (autocommit).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.pg_server import HqServer, PostgresMissing, start_server


@pytest.fixture(scope="session")
def hq_server() -> Iterator[HqServer]:
    try:
        server = start_server()
    except PostgresMissing as missing:
        pytest.skip(f"head-office tests need PostgreSQL: {missing}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def hq_db(hq_server: HqServer) -> HqServer:
    from counter_app.headoffice.migrate import migrate

    migrate(hq_server.admin_dsn)
    return hq_server


@pytest.fixture
def admin(hq_db: HqServer):
    import psycopg

    with psycopg.connect(hq_db.admin_dsn, autocommit=True) as connection:
        yield connection


@dataclass(frozen=True)
class EnrolledTerminal:
    """A terminal enrolled at the test head office, with its certificate files."""

    branch: str
    terminal_no: int
    role: str
    server: HqServer = field(repr=False)
    cert_file: Path
    key_file: Path
    passphrase: str = field(repr=False)

    def transport(self, **overrides: object):  # -> PostgresTransport
        from counter_app.sync.transport_pg import PostgresTransport

        settings: dict[str, object] = {
            "host": self.server.host,
            "port": self.server.port,
            "dbname": self.server.dbname,
            "role": self.role,
            "ca_file": self.server.ca_cert,
            "cert_file": self.cert_file,
            "key_file": self.key_file,
            "passphrase": self.passphrase,
        }
        settings.update(overrides)
        return PostgresTransport(**settings)  # type: ignore[arg-type]


_branches = itertools.count(1)


@pytest.fixture
def fresh_branch() -> Callable[[], str]:
    """A branch code no other test of the session used (the server is shared)."""
    return lambda: f"T{next(_branches):04d}"


@pytest.fixture
def enrol(hq_db: HqServer, tmp_path: Path) -> Callable[..., EnrolledTerminal]:
    from counter_app.headoffice.enrol import enrol_terminal
    from counter_app.sync.protocol import TerminalId

    def make(branch: str, terminal_no: int) -> EnrolledTerminal:
        terminal = TerminalId(branch, terminal_no)
        enrolment = enrol_terminal(
            hq_db.admin_dsn,
            terminal,
            host=hq_db.host,
            port=hq_db.port,
            dbname=hq_db.dbname,
            ca_cert_pem=hq_db.ca_cert_pem,
            ca_key_pem=hq_db.ca_key_pem,
        )
        folder = tmp_path / terminal.role
        folder.mkdir()
        cert_file, key_file = folder / "client.crt", folder / "client.key"
        cert_file.write_bytes(enrolment.file.client_cert_pem.encode())
        key_file.write_bytes(enrolment.file.client_key_pem.encode())
        key_file.chmod(0o600)
        return EnrolledTerminal(
            branch, terminal_no, terminal.role, hq_db, cert_file, key_file, enrolment.passphrase
        )

    return make
