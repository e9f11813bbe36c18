"""The rollback anchor: the newest audit row known to this OS user, kept outside the database.

A copy of an older database file (a backup, or a copy taken earlier) put over ``counter.db``
is a valid, self-consistent database: its chain checks out and so does its sealed head. Only
something the file copy cannot roll back shows that the counter had gone further — and that the
numbers after that point were already printed. That is the anchor: the seq and hash of the
newest audit row, in the OS keyring, advanced after every commit that appended audit rows (so
after every number handed out: an intake, a receipt, a void, a day close, a backup), per
installation (:mod:`counter_app.store.installation`).

Keyring entries (service ``counter-app``, see :mod:`counter_app.security.keys`), both small
(Windows Credential Manager caps a secret at 2,560 bytes):

- ``anchor:<installation id>`` — ``{"seq": 123, "hash": "<64 hex>", "n": {"receipt:BR01:2026":
  45, ...}}``: the newest audit row and the highest number handed out in each series (newest
  fiscal year per series and branch only; about 200 bytes);
- ``folder:<32 hex of the folder's SHA-256>`` — the installation id whose database lives in
  that data folder (36 bytes): a database of *another* installation copied over ``counter.db``
  shows too.

On opening (:func:`load_anchor_state`) the database must still hold the anchor's row with the
anchor's hash. When it does not (rolled back, rolled back and used since, or another
installation's database), :class:`DatabaseBehindAnchor` is kept as the state's ``problem``:
every number allocation refuses with it (:mod:`counter_app.store.numbering`), reading stays
possible, and the anchor is not moved again until the administrator accepts the state on
purpose (``counter-app audit accept-rollback``) or restores a backup (``counter-app restore``),
both audited and both resetting the anchor (:meth:`AnchorState.reset`). Both first raise the
database's number counters to the anchor's highest numbers
(:func:`counter_app.store.numbering.raise_counters`): a number printed before the rollback is
never handed out again — the gap is recorded in their audit row instead.

Writing the anchor happens after the commit (the database is never behind its own anchor
because of a crash between the two), on a writer thread so that the counter does not wait for
the keyring, and closing the database waits for it; a keyring failure there is logged and the
next commit tries again — the commit itself stands. What the anchor cannot do (any process of the same OS
user can rewrite it, as it can read the key) is in docs/trust.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.errors import StorageError
from counter_app.security.keys import read_entry, write_entry
from counter_app.store.installation import installation_id_of

log = logging.getLogger(__name__)

ANCHOR_ENTRY_PREFIX = "anchor:"
FOLDER_ENTRY_PREFIX = "folder:"

#: Attempts at writing one anchor before the writer gives up until the next commit.
WRITE_ATTEMPTS = 4

ACCEPT_COMMAND = "counter-app audit accept-rollback --user 管理者 --yes"


@dataclass(frozen=True)
class AnchorPoint:
    """An audit row (seq and hash) the database must still hold, and the highest number
    handed out per ``series:branch:fiscal year``."""

    seq: int
    hash: str
    numbers: dict[str, int] = field(default_factory=dict)

    def encode(self) -> str:
        data: dict[str, Any] = {"seq": self.seq, "hash": self.hash}
        if self.numbers:
            data["n"] = newest_years(self.numbers)
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    def numbers_to_keep(self, other: AnchorPoint | None) -> dict[str, int]:
        """The highest numbers of this point and ``other`` (for raising the counters)."""
        return self.merged(other, {}).numbers

    def merged(self, other: AnchorPoint | None, numbers: dict[str, int]) -> AnchorPoint:
        """The newer of the two rows, and the highest of every number of both and ``numbers``."""
        marks = dict(self.numbers)
        for source in (other.numbers if other else {}, numbers):
            for key, value in source.items():
                marks[key] = max(marks.get(key, 0), int(value))
        row = other if other is not None and other.seq > self.seq else self
        return AnchorPoint(row.seq, row.hash, newest_years(marks))


def _parts(key: str) -> tuple[tuple[str, str], int]:
    series, branch, year = key.rsplit(":", 2)
    return (series, branch), int(year)


def newest_years(numbers: dict[str, int]) -> dict[str, int]:
    """Only the two newest fiscal years of each series and branch (keeps the entry small; a
    rollback across April still knows the last year's numbers)."""
    newest: dict[tuple[str, str], int] = {}
    for key in numbers:
        group, year = _parts(key)
        newest[group] = max(newest.get(group, year), year)
    return {
        key: value
        for key, value in sorted(numbers.items())
        if _parts(key)[1] >= newest[_parts(key)[0]] - 1
    }


class DatabaseBehindAnchor(StorageError):
    """The database does not reach the newest state recorded outside it: no new numbers."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what}番号の二重発行を防ぐため、新しい受付番号・領収書番号・締め番号は発行しません"
            "(閲覧はできます)。",
            hint=(
                "管理者に連絡してください。管理者は counter-app audit verify で状態を確認し、"
                "最新の正常なバックアップがあれば counter-app restore で復元します。"
                "意図して以前の状態に戻した場合に限り、"
                f"{ACCEPT_COMMAND} で承認すると発行を再開できます (操作記録に残ります)。"
            ),
        )
        self.what = what


def anchor_entry(installation_id: str) -> str:
    return ANCHOR_ENTRY_PREFIX + installation_id


def folder_entry(folder: Path) -> str:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()
    return FOLDER_ENTRY_PREFIX + digest[:32]


def read_anchor(installation_id: str) -> AnchorPoint | None:
    """The anchor kept for ``installation_id``; None when there is none (or it is unreadable,
    which the caller reports as a problem of its own)."""
    raw = read_entry(anchor_entry(installation_id))
    if not raw:
        return None
    data = json.loads(raw)
    numbers = {str(k): int(v) for k, v in dict(data.get("n") or {}).items()}
    return AnchorPoint(int(data["seq"]), str(data["hash"]), numbers)


def write_anchor(installation_id: str, point: AnchorPoint) -> None:
    write_entry(anchor_entry(installation_id), point.encode())


def _last_row(conn: Any) -> AnchorPoint:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return AnchorPoint(int(row[0]), str(row[1])) if row else AnchorPoint(0, "0" * 64)


def compare(conn: Any, point: AnchorPoint) -> str | None:
    """Why the database of ``conn`` (DB-API) does not reach ``point``; None when it does."""
    last = _last_row(conn)
    if last.seq < point.seq:
        return (
            "このデータベースは以前の状態に戻されています: 最後に記録された操作記録は番号 "
            f"{point.seq} ですが、このデータベースには番号 {last.seq} までしかありません "
            f"({point.seq - last.seq}件の記録と、その間に発行した番号が失われています)。"
        )
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (point.seq,)).fetchone()
    if row is None or row[0] != point.hash:
        return (
            f"このデータベースの操作記録は、最後に記録された状態 (番号 {point.seq}) と一致しません "
            "(以前の状態に戻された後に使われたか、別のデータベースに置き換えられています)。"
        )
    return None


@dataclass
class AnchorState:
    """What one opened database knows of its anchor; held by the ``Database``.

    :meth:`advance` does not wait for the keyring: a Secret Service write costs tens of
    milliseconds or more (bench/bench_intake.py ``--anchored``), so the newest point is handed
    to one writer thread, which writes it (merged with what is stored: another process may have
    moved it) and then the next newest, coalescing what came meanwhile. :meth:`flush` waits
    for it; ``Database.close()`` flushes, so a command returns only once its anchor is stored.
    """

    installation_id: str
    folder: Path
    point: AnchorPoint | None
    problem: DatabaseBehindAnchor | None = None
    writes: int = field(default=0)
    #: the anchor of the installation this folder held before (another installation's
    #: database copied over it, or a new database made where one was): its highest numbers
    #: are not handed out again when the administrator accepts or restores
    inherited: AnchorPoint | None = None
    _pending: AnchorPoint | None = field(default=None, repr=False)
    _writer: threading.Thread | None = field(default=None, repr=False)
    _cond: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def advance(self, seq: int, hash_: str, numbers: dict[str, int] | None = None) -> None:
        """After a commit that appended rows up to ``seq`` (and handed out ``numbers``): move
        the anchor there.

        Never while a problem stands (that would bless the rolled-back state), never backwards;
        a keyring failure is logged (the commit stands, the next one tries again).
        """
        numbers = numbers or {}
        if self.problem is not None:
            return
        known = self.point
        if (
            known is not None
            and seq <= known.seq
            and all(known.numbers.get(k, 0) >= v for k, v in numbers.items())
        ):
            return
        point = AnchorPoint(seq, hash_).merged(known, numbers)
        with self._cond:
            self.point = point
            self._pending = point
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_pending, name="rollback-anchor", daemon=True
                )
                self._writer.start()

    def _write_pending(self) -> None:
        failures = 0
        while True:
            with self._cond:
                point = self._pending
                self._pending = None
                if point is None:
                    self._writer = None
                    self._cond.notify_all()
                    return
            try:
                write_anchor(
                    self.installation_id, point.merged(read_anchor(self.installation_id), {})
                )
                self.writes += 1
                failures = 0
            except Exception as exc:  # the commit stands whatever the keyring does
                failures += 1
                log.warning(
                    "the rollback anchor could not be written (attempt %d): %s: %s",
                    failures,
                    type(exc).__name__,
                    getattr(exc, "message", ""),
                )
                if failures < WRITE_ATTEMPTS:  # a busy keyring: try again (unless newer came)
                    time.sleep(0.2 * failures)
                    with self._cond:
                        if self._pending is None:
                            self._pending = point
                else:
                    failures = 0

    def highest_numbers(self) -> dict[str, int]:
        """Every number this folder is known to have handed out (the anchor's, and those of
        the installation it held before): a restore or an acceptance raises the counters."""
        if self.point is not None:
            return self.point.numbers_to_keep(self.inherited)
        return dict(self.inherited.numbers) if self.inherited is not None else {}

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until the newest point is in the keyring; False if that took over ``timeout``."""
        with self._cond:
            return self._cond.wait_for(lambda: self._writer is None, timeout)

    def reset(self, conn: Any) -> AnchorPoint:
        """Anchor the database as it is now (after an audited restore or acceptance, which
        raised its number counters to the old anchor's first)."""
        self.flush()
        last = _last_row(conn)
        rows = conn.execute(
            "SELECT series, branch_code, fiscal_year, last_value FROM number_counters"
        ).fetchall()
        point = AnchorPoint(
            last.seq, last.hash, newest_years({f"{r[0]}:{r[1]}:{r[2]}": int(r[3]) for r in rows})
        )
        write_anchor(self.installation_id, point)
        write_entry(folder_entry(self.folder), self.installation_id)
        self.point = point
        self.problem = None
        return point


def load_anchor_state(conn: Any, folder: Path) -> AnchorState | None:
    """Check the database of ``conn`` (DB-API, this data folder) against its anchor.

    None for a database without an installation id (not possible after migration 0011). The
    first time a folder is seen it is bound to its installation; the first time an
    installation is seen its newest row becomes the anchor.
    """
    ident = installation_id_of(conn)
    if ident is None:
        return None
    folder = Path(folder)
    bound = read_entry(folder_entry(folder))
    if bound and bound != ident:
        problem = DatabaseBehindAnchor(
            "このフォルダのデータベースは、別の設置 (別の端末またはデータフォルダ) の"
            "データベースに置き換えられているか、削除されて新しく作り直されています。"
        )
        try:
            inherited = read_anchor(bound)
        except (ValueError, KeyError, TypeError):
            inherited = None
        return AnchorState(ident, folder, None, problem, inherited=inherited)
    if not bound:
        write_entry(folder_entry(folder), ident)
    try:
        point = read_anchor(ident)
    except (ValueError, KeyError, TypeError):
        problem = DatabaseBehindAnchor("キーリングに保管した操作記録の控えが読めません。")
        return AnchorState(ident, folder, None, problem)
    if point is None:
        state = AnchorState(ident, folder, None)
        last = _last_row(conn)
        if last.seq:
            state.reset(conn)
        return state
    why = compare(conn, point)
    return AnchorState(ident, folder, point, DatabaseBehindAnchor(why) if why else None)
