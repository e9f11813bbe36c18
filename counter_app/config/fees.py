"""Load fees.toml, postage.toml and calendar.toml into the domain's frozen dataclasses.

Each file is validated on load: a wrong or missing value raises ConfigError naming the
file, the key and what was expected. Results are cached per file path (and modification
time, so an edited head-office file is picked up); :func:`clear_cache` empties the cache.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from counter_app.config.loader import Section, find_config, parse_toml
from counter_app.domain.calendar import AnnualClosure, BusinessCalendar
from counter_app.domain.deadlines import ClosedDayRule, DayKind, DeadlineRules
from counter_app.domain.fees import FeeSchedule, FeeSchedules, ScheduleKind
from counter_app.domain.postage import (
    Envelope,
    MailClass,
    PostageRules,
    PostageTable,
    RateStep,
    SizeClass,
)
from counter_app.domain.requests import FEE_ELIGIBLE_TYPES, RequestType
from counter_app.domain.tax import Rounding, TaxTreatment

FEES_FILE = "fees.toml"
POSTAGE_FILE = "postage.toml"
CALENDAR_FILE = "calendar.toml"

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: The 再請求 window of a calendar.toml without a ``[daily_log]`` table (a head-office file
#: written before the setting existed keeps the window it always had).
DEFAULT_REPEAT_WINDOW_DAYS = 30
#: The longest 再請求 window accepted: one year (a leap year's 366 days).
MAX_REPEAT_WINDOW_DAYS = 366


def _key(name: str, directory: Path | None) -> tuple[Path, int, int]:
    path = find_config(name, directory).resolve()
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


def load_fee_schedules(directory: Path | None = None) -> FeeSchedules:
    return _fee_schedules(*_key(FEES_FILE, directory))


def load_postage_rules(directory: Path | None = None) -> PostageRules:
    return _postage_rules(*_key(POSTAGE_FILE, directory))


def load_business_calendar(directory: Path | None = None) -> BusinessCalendar:
    return _calendar(*_key(CALENDAR_FILE, directory))[0]


def load_deadline_rules(directory: Path | None = None) -> DeadlineRules:
    return _calendar(*_key(CALENDAR_FILE, directory))[1]


def load_repeat_window_days(directory: Path | None = None) -> int:
    """Days before a request in which another request of the same person flags it 再請求
    on the daily log (``[daily_log] repeat_window_days``; 30 when the table is absent)."""
    return _calendar(*_key(CALENDAR_FILE, directory))[2]


def clear_cache() -> None:
    _fee_schedules.cache_clear()
    _postage_rules.cache_clear()
    _calendar.cache_clear()


# -- fees.toml ---------------------------------------------------------------------------
SCHEDULE_KEYS = {
    "effective_from",
    "note",
    "handling_fee",
    "copy_fee_per_page",
    "free_pages",
    "copy_label",
    "medium_fee",
    "medium_label",
    "charge_postage",
    "postage_taxable",
    "tax_rate",
    "tax_treatment",
    "rounding",
    "kind",
    "postage_deposit",
}
#: Keys of an actual-cost schedule that a flat (定額) one must not carry: its fee includes them.
FLAT_EXCLUDED_KEYS = (
    "copy_fee_per_page",
    "free_pages",
    "copy_label",
    "medium_fee",
    "medium_label",
    "charge_postage",
    "postage_deposit",
)


@lru_cache(maxsize=8)
def _fee_schedules(path: Path, _mtime: int, _size: int) -> FeeSchedules:
    root = parse_toml(path).root
    root.reject_unknown({"schedule"})
    versions = [_schedule(s) for s in root.sections("schedule")]
    if not versions:
        raise root.error("schedule", "手数料表 ([[schedule]]) が1つ以上必要です")
    versions.sort(key=lambda v: v.effective_from)
    for before, after in pairwise(versions):
        if before.effective_from == after.effective_from:
            raise root.error(
                "schedule", f"施行日 {after.effective_from.isoformat()} の手数料表が重複しています"
            )
    return FeeSchedules(tuple(versions))


def _schedule(s: Section) -> FeeSchedule:
    s.reject_unknown(SCHEDULE_KEYS)
    handling = s.section("handling_fee")
    for key in handling.data:
        try:
            request_type = RequestType(key)
        except ValueError:
            allowed = ", ".join(t.value for t in RequestType if t.fee_allowed)
            raise handling.error(key, f"未知の請求の種類です ({allowed} のいずれか)") from None
        if not request_type.fee_allowed:
            raise handling.error(
                key, "訂正・利用停止・第三者提供停止には手数料を設定できません (法第38条)"
            )
    fees = {
        t: handling.int(t.value, min=0)
        for t in sorted(FEE_ELIGIBLE_TYPES, key=list(RequestType).index)
    }
    kind = ScheduleKind(s.str("kind", "actual", choices=[k.value for k in ScheduleKind]))
    common = {
        "effective_from": s.date("effective_from"),
        "handling_fees": fees,
        "tax_rate": s.int("tax_rate", min=0, max=100),
        "tax_treatment": TaxTreatment(
            s.str("tax_treatment", "inclusive", choices=[t.value for t in TaxTreatment])
        ),
        "rounding": Rounding(s.str("rounding", "floor", choices=[r.value for r in Rounding])),
        "note": s.str("note", ""),
        "kind": kind,
    }
    if kind is ScheduleKind.FLAT:
        for key in FLAT_EXCLUDED_KEYS:
            if s.has(key):
                raise s.error(
                    key,
                    '定額 (kind = "flat") の手数料表には指定できません '
                    "(handling_fee に写し・媒体・郵送料が含まれます)",
                )
        return FeeSchedule(
            **common,
            copy_fee_per_page=0,
            medium_fee=0,
            charge_postage=False,
            postage_taxable=s.bool("postage_taxable", True),
        )
    return FeeSchedule(
        **common,
        copy_fee_per_page=s.int("copy_fee_per_page", min=0),
        free_pages=s.int("free_pages", 0, min=0),
        copy_label=s.str("copy_label", "写しの交付 (白黒複写)"),
        medium_fee=s.int("medium_fee", min=0),
        medium_label=s.str("medium_label", "電磁的記録媒体 (CD-R)"),
        charge_postage=s.bool("charge_postage", True),
        postage_taxable=s.bool("postage_taxable", True),
        postage_deposit=s.int("postage_deposit", 0, min=0, max=100_000),
    )


# -- postage.toml ------------------------------------------------------------------------
def grams_to_dg(section: Section, key: str) -> int:
    """A weight in grams (int or decimal such as 4.2) as int tenths of a gram."""
    value = section.data.get(key)
    if key not in section.data:
        raise section.error(key, "必須の項目がありません")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise section.error(key, "重さ (グラム、例: 4.2) が必要です")
    try:
        tenths = Decimal(str(value)) * 10
    except InvalidOperation:  # pragma: no cover - str() of a number is always valid
        raise section.error(key, "重さ (グラム、例: 4.2) が必要です") from None
    if tenths < 0 or tenths != tenths.to_integral_value():
        raise section.error(key, "0以上、0.1 g 単位の重さが必要です")
    return int(tenths)


def mm_to_um(section: Section, key: str) -> int:
    value = section.data.get(key)
    if key not in section.data:
        raise section.error(key, "必須の項目がありません")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise section.error(key, "厚さ (ミリメートル、例: 0.1) が必要です")
    um = Decimal(str(value)) * 1000
    if um < 0 or um != um.to_integral_value():
        raise section.error(key, "0以上、0.001 mm 単位の厚さが必要です")
    return int(um)


@lru_cache(maxsize=8)
def _postage_rules(path: Path, _mtime: int, _size: int) -> PostageRules:
    root = parse_toml(path).root
    root.reject_unknown({"weights", "envelopes", "table", "default_mail_class"})
    w = root.section("weights")
    w.reject_unknown(
        {
            "sheet_g",
            "sheet_thickness_mm",
            "cover_sheets",
            "medium_g",
            "medium_thickness_mm",
            "regular_max_thickness_mm",
        }
    )
    envelopes: dict[str, Envelope] = {}
    for code, e in root.section("envelopes").subsections():
        e.reject_unknown({"label", "weight_g", "fits_standard", "accepts_media"})
        envelopes[code] = Envelope(
            code=code,
            label=e.str("label"),
            weight_dg=grams_to_dg(e, "weight_g"),
            fits_standard=e.bool("fits_standard"),
            accepts_media=e.bool("accepts_media"),
        )
    standard = [c for c, e in envelopes.items() if e.fits_standard and not e.accepts_media]
    large = [c for c, e in envelopes.items() if not e.fits_standard and e.accepts_media]
    if not standard or not large:
        raise root.error(
            "envelopes",
            "定形の封筒 (fits_standard = true) と媒体の入る定形外の封筒 "
            "(accepts_media = true, fits_standard = false) がそれぞれ必要です",
        )
    tables = sorted(
        (_postage_table(t) for t in root.sections("table")), key=lambda t: t.effective_from
    )
    if not tables:
        raise root.error("table", "郵便料金表 ([[table]]) が1つ以上必要です")
    for before, after in pairwise(tables):
        if before.effective_from == after.effective_from:
            raise root.error("table", f"施行日 {after.version} の料金表が重複しています")
    return PostageRules(
        tables=tuple(tables),
        envelopes=envelopes,
        sheet_weight_dg=grams_to_dg(w, "sheet_g"),
        sheet_thickness_um=mm_to_um(w, "sheet_thickness_mm"),
        cover_sheets=w.int("cover_sheets", min=0),
        medium_weight_dg=grams_to_dg(w, "medium_g"),
        medium_thickness_um=mm_to_um(w, "medium_thickness_mm"),
        regular_max_thickness_um=mm_to_um(w, "regular_max_thickness_mm"),
        default_mail_class=MailClass(
            root.str(
                "default_mail_class", "simple_registered", choices=[m.value for m in MailClass]
            )
        ),
        standard_envelope=standard[0],
        large_envelope=large[0],
    )


def _postage_table(t: Section) -> PostageTable:
    t.reject_unknown({"effective_from", "source", "rates", "surcharges"})
    rates_section = t.section("rates")
    rates_section.reject_unknown([s.value for s in SizeClass])
    rates: dict[SizeClass, tuple[RateStep, ...]] = {}
    for size in SizeClass:
        steps = []
        previous = 0
        for step in rates_section.sections(size.value):
            step.reject_unknown({"up_to_g", "yen"})
            up_to = grams_to_dg(step, "up_to_g")
            if up_to <= previous:
                raise step.error("up_to_g", "重さの上限は前の段より大きい値が必要です")
            previous = up_to
            steps.append(RateStep(up_to, step.int("yen", min=0)))
        if not steps:
            raise rates_section.error(size.value, "料金の段が1つ以上必要です")
        rates[size] = tuple(steps)
    surcharges = t.section("surcharges")
    surcharges.reject_unknown([m.value for m in MailClass])
    return PostageTable(
        effective_from=t.date("effective_from"),
        rates=rates,
        surcharges={m: surcharges.int(m.value, min=0) for m in MailClass},
        source=t.str("source", ""),
    )


# -- calendar.toml -----------------------------------------------------------------------
def _month_day(section: Section, key: str) -> tuple[int, int]:
    text = section.str(key)
    try:
        parsed = dt.date.fromisoformat(f"2000-{text}")  # 2000 is a leap year: 02-29 is fine
    except ValueError:
        raise section.error(key, '月-日 (例: "12-29") が必要です') from None
    return parsed.month, parsed.day


@lru_cache(maxsize=8)
def _calendar(path: Path, _mtime: int, _size: int) -> tuple[BusinessCalendar, DeadlineRules, int]:
    root = parse_toml(path).root
    root.reject_unknown({"business_days", "deadlines", "daily_log"})
    b = root.section("business_days")
    b.reject_unknown({"closed_weekdays", "national_holidays", "annual_closure", "closed_dates"})
    closed = set()
    for name in b.str_list("closed_weekdays"):
        if name not in WEEKDAYS:
            raise b.error("closed_weekdays", f"曜日は {', '.join(WEEKDAYS)} のいずれかです")
        closed.add(WEEKDAYS.index(name))
    if len(closed) == 7:
        raise b.error("closed_weekdays", "営業する曜日が1日以上必要です")
    closures = []
    for c in b.sections("annual_closure", []):
        c.reject_unknown({"from", "to", "label"})
        closures.append(
            AnnualClosure(_month_day(c, "from"), _month_day(c, "to"), c.str("label", "休業"))
        )
    dates = b.data.get("closed_dates", [])
    if not isinstance(dates, list) or not all(
        isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in dates
    ):
        raise b.error("closed_dates", "日付の配列 (例: [2025-08-15]、引用符なし) が必要です")
    calendar = BusinessCalendar(
        closed_weekdays=frozenset(closed),
        national_holidays=b.bool("national_holidays"),
        annual_closures=tuple(closures),
        closed_dates=frozenset(dates),
    )
    d = root.section("deadlines")
    d.reject_unknown(
        {
            "answer_days",
            "answer_day_kind",
            "extension_days",
            "extension_day_kind",
            "target_on_closed_day",
            "reminder_business_days_before",
        }
    )
    kinds = [k.value for k in DayKind]
    rules = DeadlineRules(
        answer_days=d.int("answer_days", min=1, max=365),
        answer_day_kind=DayKind(d.str("answer_day_kind", choices=kinds)),
        extension_days=d.int("extension_days", min=1, max=365),
        extension_day_kind=DayKind(d.str("extension_day_kind", choices=kinds)),
        target_on_closed_day=ClosedDayRule(
            d.str("target_on_closed_day", choices=[r.value for r in ClosedDayRule])
        ),
        reminder_business_days_before=d.int("reminder_business_days_before", min=0, max=60),
    )
    return calendar, rules, _repeat_window_days(root)


def _repeat_window_days(root: Section) -> int:
    log = root.section("daily_log", None)
    if log is None:
        return DEFAULT_REPEAT_WINDOW_DAYS
    log.reject_unknown({"repeat_window_days"})
    days: int = log.int(
        "repeat_window_days", DEFAULT_REPEAT_WINDOW_DAYS, min=1, max=MAX_REPEAT_WINDOW_DAYS
    )
    return days
