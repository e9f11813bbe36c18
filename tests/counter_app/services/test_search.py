"""Search (number, receipt, phone, member number, name in kanji/kana, 1-2 characters) and lists,
on a real encrypted database; the name index follows the people table (insert, change, purge)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, text

from counter_app.domain.requests import RequestStatus
from counter_app.errors import InputError, PermissionDenied
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import PersonInput
from counter_app.services.lifecycle import decide
from counter_app.services.samples import (
    hanako,
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.services.search import classify, list_requests, search_requests
from counter_app.store.models import Person, Request

from .conftest import NOW, TODAY

KANA_ONLY = PersonInput(
    name="ｻﾄｳ ﾊﾅｺ",  # typed in half-width katakana, kept as typed
    furigana="",
    birth_date=dt.date(1970, 3, 3),
    phone="0297-12-3456",
    member_number="A-778",
)


@pytest.fixture
def requests(counter):
    """Four requests: 山田 花子 (self), 山田 花子 via 髙橋 一郎, 𠮷田 太郎, ｻﾄｳ ﾊﾅｺ."""
    with counter.db.unit_of_work() as uow:
        results = [
            register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW),
            register_intake(uow, counter.staff, sample_proxy_intake(TODAY), now=NOW),
            register_intake(uow, counter.staff, sample_correction_intake(TODAY), now=NOW),
            register_intake(
                uow,
                counter.staff,
                sample_self_intake(TODAY, requester=KANA_ONLY),
                now=NOW + dt.timedelta(minutes=5),
            ),
        ]
        uow.commit()
    return [r.request_number for r in results]


def find(counter, query, **kw):
    with counter.db.unit_of_work(read_only=True) as uow:
        return search_requests(uow, counter.staff, query, today=TODAY, **kw)


def numbers(result):
    return sorted(i.number for i in result.items)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("山田花", [0, 1]),  # 3+ characters: trigram index
        ("山田", [0, 1]),  # 2 characters: bigram index
        ("田", [0, 1, 2]),  # 1 character: prefix of the bigram tokens (山田, 𠮷田)
        ("花子", [0, 1]),
        ("𠮷田", [2]),  # a character outside the BMP
        ("𠮷", [2]),
        ("髙橋", [1]),  # the proxy's name finds the request too
        ("高橋", [1]),  # 髙 and 高 fold to one search key (the name stays 髙橋)
        ("高田", []),
        ("やまだ", [0, 1]),  # hiragana query, furigana stored in hiragana: kana-insensitive
        ("ヤマダ　ハナコ", [0, 1]),  # full-width space ignored
        ("ﾊﾅｺ", [0, 1, 3]),  # half-width query matches the furigana and a half-width name
        ("はなこ", [0, 1, 3]),
        ("サトウ", [3]),
        ("ゆうこ", []),
    ],
)
def test_name_substring_in_kanji_or_kana(counter, requests, query, expected):
    result = find(counter, query)
    assert result.kind == "name"
    assert numbers(result) == sorted(requests[i] for i in expected)


def test_numbers_phone_and_member(counter, requests):
    assert numbers(find(counter, requests[2])) == [requests[2]]
    assert numbers(find(counter, requests[2].lower())) == [requests[2]]
    full_width = requests[2].translate(str.maketrans("0123456789-R", "０１２３４５６７８９－Ｒ"))
    assert numbers(find(counter, full_width)) == [requests[2]]
    # a receipt number finds the request it was issued for
    assert numbers(find(counter, "BR01-01-2025-000001")) == [requests[0]]
    # the phone's digits, whatever the grouping typed
    for phone in ("090-1234-5678", "09012345678", "090 1234 5678", "０９０１２３４５６７８"):
        result = find(counter, phone)
        assert result.kind == "phone+member"
        assert numbers(result) == [requests[0], requests[1]]
    assert numbers(find(counter, "0297123456")) == [requests[3]]
    assert numbers(find(counter, "1234567")) == [requests[0], requests[1]]
    assert numbers(find(counter, "a-778")) == [requests[3]]
    assert numbers(find(counter, "R-BR01-01-2025-999999")) == []
    # the last digits of a request number (this and the previous fiscal year)
    for seq in ("2", "000002", "２"):
        result = find(counter, seq)
        assert result.kind == "number+member"
        assert numbers(result) == [requests[1]]
    assert numbers(find(counter, "567")) == []  # digits of a phone or member number: no match


def test_results_are_masked_newest_first_and_limited(counter, requests):
    result = find(counter, "はなこ")
    assert [i.number for i in result.items] == [requests[3], requests[1], requests[0]]
    first = result.items[-1]
    assert first.name_masked == "山田 **"
    assert first.phone_masked == "090-****-5678"
    assert first.member_number_masked == "****567"
    assert "花子" not in str(result.to_dict())
    assert result.items[1].proxy_name_masked == "髙橋 **"
    assert result.items[1].proxy_kind_label == "任意代理人"
    limited = find(counter, "はなこ", limit=2)
    assert len(limited.items) == 2 and limited.truncated
    assert not result.truncated


def test_kind_can_be_forced(counter, requests):
    assert find(counter, "1234567", kind="name").items == ()
    assert numbers(find(counter, "1234567", kind="member")) == [requests[0], requests[1]]
    assert classify("山田") == ("name",)
    assert classify("A-778") == ("member", "name")
    assert classify("br01-2025-000001") == ("number",)  # printed before terminals (0014)
    assert classify("br01-02-2025-000001") == ("number",)
    assert classify("r-br01-02-2025-000001") == ("number",)


@pytest.mark.parametrize(
    ("query", "kind", "message"),
    [
        ("", "auto", "検索する文字を入力してください"),
        ("   ", "auto", "検索する文字を入力してください"),
        ("山" * 101, "auto", "長すぎます"),
        ("山田", "address", "検索の種類「address」は使えません"),
    ],
)
def test_bad_queries_are_refused_in_japanese(counter, query, kind, message):
    with pytest.raises(InputError, match=message):
        find(counter, query, kind=kind)


def test_control_characters_are_dropped(counter, requests):
    assert numbers(find(counter, "山田\x00")) == [requests[0], requests[1]]
    assert numbers(find(counter, "\t𠮷田\r\n")) == [requests[2]]
    with pytest.raises(InputError, match="検索する文字を入力してください"):
        find(counter, "\x00\x07")


@pytest.mark.parametrize(
    "query",
    # read as FTS5 syntax, most are an error and 田* (a prefix) finds every 山田 and 𠮷田;
    # as plain text (quoted, the key folded: 山 OR 田 -> 山or田) no name holds them
    ['"', '山田"', "AND", "*", '"山田"', "田*", "山 OR 田", "NEAR(山 田)"],
)
def test_fts_syntax_in_a_query_is_plain_text(counter, requests, query):
    assert find(counter, query).items == ()  # and never an FTS5 syntax error
    # the names the operators would have found are there to be found
    assert numbers(find(counter, "山田")) == sorted(requests[:2])
    assert numbers(find(counter, "田")) == sorted(requests[:3])


def test_staff_of_another_branch_is_refused(counter, requests):
    stranger = dataclasses.replace(counter.staff, branch_code="BR99")
    with pytest.raises(PermissionDenied) as refused, counter.db.unit_of_work(read_only=True) as uow:
        search_requests(uow, stranger, "山田")
    assert refused.value.message == "田中 窓口 さんはこの支店 (BR01) の職員ではありません。"


def _person_of(counter, number):
    with counter.db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(Request.principal_id).where(Request.number == number))


def test_index_follows_a_name_change_and_the_retention_purge(counter, requests):
    person_id = _person_of(counter, requests[2])
    with counter.db.unit_of_work() as uow:
        person = uow.session.get(Person, person_id)
        person.name_key = "ヨシダジロウ"
        uow.commit()
    assert numbers(find(counter, "じろう")) == [requests[2]]
    assert numbers(find(counter, "𠮷田")) == []
    # the retention purge blanks the identity and sets purged_at: the index rows go with it
    with counter.db.unit_of_work() as uow:
        person = uow.session.get(Person, person_id)
        person.purged_at = NOW + dt.timedelta(days=3650)
        uow.commit()
    assert numbers(find(counter, "じろう")) == []
    assert numbers(find(counter, "よしだ")) == []
    with counter.db.unit_of_work(read_only=True) as uow:
        left = uow.session.execute(
            text("SELECT count(*) FROM search_docs WHERE person_id = :p"), {"p": person_id}
        ).scalar()
    assert left == 0


def test_index_is_written_in_the_intake_transaction(counter):
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        assert [i.name_masked for i in search_requests(uow, counter.staff, "山田").items] == [
            "山田 **"
        ]
        uow.rollback()
    assert find(counter, "山田").items == ()


def test_lists_by_day_status_and_overdue(counter, requests):
    with counter.db.unit_of_work() as uow:
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(requester=hanako()),
            now=NOW + dt.timedelta(days=1),
        )
        decide(
            uow,
            counter.supervisor,
            requests[2],
            {"correction": "corrected"},
            now=NOW + dt.timedelta(days=1, hours=1),
        )
        uow.commit()
    later = TODAY + dt.timedelta(days=15)  # targets: 6/16 (day one), 6/17 (day two)
    with counter.db.unit_of_work(read_only=True) as uow:

        def listed(**kw):
            return [i.number for i in list_requests(uow, counter.staff, **kw)]

        assert sorted(listed(day=TODAY, today=TODAY)) == sorted(requests)
        assert listed(scope="today", today=TODAY + dt.timedelta(days=1)) == [
            "R-BR01-01-2025-000005"
        ]
        assert listed(status="decided", today=TODAY) == [requests[2]]
        assert requests[2] not in listed(scope="open", today=TODAY)
        assert len(listed(scope="all", today=TODAY)) == 5
        overdue = list_requests(uow, counter.staff, overdue_only=True, today=later)
        assert {i.number for i in overdue} == {requests[0], requests[1], requests[3]}
        assert all(i.overdue and i.days_left < 0 for i in overdue)
        assert listed(overdue_only=True, today=TODAY) == []
        assert listed(query="𠮷田", today=TODAY) == [requests[2]]
        assert listed(day=TODAY, status="received", query="はなこ", today=TODAY) == [
            requests[3],
            requests[1],
            requests[0],
        ]
        decided = list_requests(uow, counter.staff, status=RequestStatus.DECIDED, today=later)
        assert decided[0].days_left is None and not decided[0].overdue
        with pytest.raises(InputError, match="状態「done」は使えません"):
            listed(status="done")
        with pytest.raises(InputError, match="一覧の範囲"):
            listed(scope="week")


def test_supervisor_and_admin_search_too(counter, requests):
    for actor in (counter.supervisor, counter.admin):
        with counter.db.unit_of_work(read_only=True) as uow:
            found = search_requests(uow, actor, "山田").items
            assert sorted(i.number for i in found) == sorted(requests[:2])
            assert {i.name_masked for i in found} == {"山田 **"}  # masked for every role


def test_upgrade_indexes_the_people_already_stored(tmp_path):
    """A database at revision 0003 (before the index) gets its people indexed by 0004."""
    from counter_app.services.staff_accounts import actor_by_id
    from counter_app.store.engine import open_database
    from counter_app.store.location import database_path
    from counter_app.store.migrate import upgrade
    from counter_app.store.sqlite.cipher import new_key
    from counter_app.store.sqlite.engine import build_engine

    folder = tmp_path / "old"
    folder.mkdir()
    key = new_key()
    engine = build_engine(database_path(folder), key)
    upgrade(engine, "0003")
    at = "'2025-04-01T00:00:00.000000Z'"
    with engine.begin() as conn:
        for statement in (
            "INSERT INTO branches VALUES ('b1','BR01','本店','310-0000','水戸市1-1',"
            f"'029-000-0000','いばらきコープ生活協同組合','T1234567890123',{at},{at})",
            f"INSERT INTO staff VALUES ('s1','BR01','admin','管理 太郎','admin','x',1,{at},{at},NULL)",
            "INSERT INTO people VALUES ('p1','BR01','𠮷田 太郎','𠮷田太郎','よしだ たろう',"
            f"'ヨシダタロウ','1980-01-02','310-0001','水戸市2-2','090-1234-5678','M0001',{at},NULL)",
            "INSERT INTO requests (id, branch_code, number, fiscal_year, seq, received_at,"
            " received_on, status, principal_id, delivery, may_hand_to_proxy, target_on,"
            " lawsuit_possible_from, note, created_by, updated_at) VALUES ('r1','BR01',"
            f"'R-BR01-01-2025-000001',2025,1,{at},'2025-04-01','received','p1','mail',0,"
            f"'2025-04-15','2025-04-16','','s1',{at})",
        ):
            conn.execute(text(statement))
    engine.dispose()
    db = open_database(folder, key=key)  # upgrades to head
    try:
        with db.unit_of_work(read_only=True) as uow:
            actor = actor_by_id(uow, "s1")
            for query in ("𠮷田", "たろう", "ヨシダタ", "09012345678", "R-BR01-01-2025-000001"):
                found = search_requests(uow, actor, query, today=TODAY)
                assert [i.number for i in found.items] == ["R-BR01-01-2025-000001"], query
    finally:
        db.close()
