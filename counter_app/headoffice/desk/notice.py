"""The notice letters of an approved decision, printed at head office (``forms.notices``).

One letter per request type, like the counter's (``services.printing.notice_data``), each
with the decision's 文書番号. The principal's name and address are read through
:func:`~counter_app.headoffice.desk.worklist.reveal`, so the read is recorded
(``hq.pii_reads``) with the purpose 「決定通知書の印刷」.
"""

from __future__ import annotations

import datetime as dt

import psycopg

from counter_app.domain.decision_grounds import stored_ground
from counter_app.domain.requests import Outcome, RequestType
from counter_app.errors import DomainError
from counter_app.headoffice.desk.decisions import current_decision
from counter_app.headoffice.desk.refusals import desk_call
from counter_app.headoffice.desk.worklist import reveal
from counter_app.printables.issuer import Issuer
from counter_app.printables.notice import NoticeData, NoticeKind

PRINT_PURPOSE = "決定通知書の印刷"

_KIND = {
    RequestType.PURPOSE_NOTICE: NoticeKind.DISCLOSURE,
    RequestType.DISCLOSURE: NoticeKind.DISCLOSURE,
    RequestType.RECORD_DISCLOSURE: NoticeKind.DISCLOSURE,
    RequestType.CORRECTION: NoticeKind.CORRECTION,
    RequestType.SUSPENSION: NoticeKind.SUSPENSION,
    RequestType.PROVISION_STOP: NoticeKind.SUSPENSION,
}
_EXPLAINED = frozenset({o for o in Outcome if o.needs_ground} | {Outcome.METHOD_CHANGED_TO_PAPER})


def desk_issuer(conn: psycopg.Connection) -> Issuer:
    """Head office as the letters' sender: ``hq.settings`` key ``desk_issuer`` (a JSON object
    with name, branch_name, postal_code, address, phone, registration_number and optionally
    contact_hours and notice_signatory; docs/headoffice.md "Desk")."""
    with desk_call():
        row = conn.execute("SELECT value FROM hq.settings WHERE key = 'desk_issuer'").fetchone()
    try:
        return Issuer(**row[0]) if row else _missing_issuer()
    except TypeError:
        raise DomainError(
            "本部の差出人の設定 (desk_issuer) が正しくありません。",
            hint="生協名・部署名・郵便番号・住所・電話番号・登録番号を設定してください。",
        ) from None


def _missing_issuer() -> Issuer:
    raise DomainError(
        "本部の差出人 (生協名・住所など) が設定されていないため、通知書を作れません。",
        hint="管理者が hq.settings に desk_issuer を設定してください (docs/headoffice.md)。",
    )


def notice_letters(
    conn: psycopg.Connection, rid: int, issuer: Issuer, issued_on: dt.date
) -> tuple[NoticeData, ...]:
    """The letters of the request's approved decision (DomainError before approval)."""
    decision = current_decision(conn, rid)
    if decision is None or decision.document_number is None:
        raise DomainError("承認された決定がないため、通知書を作れません。")
    with desk_call():
        row = conn.execute(
            "SELECT number, received_on FROM hq.requests WHERE rid = %s", (rid,)
        ).fetchone()
    assert row is not None
    number, received_on = row
    person = reveal(conn, rid, PRINT_PURPOSE)
    outcomes = set(decision.outcomes.values())
    letters = []
    for kind, outcome in decision.outcomes.items():
        explained = outcome in _EXPLAINED or not (outcomes & _EXPLAINED)
        letters.append(
            NoticeData(
                kind=_KIND[kind],
                request_type=kind,
                recipient_name=person.name,
                recipient_postal_code=person.postal_code,
                recipient_address=person.address,
                request_number=number,
                received_on=received_on,
                issued_on=issued_on,
                issuer=issuer,
                outcome=outcome,
                ground=stored_ground(
                    kind, outcome, decision.ground, decision.purpose_notice_ground
                ),
                explanation=decision.explanation if explained else "",
                document_number=decision.document_number,
            )
        )
    return tuple(letters)


def letter_printed(conn: psycopg.Connection, rid: int) -> None:
    """Records on the timeline that the letters were printed."""
    decision = current_decision(conn, rid)
    if decision is None:
        raise DomainError("承認された決定がないため、通知書を作れません。")
    with desk_call():
        conn.execute("SELECT hq.desk_letter_printed(%s)", (decision.id,))
