"""Which statutory ground a refusal cites: it depends on what was asked for.

- A **disclosure** or a **record disclosure** refused in whole or in part cites APPI Art. 33(2)
  (:class:`~counter_app.domain.requests.RefusalGround`: harm, serious interference with the
  business, breach of another law).
- A **purpose notice** refused — the co-op decides not to notify the purposes of use — cites
  Art. 32(2) (:class:`~counter_app.domain.requests.PurposeNoticeGround`: the purposes are
  evident, or one of the cases of Art. 21(4)(i)-(iii)); the co-op must then tell the person it
  decided not to notify (Art. 32(3)) and why (Art. 36).

The two families share a code (``harm``), so a stored code is read with the request type it
belongs to (:func:`stored_ground`). A decision recorded before the Art. 32(2) grounds existed
(migration 0010) refused a purpose notice with an Art. 33(2) ground: it reads back, and prints,
as the Art. 33(2) ground it was decided with.

Every refusal of a wrong family names the article in Japanese (:func:`refusal_ground`,
:func:`purpose_notice_ground`).
"""

from __future__ import annotations

from counter_app.domain.requests import (
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
    RequestType,
)
from counter_app.errors import InputError

__all__ = [
    "GROUNDED_OUTCOMES",
    "NOT_NOTIFIED_LABEL",
    "PURPOSE_NOTICE_ARTICLE",
    "REFUSAL_ARTICLE",
    "Ground",
    "outcome_label",
    "purpose_notice_ground",
    "refusal_ground",
    "stored_ground",
]

Ground = RefusalGround | PurposeNoticeGround

#: Outcomes that refuse the request in whole or in part and so cite a statutory ground.
GROUNDED_OUTCOMES = frozenset({Outcome.REFUSED, Outcome.DISCLOSED_PARTIAL})
REFUSAL_ARTICLE = "法第33条第2項"
PURPOSE_NOTICE_ARTICLE = "法第32条第2項"

#: What a refused purpose notice is called (Outcome.REFUSED reads 不開示, a disclosure word).
NOT_NOTIFIED_LABEL = "利用目的を通知しない"


def outcome_label(kind: RequestType, outcome: Outcome) -> str:
    """The outcome in the words of its request type (a refused purpose notice is not a
    不開示: the co-op decides not to notify the purposes of use)."""
    if kind is RequestType.PURPOSE_NOTICE and outcome is Outcome.REFUSED:
        return NOT_NOTIFIED_LABEL
    return outcome.label


def _choices(family: type[RefusalGround] | type[PurposeNoticeGround]) -> str:
    return "使える値: " + "、".join(f"{g.value} ({g.label})" for g in family)


def refusal_ground(value: Ground | str) -> RefusalGround:
    """An Art. 33(2) ground (a disclosure refused in whole or part); an Art. 32(2) ground or an
    unknown code is refused in Japanese naming the article."""
    if isinstance(value, PurposeNoticeGround):
        raise InputError(
            f"「{value.label}」は{PURPOSE_NOTICE_ARTICLE}の理由 (利用目的を通知しない理由) で、"
            f"開示には使えません。開示をしない理由は{REFUSAL_ARTICLE}から選んでください。",
            hint=_choices(RefusalGround),
        )
    try:
        return RefusalGround(value)
    except ValueError:
        pass
    if value in set(PurposeNoticeGround):
        raise InputError(
            f"理由「{value}」は{PURPOSE_NOTICE_ARTICLE}の理由 (利用目的を通知しない理由) で、"
            f"開示には使えません。開示をしない理由は{REFUSAL_ARTICLE}から選んでください。",
            hint=_choices(RefusalGround),
        )
    raise InputError(
        f"開示をしない理由「{value}」は使えません ({REFUSAL_ARTICLE})。",
        hint=_choices(RefusalGround),
    )


def purpose_notice_ground(value: Ground | str) -> PurposeNoticeGround:
    """An Art. 32(2) ground (the purposes of use are not notified); an Art. 33(2) ground or an
    unknown code is refused in Japanese naming the article."""
    if isinstance(value, RefusalGround):
        raise InputError(
            f"「{value.label}」は{REFUSAL_ARTICLE}の理由 (開示をしない理由) で、利用目的の通知には"
            f"使えません。利用目的を通知しない理由は{PURPOSE_NOTICE_ARTICLE}から選んでください。",
            hint=_choices(PurposeNoticeGround),
        )
    try:
        return PurposeNoticeGround(value)
    except ValueError:
        pass
    if value in set(RefusalGround):
        raise InputError(
            f"理由「{value}」は{REFUSAL_ARTICLE}の理由 (開示をしない理由) で、利用目的の通知には"
            f"使えません。利用目的を通知しない理由は{PURPOSE_NOTICE_ARTICLE}から選んでください。",
            hint=_choices(PurposeNoticeGround),
        )
    raise InputError(
        f"利用目的を通知しない理由「{value}」は使えません ({PURPOSE_NOTICE_ARTICLE})。",
        hint=_choices(PurposeNoticeGround),
    )


def stored_ground(
    kind: RequestType,
    outcome: Outcome,
    decision_ground: str | None,
    purpose_notice_ground_code: str | None,
) -> Ground | None:
    """The ground of one request type's stored outcome, read from the request's two stored
    codes: ``decision_ground`` (Art. 33(2)) and ``purpose_notice_ground`` (Art. 32(2)).

    None when the outcome cites none. A purpose notice refused before migration 0010 has no
    Art. 32(2) code: its ground is the Art. 33(2) one it was decided with."""
    if outcome not in GROUNDED_OUTCOMES:
        return None
    if kind is RequestType.PURPOSE_NOTICE and purpose_notice_ground_code:
        return PurposeNoticeGround(purpose_notice_ground_code)
    return RefusalGround(decision_ground) if decision_ground else None
