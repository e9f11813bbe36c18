"""Name search folds kanji variants: staff type the common form (高橋, 斉藤, 渡辺, 山崎, 吉田) and
find the registered form (髙橋, 齋藤, 渡邊, 山﨑, 𠮷田), through the real intake and search
services on a real encrypted SQLite file; the names themselves are stored and printed exactly
as typed; the daily log's 再請求 check matches the variants too."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.services.daily_log import daily_log_data
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import PersonInput
from counter_app.services.printing import receipt_data
from counter_app.services.samples import sample_self_intake
from counter_app.services.search import search_requests
from counter_app.store.models import Person
from forms.receipt import render as render_receipt
from tests.forms.readback import poppler_text, pypdf_text, squeeze

from .conftest import NOW, TODAY

YAMA_SAKI = "山\ufa11 三郎"  # 﨑 U+FA11 (たつさき)

#: (name as registered, furigana); each registers one self-request, in this order.
PEOPLE = [
    ("髙橋 一郎", "たかはし いちろう"),
    ("齋藤 花子", "さいとう はなこ"),
    ("渡邊 次郎", "わたなべ じろう"),
    (YAMA_SAKI, "やまさき さぶろう"),
    ("𠮷田 太郎", "よしだ たろう"),
    ("高田 五郎", "たかだ ごろう"),  # the common form itself, and a near miss for 高橋
]


def person(index: int, name: str, furigana: str) -> PersonInput:
    return PersonInput(
        name=name,
        furigana=furigana,
        birth_date=dt.date(1970 + index, 1, 1 + index),
        phone=f"029-100-{1000 + index}",
        member_number="",
    )


@pytest.fixture
def numbers(counter):
    """Request number per registered name."""
    found = {}
    with counter.db.unit_of_work() as uow:
        for index, (name, furigana) in enumerate(PEOPLE):
            result = register_intake(
                uow,
                counter.staff,
                sample_self_intake(TODAY, requester=person(index, name, furigana)),
                now=NOW + dt.timedelta(minutes=index),
            )
            found[name] = result
        uow.commit()
    return found


def find(counter, query):
    with counter.db.unit_of_work(read_only=True) as uow:
        return sorted(i.number for i in search_requests(uow, counter.staff, query).items)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        # 2 characters: the bigram index
        ("高橋", ["髙橋 一郎"]),
        ("斉藤", ["齋藤 花子"]),
        ("斎藤", ["齋藤 花子"]),
        ("渡辺", ["渡邊 次郎"]),
        ("渡邉", ["渡邊 次郎"]),  # one variant finds another
        ("山崎", [YAMA_SAKI]),
        ("吉田", ["𠮷田 太郎"]),
        ("𠮷田", ["𠮷田 太郎"]),
        ("髙橋", ["髙橋 一郎"]),
        # 3+ characters: the trigram index
        ("高橋一郎", ["髙橋 一郎"]),
        ("高橋 一", ["髙橋 一郎"]),
        ("齊藤花子", ["齋藤 花子"]),
        ("渡辺次郎", ["渡邊 次郎"]),
        ("山崎三", [YAMA_SAKI]),
        ("吉田 太郎", ["𠮷田 太郎"]),
        # 1 character: the bigram prefix
        ("髙", ["髙橋 一郎", "高田 五郎"]),
        ("崎", [YAMA_SAKI]),
        # the common form still finds itself, and nothing else
        ("高田", ["高田 五郎"]),
        ("高田五郎", ["高田 五郎"]),
        ("藤", ["齋藤 花子"]),
        ("辺", ["渡邊 次郎"]),
        ("返", []),  # 返 is not 辺
        ("籐", []),  # 籐 is not 藤
    ],
)
def test_the_common_form_finds_the_registered_variant(counter, numbers, query, names):
    assert find(counter, query) == sorted(numbers[n].request_number for n in names)


def test_names_are_stored_and_printed_exactly_as_typed(counter, numbers):
    with counter.db.unit_of_work(read_only=True) as uow:
        stored = dict(uow.session.execute(select(Person.name, Person.name_key)).all())
        receipt = receipt_data(uow, numbers["髙橋 一郎"].receipt_number)
        sakis = receipt_data(uow, numbers[YAMA_SAKI].receipt_number)
    assert set(stored) == {name for name, _ in PEOPLE}  # names untouched, 髙 and 﨑 included
    assert stored["髙橋 一郎"] == "高橋一郎"  # only the key is folded
    assert stored[YAMA_SAKI] == "山崎三郎"
    assert receipt.payer_name == "髙橋 一郎"
    assert sakis.payer_name == YAMA_SAKI
    pdf = render_receipt(receipt)
    assert "髙橋一郎様" in squeeze(pypdf_text(pdf))
    assert "髙橋一郎" in squeeze(poppler_text(pdf))
    assert "高橋" not in squeeze(poppler_text(pdf))


def test_daily_log_flags_a_repeat_written_with_another_variant(counter):
    """髙橋 一郎 asks; 20 days later 高橋 一郎 (typed with the common 高, no member number)
    asks again: same name search key -> 再請求. 高田 一郎 on the same day is no repeat."""
    later = dt.timedelta(days=20)
    with counter.db.unit_of_work() as uow:
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(TODAY, requester=person(0, "髙橋 一郎", "")),
            now=NOW,
        )
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(TODAY + later, requester=person(1, "高橋　一郎", "")),
            now=NOW + later,
        )
        register_intake(
            uow,
            counter.staff,
            sample_self_intake(TODAY + later, requester=person(2, "高田 一郎", "")),
            now=NOW + later + dt.timedelta(minutes=5),
        )
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        first = daily_log_data(uow, counter.staff, TODAY, now=NOW + later)
        second = daily_log_data(uow, counter.staff, TODAY + later, now=NOW + later)
    assert [r.repeat for r in first.rows] == [False]
    assert [r.repeat for r in second.rows] == [True, False]
