"""Fixtures for the head-office desk on the session's real PostgreSQL (tests/pg_server.py).

- ``desk_accounts`` (session): one 本部担当 (``clerk``), two 本部責任者 (``lead``,
  ``lead2``) and a 管理者 (``admin``), each a real login signed in over TLS with SCRAM;
  ``desk_accounts.conn("clerk")`` is that person's connection (autocommit).
- ``seed`` (function): puts terminals' request aggregates into ``hq.aggregates`` as ingest
  does (the projection trigger fires), for branches no other test uses.
"""

from __future__ import annotations

import itertools
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest

from counter_app.headoffice.desk.accounts import DeskRole, DeskServer, create_account, sign_in

_session_ids = itertools.count(1)


@dataclass
class DeskAccounts:
    server: DeskServer
    logins: dict[str, str]
    passwords: dict[str, str]
    connections: dict[str, psycopg.Connection] = field(default_factory=dict)

    def conn(self, who: str) -> psycopg.Connection:
        if who not in self.connections:
            self.connections[who], _ = sign_in(self.server, self.logins[who], self.passwords[who])
        return self.connections[who]


@pytest.fixture(scope="session")
def desk_accounts(hq_db) -> Iterator[DeskAccounts]:
    tag = secrets.token_hex(3)
    people = {
        "clerk": ("本部 担当一", DeskRole.CLERK),
        "clerk2": ("本部 担当二", DeskRole.CLERK),
        "lead": ("本部 責任者一", DeskRole.LEAD),
        "lead2": ("本部 責任者二", DeskRole.LEAD),
        "admin": ("本部 管理者", DeskRole.ADMIN),
    }
    logins: dict[str, str] = {}
    passwords: dict[str, str] = {}
    with psycopg.connect(hq_db.admin_dsn, autocommit=True) as admin:
        for who, (name, role) in people.items():
            logins[who] = f"desk_{who}_{tag}"
            passwords[who] = secrets.token_urlsafe(16)
            create_account(admin, logins[who], name, role, passwords[who])
    accounts = DeskAccounts(
        DeskServer(hq_db.host, hq_db.port, hq_db.dbname, hq_db.ca_cert), logins, passwords
    )
    try:
        yield accounts
    finally:
        for connection in accounts.connections.values():
            connection.close()


@dataclass
class Seed:
    """Writes request aggregates as ingest does, one terminal row per branch/terminal."""

    admin: psycopg.Connection
    prefix: str
    versions: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def branch(self) -> str:
        return f"{self.prefix}{next(self._ids):03d}"

    def terminal(self, branch: str, number: int = 1) -> str:
        terminal = f"{branch}-{number:02d}"
        self.admin.execute(
            "INSERT INTO hq.terminals (terminal, branch, terminal_no, role) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            (terminal, branch, number, f"term_{terminal.lower().replace('-', '_')}"),
        )
        return terminal

    def put(self, terminal: str, aggregate: str, item_id: str, payload: dict[str, Any]) -> None:
        key = (terminal, aggregate, item_id)
        version = self.versions.get(key, 0) + 1
        self.versions[key] = version
        branch = terminal.rsplit("-", 1)[0]
        self.admin.execute(
            "INSERT INTO hq.aggregates AS a (terminal, branch, aggregate, id, version, "
            "schema_version, seq, payload) VALUES (%s, %s, %s, %s, %s, 1, %s, %s) "
            "ON CONFLICT (terminal, aggregate, id) DO UPDATE SET version = EXCLUDED.version, "
            "payload = EXCLUDED.payload, received_at = now() WHERE a.version < EXCLUDED.version",
            (terminal, branch, aggregate, item_id, version, version, json.dumps(payload)),
        )

    def request(self, terminal: str, request_id: str, **fields: Any) -> int:
        """A request aggregate (fields as in the terminal's payload); returns its rid."""
        payload: dict[str, Any] = {
            "number": f"R-{terminal}-2026-{request_id}",
            "status": "received",
            "received_on": "2026-04-01",
            "target_on": "2026-04-15",
            "lawsuit_possible_from": "2026-04-15",
            "requester": "principal",
            "proxy_kind": None,
            "items": [{"position": 1, "type": "disclosure", "outcome": None, "details": {}}],
            "principal": {"name": "山田 花子", "phone": "090-1234-5678", "birth_date": "1980-01-02",
                          "postal_code": "310-0001", "address": "茨城県水戸市三の丸1-1-1"},
            "fee_total": 0,
        }  # fmt: skip
        payload.update(fields)
        self.put(terminal, "request", request_id, payload)
        row = self.admin.execute(
            "SELECT rid FROM hq.requests WHERE terminal = %s AND request_id = %s",
            (terminal, request_id),
        ).fetchone()
        assert row is not None, "the projection trigger did not run"
        return int(row[0])


_seeds = itertools.count(1)


@pytest.fixture
def seed(admin) -> Seed:
    return Seed(admin, f"D{next(_seeds):03d}X")
