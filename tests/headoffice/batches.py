"""Batches for the head-office tests: a terminal's changes with an audit chain that links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from counter_app.security.audit import canonical_json as audit_canonical_json
from counter_app.security.audit import row_hash
from counter_app.sync.protocol import SCHEMA_VERSION, Batch, Change, TerminalId

GENESIS = "0" * 64


def now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class TerminalLog:
    """What one terminal has committed: its outbox seq and its audit chain."""

    terminal: TerminalId
    seq: int = 0
    audit_seq: int = 0
    audit_hash: str = GENESIS
    versions: dict[str, int] = field(default_factory=dict)

    def request(self, request_id: str, **payload: object) -> Change:
        self.seq += 1
        version = self.versions.get(request_id, 0) + 1
        self.versions[request_id] = version
        body = {"number": f"R-{self.terminal.text}-2026-{self.seq:06d}", "status": "received"}
        body.update(payload)  # type: ignore[arg-type]
        return Change(self.seq, "request", request_id, version, SCHEMA_VERSION, body)

    def audit(self, action: str = "intake", **detail: object) -> Change:
        """The terminal's next audit row as the outbox sends it: the row whole, ``detail`` as
        its stored canonical text, hashed by the terminal's own ``row_hash``."""
        self.seq += 1
        self.audit_seq += 1
        content = {
            "seq": self.audit_seq,
            "at_utc": f"2026-12-02T06:{self.audit_seq % 60:02d}:00.000000Z",
            "branch_code": self.terminal.branch_code,
            "actor_id": "staff-0001",
            "approver_id": None,
            "action": action,
            "request_id": None,
            "detail": detail,
        }
        digest = row_hash(self.audit_hash, content)
        payload = {
            **content,
            "detail": audit_canonical_json(detail),
            "prev_hash": self.audit_hash,
            "hash": digest,
        }
        self.audit_hash = digest
        return Change(
            self.seq, "audit", f"{self.terminal.text}-{self.audit_seq}", 1, SCHEMA_VERSION, payload
        )

    def batch(self, *changes: Change, schema_version: int = SCHEMA_VERSION) -> Batch:
        return Batch(self.terminal, schema_version, tuple(changes), now_text())
