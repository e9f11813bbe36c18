"""An in-process head office for the terminal's tests, modelling protocol.py's rules.

Tests only: the real one is PostgreSQL (counter_app/headoffice, transport_pg). Rules kept:
a batch must start at the acknowledged mark + 1 (applied → Ack "applied"); a batch wholly at
or below the mark with the same hashes → Ack "duplicate"; the same seq with a different hash →
CONFLICT (and an alarm); a batch starting after mark + 1 → GAP; another terminal → FORBIDDEN.
Faults a test can arm: the network down before the batch arrives, or the connection cut after
head office committed (the acknowledgement is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.sync.protocol import (
    Ack,
    Batch,
    Change,
    PulledItem,
    PullResult,
    SyncError,
    SyncErrorKind,
    TerminalId,
)


def _error(kind: SyncErrorKind, message: str) -> SyncError:
    return SyncError(kind, message)


@dataclass
class FakeHeadOffice:
    terminal: TerminalId
    acked: int = 0
    held: dict[int, Change] = field(default_factory=dict)
    alarms: list[str] = field(default_factory=list)
    down: int = 0  # the next n pushes fail before reaching head office
    lose_ack: int = 0  # the next n pushes are applied but the answer is lost
    pushes: int = 0
    items: list[PulledItem] = field(default_factory=list)

    # -- protocol.Transport ---------------------------------------------------------------
    def push(self, batch: Batch) -> Ack:
        self.pushes += 1
        if self.down:
            self.down -= 1
            raise _error(SyncErrorKind.UNREACHABLE, "本部に接続できません。")
        if batch.terminal != self.terminal:
            raise _error(SyncErrorKind.FORBIDDEN, "ほかの端末としては送信できません。")
        ack = self._ingest(batch)
        if self.lose_ack:
            self.lose_ack -= 1
            raise _error(SyncErrorKind.UNREACHABLE, "本部との接続が途中で切れました。")
        return ack

    def pull(self, after_mark: int, limit: int) -> PullResult:
        if self.down:
            self.down -= 1
            raise _error(SyncErrorKind.UNREACHABLE, "本部に接続できません。")
        newer = [item for item in self.items if item.mark > after_mark][:limit]
        top = max((item.mark for item in self.items), default=0)
        more = bool(newer) and newer[-1].mark < top
        return PullResult(tuple(newer), newer[-1].mark if more else top, more)

    def close(self) -> None:
        return None

    # -- head office's rules -------------------------------------------------------------
    def _ingest(self, batch: Batch) -> Ack:
        if batch.first_seq > self.acked + 1:
            raise _error(SyncErrorKind.GAP, "送信番号が飛んでいます。")
        for change in batch.changes:
            if change.seq <= self.acked and self.held[change.seq].sha256 != change.sha256:
                self.alarms.append(f"conflict at {change.seq}")
                raise _error(SyncErrorKind.CONFLICT, "同じ番号で内容の違う送信です。")
        if batch.last_seq <= self.acked:
            return Ack("duplicate", self.acked)
        for change in batch.changes:
            if change.seq > self.acked:
                self.held[change.seq] = change
        self.acked = batch.last_seq
        return Ack("applied", self.acked)
