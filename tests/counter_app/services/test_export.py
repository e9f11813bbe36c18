"""CSV export: supervisor only, masked unless an admin asks (audited), UTF-8 with BOM or cp932
(〓 for what cp932 cannot hold), no formula injection, read back with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from counter_app.errors import InputError, PermissionDenied
from counter_app.services.export import COLUMNS, export_csv
from counter_app.services.intake import register_intake
from counter_app.services.intake_input import PersonInput
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.models import AuditEntry, Person, Receipt, Request

from .conftest import NOW, TODAY

FORMULA_NAME = PersonInput(
    name="=HYPERLINK(1)",  # a name typed as a formula must stay text in Excel
    furigana="",
    birth_date=dt.date(1985, 5, 5),
    phone="029-222-3333",
    member_number="-77",
)


@pytest.fixture
def day(counter):
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        register_intake(uow, counter.staff, sample_proxy_intake(TODAY), now=NOW)
        register_intake(uow, counter.staff, sample_correction_intake(TODAY), now=NOW)
        register_intake(
            uow, counter.staff, sample_self_intake(TODAY, requester=FORMULA_NAME), now=NOW
        )
        uow.commit()


def export(counter, actor, **kw):
    with counter.db.unit_of_work() as uow:
        result = export_csv(uow, actor, TODAY, now=NOW + dt.timedelta(hours=9), **kw)
        uow.commit()
    return result


def rows_of(data: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def last_audit(counter):
    with counter.db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))


def test_supervisor_exports_masked_utf8_with_bom(counter, day):
    result = export(counter, counter.supervisor)
    assert result.data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in result.data
    rows = rows_of(result.data, "utf-8-sig")
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 5 and result.rows == 4
    by_number = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    first = by_number["R-BR01-01-2025-000001"]
    assert first["本人氏名"] == "山田 **"
    assert first["電話番号"] == "090-****-5678"
    assert first["組合員番号"] == "****567"
    assert first["請求種類"] == "保有個人データの開示"
    assert int(first["手数料"]) + int(first["郵送料"]) > 0
    assert by_number["R-BR01-01-2025-000002"]["代理人氏名"] == "髙橋 **"
    assert by_number["R-BR01-01-2025-000002"]["代理人区分"] == "任意代理人"
    assert "花子" not in result.data.decode("utf-8-sig")
    entry = last_audit(counter)
    assert entry.action == "export.csv"
    detail = json.loads(entry.detail)
    assert detail == {
        "business_date": "2025-06-02",
        "rows": 4,
        "unmasked": False,
        "encoding": "utf-8-sig",
        "exported_on": "2025-06-02",
    }


def test_a_day_with_a_voided_receipt_exports_one_row_per_request(counter, day):
    """The day's log also holds a line for each void (no status, no target date): the CSV is
    the requests, the void shown in the 取消 column of its request (found by the type check:
    before, ``RequestStatus(None)`` raised ValueError and export-csv ended with exit 70)."""
    from counter_app.services.receipts import void_receipt

    with counter.db.unit_of_work(read_only=True) as uow:
        first = uow.session.scalar(
            select(Request.id).where(Request.number == "R-BR01-01-2025-000001")
        )
        receipt = uow.session.scalar(select(Receipt.number).where(Receipt.request_id == first))
    with counter.db.unit_of_work() as uow:
        void_receipt(
            uow, counter.supervisor, receipt, "金額の誤り", now=NOW + dt.timedelta(minutes=5)
        )
        uow.commit()
    result = export(counter, counter.supervisor)
    rows = rows_of(result.data, "utf-8-sig")
    assert result.rows == 4 and len(rows) == 5
    by_number = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    assert sorted(by_number) == [f"R-BR01-01-2025-00000{n}" for n in (1, 2, 3, 4)]
    assert by_number["R-BR01-01-2025-000001"]["取消"] == "取消"
    assert by_number["R-BR01-01-2025-000001"]["状態"] == "受付済"
    assert [r["取消"] for n, r in sorted(by_number.items())][1:] == ["", "", ""]


def test_unmasked_needs_an_admin_and_is_audited(counter, day):
    with pytest.raises(PermissionDenied, match="管理者だけ"):
        export(counter, counter.supervisor, unmasked=True)
    result = export(counter, counter.admin, unmasked=True)
    text = result.data.decode("utf-8-sig")
    assert "山田 花子" in text and "090-1234-5678" in text and "髙橋 一郎" in text
    assert "𠮷田 太郎" in text
    assert json.loads(last_audit(counter).detail)["unmasked"] is True


def test_staff_may_not_export(counter, day):
    with pytest.raises(PermissionDenied, match="CSVの出力は責任者以上"):
        export(counter, counter.staff)


def test_formula_cells_are_quoted_as_text(counter, day):
    rows = rows_of(export(counter, counter.admin, unmasked=True).data, "utf-8-sig")
    (row,) = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:] if "HYPERLINK" in r[4]]
    assert row["本人氏名"] == "'=HYPERLINK(1)"
    assert row["組合員番号"] == "'-77"


def test_cp932_replaces_what_it_cannot_hold(counter, day):
    result = export(counter, counter.admin, unmasked=True, encoding="cp932")
    assert not result.data.startswith(b"\xef\xbb\xbf")
    text = result.data.decode("cp932")
    assert "〓田 太郎" in text  # 𠮷 has no cp932 code
    assert "髙橋 一郎" in text  # 髙 is an IBM extension in cp932
    assert result.replaced_characters == 1
    assert json.loads(last_audit(counter).detail)["encoding"] == "cp932"


def test_unknown_encoding_is_refused(counter):
    with pytest.raises(InputError, match="文字コード「latin-1」は使えません"):
        export(counter, counter.supervisor, encoding="latin-1")


def test_empty_day_has_only_the_header(counter):
    result = export(counter, counter.supervisor)
    assert rows_of(result.data, "utf-8-sig") == [list(COLUMNS)]


#: Every character a spreadsheet may take for = + - @ once folded (＝＋－＠, ﹦, ⁺, ₌...),
#: from the Unicode database rather than a hand list.
FORMULA_STARTS = sorted(
    chr(c)
    for c in range(sys.maxunicode + 1)
    if not 0xD800 <= c <= 0xDFFF and unicodedata.normalize("NFKC", chr(c))[:1] in "=+-@"
)
#: What can stand unseen or blank in front of it: format characters (zero-width space, BOM,
#: direction marks...) and spaces.
unseen = st.text(alphabet=st.characters(categories=["Cf", "Zs"]), max_size=3)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=unseen, start=st.sampled_from(FORMULA_STARTS), rest=st.text("SUM(A1)HYPERLINK"))
def test_a_formula_in_any_width_or_behind_an_invisible_character_stays_text(
    counter, before, start, rest
):
    """Stored before the input refused invisible characters (or typed full-width): the export
    still quotes it, in every personal column."""
    value = before + start + rest
    with counter.db.unit_of_work() as uow:
        if not uow.session.scalar(select(Person.id).limit(1)):
            register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.session.execute(update(Person).values(name=value, furigana=value, phone=value))
        uow.commit()
    rows = rows_of(export(counter, counter.admin, unmasked=True).data, "utf-8-sig")
    cells = dict(zip(COLUMNS, rows[1], strict=True))
    for column in ("本人氏名", "本人ふりがな", "電話番号"):
        assert cells[column] == "'" + value, column


@given(text=st.text(st.characters(categories=["L", "N"]), min_size=1))
def test_a_cell_that_starts_with_a_letter_or_digit_is_left_alone(text):
    from counter_app.services.export import _safe_cell

    assert _safe_cell(text) == text
