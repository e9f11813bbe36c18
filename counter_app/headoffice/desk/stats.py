"""The figures: requests per month / fiscal year, per branch and for the co-op.

Categories follow the ones public bodies publish for their 開示請求 statistics (個人情報保護
委員会「個人情報保護法の施行状況について」, the 行政機関等 tables: 開示請求 by 全部開示 /
一部開示 / 不開示 (不存在 counted on its own) / 取下げ / 処理中), applied to every request type:
for a correction or a suspension 全部 = done, 一部 = partly or an alternative measure, 不 = not
done. A request is counted in the month it was received (as those tables count the year's
requests and their disposition); a request with several types counts once per type in the
type table and once in the request figures.

Time to answer: calendar days from receipt to the decision, over the decided requests of the
period: median and 90th percentile by the nearest rank (the smallest d with at least 50 % /
90 % of answers taking d days or less), the longest; ``past_target``: decided after the
internal target; ``past_art39``: decided on or after the Art. 39 date.

The figures come from the summary tables ``hq.stats_types``/``hq.stats_answers``, brought up
to date by ``hq.refresh_stats()`` on a schedule (``refreshed_at`` says when).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

from counter_app.domain.requests import RequestType
from counter_app.errors import InputError
from counter_app.headoffice.desk.refusals import desk_call
from counter_app.headoffice.desk.worklist import REQUESTER_KINDS

#: the outcome categories, in the order tables print them
OUTCOME_CATEGORIES = {
    "full": "全部開示",
    "partial": "一部開示",
    "refused": "不開示",
    "not_held": "不存在",
    "withdrawn": "取下げ",
    "pending": "処理中",
    "cancelled": "受付取消",
}


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def fiscal_year_months(year: int) -> tuple[dt.date, dt.date]:
    """First and last month of fiscal year ``year`` (April ``year`` to March ``year + 1``)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, current = [], month_start(first)
    while current <= last:
        out.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def nearest_rank(histogram: dict[int, int], fraction: float) -> int | None:
    """The smallest value with at least ``fraction`` of the counts at or below it."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(fraction * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)  # pragma: no cover - rank <= total


@dataclass(frozen=True)
class AnswerFigures:
    """Requests of a slice (a month, a branch, the period) and how they were answered."""

    requests: int = 0
    answered: int = 0
    median_days: int | None = None
    p90_days: int | None = None
    longest_days: int | None = None
    past_target: int = 0
    past_art39: int = 0
    fees_collected: int = 0
    fees_settled: int = 0
    voids: int = 0
    voided_intakes: int = 0


@dataclass(frozen=True)
class StatsReport:
    first_month: dt.date
    last_month: dt.date
    branch: str | None  # None: the whole co-op
    refreshed_at: dt.datetime | None
    #: (request_type, requester_kind, outcome_category) -> count
    cells: dict[tuple[str, str, str], int]
    totals: AnswerFigures
    by_month: dict[dt.date, AnswerFigures]
    by_branch: dict[str, AnswerFigures]
    #: month -> request_type -> count (the chart of requests per month by type)
    types_by_month: dict[dt.date, dict[str, int]] = field(default_factory=dict)

    @property
    def scope_label(self) -> str:
        return f"支所 {self.branch}" if self.branch else "生協全体"

    def count(self, request_type: str | None = None, requester: str | None = None,
              outcome: str | None = None) -> int:  # fmt: skip
        return sum(
            n
            for (t, k, o), n in self.cells.items()
            if (request_type is None or t == request_type)
            and (requester is None or k == requester)
            and (outcome is None or o == outcome)
        )

    def as_json(self) -> dict[str, Any]:
        def figures(f: AnswerFigures) -> dict[str, Any]:
            return dict(f.__dict__)

        return {
            "from": self.first_month.strftime("%Y-%m"),
            "to": self.last_month.strftime("%Y-%m"),
            "scope": self.branch or "coop",
            "refreshed_at": self.refreshed_at.isoformat() if self.refreshed_at else None,
            "outcome_categories": OUTCOME_CATEGORIES,
            "requester_kinds": REQUESTER_KINDS,
            "by_type": [
                {"request_type": t, "requester": k, "outcome": o, "count": n}
                for (t, k, o), n in sorted(self.cells.items())
            ],
            "totals": figures(self.totals),
            "by_month": {m.strftime("%Y-%m"): figures(f) for m, f in sorted(self.by_month.items())},
            "by_branch": {b: figures(f) for b, f in sorted(self.by_branch.items())},
            "types_by_month": {
                m.strftime("%Y-%m"): dict(sorted(v.items()))
                for m, v in sorted(self.types_by_month.items())
            },
        }


def _figures(rows: Iterable[tuple[Any, ...]]) -> AnswerFigures:
    """From summed stats_answers rows: (answer_days, n, past_target, past_art39, voided,
    fees collected, fees settled, voids)."""
    histogram: dict[int, int] = defaultdict(int)
    requests = past_target = past_art39 = voided = collected = settled = voids = 0
    for days, n, late, art39, is_void, fees, settled_sum, void_sum in rows:
        requests += n
        if days >= 0:
            histogram[days] += n
        past_target += late
        past_art39 += art39
        voided += is_void
        collected += fees or 0
        settled += settled_sum or 0
        voids += void_sum or 0
    return AnswerFigures(
        requests=requests,
        answered=sum(histogram.values()),
        median_days=nearest_rank(histogram, 0.5),
        p90_days=nearest_rank(histogram, 0.9),
        longest_days=max(histogram) if histogram else None,
        past_target=past_target,
        past_art39=past_art39,
        fees_collected=collected,
        fees_settled=settled,
        voids=voids,
        voided_intakes=voided,
    )


# written out for each case so that the planner sees which index fits: the month range of
# the primary key for the co-op, (branch, month) for one branch
_SCOPE = "month BETWEEN %(first)s AND %(last)s {branch}"
# one pass over each summary table's slice of the period, grouped several ways at once
_TYPES = (
    "SELECT GROUPING(month) = 0, month, request_type, requester_kind, outcome, sum(n)::bigint "
    f"FROM hq.stats_types WHERE {_SCOPE} "
    "GROUP BY GROUPING SETS ((request_type, requester_kind, outcome), (month, request_type))"
)
# the histogram of days to answer for the period, each month and each branch
_ANSWERS = (
    "SELECT GROUPING(month, branch), month, branch, answer_days, sum(n)::bigint, "
    "sum(past_target)::bigint, sum(past_art39)::bigint, sum(voided)::bigint, "
    "sum(fees_collected)::bigint, sum(fees_settled)::bigint, sum(voids)::bigint "
    f"FROM hq.stats_answers WHERE {_SCOPE} "
    "GROUP BY GROUPING SETS ((answer_days), (month, answer_days), (branch, answer_days))"
)


def statistics(
    conn: psycopg.Connection,
    first_month: dt.date,
    last_month: dt.date,
    *,
    branch: str | None = None,
) -> StatsReport:
    """The report for the months ``first_month``..``last_month`` (both included)."""
    first, last = month_start(first_month), month_start(last_month)
    if first > last:
        raise InputError("集計期間が逆です (開始月が終了月より後です)。")
    params = {"first": first, "last": last, "branch": branch}
    with desk_call():
        refreshed = conn.execute("SELECT at FROM hq.stats_refreshed").fetchone()
        if refreshed is None:
            conn.execute("SELECT hq.refresh_stats()")
            refreshed = conn.execute("SELECT at FROM hq.stats_refreshed").fetchone()
        one_branch = "AND branch = %(branch)s" if branch else ""
        type_rows = conn.execute(_TYPES.replace("{branch}", one_branch), params).fetchall()
        answer_rows = conn.execute(_ANSWERS.replace("{branch}", one_branch), params).fetchall()
    cells: dict[tuple[str, str, str], int] = {}
    types_by_month: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for per_month, month, request_type, kind, outcome, n in type_rows:
        if per_month:
            types_by_month[month][request_type] = int(n)
        else:
            cells[(request_type, kind, outcome)] = int(n)
    # GROUPING(month, branch): 3 the whole period, 1 per month, 2 per branch
    grouped: dict[int, dict[Any, list[tuple[Any, ...]]]] = {
        3: defaultdict(list), 1: defaultdict(list), 2: defaultdict(list)
    }  # fmt: skip
    for grouping, month, row_branch, *figures in answer_rows:
        key = {3: None, 1: month, 2: row_branch}[grouping]
        grouped[grouping][key].append(tuple(figures))
    period = months(first, last)
    by_month = {m: _figures(rows) for m, rows in grouped[1].items()}
    return StatsReport(
        first_month=first,
        last_month=last,
        branch=branch,
        refreshed_at=refreshed[0] if refreshed else None,
        cells=cells,
        totals=_figures(grouped[3].get(None, [])),
        by_month={m: by_month.get(m, AnswerFigures()) for m in period},
        by_branch={b: _figures(rows) for b, rows in sorted(grouped[2].items())},
        types_by_month={m: types_by_month.get(m, {}) for m in period},
    )


def refresh(conn: psycopg.Connection) -> dt.datetime:
    """Brings the statistics' summary tables up to date now (the schedule does it every 5
    minutes); only the months with a request projected since the last refresh are redone."""
    with desk_call():
        row = conn.execute("SELECT hq.refresh_stats()").fetchone()
    assert row is not None
    refreshed: dt.datetime = row[0]
    return refreshed


TYPE_LABELS = {t.value: t.label for t in RequestType}


JST = ZoneInfo("Asia/Tokyo")


def refreshed_text(report: StatsReport) -> str:
    """When the figures were last brought up to date, in Japan's time as every screen and paper
    shows it ("-" before the first refresh). The server's session may be in any time zone."""
    at = report.refreshed_at
    if at is None:
        return "-"
    if at.tzinfo is None:  # a timestamp without zone is UTC (the terminals' rule)
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
