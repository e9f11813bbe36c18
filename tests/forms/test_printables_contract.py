"""The plain-data contract of counter_app/printables/ (pure Python, used by the services)."""

from __future__ import annotations

import re

from counter_app.domain.requests import RequestType
from counter_app.printables.characters import private_use_characters
from counter_app.printables.daily_log import (
    DAILY_LOG_COLUMNS,
    TYPE_SHORT_LABELS,
    DailyLogTotals,
    log_row_cells,
)
from tests.forms import samples


def test_log_row_cells_fill_every_column_in_japan_time():
    rows = samples.log_rows(5)
    cells = log_row_cells(rows[0])
    assert list(cells) == [key for key, _ in DAILY_LOG_COLUMNS]
    assert cells["time"] == "14:05"  # 05:05 UTC
    assert cells["fee"] == "1,100" and cells["target"] == "12/10"
    assert log_row_cells(rows[1])["marks"] == "再発行1"
    assert log_row_cells(rows[4])["marks"] == "取消済"  # the voided receipt's own row
    line = log_row_cells(samples.void_line(rows[4], samples.VOIDED_AT))
    assert (line["marks"], line["fee"], line["total"], line["status"]) == (
        "取消",
        "△1,100",
        "△1,100",
        "",
    )
    assert log_row_cells(rows[2])["flags"] == "期限超過"
    assert log_row_cells(rows[3])["flags"] == "再請求"


def test_every_request_type_has_a_short_label():
    assert set(TYPE_SHORT_LABELS) == set(RequestType)
    labels = list(TYPE_SHORT_LABELS.values())
    assert len(set(labels)) == len(labels)  # two types never print alike in the log
    for request_type, label in TYPE_SHORT_LABELS.items():
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label), label
        assert len(label) < len(request_type.label), (label, request_type.label)


def test_private_use_characters_are_found_once_each():
    assert private_use_characters("山\ue000太\ue000郎\U000f0001") == ["\ue000", "\U000f0001"]
    assert private_use_characters("𠮷田 葛\U000e0100城") == []


def test_totals_default_to_the_rows():
    log = samples.daily_log(6)
    assert log.effective_totals == DailyLogTotals.from_rows(log.rows)


def test_the_daily_log_columns_are_those_of_domain_md_section_8_in_order():
    """§8: number, time, staff, types, principal/proxy kind, ID rule used, proxy documents
    checked, fee, tax, postage, receipt number, voids and reprints, status and target date;
    overdue and repeat requests flagged. The money is fee, postage, their sum (受領額) and the
    tax included in it (the tax is on the fee and, when taxable, the postage: not 手数料's)."""
    assert [key for key, _ in DAILY_LOG_COLUMNS] == [
        "number",
        "time",
        "staff",
        "types",
        "requester",
        "id_rule",
        "proxy_docs",
        "fee",
        "postage",
        "total",
        "tax",
        "receipt",
        "marks",
        "status",
        "target",
        "flags",
    ]
    assert [header for _, header in DAILY_LOG_COLUMNS] == [
        "受付番号",
        "時刻",
        "担当",
        "請求種類",
        "本人/代理",
        "本人確認",
        "代理書類",
        "手数料",
        "郵送料",
        "受領額",
        "内消費税",
        "領収書番号",
        "取消/再発行",
        "状態",
        "回答期限",
        "注意",
    ]
