"""domain.md §4: the My Number guard on EVERY free-text input of EVERY service.

The table below enumerates each text a service stores (intake: both people, every request
detail, the note, the waiver reason; lifecycle: extension, decision and withdrawal reasons;
receipt void; reveal; day close; branch settings; staff accounts). Each is given a formatted
個人番号 and must be refused with MyNumberRefused naming the box (「…」に個人番号と思われる
12桁の数字があります), before anything is written. A new text input of a service belongs in
this table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter_app.domain.fees import Adjustment
from counter_app.domain.requests import RequestType
from counter_app.errors import InputError, MyNumberRefused
from counter_app.services.branch import update_branch
from counter_app.services.close_day import close_day
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import RequestItemInput
from counter_app.services.lifecycle import decide, extend_deadline, withdraw
from counter_app.services.receipts import void_receipt
from counter_app.services.reveal import reveal_personal_data
from counter_app.services.samples import (
    sample_branch,
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.services.staff_accounts import NewStaff, add_staff
from counter_app.store.models import AuditEntry, Request

from .conftest import NOW, TODAY

#: A valid 個人番号 (check digit 8) written as staff might type it.
PLAIN = "123456789018"
SPACED = "1234 5678 9018"
WIDE = "１２３４－５６７８－９０１８"


def _person(intake, who: str, **change):
    if who == "本人":
        return dataclasses.replace(
            intake, requester=dataclasses.replace(intake.requester, **change)
        )
    proxy = intake.proxy
    return dataclasses.replace(
        intake, proxy=dataclasses.replace(proxy, person=dataclasses.replace(proxy.person, **change))
    )


def _item(intake, **change):
    return dataclasses.replace(intake, items=(dataclasses.replace(intake.items[0], **change),))


def _intake(build: Callable[[str], Any]) -> Callable[[Any, Any, Any, str], Any]:
    return lambda uow, c, done, v: register_intake(uow, c.staff, build(v), now=NOW)


SELF = sample_self_intake(TODAY)
PROXY = sample_proxy_intake(TODAY)
CORRECTION = sample_correction_intake(TODAY)

#: (box label the refusal names, the call) — one row per stored free-text input.
#: Each call takes the text ``v`` to put in its box.
CASES: list[tuple[str, Callable[[Any, Any, Any, str], Any]]] = [
    # intake: the principal
    ("本人の氏名", _intake(lambda v: _person(SELF, "本人", name=f"山田 {v}"))),
    ("本人のふりがな", _intake(lambda v: _person(SELF, "本人", furigana=f"やまだ {v}"))),
    ("本人の住所", _intake(lambda v: _person(SELF, "本人", address=f"水戸市見本町 {v}"))),
    ("本人の電話番号", _intake(lambda v: _person(SELF, "本人", phone=v))),
    ("本人の組合員番号", _intake(lambda v: _person(SELF, "本人", member_number=v))),
    # intake: the proxy
    ("代理人の氏名", _intake(lambda v: _person(PROXY, "代理人", name=f"髙橋 {v}"))),
    ("代理人のふりがな", _intake(lambda v: _person(PROXY, "代理人", furigana=v))),
    ("代理人の住所", _intake(lambda v: _person(PROXY, "代理人", address=f"つくば市 {v}"))),
    ("代理人の電話番号", _intake(lambda v: _person(PROXY, "代理人", phone=v))),
    ("代理人の組合員番号", _intake(lambda v: _person(PROXY, "代理人", member_number=v))),
    # intake: every detail of a request item
    ("保有個人データの開示の対象期間", _intake(lambda v: _item(SELF, period=v))),
    ("保有個人データの開示の請求の内容", _intake(lambda v: _item(SELF, detail=f"番号 {v}"))),
    ("訂正・追加・削除の訂正の項目", _intake(lambda v: _item(CORRECTION, correction_item=v))),
    ("訂正・追加・削除の現在の内容", _intake(lambda v: _item(CORRECTION, current_value=v))),
    ("訂正・追加・削除の訂正後の内容", _intake(lambda v: _item(CORRECTION, requested_value=v))),
    ("訂正・追加・削除の根拠資料", _intake(lambda v: _item(CORRECTION, evidence=v))),
    # intake: the note and a waiver's reason
    ("備考", _intake(lambda v: dataclasses.replace(SELF, note=f"控え {v}"))),
    (
        "減免の理由",
        lambda uow, c, done, v: register_intake(
            uow,
            c.supervisor,
            dataclasses.replace(
                SELF, adjustment=Adjustment("waive", 0, f"受給者証 {v}"), amount_received=0
            ),
            now=NOW,
        ),
    ),
    # after intake
    (
        "延長の理由",
        lambda uow, c, done, v: extend_deadline(uow, c.supervisor, done, f"照会 {v}", now=NOW),
    ),
    (
        "理由の説明 (法第36条)",
        lambda uow, c, done, v: decide(
            uow, c.supervisor, done, {"disclosure": "refused"}, ground="harm", explanation=v
        ),
    ),
    (
        "説明",
        lambda uow, c, done, v: decide(
            uow, c.supervisor, done, {"disclosure": "disclosed_full"}, explanation=v
        ),
    ),
    ("取下げの理由", lambda uow, c, done, v: withdraw(uow, c.staff, done, v, now=NOW)),
    (
        "表示する理由",
        lambda uow, c, done, v: reveal_personal_data(uow, c.supervisor, done, f"確認 {v}"),
    ),
    (
        "取消の理由",
        lambda uow, c, done, v: void_receipt(uow, c.supervisor, "BR01-01-2025-000001", v),
    ),
    (
        "過不足の理由",
        lambda uow, c, done, v: close_day(uow, c.supervisor, TODAY, 0, variance_note=v, now=NOW),
    ),
    # settings and accounts
    (
        "支店名",
        lambda uow, c, done, v: update_branch(
            uow, c.admin, dataclasses.replace(sample_branch(), name=f"水戸 {v}")
        ),
    ),
    (
        "住所",
        lambda uow, c, done, v: update_branch(
            uow, c.admin, dataclasses.replace(sample_branch(), address=f"水戸市 {v}")
        ),
    ),
    (
        "発行者名",
        lambda uow, c, done, v: update_branch(
            uow, c.admin, dataclasses.replace(sample_branch(), issuer_name=v)
        ),
    ),
    (
        "職員の氏名",
        lambda uow, c, done, v: add_staff(
            uow, c.admin, NewStaff("sato", f"佐藤 {v}", "staff", "sato-pass-2025")
        ),
    ),
    (
        "ユーザーID",
        lambda uow, c, done, v: add_staff(
            uow, c.admin, NewStaff(v, "佐藤 花子", "staff", "sato-pass-2025")
        ),
    ),
]


@pytest.fixture(scope="module")
def shared(counter_template, tmp_path_factory):
    """One database with one registered request (receipt BR01-01-2025-000001); every case runs
    in a unit of work that is never committed."""
    import shutil

    from counter_app.store.engine import open_database

    from .conftest import TEST_KEY, Counter

    folder, actors = counter_template
    target = tmp_path_factory.mktemp("my-number") / "data"
    shutil.copytree(folder, target)
    db = open_database(target, key=TEST_KEY)
    counter = Counter(db, *actors)
    with db.unit_of_work() as uow:
        done = register_intake(uow, counter.staff, SELF, now=NOW)
        uow.commit()
    assert done.receipt_number == "BR01-01-2025-000001"
    yield counter, done.request_number
    db.close()


def _rows(counter) -> tuple[int, int]:
    with counter.db.unit_of_work(read_only=True) as uow:
        session = uow.session
        return (
            session.scalar(select(func.count()).select_from(Request)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


@pytest.mark.parametrize(
    ("field", "call", "written"),
    [(f, call, (PLAIN, SPACED, WIDE)[i % 3]) for i, (f, call) in enumerate(CASES)],
    ids=[f for f, _ in CASES],
)
def test_a_my_number_is_refused_in_every_stored_text_naming_the_box(shared, field, call, written):
    counter, number = shared
    before = _rows(counter)
    with pytest.raises(MyNumberRefused) as refused, counter.db.unit_of_work() as uow:
        call(uow, counter, number, written)
        uow.commit()
    assert refused.value.field == field
    assert refused.value.message == (
        f"「{field}」に個人番号と思われる12桁の数字があります。個人番号は記録できません。"
    )
    assert _rows(counter) == before  # nothing written, not even an audit row


#: Characters that draw nothing or turn the text around (issue 9 item 8), by category.
invisible = st.characters(categories=["Cf", "Zl", "Zp", "Cn", "Cs"]).filter(
    lambda ch: unicodedata.category(ch) != "Cn" or regex.match(r"\p{Cn}", ch)
)


@pytest.mark.parametrize(("field", "call"), CASES, ids=[f for f, _ in CASES])
@settings(max_examples=4, deadline=None)
@given(bad=invisible)
def test_an_invisible_or_direction_character_is_refused_in_every_stored_text(
    shared, field, call, bad
):
    """The one text check (services/access.py check_text) is on every stored text: RLO, the
    isolates, zero-width characters, U+2028/2029, tags, noncharacters, lone surrogates."""
    counter, _ = shared
    before = _rows(counter)
    with pytest.raises(InputError) as refused, counter.db.unit_of_work() as uow:
        call(uow, counter, shared[1], f"ab{bad}cd")
        uow.commit()
    assert refused.value.message.startswith(f"「{field}」に")
    assert f"U+{ord(bad):04X}" in refused.value.message
    assert refused.value.message.endswith("は入力できません。")
    assert _rows(counter) == before


def test_a_name_of_only_a_zero_width_space_is_refused(shared):
    counter, _ = shared
    with pytest.raises(InputError) as refused, counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, _person(SELF, "本人", name="\u200b"), now=NOW)
    assert refused.value.message == (
        "「本人の氏名」に見えない文字が含まれています: U+200B (ZERO WIDTH SPACE) は入力できません。"
    )


def test_every_text_field_of_an_item_is_in_the_table():
    """The item's text attributes are exactly the ones the table checks."""
    texts = {
        f.name
        for f in dataclasses.fields(RequestItemInput)
        if f.type in ("str", str) and f.name != "request_type"
    }
    assert texts == {
        "period",
        "correction_item",
        "current_value",
        "requested_value",
        "evidence",
        "detail",
    }
    assert {RequestType.DISCLOSURE, RequestType.CORRECTION} <= {
        RequestType(i.request_type) for i in (*SELF.items, *CORRECTION.items)
    }


def test_a_postal_code_cannot_hold_a_my_number_it_is_seven_digits():
    """The one person field without the guard: its shape check leaves no room for 12 digits."""
    from counter_app.domain.text import normalise_postal_code

    for value in (PLAIN, SPACED, WIDE, f"310-0801 {PLAIN}"):
        with pytest.raises(InputError, match="郵便番号"):
            normalise_postal_code(value)


def test_the_login_and_the_search_do_not_store_what_was_typed(shared):
    """A My Number typed as a user name or a search is not kept: the failed login's audit row
    says only whether the user was known; a search writes nothing."""
    from counter_app.services.search import search_requests
    from counter_app.services.sign_in import LoginFailed, sign_in

    counter, _ = shared
    with pytest.raises(LoginFailed):
        sign_in(counter.db, PLAIN, "whatever-1", at=NOW + dt.timedelta(seconds=1))
    with counter.db.unit_of_work(read_only=True) as uow:
        row = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert row.action == "auth.login_failed"
        assert PLAIN not in str(row.detail) and "1234" not in str(row.detail)
        assert search_requests(uow, counter.staff, SPACED).items == ()
