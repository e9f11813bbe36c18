"""Assignment, steps and notes: head office's own rows about a request, on its timeline.

Steps: 資料収集中 (gathering) → 決定案作成 (drafted, set by a draft) → 承認済 (approved, set by
the approval) → 通知送付 (sent, once the letter is posted). Every change is a timeline entry
with who did it (the signed-in login) and when; nothing on the timeline is ever edited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import psycopg

from counter_app.headoffice.desk.refusals import desk_call


class Step(StrEnum):
    GATHERING = "gathering"
    DRAFTED = "drafted"
    APPROVED = "approved"
    SENT = "sent"

    @property
    def label(self) -> str:
        return {
            "gathering": "資料収集中",
            "drafted": "決定案作成",
            "approved": "承認済",
            "sent": "通知送付",
        }[self.value]


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    actor: str
    actor_name: str
    kind: str
    detail: dict[str, Any]

    @property
    def text(self) -> str:
        """The entry in Japanese, as the timeline shows it."""
        d = self.detail
        if self.kind == "assigned":
            return f"担当者: {d.get('assignee_name') or d.get('assignee') or '(なし)'}"
        if self.kind == "step":
            return f"段階: {Step(d['step']).label}"
        if self.kind == "note":
            return f"メモ: {d.get('text', '')}"
        if self.kind == "drafted":
            return "決定案を作成"
        if self.kind == "approved":
            return f"決定を承認 (文書番号 {d.get('document_number')})"
        if self.kind == "published":
            return f"決定を支所 {d.get('branch')} へ送信"
        if self.kind == "letter_printed":
            return f"通知書を印刷 (文書番号 {d.get('document_number')})"
        return self.kind


def assign(conn: psycopg.Connection, rid: int, assignee: str | None) -> None:
    """Assigns the request to a 本部担当 / 本部責任者 (None: nobody)."""
    with desk_call():
        conn.execute("SELECT hq.desk_assign(%s, %s)", (rid, assignee))


def set_step(conn: psycopg.Connection, rid: int, step: Step) -> None:
    """The steps moved by hand: 資料収集中, and 通知送付 once a decision is approved."""
    with desk_call():
        conn.execute("SELECT hq.desk_step(%s, %s)", (rid, Step(step).value))


def add_note(conn: psycopg.Connection, rid: int, text: str) -> None:
    with desk_call():
        conn.execute("SELECT hq.desk_note(%s, %s)", (rid, text))


def timeline(conn: psycopg.Connection, rid: int) -> tuple[TimelineEntry, ...]:
    with desk_call():
        rows = conn.execute(
            "SELECT t.at, t.actor, coalesce(s.display_name, t.actor), t.kind, t.detail "
            "FROM hq.timeline t LEFT JOIN hq.desk_staff s ON s.login = t.actor "
            "WHERE t.rid = %s ORDER BY t.id",
            (rid,),
        ).fetchall()
        names: dict[str, str] = dict(
            conn.execute("SELECT login, display_name FROM hq.desk_staff").fetchall()
        )
    entries = []
    for at, actor, actor_name, kind, detail in rows:
        if kind == "assigned" and detail.get("assignee"):
            detail = {**detail, "assignee_name": names.get(detail["assignee"], detail["assignee"])}
        entries.append(TimelineEntry(at, actor, actor_name, kind, detail))
    return tuple(entries)
