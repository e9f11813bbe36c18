"""Enrolment on the terminal: head office's enrolment file makes this installation terminal N
of its branch, and :func:`open_transport` reaches head office with what it brought.

``counter-app enrol --file F`` reads the file with head office's reader
(:mod:`counter_app.sync.enrolment_file`, which checks the certificates and that the passphrase
opens the key), then :func:`enrol`:

- writes head office's CA certificate, the terminal's client certificate and its private key
  (still encrypted: libpq needs it as a file and opens it with ``sslpassword``) into
  ``<data folder>/sync/`` (folder 0700, files 0600, written whole then renamed);
- puts the passphrase in the OS keyring (entry :data:`PASSPHRASE_ENTRY` of the service
  ``counter-app``), never in a file;
- sets the branch's terminal number and head office's address, and records it in the audit
  trail, in one write transaction.

A stand-alone terminal can be enrolled later: nothing is renumbered or dropped, and its outbox
(every change since migration 0014, and every row that was there before it) goes into its
first push. The file's branch must be this database's branch; a database that has already
numbered as terminal N is enrolled as terminal N only (its numbers carry N: another number
would let two terminals of the branch print the same ones).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select, text, update

from counter_app.errors import DomainError
from counter_app.security.audit import append_audit
from counter_app.security.keys import read_entry, write_entry
from counter_app.security.roles import Actor, Permission, require
from counter_app.store.engine import Database
from counter_app.store.errors import KeyringUnavailable
from counter_app.store.models import Branch
from counter_app.store.sync_tables import SyncState
from counter_app.store.uow import UnitOfWork
from counter_app.sync.protocol import SyncError, SyncErrorKind, TerminalId, Transport
from counter_app.sync.state import state_row

#: the keyring entry (service ``counter-app``) holding the client key's passphrase
PASSPHRASE_ENTRY = "sync-key-passphrase"
SYNC_FOLDER = "sync"
CA_FILE = "hq-ca.pem"
CERT_FILE = "terminal.pem"
KEY_FILE = "terminal.key"  # encrypted PKCS#8

_NUMBERED = ("requests", "receipts", "settlements", "closed_days")


class Enrolment(Protocol):
    """What :func:`enrol` needs of a parsed enrolment file (enrolment_file.EnrolmentFile)."""

    @property
    def terminal(self) -> TerminalId: ...
    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def dbname(self) -> str: ...
    @property
    def ca_cert_pem(self) -> str: ...
    @property
    def client_cert_pem(self) -> str: ...
    @property
    def client_key_pem(self) -> str: ...


@dataclass(frozen=True)
class EnrolResult:
    terminal: str
    hq_address: str
    pending: int  # outbox rows the first push will send
    folder: Path


def sync_folder(data_folder: Path) -> Path:
    return data_folder / SYNC_FOLDER


def _write_private(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` readable by its owner only (0600 from creation), whole."""
    fd, temp = tempfile.mkstemp(prefix=".enrol-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _numbered_as(uow: UnitOfWork) -> set[int]:
    assert uow.session is not None
    used: set[int] = set()
    for table in _NUMBERED:
        used.update(
            uow.session.execute(text(f"SELECT DISTINCT terminal_no FROM {table}")).scalars()
        )
    return used


def check_enrolment(uow: UnitOfWork, terminal: TerminalId) -> None:
    """Refuse (Japanese) a file for another branch, or a terminal number this database
    cannot take without two terminals printing the same numbers."""
    assert uow.session is not None
    branch = uow.session.execute(select(Branch.code, Branch.terminal_no).limit(1)).first()
    if branch is None:
        raise DomainError(
            "この端末はまだ初期設定されていません。",
            hint="先に支店と管理者を設定してから、登録ファイルを読み込んでください。",
        )
    code = branch[0]
    if terminal.branch_code != code:
        raise DomainError(
            f"登録ファイルは支店 {terminal.branch_code} のものですが、この端末は支店 {code} です。",
            hint="この支店の端末用の登録ファイルを本部に依頼してください。",
        )
    other = _numbered_as(uow) - {terminal.terminal_no}
    if other:
        used = "、".join(f"{n:02d}" for n in sorted(other))
        raise DomainError(
            f"この端末はすでに端末番号 {used} として受付番号などを発行しています。"
            f"端末番号 {terminal.terminal_no:02d} には変えられません。",
            hint=f"本部に、この端末を {code}-{used} として登録し直すよう依頼してください。",
        )


def enrol(
    database: Database,
    data_folder: Path,
    enrolment: Enrolment,
    passphrase: str,
    actor: Actor,
    *,
    now: dt.datetime | None = None,
) -> EnrolResult:
    """Make this installation the file's terminal (see the module docstring). 管理者 only."""
    require(actor, Permission.MANAGE_STAFF)
    now = now or dt.datetime.now(dt.UTC)
    terminal = enrolment.terminal
    with database.unit_of_work(read_only=True) as uow:
        check_enrolment(uow, terminal)
    folder = sync_folder(data_folder)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    try:
        write_entry(PASSPHRASE_ENTRY, passphrase)
    except KeyringUnavailable as exc:
        raise SyncError(
            SyncErrorKind.PASSPHRASE_MISSING,
            "パスフレーズをOSのキーリングに保存できませんでした。登録は行っていません。",
            hint="キーリング (資格情報マネージャー) が使える状態でもう一度読み込んでください。",
        ) from exc
    _write_private(folder / CA_FILE, enrolment.ca_cert_pem)
    _write_private(folder / CERT_FILE, enrolment.client_cert_pem)
    _write_private(folder / KEY_FILE, enrolment.client_key_pem)
    with database.unit_of_work() as uow:
        assert uow.session is not None
        check_enrolment(uow, terminal)  # again, under the write lock
        uow.session.execute(
            update(Branch)
            .where(Branch.code == terminal.branch_code)
            .values(terminal_no=terminal.terminal_no)
        )
        uow.session.execute(
            update(SyncState)
            .where(SyncState.id == 1)
            .values(
                hq_host=enrolment.host,
                hq_port=enrolment.port,
                hq_dbname=enrolment.dbname,
                enrolled_at=now,
            )
        )
        append_audit(
            uow.session,
            action="sync.enrol",
            branch_code=terminal.branch_code,
            actor_id=actor.staff_id,
            approver_id=None,
            at=now,
            request_id=None,
            detail={"terminal": terminal.text, "host": enrolment.host, "port": enrolment.port},
        )
        pending = uow.session.execute(text("SELECT COUNT(*) FROM sync_outbox")).scalar_one()
        uow.commit()
    return EnrolResult(
        terminal=terminal.text,
        hq_address=f"{enrolment.host}:{enrolment.port}/{enrolment.dbname}",
        pending=int(pending) + 1,  # and the enrolment's own audit row
        folder=folder,
    )


def not_enrolled() -> SyncError:
    return SyncError(
        SyncErrorKind.NOT_ENROLLED,
        "この端末は本部に登録されていません (単独で動いています)。",
        hint="本部から登録ファイルを受け取り、counter-app enrol --file で読み込んでください。",
    )


def open_transport(database: Database, data_folder: Path) -> Transport:
    """The transport to head office with this terminal's certificate (SyncError if not
    enrolled, if the passphrase is missing from the keyring, or the files are gone)."""
    with database.unit_of_work(read_only=True) as uow:
        state = state_row(uow)
        assert uow.session is not None
        branch = uow.session.execute(select(Branch.code, Branch.terminal_no).limit(1)).first()
        host, port, dbname = state.hq_host, state.hq_port, state.hq_dbname
    if state.enrolled_at is None or not host or not port or not dbname or branch is None:
        raise not_enrolled()
    terminal = TerminalId(branch[0], branch[1])
    try:
        passphrase = read_entry(PASSPHRASE_ENTRY)
    except KeyringUnavailable:
        passphrase = None
    if not passphrase:
        raise SyncError(
            SyncErrorKind.PASSPHRASE_MISSING,
            "本部に接続するための鍵のパスフレーズが、OSのキーリングにありません。",
            hint="登録ファイルをもう一度読み込むか、本部にご連絡ください。受付はこのまま続けられます。",
        )
    folder = sync_folder(data_folder)
    files = [folder / CA_FILE, folder / CERT_FILE, folder / KEY_FILE]
    if not all(path.is_file() for path in files):
        raise SyncError(
            SyncErrorKind.CERTIFICATE,
            "本部に接続するための証明書のファイルが見つかりません。",
            hint="登録ファイルをもう一度読み込んでください。受付はこのまま続けられます。",
        )
    try:
        from counter_app.sync.transport_pg import PostgresTransport
    except ImportError as exc:
        raise SyncError(
            SyncErrorKind.UNREACHABLE,
            "本部と通信する部品 (psycopg) が入っていません。",
            hint="プログラムを入れ直してください。受付はこのまま続けられます。",
        ) from exc
    transport: Transport = PostgresTransport(
        host, port, dbname, terminal.role, files[0], files[1], files[2], passphrase
    )
    return transport
