"""Push and pull on the terminal against an in-process head office (tests/…/fake_hq.py).

The real PostgreSQL end-to-end tests come with the head-office side; these drive the real
terminal (real SQLCipher file, real services) and check: every committed change reaches head
office exactly once whatever the network does, nothing leaves the outbox before an
acknowledgement, refusals are kept in Japanese, pulled decisions are applied once."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.store.engine import open_database
from counter_app.sync.protocol import PulledItem, SyncError, SyncErrorKind, TerminalId
from counter_app.sync.pull import decision_for, pull
from counter_app.sync.push import push
from counter_app.sync.state import sync_status

from ..services.conftest import NOW, TEST_KEY, TODAY
from .fake_hq import FakeHeadOffice

TERMINAL = TerminalId("BR01", 1)


def intake(db, actor) -> str:
    with db.unit_of_work() as uow:
        result = register_intake(uow, actor, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    return result.request_number


def outbox(db) -> dict[int, str]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT seq, payload FROM sync_outbox")).all())


def last_seq(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT last_seq FROM sync_state")).scalar_one()


def test_push_sends_everything_in_batches_and_empties_the_outbox(counter):
    for _ in range(3):
        intake(counter.db, counter.staff)
    waiting = outbox(counter.db)
    hq = FakeHeadOffice(TERMINAL)
    result = push(counter.db, hq, batch_size=4)
    assert result.pending == 0 and outbox(counter.db) == {}
    assert sorted(hq.held) == sorted(waiting) == list(range(1, last_seq(counter.db) + 1))
    assert all(json.loads(waiting[s]) == dict(hq.held[s].payload) for s in waiting)
    assert hq.pushes == -(-len(waiting) // 4)
    status = sync_status(counter.db)
    assert status.pending == 0 and status.last_push_at is not None and status.last_error is None
    assert status.terminal == "BR01-01"


def test_a_refusal_is_kept_in_japanese_and_every_row_stays(counter):
    intake(counter.db, counter.staff)
    waiting = outbox(counter.db)
    hq = FakeHeadOffice(TERMINAL, down=1)
    with pytest.raises(SyncError) as caught:
        push(counter.db, hq)
    assert caught.value.kind is SyncErrorKind.UNREACHABLE
    assert outbox(counter.db) == waiting
    status = sync_status(counter.db)
    assert status.last_error == "本部に接続できません。" and status.pending == len(waiting)
    # the counter goes on taking requests while head office is away
    intake(counter.db, counter.staff)
    push(counter.db, hq)
    assert sync_status(counter.db).last_error is None and outbox(counter.db) == {}
    assert sorted(hq.held) == list(range(1, last_seq(counter.db) + 1))


def test_a_gap_at_head_office_is_refused_and_nothing_is_deleted(counter):
    intake(counter.db, counter.staff)
    waiting = outbox(counter.db)
    hq = FakeHeadOffice(TERMINAL, acked=0)
    with counter.db.engine.begin() as conn:  # as if rows 1..3 had been acknowledged
        conn.execute(text("UPDATE sync_state SET acked_seq = 3"))
    with pytest.raises(SyncError) as caught:
        push(counter.db, hq)
    assert caught.value.kind is SyncErrorKind.GAP
    assert outbox(counter.db) == waiting
    assert "送信番号" in sync_status(counter.db).last_error


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plan=st.lists(
        st.one_of(
            st.just(("intake",)),
            st.tuples(
                st.just("push"),
                st.sampled_from(["ok", "down", "lose_ack"]),
                st.integers(min_value=1, max_value=7),
            ),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_every_committed_change_reaches_head_office_exactly_once(tmp_path, counter_template, plan):
    folder, (_admin, staff, _supervisor) = counter_template
    target = tmp_path / f"t{abs(hash(repr(plan)))}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)
    db = open_database(target, key=TEST_KEY)
    hq = FakeHeadOffice(TERMINAL)
    try:
        for step in plan:
            if step[0] == "intake":
                intake(db, staff)
                continue
            _, fault, size = step
            before = outbox(db)
            hq.down = int(fault == "down")
            hq.lose_ack = int(fault == "lose_ack")
            try:
                push(db, hq, batch_size=size)
            except SyncError:
                after = outbox(db)
                # nothing unacknowledged was deleted
                assert {s: p for s, p in before.items() if s > hq.acked} == {
                    s: p for s, p in after.items() if s > hq.acked
                }
        hq.down = hq.lose_ack = 0
        push(db, hq)
        assert outbox(db) == {}
        assert sorted(hq.held) == list(range(1, last_seq(db) + 1))
        assert not hq.alarms
    finally:
        db.close()


def test_pulled_decisions_are_applied_once_and_shown_for_the_request(counter):
    number = intake(counter.db, counter.staff)
    with counter.db.engine.connect() as conn:
        request_id = conn.execute(
            text("SELECT id FROM requests WHERE number = :n"), {"n": number}
        ).scalar_one()
    decision = {
        "request_id": request_id,
        "decided_at": "2025-06-10T01:00:00Z",
        "outcomes": {"disclosure": "disclosed_full"},
        "explanation": "",
        "decided_by": "本部 個人情報保護窓口",
    }
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [
        PulledItem(1, "decision", "d1", 1, decision),
        PulledItem(2, "staff", "s1", 1, {"username": "honbu"}),
        PulledItem(3, "decision", "d1", 2, {**decision, "explanation": "訂正後"}),
    ]
    summary = pull(counter.db, hq, page=2)
    assert (summary.decisions, summary.skipped, summary.mark) == (2, 1, 3)
    again = pull(counter.db, hq)
    assert again.decisions == 0 and again.mark == 3
    with counter.db.unit_of_work(read_only=True) as uow:
        assert decision_for(uow, request_id).explanation == "訂正後"
    assert sync_status(counter.db).pulled_mark == 3


def test_an_unknown_kind_stops_the_pull_before_it(counter):
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [PulledItem(1, "coupon", "c1", 1, {})]
    with pytest.raises(SyncError) as caught:
        pull(counter.db, hq)
    assert caught.value.kind is SyncErrorKind.SCHEMA and "更新が必要です" in caught.value.message
    assert sync_status(counter.db).pulled_mark == 0


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"fees.toml": "this is = = not toml"}, "形が正しくありません"),
        ({"../evil.toml": "a = 1"}, "設定ファイル名"),
        ({"fees.toml": "[nothing]\nx = 1\n"}, "設定に誤り"),
    ],
)
def test_a_wrong_config_bundle_is_refused_and_nothing_moves(counter, files, expected):
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [PulledItem(1, "config_bundle", "b1", 1, {"files": files})]
    with pytest.raises(SyncError) as caught:
        pull(counter.db, hq)
    assert expected in caught.value.message
    status = sync_status(counter.db)
    assert status.pulled_mark == 0 and expected in status.last_error


def test_a_valid_config_bundle_is_kept_with_its_version(counter):
    from counter_app import paths

    fees = (paths.resources_dir() / "config" / "fees.toml").read_text(encoding="utf-8")
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [
        PulledItem(
            1,
            "config_bundle",
            "b1",
            1,
            {"effective_from": "2026-04-01", "files": {"fees.toml": fees}},
        ),
        PulledItem(
            2,
            "config_bundle",
            "b1",
            2,
            {"effective_from": "2026-04-01", "files": {"fees.toml": fees}},
        ),
    ]
    assert pull(counter.db, hq).config_bundles == 2
    with counter.db.engine.connect() as conn:
        kept = conn.execute(text("SELECT id, version FROM hq_config_bundles")).all()
    assert sorted(kept) == [("b1", 1), ("b1", 2)]


def test_another_terminal_cannot_be_pushed_as(counter):
    intake(counter.db, counter.staff)
    hq = FakeHeadOffice(dataclasses.replace(TERMINAL, terminal_no=2))
    with pytest.raises(SyncError) as caught:
        push(counter.db, hq)
    assert caught.value.kind is SyncErrorKind.FORBIDDEN
    assert outbox(counter.db)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_GOOD = {
    "request_id": "r1",
    "outcomes": {"disclosure": "disclosed_full"},
    "decision_ground": None,
    "purpose_notice_ground": None,
    "explanation": "",
    "decided_at": "2025-06-10T01:00:00+00:00",
    "decided_by": "本部",
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(key=st.sampled_from(sorted(_GOOD)), value=_JSON)
def test_a_decision_of_any_shape_is_stored_whole_or_refused_in_japanese(counter, key, value):
    """Head office's payload, one field replaced by any JSON value: either a valid decision
    (stored) or a refusal 「…形が正しくありません…」 with nothing stored and the mark unmoved."""
    from counter_app.sync.decisions import HeadOfficeDecision

    payload = {**_GOOD, key: value}
    try:
        HeadOfficeDecision.from_payload(payload)
        valid = True
    except SyncError as error:
        assert error.kind is SyncErrorKind.INVALID and "形が正しくありません" in error.message
        valid = False
    with counter.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM hq_decisions"))
        conn.execute(text("UPDATE sync_state SET pulled_mark = 0"))
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [PulledItem(1, "decision", "d1", 1, payload)]
    if valid:
        assert pull(counter.db, hq).decisions == 1
    else:
        with pytest.raises(SyncError):
            pull(counter.db, hq)
    with counter.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT COUNT(*) FROM hq_decisions")).scalar()
    assert stored == int(valid)
    assert sync_status(counter.db).pulled_mark == int(valid)
