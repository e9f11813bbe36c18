"""The figures checked against counts computed here, from the requests the test made; the
CSV opened with the csv module, the PDF read back and drawn, and ``hq stats --json``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from counter_app.cli import main
from counter_app.domain.requests import OUTCOMES_BY_TYPE, RequestType
from counter_app.headoffice.desk.stats import refresh, statistics
from counter_app.headoffice.desk.stats_csv import stats_csv
from forms.hq_stats import render

# The categories of public bodies' 開示請求 tables, written out again here (not imported).
FULL = {"disclosed_full", "method_changed_to_paper", "notified", "corrected", "suspended"}
PARTIAL = {"disclosed_partial", "alternative_measure"}
REFUSED = {"refused", "not_corrected", "not_suspended"}
KINDS = {
    "principal": {"requester": "principal", "proxy_kind": None},
    "legal": {"requester": "proxy", "proxy_kind": "parent"},
    "voluntary": {"requester": "proxy", "proxy_kind": "voluntary"},
}
_ids = itertools.count(1)


def category(outcome: str | None, status: str) -> str:
    if status in ("cancelled", "withdrawn"):
        return status
    if outcome in FULL:
        return "full"
    if outcome in PARTIAL:
        return "partial"
    if outcome in REFUSED:
        return "refused"
    if outcome == "not_held":
        return "not_held"
    return "pending"


def rank(values: list[int], p: float) -> int | None:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p * len(ordered))) - 1] if ordered else None


@st.composite
def requests(draw):
    types = sorted(draw(st.sets(st.sampled_from(list(RequestType)), min_size=1, max_size=3)))
    status = draw(st.sampled_from(["received", "in_progress", "decided", "withdrawn", "cancelled"]))
    outcomes = {t.value: draw(st.sampled_from(sorted(OUTCOMES_BY_TYPE[t]))).value for t in types}
    received = dt.date(2026, 3, 1) + dt.timedelta(days=draw(st.integers(0, 150)))
    return {
        "types": [t.value for t in types],
        "kind": draw(st.sampled_from(list(KINDS))),
        "status": status,
        "outcomes": outcomes if status == "decided" else {},
        "received": received,
        "answer_days": draw(st.integers(0, 60)),
        "target_days": draw(st.integers(7, 30)),
        "extended_days": draw(st.none() | st.integers(31, 60)),
        "fee": draw(st.sampled_from([0, 300, 800])),
        "receipt_voided": draw(st.booleans()),
        "settled": draw(st.sampled_from([0, 120, -40])),
    }


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(requests(), max_size=10))
def test_the_figures_match_counts_computed_independently(seed, desk_accounts, rows):
    lead = desk_accounts.conn("lead")
    branch = seed.branch()
    terminal = seed.terminal(branch)
    first, last = dt.date(2026, 4, 1), dt.date(2026, 6, 1)  # April to June
    want_cells: dict[tuple[str, str, str], int] = {}
    days, past_target, past_art39, collected, settled, voids, voided, count = (
        [],
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    )
    for row in rows:
        rid = f"s{next(_ids)}"
        received = row["received"]
        target = received + dt.timedelta(days=row["target_days"])
        due = received + dt.timedelta(days=row["extended_days"]) if row["extended_days"] else target
        art39 = received + dt.timedelta(days=14)
        decided = received + dt.timedelta(days=row["answer_days"])
        seed.request(
            terminal, rid, status=row["status"], received_on=received.isoformat(),
            target_on=target.isoformat(), lawsuit_possible_from=art39.isoformat(),
            extended_target_on=(due.isoformat() if row["extended_days"] else None),
            decided_at=(f"{decided.isoformat()}T03:00:00" if row["status"] == "decided" else None),
            items=[{"position": i, "type": t, "outcome": row["outcomes"].get(t)}
                   for i, t in enumerate(row["types"], 1)],
            fee_total=row["fee"], **KINDS[row["kind"]],
        )  # fmt: skip
        if row["fee"]:
            seed.put(terminal, "receipt", f"{rid}-r", {"kind": "issued", "request_id": rid,
                                                       "total": row["fee"]})  # fmt: skip
            if row["receipt_voided"]:
                seed.put(terminal, "receipt", f"{rid}-v", {"kind": "void", "request_id": rid,
                         "voids_receipt_id": f"{rid}-r", "total": -row["fee"]})  # fmt: skip
        if row["settled"]:
            seed.put(terminal, "settlement", f"{rid}-s", {"kind": "settlement", "request_id": rid,
                                                          "total": row["settled"]})  # fmt: skip
        if not first <= received.replace(day=1) <= last:
            continue
        count += 1
        for t in row["types"]:
            key = (t, row["kind"], category(row["outcomes"].get(t), row["status"]))
            want_cells[key] = want_cells.get(key, 0) + 1
        if row["status"] == "decided":
            days.append(row["answer_days"])
            past_target += decided > due
            past_art39 += decided >= art39
        if row["fee"] and not row["receipt_voided"]:
            collected += row["fee"]
        voids += 1 if row["fee"] and row["receipt_voided"] else 0
        settled += row["settled"]
        voided += row["status"] == "cancelled"
    refresh(lead)
    report = statistics(lead, first, last, branch=branch)
    assert report.cells == want_cells
    t = report.totals
    assert (t.requests, t.answered) == (count, len(days))
    assert (t.median_days, t.p90_days) == (rank(days, 0.5), rank(days, 0.9))
    assert t.longest_days == (max(days) if days else None)
    assert (t.past_target, t.past_art39) == (past_target, past_art39)
    assert (t.fees_collected, t.fees_settled, t.voids, t.voided_intakes) == (
        collected, settled, voids, voided,
    )  # fmt: skip
    assert sum(f.requests for f in report.by_month.values()) == count
    assert list(report.by_month) == [dt.date(2026, 4, 1), dt.date(2026, 5, 1), dt.date(2026, 6, 1)]
    assert sum(sum(m.values()) for m in report.types_by_month.values()) == sum(want_cells.values())


def _sample(seed, desk_accounts):
    branch = seed.branch()
    terminal = seed.terminal(branch)
    plans = [
        ("disclosure", "principal", "decided", "disclosed_full", 10),
        ("disclosure", "legal", "decided", "disclosed_partial", 20),
        ("disclosure", "voluntary", "decided", "refused", 30),
        ("correction", "principal", "decided", "not_held", 12),
        ("purpose_notice", "principal", "withdrawn", None, 0),
        ("suspension", "voluntary", "received", None, 0),
    ]
    for i, (kind, who, status, outcome, answer) in enumerate(plans * 3):
        received = dt.date(2026, 4 + i % 3, 1 + i)
        seed.request(
            terminal, f"c{next(_ids)}", status=status, received_on=received.isoformat(),
            target_on=(received + dt.timedelta(days=14)).isoformat(),
            lawsuit_possible_from=(received + dt.timedelta(days=14)).isoformat(),
            decided_at=((received + dt.timedelta(days=answer)).isoformat() + "T02:00:00"
                        if status == "decided" else None),
            items=[{"position": 1, "type": kind, "outcome": outcome}], fee_total=300,
            **KINDS[who],
        )  # fmt: skip
    lead = desk_accounts.conn("lead")
    refresh(lead)
    return branch, statistics(lead, dt.date(2026, 4, 1), dt.date(2026, 6, 1), branch=branch)


def test_the_csv_opens_with_the_csv_module_as_excel_would(seed, desk_accounts):
    branch, report = _sample(seed, desk_accounts)
    data = stats_csv(report)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["個人情報 開示等請求 統計", f"支所 {branch}"]
    header = rows[4]
    assert header[:4] == ["請求の種類", "請求者", "全部開示", "一部開示"]
    table = {(r[0], r[1]): r for r in rows[5:] if len(r) == len(header)}
    legal = table[("保有個人データの開示", "法定代理人")]
    assert legal[header.index("一部開示")] == "3" and legal[header.index("計")] == "3"
    assert table[("訂正・追加・削除", "本人")][header.index("不存在")] == "3"
    totals = table[("計", "")]
    assert totals[header.index("計")] == "18" and totals[header.index("取下げ")] == "3"
    figures = next(r for r in rows if r and r[0] == "期間計")
    labels = next(r for r in rows if len(r) > 1 and r[1] == "請求件数")
    assert figures[labels.index("請求件数")] == "18"
    assert figures[labels.index("回答済")] == "12"
    assert figures[labels.index("回答日数 最長")] == "30"
    assert figures[labels.index("法第39条の日以降の回答")] == "6"


def test_the_pdf_carries_the_labels_and_numbers_and_draws(seed, desk_accounts, tmp_path):
    branch, report = _sample(seed, desk_accounts)
    pdf = render(report)
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "\n".join(page.extract_text() for page in pages)
    for label in ("全部開示", "一部開示", "不開示", "不存在", "取下げ", "処理中", "法定代理人",
                  "任意代理人", "月別の請求件数", "回答までの日数", f"支所 {branch}",
                  "2026年4月〜2026年6月", "中央値", "90パーセンタイル"):  # fmt: skip
        assert label in text, label
    assert "30 日" in text and "18" in text  # the longest answer, the requests
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
        check=True,
    )
    assert len(list(tmp_path.glob("page-*.png"))) == len(pages) >= 2


def test_hq_stats_json_and_csv_from_the_command_line(seed, desk_accounts, hq_db, tmp_path, capsys):
    branch, report = _sample(seed, desk_accounts)
    args = ["hq", "stats", "--dsn", hq_db.admin_dsn, "--from", "2026-04", "--to", "2026-06",
            "--branch", branch]  # fmt: skip
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["requests"] == 18 and data["scope"] == branch
    assert data["by_month"]["2026-05"]["requests"] == report.by_month[dt.date(2026, 5, 1)].requests
    assert {c["outcome"] for c in data["by_type"]} <= set(data["outcome_categories"])
    out = tmp_path / "stats.csv"
    assert main([*args, "--csv", str(out)]) == 0
    assert out.read_bytes() == stats_csv(report)
    assert main([*args, "--csv", str(out)]) == 2  # never over a file without --force
    assert "Traceback" not in capsys.readouterr().err
    assert main(["hq", "stats", "--dsn", hq_db.admin_dsn, "--from", "2026-13", "--to", "x"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["hq", "stats", "--dsn", hq_db.admin_dsn, "--fy", "2026", "--json"]) == 0
    fy = json.loads(capsys.readouterr().out)
    assert (fy["from"], fy["to"]) == ("2026-04", "2027-03")


def test_hq_desk_account_creates_a_login_that_signs_in(hq_db, tmp_path, capsys):
    from counter_app.headoffice.desk.accounts import DeskRole, DeskServer, sign_in

    secret = tmp_path / "pw"
    secret.write_text("a-long-desk-password\n", encoding="utf-8")
    args = ["hq", "desk-account", "--dsn", hq_db.admin_dsn, "--login", "desk_cli_made",
            "--name", "髙橋 一郎", "--role", "lead", "--password-file", str(secret)]  # fmt: skip
    assert main(args) == 0
    assert "本部責任者" in capsys.readouterr().out
    assert main(args) == 2  # the same login again
    assert "すでに使われています" in capsys.readouterr().err
    server = DeskServer(hq_db.host, hq_db.port, hq_db.dbname, hq_db.ca_cert)
    conn, account = sign_in(server, "desk_cli_made", "a-long-desk-password")
    conn.close()
    assert (account.display_name, account.role) == ("髙橋 一郎", DeskRole.LEAD)


@given(
    instant=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2099, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    offset_minutes=st.integers(-12 * 60, 14 * 60),
)
def test_the_refresh_time_reads_in_japans_time_whatever_the_servers_zone(instant, offset_minutes):
    """The report said 「集計時点 … (UTC)」 under a time printed in the server session's zone
    (+09:00 here): the same instant now reads the same in Japan's time from any zone."""
    import types

    from counter_app.headoffice.desk.stats import refreshed_text

    zone = dt.timezone(dt.timedelta(minutes=offset_minutes))
    seen_by_server = types.SimpleNamespace(refreshed_at=instant.astimezone(zone))
    expected = (instant + dt.timedelta(hours=9)).strftime("%Y-%m-%d %H:%M")
    assert refreshed_text(seen_by_server) == expected  # type: ignore[arg-type]
    assert refreshed_text(types.SimpleNamespace(refreshed_at=None)) == "-"  # type: ignore[arg-type]
