"""The wire contract between a branch terminal and head office.

A terminal appends one outbox row per changed aggregate inside the service transaction that
changed it (``seq`` gapless and commit-ordered per terminal). ``sync push`` sends the rows not
yet acknowledged as a :class:`Batch` to head office's ingest function, which answers with an
:class:`Ack` (applied, or a duplicate of a batch already applied) or refuses it with a
:class:`SyncError` whose ``kind`` says why. ``sync pull`` fetches head office's own rows for the
terminal's branch (decisions, staff, configuration bundles) after a mark.

Both sides hash a change the same way: SHA-256 of its canonical JSON (:func:`canonical_json`:
sorted keys, no spaces, UTF-8, no NaN) without the hash itself. Head office compares the hash of
a change it already holds with an incoming one of the same ``seq``: equal → duplicate,
different → alarm.

This module imports nothing from the rest of the program: the terminal side (outbox, push
worker) and head office (ingest, enrolment) both depend on it, never the other way.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol, TypeAlias

from counter_app.errors import CounterAppError

#: The payload schema version this program writes. Head office accepts this one and the one
#: before it (expand, then contract) and answers anything else with 「更新が必要です」.
SCHEMA_VERSION = 1
OLDEST_ACCEPTED_SCHEMA_VERSION = SCHEMA_VERSION - 1

#: Most changes in one batch (a busy terminal's week is a few thousand rows: several batches).
MAX_BATCH_CHANGES = 500

JSONValue: TypeAlias = (
    bool | int | float | str | Sequence["JSONValue"] | Mapping[str, "JSONValue"] | None
)

_BRANCH = re.compile(r"[A-Z0-9]{1,16}")
_TERMINAL_TEXT = re.compile(r"([A-Z0-9]{1,16})-([0-9]{2})")


def canonical_json(value: JSONValue) -> str:
    """The one JSON text of ``value`` both sides hash: sorted keys, no spaces, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


@dataclass(frozen=True)
class TerminalId:
    """A terminal of a branch: branch code (``BR01``) and terminal number (1–99).

    ``text`` (``BR01-02``) is what numbers and screens show; ``role`` (``term_br01_02``) is the
    terminal's PostgreSQL role at head office and the CN of its client certificate.
    """

    branch_code: str
    terminal_no: int

    def __post_init__(self) -> None:
        if not _BRANCH.fullmatch(self.branch_code):
            raise ValueError(f"branch code: {self.branch_code!r}")
        if not 1 <= self.terminal_no <= 99:
            raise ValueError(f"terminal number: {self.terminal_no!r}")

    @property
    def text(self) -> str:
        return f"{self.branch_code}-{self.terminal_no:02d}"

    @property
    def role(self) -> str:
        return f"term_{self.branch_code.lower()}_{self.terminal_no:02d}"

    @classmethod
    def parse(cls, text: str) -> TerminalId:
        """``BR01-02`` → TerminalId("BR01", 2); ValueError on anything else."""
        match = _TERMINAL_TEXT.fullmatch(text)
        if match is None:
            raise ValueError(f"terminal: {text!r}")
        return cls(match.group(1), int(match.group(2)))


@dataclass(frozen=True)
class Change:
    """One outbox row: the state of one aggregate after one commit.

    ``aggregate`` names its kind (``request``, ``receipt``, ``settlement``, ``closed_day``,
    ``audit`` …, listed in docs/sync.md with each payload's fields); ``aggregate_id`` is the
    row's UUIDv7; ``version`` increases with every change of that aggregate; ``payload`` is
    the minimal JSON head office needs (no ID document numbers, no free text it does not use).
    """

    seq: int
    aggregate: str
    aggregate_id: str
    version: int
    schema_version: int
    payload: Mapping[str, JSONValue]

    def body(self) -> dict[str, JSONValue]:
        return {
            "seq": self.seq,
            "aggregate": self.aggregate,
            "id": self.aggregate_id,
            "version": self.version,
            "schema_version": self.schema_version,
            "payload": self.payload,
        }

    @property
    def sha256(self) -> str:
        return hashlib.sha256(canonical_json(self.body()).encode("utf-8")).hexdigest()

    def to_wire(self) -> dict[str, JSONValue]:
        return {**self.body(), "sha256": self.sha256}


@dataclass(frozen=True)
class Batch:
    """Consecutive changes of one terminal: ``changes[i].seq == first_seq + i``."""

    terminal: TerminalId
    schema_version: int
    changes: tuple[Change, ...]
    sent_at: str  # ISO 8601 UTC, the terminal's clock (head office records the skew)

    def __post_init__(self) -> None:
        if not self.changes:
            raise ValueError("empty batch")
        first = self.changes[0].seq
        for offset, change in enumerate(self.changes):
            if change.seq != first + offset:
                raise ValueError("changes are not consecutive")

    @property
    def first_seq(self) -> int:
        return self.changes[0].seq

    @property
    def last_seq(self) -> int:
        return self.changes[-1].seq

    def to_wire(self) -> dict[str, JSONValue]:
        return {
            "terminal": self.terminal.text,
            "schema_version": self.schema_version,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "sent_at": self.sent_at,
            "changes": [change.to_wire() for change in self.changes],
        }


@dataclass(frozen=True)
class Ack:
    """Head office's answer to a batch: everything up to ``acked_seq`` is held there."""

    status: Literal["applied", "duplicate"]
    acked_seq: int


@dataclass(frozen=True)
class PulledItem:
    """One head-office row for the terminal's branch: ``kind`` is ``decision``, ``staff`` or
    ``config_bundle``; ``mark`` is head office's commit-ordered sequence of it."""

    mark: int
    kind: str
    item_id: str
    version: int
    payload: Mapping[str, JSONValue]


@dataclass(frozen=True)
class PullResult:
    items: tuple[PulledItem, ...]
    mark: int  # the highest mark head office has for this branch (resume after it)
    more: bool = False


class SyncErrorKind(StrEnum):
    """Why a push or pull did not happen; each has its Japanese sentence in docs/sync.md."""

    UNREACHABLE = "unreachable"  # network down, server down, proxy cut the connection
    CERTIFICATE = "certificate"  # expired, revoked, not for this server, wrong CA
    PASSPHRASE_MISSING = "passphrase_missing"  # the key's passphrase is not in the keyring
    NOT_ENROLLED = "not_enrolled"  # a stand-alone terminal
    GAP = "gap"  # the batch does not start at head office's mark + 1
    CONFLICT = "conflict"  # same seq, different content: an alarm at head office
    AUDIT_BREAK = "audit_break"  # the audit chain does not continue, or went backwards
    SCHEMA = "schema"  # 「更新が必要です」
    FORBIDDEN = "forbidden"  # a role pushing for another terminal, or reading another branch
    SERVER_FULL = "server_full"  # head office's disk is full
    CLOCK = "clock"  # the terminal's clock is off by more than head office tolerates
    INVALID = "invalid"  # the batch is malformed


#: The SQLSTATE head office's ingest function raises for each refusal (class "CA", unused by
#: PostgreSQL itself), so the terminal can map the error without parsing text.
SQLSTATE_OF_KIND: Mapping[SyncErrorKind, str] = {
    SyncErrorKind.GAP: "CA001",
    SyncErrorKind.CONFLICT: "CA002",
    SyncErrorKind.SCHEMA: "CA003",
    SyncErrorKind.FORBIDDEN: "CA004",
    SyncErrorKind.AUDIT_BREAK: "CA005",
    SyncErrorKind.INVALID: "CA006",
    SyncErrorKind.CLOCK: "CA007",
}


@dataclass
class SyncError(CounterAppError):
    """A push or pull that did not happen, with the sentence the terminal shows."""

    kind: SyncErrorKind
    message: str
    hint: str | None = None
    detail: str = field(default="", repr=False)  # for the log (masked), never for the screen

    def __post_init__(self) -> None:
        CounterAppError.__init__(self, self.message, hint=self.hint)


class Transport(Protocol):
    """How a terminal reaches head office (PostgreSQL today; an HTTPS gateway later)."""

    def push(self, batch: Batch) -> Ack: ...

    def pull(self, after_mark: int, limit: int) -> PullResult: ...

    def close(self) -> None: ...
