"""Enrolling a terminal at head office: its role, its row, its certificate, its file.

``enrol_terminal`` (run by the administrator ``hq_admin``):

1. creates the role ``term_<branch>_<nn>`` (LOGIN, member of ``terminal``: EXECUTE on
   ``hq.ingest_batch`` and ``hq.pull_changes``, nothing else) and the row in ``hq.terminals``;
2. issues a client certificate with CN = that role, signed by head office's CA;
3. returns the enrolment file (:mod:`counter_app.sync.enrolment_file`) with the key encrypted
   by a new passphrase, and the passphrase, which the caller shows once.

Re-enrolling an existing terminal (``reissue=True``: a new certificate when the old one
expires or the PC is replaced) keeps its role, its row and everything it pushed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.headoffice.certificates import issue_client_certificate, new_passphrase
from counter_app.headoffice.errors import HeadOfficeError
from counter_app.sync.enrolment_file import EnrolmentFile
from counter_app.sync.protocol import TerminalId


class AlreadyEnrolled(HeadOfficeError):
    def __init__(self, terminal: TerminalId) -> None:
        super().__init__(
            f"端末 {terminal.text} はすでに登録されています。",
            hint="証明書を出し直すときは --reissue を付けて実行してください"
            "（これまでに届いたデータはそのまま残ります）。",
        )


@dataclass(frozen=True)
class Enrolment:
    file: EnrolmentFile
    passphrase: str


def register_terminal(admin_dsn: str, terminal: TerminalId, *, reissue: bool = False) -> None:
    """The terminal's role and row at head office (idempotent with ``reissue``)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_dsn) as connection, connection.transaction():
        held = connection.execute(
            "SELECT role FROM hq.terminals WHERE terminal = %s", (terminal.text,)
        ).fetchone()
        if held is not None:
            if not reissue:
                raise AlreadyEnrolled(terminal)
            connection.execute(
                "UPDATE hq.terminals SET status = 'active' WHERE terminal = %s", (terminal.text,)
            )
            return
        role_exists = connection.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (terminal.role,)
        ).fetchone()
        if role_exists is None:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE terminal").format(
                    sql.Identifier(terminal.role)
                )
            )
        else:
            connection.execute(
                sql.SQL("GRANT terminal TO {}").format(sql.Identifier(terminal.role))
            )
        connection.execute(
            sql.SQL("ALTER ROLE {} SET statement_timeout = '30s'").format(
                sql.Identifier(terminal.role)
            )
        )
        connection.execute(
            "INSERT INTO hq.terminals (terminal, branch, terminal_no, role) "
            "VALUES (%s, %s, %s, %s)",
            (terminal.text, terminal.branch_code, terminal.terminal_no, terminal.role),
        )


def enrol_terminal(
    admin_dsn: str,
    terminal: TerminalId,
    *,
    host: str,
    port: int,
    dbname: str,
    ca_cert_pem: bytes,
    ca_key_pem: bytes,
    ca_key_password: bytes | None = None,
    passphrase: str | None = None,
    reissue: bool = False,
) -> Enrolment:
    """Registers ``terminal`` and returns its enrolment file and passphrase."""
    passphrase = passphrase or new_passphrase()
    credentials = issue_client_certificate(
        ca_cert_pem, ca_key_pem, terminal.role, passphrase, ca_key_password=ca_key_password
    )
    register_terminal(admin_dsn, terminal, reissue=reissue)
    from counter_app.sync.enrolment_file import parse_enrolment

    draft = EnrolmentFile(
        terminal=terminal,
        host=host,
        port=port,
        dbname=dbname,
        ca_cert_pem=ca_cert_pem.decode("ascii"),
        client_cert_pem=credentials.certificate_pem.decode("ascii"),
        client_key_pem=credentials.encrypted_key_pem.decode("ascii"),
        issued_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        certificate_not_after=dt.datetime.now(dt.UTC),
    )
    # what the terminal will read: checked by the same reader before it leaves head office
    return Enrolment(parse_enrolment(draft.to_json().encode("utf-8")), passphrase)
