"""A real terminal (SQLCipher file, its outbox, push and pull) against the real head office."""

from __future__ import annotations

from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.sync.protocol import TerminalId
from tests.counter_app.services.conftest import (  # noqa: F401 (fixtures)
    NOW,
    TODAY,
    counter,
    counter_template,
)


def test_a_terminal_pushes_its_requests_and_audit_chain_and_receives_a_decision(
    counter,  # noqa: F811 (the services tests' fixture, imported above)
    hq_db,
    admin,
    tmp_path,
):
    from counter_app.headoffice.enrol import enrol_terminal
    from counter_app.sync.enrolment import enrol, open_transport
    from counter_app.sync.pull import decision_for, pull
    from counter_app.sync.push import push

    terminal = TerminalId("BR01", 1)  # the sample database's branch; no other test uses it
    enrolment = enrol_terminal(
        hq_db.admin_dsn,
        terminal,
        host=hq_db.host,
        port=hq_db.port,
        dbname=hq_db.dbname,
        ca_cert_pem=hq_db.ca_cert_pem,
        ca_key_pem=hq_db.ca_key_pem,
    )
    folder = tmp_path / "folder"
    folder.mkdir()
    enrol(counter.db, folder, enrolment.file, enrolment.passphrase, counter.admin)
    numbers = []
    for _ in range(3):
        with counter.db.unit_of_work() as uow:
            intake = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
            numbers.append(intake.request_number)
            uow.commit()
    transport = open_transport(counter.db, folder)
    try:
        first = push(counter.db, transport)
        assert first.pending == 0 and first.acked_seq == first.changes > 0
        assert push(counter.db, transport).changes == 0
        held = dict(
            admin.execute(
                "SELECT payload->>'number', id FROM hq.aggregates "
                "WHERE terminal = %s AND aggregate = 'request'",
                (terminal.text,),
            ).fetchall()
        )
        assert sorted(held) == sorted(numbers)
        # the whole audit chain arrived, re-hashed at head office: no alarm
        assert (
            admin.execute(
                "SELECT last_position FROM hq.audit_marks WHERE terminal = %s", (terminal.text,)
            ).fetchone()[0]
            == admin.execute(
                "SELECT count(*) FROM hq.aggregates WHERE terminal = %s AND aggregate = 'audit'",
                (terminal.text,),
            ).fetchone()[0]
        )
        assert admin.execute(
            "SELECT count(*) FROM hq.alarms WHERE terminal = %s", (terminal.text,)
        ).fetchone() == (0,)
        request_id = held[numbers[0]]
        admin.execute(
            "SELECT hq.publish('BR01', 'decision', 'dec-e2e-1', %s::jsonb, %s)",
            (
                # the decision payload of docs/sync.md (counter_app/sync/decisions.py)
                '{"outcomes": {"disclosure": "disclosed_full"}, "decision_ground": null,'
                ' "purpose_notice_ground": null, "explanation": "",'
                ' "decided_at": "2026-12-10T01:00:00+00:00", "decided_by": "本部 個人情報保護窓口"}',
                request_id,
            ),
        )
        assert pull(counter.db, transport).decisions == 1
        with counter.db.unit_of_work(read_only=True) as uow:
            decision = decision_for(uow, request_id)
        assert decision is not None and decision.decided_by == "本部 個人情報保護窓口"
        assert [o.value for o in decision.outcomes.values()] == ["disclosed_full"]
    finally:
        transport.close()
