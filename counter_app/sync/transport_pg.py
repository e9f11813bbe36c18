"""The terminal's :class:`~counter_app.sync.protocol.Transport` to head office's PostgreSQL.

psycopg 3 over TLS with ``sslmode=verify-full`` (the server's certificate must be signed by
head office's CA and name the host) and the terminal's client certificate, whose key is
encrypted; libpq opens it with ``sslpassword``. The terminal's role may only call
``hq.ingest_batch`` and ``hq.pull_changes``.

Every failure becomes a :class:`SyncError` with a Japanese sentence (:mod:`.refusals`):
unreachable, certificate refused or expired, wrong or missing passphrase, head office's
refusals by SQLSTATE (``CA001``…), its disk full (``53100``). The libpq text goes to
``detail`` for the log; nothing is ever printed as a traceback.

On the wire each change travels as its canonical JSON text and its SHA-256
(:func:`ingest_wire`): PostgreSQL's ``jsonb`` does not keep the text, so head office hashes
the text it received and parses it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from counter_app.sync.protocol import (
    Ack,
    Batch,
    JSONValue,
    PulledItem,
    PullResult,
    SyncError,
    SyncErrorKind,
    canonical_json,
)
from counter_app.sync.refusals import KIND_OF_SQLSTATE, sync_error

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 10
STATEMENT_TIMEOUT_MS = 30_000


def ingest_wire(batch: Batch) -> dict[str, JSONValue]:
    """The JSON ``hq.ingest_batch`` takes: the batch's fields, each change as its canonical
    text (what was hashed) and its SHA-256."""
    changes: list[JSONValue] = []
    for change in batch.changes:
        text = canonical_json(change.body())  # Change.sha256 hashes this very text
        changes.append({"canonical": text, "sha256": hashlib.sha256(text.encode()).hexdigest()})
    return {
        "terminal": batch.terminal.text,
        "schema_version": batch.schema_version,
        "first_seq": batch.first_seq,
        "last_seq": batch.last_seq,
        "sent_at": batch.sent_at,
        "changes": changes,
    }


# libpq's words (lower case) → what the person at the counter is told.
_CONNECT_FAILURES: tuple[tuple[tuple[str, ...], SyncErrorKind], ...] = (
    # the network first: a cut in the middle of the TLS handshake is no certificate problem
    (("unexpected eof",), SyncErrorKind.UNREACHABLE),
    (("eof detected",), SyncErrorKind.UNREACHABLE),
    (("connection reset",), SyncErrorKind.UNREACHABLE),
    (("server closed the connection",), SyncErrorKind.UNREACHABLE),
    (("connection refused",), SyncErrorKind.UNREACHABLE),
    (("timeout expired",), SyncErrorKind.UNREACHABLE),
    (("broken pipe",), SyncErrorKind.UNREACHABLE),
    (("private key", "decrypt"), SyncErrorKind.PASSPHRASE_MISSING),
    (("private key", "bad password"), SyncErrorKind.PASSPHRASE_MISSING),
    (("private key", "passphrase"), SyncErrorKind.PASSPHRASE_MISSING),
    (("certificate authentication failed",), SyncErrorKind.CERTIFICATE),
    (("not permitted to log in",), SyncErrorKind.CERTIFICATE),  # head office revoked it
    (("certificate",), SyncErrorKind.CERTIFICATE),
    (("ssl error",), SyncErrorKind.CERTIFICATE),
    (("does not match host name",), SyncErrorKind.CERTIFICATE),
    (("no pg_hba.conf entry",), SyncErrorKind.FORBIDDEN),
    (("role", "does not exist"), SyncErrorKind.FORBIDDEN),
    (("permission denied",), SyncErrorKind.FORBIDDEN),
)


def kind_of_failure(sqlstate: str | None, text: str) -> SyncErrorKind:
    """The :class:`SyncErrorKind` of a psycopg error, by SQLSTATE first, then libpq's text."""
    if sqlstate is not None and sqlstate in KIND_OF_SQLSTATE:
        return KIND_OF_SQLSTATE[sqlstate]
    if sqlstate == "53100":  # disk_full
        return SyncErrorKind.SERVER_FULL
    if sqlstate in ("42501", "28000"):  # insufficient_privilege, invalid_authorization
        return SyncErrorKind.FORBIDDEN
    if sqlstate is not None and sqlstate.startswith("22"):  # data exception: e.g. a NUL in JSON
        return SyncErrorKind.INVALID
    if sqlstate is not None and sqlstate[:2] in ("08", "53", "57", "40", "58", "XX"):
        return SyncErrorKind.UNREACHABLE
    lowered = text.lower()
    for words, kind in _CONNECT_FAILURES:
        if all(word in lowered for word in words):
            return kind
    return SyncErrorKind.UNREACHABLE


class PostgresTransport:
    """Pushes batches to and pulls rows from head office, one connection kept open."""

    def __init__(
        self,
        host: str,
        port: int,
        dbname: str,
        role: str,
        ca_file: str | Path,
        cert_file: str | Path,
        key_file: str | Path,
        passphrase: str | None,
        *,
        connect_timeout: int = CONNECT_TIMEOUT_SECONDS,
        statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
    ) -> None:
        self._settings: dict[str, Any] = {
            "host": host,
            "port": port,
            "dbname": dbname,
            "user": role,
            "sslmode": "verify-full",
            "sslrootcert": str(ca_file),
            "sslcert": str(cert_file),
            "sslkey": str(key_file),
            "connect_timeout": connect_timeout,
            "options": f"-c statement_timeout={int(statement_timeout_ms)}",
            "application_name": f"counter-app {role}",
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": (connect_timeout + statement_timeout_ms // 1000) * 1000,
            "gssencmode": "disable",
        }
        self._passphrase = passphrase
        self._connection: Any = None

    # -- the connection -------------------------------------------------------------------

    def _connect(self) -> Any:
        import psycopg

        if self._connection is not None and not self._connection.closed:
            return self._connection
        if not self._passphrase:
            raise sync_error(SyncErrorKind.PASSPHRASE_MISSING, "no passphrase given")
        for name in ("sslrootcert", "sslcert", "sslkey"):
            if not Path(self._settings[name]).is_file():
                raise sync_error(SyncErrorKind.CERTIFICATE, f"{name} missing: the file is gone")
        try:
            self._connection = psycopg.connect(
                **self._settings, sslpassword=self._passphrase, autocommit=True
            )
        except psycopg.Error as failure:
            raise self._mapped(failure) from None
        return self._connection

    def _mapped(self, failure: Exception) -> SyncError:
        sqlstate = getattr(failure, "sqlstate", None)
        text = str(failure)
        kind = kind_of_failure(sqlstate, text)
        log.info("head office: %s (%s) %s", kind, sqlstate, text)
        self._drop()
        return sync_error(kind, f"{sqlstate or ''} {text}".strip())

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken connection: nothing more to do
                log.debug("closing a broken connection", exc_info=True)

    def _call(self, statement: str, arguments: tuple[Any, ...]) -> Mapping[str, Any]:
        import psycopg

        connection = self._connect()
        try:
            row = connection.execute(statement, arguments).fetchone()
        except psycopg.Error as failure:
            raise self._mapped(failure) from None
        answer = row[0] if row else None
        if not isinstance(answer, dict):
            raise sync_error(SyncErrorKind.INVALID, f"unexpected answer: {answer!r:.200}")
        return answer

    # -- protocol.Transport -----------------------------------------------------------------

    def push(self, batch: Batch) -> Ack:
        wire = json.dumps(ingest_wire(batch), ensure_ascii=False, allow_nan=False)
        answer = self._call("SELECT hq.ingest_batch(%s::jsonb)", (wire,))
        status = answer.get("status")
        if status in ("applied", "duplicate") and type(answer.get("acked_seq")) is int:
            return Ack(status, answer["acked_seq"])
        raise refusal_of(answer)

    def pull(self, after_mark: int, limit: int) -> PullResult:
        answer = self._call("SELECT hq.pull_changes(%s, %s)", (after_mark, limit))
        try:
            items = tuple(
                PulledItem(
                    int(item["mark"]),
                    str(item["kind"]),
                    str(item["id"]),
                    int(item["version"]),
                    dict(item["payload"]),
                )
                for item in answer["items"]
            )
            return PullResult(items, int(answer["mark"]), bool(answer["more"]))
        except (KeyError, TypeError, ValueError) as bad:
            raise sync_error(SyncErrorKind.INVALID, f"pull answer: {bad!r}") from None

    def close(self) -> None:
        self._drop()


def refusal_of(answer: Mapping[str, Any]) -> SyncError:
    """The :class:`SyncError` of a refusal head office returned instead of raising (the ones
    that leave an alarm row: conflict, audit break, forbidden, clock)."""
    kind = KIND_OF_SQLSTATE.get(str(answer.get("sqlstate")), SyncErrorKind.INVALID)
    detail = answer.get("detail")
    text = f"{answer.get('sqlstate')} {answer.get('message')} {detail}"
    if kind is SyncErrorKind.CLOCK and isinstance(detail, dict):
        skew = detail.get("skew_seconds")
        if isinstance(skew, int | float):
            minutes = round(abs(float(skew)) / 60)
            return sync_error(
                kind, text, message=f"この端末の時計が本部の時計と約 {minutes} 分ずれています。"
            )
    return sync_error(kind, text)
