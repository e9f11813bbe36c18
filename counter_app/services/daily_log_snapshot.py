"""What a day's log holds (:class:`LogContent`), and its JSON: the snapshot frozen when the
day is closed (``closed_days.snapshot``, see :mod:`counter_app.services.close_day`) and read
back for every later print of that day's log.

Snapshots before format 3 stored no void lines (their totals left voided rows out): read
back, each voided row gets its void line right under it, derived from the row, so an old
closed day's log reconciles too (its frozen totals are unchanged). Format 4 adds the
settlement lines (kinds ``settlement`` / ``settlement_void``) and ``totals.settled_amount``;
no earlier snapshot holds a settlement (they did not exist), so earlier formats read back
as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.printables.daily_log import DailyLogRow, DailyLogTotals, LogRowKind, ReceiptEvent

#: Version of the snapshot JSON stored at day close. 2 adds ``repeat_window_days`` (the
#: 再請求 window the flags were computed with); format 1 snapshots read back with None.
#: 3 adds the rows' ``kind`` and the void lines (totals add every line). 4 adds the settlement
#: lines (精算 / 精算取消) and ``totals.settled_amount``.
SNAPSHOT_FORMAT = 4


@dataclass(frozen=True)
class LogContent:
    """What a day's log holds, before it is dressed as DailyLogData (and what is frozen)."""

    branch_code: str
    day: dt.date
    rows: tuple[DailyLogRow, ...]
    events: tuple[ReceiptEvent, ...]
    totals: DailyLogTotals
    cash_expected: int
    computed_at: dt.datetime
    #: the 再請求 window (days) the ``repeat`` flags were computed with (None: not recorded,
    #: a format 1 snapshot)
    repeat_window_days: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "branch_code": self.branch_code,
            "day": self.day.isoformat(),
            "computed_at": self.computed_at.astimezone(dt.UTC).isoformat(),
            "repeat_window_days": self.repeat_window_days,
            "rows": [_row_json(r) for r in self.rows],
            "events": [_event_json(e) for e in self.events],
            "totals": {
                "requests": self.totals.requests,
                "fee": self.totals.fee,
                "tax": self.totals.tax,
                "postage": self.totals.postage,
                "voided_amount": self.totals.voided_amount,
                "settled_amount": self.totals.settled_amount,
            },
            "counts": self.counts(),
            "cash_expected": self.cash_expected,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogContent:
        totals = data["totals"]
        rows = tuple(_row_from_json(r) for r in data["rows"])
        if data.get("format", 1) < 3:
            rows = with_derived_void_lines(rows)
        return cls(
            branch_code=data["branch_code"],
            day=dt.date.fromisoformat(data["day"]),
            rows=rows,
            events=tuple(_event_from_json(e) for e in data["events"]),
            totals=DailyLogTotals(
                requests=totals["requests"],
                fee=totals["fee"],
                tax=totals["tax"],
                postage=totals["postage"],
                voided_amount=totals["voided_amount"],
                settled_amount=totals.get("settled_amount", 0),
            ),
            cash_expected=data["cash_expected"],
            computed_at=dt.datetime.fromisoformat(data["computed_at"]),
            repeat_window_days=data.get("repeat_window_days"),
        )

    def counts(self) -> dict[str, int]:
        return {
            "requests": sum(1 for r in self.rows if r.kind is LogRowKind.REQUEST),
            "voids": sum(1 for e in self.events if e.kind == "void"),
            "reprints": sum(1 for e in self.events if e.kind == "reprint"),
            "settlements": sum(1 for r in self.rows if r.kind is LogRowKind.SETTLEMENT),
            "settlement_voids": sum(1 for r in self.rows if r.kind is LogRowKind.SETTLEMENT_VOID),
            "overdue": sum(1 for r in self.rows if r.overdue),
            "repeat": sum(1 for r in self.rows if r.repeat),
        }


# -- JSON of rows and events ------------------------------------------------------------------
def with_derived_void_lines(rows: tuple[DailyLogRow, ...]) -> tuple[DailyLogRow, ...]:
    """Rows of a snapshot written before void lines existed (format 1-2), each voided row
    followed by the 取消 line it implies (its amounts negated), so the columns add up to the
    totals frozen then (which left the voided rows out)."""
    out: list[DailyLogRow] = []
    for row in rows:
        out.append(row)
        if row.receipt_voided and row.kind is LogRowKind.REQUEST:
            out.append(
                DailyLogRow(
                    number=row.number,
                    received_at=row.received_at,
                    staff_name="",
                    request_types=row.request_types,
                    requester_kind="",
                    id_rule="",
                    proxy_docs="",
                    fee=-row.fee,
                    tax=-row.tax,
                    postage=-row.postage,
                    receipt_number=row.receipt_number,
                    status=None,
                    target_date=None,
                    kind=LogRowKind.VOID,
                )
            )
    return tuple(out)


def _row_json(row: DailyLogRow) -> dict[str, Any]:
    return {
        "kind": row.kind.value,
        "number": row.number,
        "received_at": row.received_at.astimezone(dt.UTC).isoformat(),
        "staff_name": row.staff_name,
        "request_types": [t.value for t in row.request_types],
        "requester_kind": row.requester_kind,
        "id_rule": row.id_rule,
        "proxy_docs": row.proxy_docs,
        "fee": row.fee,
        "tax": row.tax,
        "postage": row.postage,
        "receipt_number": row.receipt_number,
        "status": row.status.value if row.status else None,
        "target_date": row.target_date.isoformat() if row.target_date else None,
        "receipt_voided": row.receipt_voided,
        "reprint_count": row.reprint_count,
        "overdue": row.overdue,
        "repeat": row.repeat,
    }


def _row_from_json(data: dict[str, Any]) -> DailyLogRow:
    return DailyLogRow(
        number=data["number"],
        received_at=dt.datetime.fromisoformat(data["received_at"]),
        staff_name=data["staff_name"],
        request_types=tuple(RequestType(t) for t in data["request_types"]),
        requester_kind=data["requester_kind"],
        id_rule=data["id_rule"],
        proxy_docs=data["proxy_docs"],
        fee=data["fee"],
        tax=data["tax"],
        postage=data["postage"],
        receipt_number=data["receipt_number"],
        status=RequestStatus(data["status"]) if data["status"] else None,
        target_date=dt.date.fromisoformat(data["target_date"]) if data["target_date"] else None,
        receipt_voided=data["receipt_voided"],
        reprint_count=data["reprint_count"],
        overdue=data["overdue"],
        repeat=data["repeat"],
        kind=LogRowKind(data.get("kind", LogRowKind.REQUEST.value)),
    )


def _event_json(event: ReceiptEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "receipt_number": event.receipt_number,
        "at": event.at.astimezone(dt.UTC).isoformat(),
        "amount": event.amount,
        "staff_name": event.staff_name,
        "supervisor_name": event.supervisor_name,
        "reason": event.reason,
    }


def _event_from_json(data: dict[str, Any]) -> ReceiptEvent:
    return ReceiptEvent(
        kind=data["kind"],
        receipt_number=data["receipt_number"],
        at=dt.datetime.fromisoformat(data["at"]),
        amount=data["amount"],
        staff_name=data["staff_name"],
        supervisor_name=data["supervisor_name"],
        reason=data["reason"],
    )
