"""A decision made at head office for one of this terminal's requests (pulled, ``decision``).

Payload (JSON, written by head office; docs/sync.md "Push and pull on the terminal")::

    {"request_id": "<the request's UUID>",
     "outcomes": {"disclosure": "disclosed_partial", ...},   one per request type
     "decision_ground": "third_party_interest" | null,        Art. 33(2), RefusalGround
     "purpose_notice_ground": null,                          Art. 32(2), PurposeNoticeGround
     "explanation": "…",                                     printed on the notice (Art. 36)
     "decided_at": "2026-12-10T01:00:00Z",
     "decided_by": "本部 個人情報保護窓口",
     "approved_by": "…" (optional),                          the 本部責任者 who approved it
     "document_number": "本個第2026-00001号" (optional)}       head office's 文書番号

:meth:`HeadOfficeDecision.from_payload` checks it when it is pulled (a wrong one is refused
with nothing stored); the terminal's own request row is never changed by it — the detail shows
it and the notice letter prints from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.domain.requests import (
    OUTCOMES_BY_TYPE,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestType,
)
from counter_app.sync.protocol import SyncError, SyncErrorKind

#: the longest explanation accepted (the counter's own limit for typed reasons is smaller)
MAX_EXPLANATION = 4000
MAX_NAME = 100


def invalid(what: str) -> SyncError:
    return SyncError(
        SyncErrorKind.INVALID,
        f"本部から届いたデータの形が正しくありません ({what})。この端末には取り込んでいません。",
        hint="本部にご連絡ください。",
    )


@dataclass(frozen=True)
class HeadOfficeDecision:
    request_id: str
    outcomes: Mapping[RequestType, Outcome]
    decision_ground: str | None
    purpose_notice_ground: str | None
    explanation: str
    decided_at: dt.datetime
    decided_by: str
    #: head office's 文書番号 (printed on the branch's copy of the notice), when it gave one
    document_number: str | None = None
    approved_by: str | None = None

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> HeadOfficeDecision:
        request_id = payload.get("request_id")
        if not isinstance(request_id, str) or not 0 < len(request_id) <= 36:
            raise invalid("決定に受付の ID がありません")
        raw = payload.get("outcomes")
        if not isinstance(raw, dict) or not raw:
            raise invalid("決定の結果がありません")
        outcomes: dict[RequestType, Outcome] = {}
        for kind_text, outcome_text in raw.items():
            try:
                kind, outcome = RequestType(kind_text), Outcome(outcome_text)
            except ValueError:
                raise invalid("決定の種類または結果") from None
            if outcome not in OUTCOMES_BY_TYPE[kind]:
                raise invalid("その種類の請求にない結果")
            outcomes[kind] = outcome
        ground = payload.get("decision_ground")
        notice_ground = payload.get("purpose_notice_ground")
        try:
            if ground is not None:
                RefusalGround(ground)
            if notice_ground is not None:
                PurposeNoticeGround(notice_ground)
        except ValueError:
            raise invalid("決定の根拠") from None
        explanation = payload.get("explanation", "")
        decided_by = payload.get("decided_by", "")
        if not isinstance(explanation, str) or len(explanation) > MAX_EXPLANATION:
            raise invalid("理由の説明")
        if not isinstance(decided_by, str) or len(decided_by) > MAX_NAME:
            raise invalid("決定した部署")
        document = payload.get("document_number")
        if document is not None and (not isinstance(document, str) or not 0 < len(document) <= 40):
            raise invalid("文書番号")
        approved_by = payload.get("approved_by")
        if approved_by is not None and (
            not isinstance(approved_by, str) or len(approved_by) > MAX_NAME
        ):
            raise invalid("承認者")
        try:
            decided_at = dt.datetime.fromisoformat(str(payload.get("decided_at")))
        except ValueError:
            raise invalid("決定日時") from None
        if decided_at.tzinfo is None:
            raise invalid("決定日時 (時差がありません)")
        return cls(
            request_id=request_id,
            outcomes=outcomes,
            decision_ground=ground,
            purpose_notice_ground=notice_ground,
            explanation=explanation,
            decided_at=decided_at,
            decided_by=decided_by,
            document_number=document,
            approved_by=approved_by,
        )
