"""A decision at head office: drafted, approved by a 本部責任者, published to the branch.

The outcomes and grounds are checked with the same rules as the counter's decision
(``counter_app.services.lifecycle.decide``): every request type answered, each outcome one
its type allows, an Art. 33(2) ground exactly when a disclosure is refused in whole or part,
an Art. 32(2) ground exactly when the purpose notice is not given, and an explanation (Art.
36) when anything is refused. Head office then enforces who: a 本部担当 or 本部責任者 drafts,
only a 本部責任者 approves, and never the person who drafted a refusal (two people).

The approval takes the 文書番号 (``本個第{年度}-{番号}号``, gapless per fiscal year) and
publishes, in the same transaction, the row the branch's terminal pulls (``hq.publish``)::

    {"request_id", "outcomes": {request_type: outcome}, "decision_ground", "purpose_notice_ground",
     "explanation", "decided_at", "decided_by", "approved_by", "document_number",
     "settlement": {...} or null}

which mirrors ``lifecycle.decide``'s arguments so the terminal records it with the same rule.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg

from counter_app.domain.decision_grounds import (
    GROUNDED_OUTCOMES,
    PURPOSE_NOTICE_ARTICLE,
    REFUSAL_ARTICLE,
    purpose_notice_ground,
    refusal_ground,
)
from counter_app.domain.invisible_chars import refused_character
from counter_app.domain.mynumber import guard_free_text
from counter_app.domain.requests import OUTCOMES_BY_TYPE, Outcome, RequestType
from counter_app.errors import InputError
from counter_app.headoffice.desk.refusals import desk_call

MAX_EXPLANATION = 2000


@dataclass(frozen=True)
class Settlement:
    """What the copies and postage came to (精算), as the letter and the terminal state it:
    ``pages`` counted, ``copy_fee`` and ``postage`` in yen, ``difference`` to collect
    (positive) or refund (negative)."""

    pages: int
    copy_fee: int
    postage: int
    difference: int

    def as_json(self) -> dict[str, int]:
        return {
            "pages": self.pages,
            "copy_fee": self.copy_fee,
            "postage": self.postage,
            "difference": self.difference,
        }


@dataclass(frozen=True)
class DecisionDraft:
    outcomes: Mapping[RequestType, Outcome]
    ground: str | None = None
    purpose_notice_ground: str | None = None
    explanation: str = ""
    settlement: Settlement | None = None

    @property
    def refusal(self) -> bool:
        """Refuses in whole or in part: two people must decide it."""
        return any(o.needs_ground for o in self.outcomes.values())


def _check_explanation(text: str) -> None:
    """The counter's check of a stored text (services.access.check_text), from the domain."""
    refused = refused_character(text, multiline=True)
    if refused is not None:
        raise InputError(
            f"「説明」に{refused.kind}が含まれています: {refused.description} は入力できません。",
            hint=f"{refused.index + 1}文字目です。その文字を消して入力し直してください。",
        )
    if len(text) > MAX_EXPLANATION:
        raise InputError(f"「説明」が長すぎます ({len(text):,}文字、{MAX_EXPLANATION:,}文字まで)。")
    guard_free_text(text, "説明")


def checked(draft: DecisionDraft, request_types: tuple[RequestType, ...]) -> DecisionDraft:
    """The draft with its grounds normalised, or InputError in Japanese."""
    chosen = {RequestType(k): Outcome(v) for k, v in draft.outcomes.items()}
    missing = set(request_types) - set(chosen)
    if missing:
        raise InputError(
            "回答が入力されていない種類があります: " + "、".join(t.label for t in missing)
        )
    unknown = set(chosen) - set(request_types)
    if unknown:
        raise InputError(
            "この請求にない種類への回答があります: " + "、".join(t.label for t in unknown)
        )
    for kind, outcome in chosen.items():
        if outcome not in OUTCOMES_BY_TYPE[kind]:
            raise InputError(f"「{kind.label}」に「{outcome.label}」の回答はできません。")
    disclosures = [
        k
        for k, o in chosen.items()
        if k is not RequestType.PURPOSE_NOTICE and o in GROUNDED_OUTCOMES
    ]
    notice_refused = chosen.get(RequestType.PURPOSE_NOTICE) in GROUNDED_OUTCOMES
    ground = None
    if disclosures:
        if not draft.ground:
            raise InputError(f"不開示・一部開示には{REFUSAL_ARTICLE}の理由を選んでください。")
        ground = refusal_ground(draft.ground).value
    elif draft.ground:
        raise InputError(f"不開示・一部開示でない回答には{REFUSAL_ARTICLE}の理由は指定できません。")
    notice = None
    if notice_refused:
        if not draft.purpose_notice_ground:
            raise InputError(
                f"利用目的を通知しないときは{PURPOSE_NOTICE_ARTICLE}の理由を選んでください。"
            )
        notice = purpose_notice_ground(draft.purpose_notice_ground).value
    elif draft.purpose_notice_ground:
        raise InputError(
            f"{PURPOSE_NOTICE_ARTICLE}の理由は、利用目的を通知しないと決めたときだけ指定できます。"
        )
    text = (draft.explanation or "").strip()
    if any(o.needs_ground for o in chosen.values()) and not text:
        raise InputError("理由の説明 (法第36条) を入力してください。")
    if text:
        _check_explanation(text)
    return DecisionDraft(chosen, ground, notice, text, draft.settlement)


def draft_decision(conn: psycopg.Connection, rid: int, draft: DecisionDraft) -> int:
    """Records (or replaces, before approval) the decision's draft; returns its id."""
    with desk_call():
        row = conn.execute("SELECT types FROM hq.requests WHERE rid = %s", (rid,)).fetchone()
    if row is None:
        raise InputError("指定された請求は本部にありません。")
    types = tuple(RequestType(t) for t in row[0])
    good = checked(draft, types)
    with desk_call():
        new = conn.execute(
            "SELECT hq.desk_draft(%s, %s, %s, %s, %s, %s, %s)",
            (
                rid,
                json.dumps({k.value: v.value for k, v in sorted(good.outcomes.items())}),
                good.ground,
                good.purpose_notice_ground,
                good.explanation,
                json.dumps(good.settlement.as_json()) if good.settlement else None,
                good.refusal,
            ),
        ).fetchone()
    assert new is not None
    return int(new[0])


def fiscal_year(day: dt.date) -> int:
    """The co-op's fiscal year (April to March) a day belongs to."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class PublishedDecision:
    """What went down to the branch (the payload the terminal pulls)."""

    decision_id: int
    document_number: str
    payload: dict[str, Any]


def approve_decision(
    conn: psycopg.Connection, decision_id: int, today: dt.date
) -> PublishedDecision:
    """A 本部責任者 approves: the 文書番号 of ``today``'s fiscal year is taken and the decision
    is published to the request's branch, in one transaction."""
    with desk_call():
        row = conn.execute(
            "SELECT hq.desk_approve(%s, %s)", (decision_id, fiscal_year(today))
        ).fetchone()
    assert row is not None
    payload = row[0]
    return PublishedDecision(decision_id, payload["document_number"], payload)


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    rid: int
    outcomes: dict[RequestType, Outcome]
    ground: str | None
    purpose_notice_ground: str | None
    explanation: str
    settlement: dict[str, int] | None
    refusal: bool
    drafted_by: str
    approved_by: str | None
    approved_at: dt.datetime | None
    document_number: str | None


def current_decision(conn: psycopg.Connection, rid: int) -> DecisionRecord | None:
    """The live decision of a request (the latest draft, or the approved one)."""
    with desk_call():
        row = conn.execute(
            "SELECT id, rid, outcomes, ground, purpose_notice_ground, explanation, settlement, "
            "refusal, drafted_by, approved_by, approved_at, document_number "
            "FROM hq.decisions WHERE rid = %s AND NOT superseded",
            (rid,),
        ).fetchone()
    if row is None:
        return None
    outcomes = {RequestType(k): Outcome(v) for k, v in row[2].items()}
    return DecisionRecord(row[0], row[1], outcomes, *row[3:])
