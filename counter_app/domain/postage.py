"""Postage for mailing a result (Japan Post 第一種郵便物), from a dated table.

The weight model (all weights are int *tenths of a gram*, ``dg``, so 50.0 g and 50.1 g never
drift): ``(pages + cover_sheets) x sheet weight + media x medium weight + envelope``.
``cover_sheets`` is the notice letter that always goes in the envelope.

Size class rule (documented in docs/cli-quote.md):

* 定形 — only in an envelope that fits the 定形 size (長形3号: A4 folded in three) and only
  while the weight is within the table's last 定形 step (50 g). A 長形3号 letter that is
  heavier is 定形外 規格内. The 1 cm thickness limit is never reached first (10 sheets
  folded in three ≈ 3 mm), so it is not modelled.
* 定形外 規格内 — up to the last 規格内 step (1 kg) and a thickness of at most 3 cm
  (sheets x sheet thickness + media x medium thickness).
* 定形外 規格外 — anything heavier or thicker, up to the last 規格外 step (4 kg).
* over 4 kg: cannot be mailed (hand it over at the counter or split the mailing).

A medium (CD-R in a slim case) does not fit a 長形3号 envelope, so a mailing with media goes
in a 角形2号 envelope (定形外). When no envelope is named, the lightest fitting one is used:
長形3号 while the letter stays 定形, otherwise 角形2号.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from counter_app.domain.record_reader import RecordReader
from counter_app.errors import DomainError, InputError


class MailClass(StrEnum):
    ORDINARY = "ordinary"
    RECORDED = "recorded"  # 特定記録
    SIMPLE_REGISTERED = "simple_registered"  # 簡易書留
    REGISTERED = "registered"  # 一般書留

    @property
    def label(self) -> str:
        return {
            "ordinary": "普通郵便",
            "recorded": "特定記録",
            "simple_registered": "簡易書留",
            "registered": "一般書留",
        }[self.value]


class SizeClass(StrEnum):
    STANDARD = "standard"  # 定形
    NONSTANDARD_REGULAR = "nonstandard_regular"  # 定形外 (規格内)
    NONSTANDARD_IRREGULAR = "nonstandard_irregular"  # 定形外 (規格外)

    @property
    def label(self) -> str:
        return {
            "standard": "定形",
            "nonstandard_regular": "定形外 (規格内)",
            "nonstandard_irregular": "定形外 (規格外)",
        }[self.value]


def format_grams(dg: int) -> str:
    """Tenths of a gram as text: 712 -> '71.2'."""
    return f"{dg // 10:,}.{dg % 10}"


@dataclass(frozen=True)
class RateStep:
    up_to_dg: int  # inclusive upper bound of the weight step, tenths of a gram
    yen: int


@dataclass(frozen=True)
class PostageTable:
    """One dated version of the Japan Post table (rates by size class and surcharges)."""

    effective_from: dt.date
    rates: Mapping[SizeClass, tuple[RateStep, ...]]
    surcharges: Mapping[MailClass, int]
    source: str = ""

    @property
    def version(self) -> str:
        return self.effective_from.isoformat()

    def max_dg(self, size: SizeClass) -> int:
        return self.rates[size][-1].up_to_dg

    def base_rate(self, size: SizeClass, weight_dg: int) -> int | None:
        for step in self.rates[size]:
            if weight_dg <= step.up_to_dg:
                return step.yen
        return None


@dataclass(frozen=True)
class Envelope:
    code: str
    label: str
    weight_dg: int
    fits_standard: bool  # 定形サイズ (e.g. 長形3号)
    accepts_media: bool


@dataclass(frozen=True)
class PostageRules:
    """The dated tables plus the weight model (see postage.toml)."""

    tables: tuple[PostageTable, ...]  # sorted by effective_from
    envelopes: Mapping[str, Envelope]
    sheet_weight_dg: int
    sheet_thickness_um: int
    cover_sheets: int
    medium_weight_dg: int
    medium_thickness_um: int
    regular_max_thickness_um: int
    default_mail_class: MailClass = MailClass.SIMPLE_REGISTERED
    standard_envelope: str = "long3"
    large_envelope: str = "kaku2"

    def table_on(self, on: dt.date) -> PostageTable:
        chosen = None
        for table in self.tables:
            if table.effective_from <= on:
                chosen = table
        if chosen is None:
            first = self.tables[0].effective_from
            raise DomainError(
                f"{on.year}年{on.month}月{on.day}日は郵便料金表 ({first.year}年{first.month}月{first.day}日以降) の対象外のため、"
                "郵送料を計算できません。"
            )
        return chosen


@dataclass(frozen=True)
class PostageQuote:
    table_version: str
    envelope: str
    envelope_label: str
    sheets: int
    media_count: int
    weight_dg: int
    thickness_um: int
    size_class: SizeClass
    base: int
    mail_class: MailClass
    surcharge: int
    total: int

    @property
    def weight_g(self) -> Decimal:
        return Decimal(self.weight_dg) / 10

    @property
    def description(self) -> str:
        return (
            f"{self.envelope_label}・{self.size_class.label}・約{format_grams(self.weight_dg)} g"
            f"・{self.mail_class.label}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "table_version": self.table_version,
            "envelope": self.envelope,
            "envelope_label": self.envelope_label,
            "sheets": self.sheets,
            "media_count": self.media_count,
            "weight_dg": self.weight_dg,
            "thickness_um": self.thickness_um,
            "size_class": self.size_class.value,
            "base": self.base,
            "mail_class": self.mail_class.value,
            "surcharge": self.surcharge,
            "total": self.total,
        }

    @classmethod
    def from_dict(cls, data: Any) -> PostageQuote:
        r = RecordReader(data, "郵送料", cls.__dataclass_fields__)
        return cls(
            table_version=r.str("table_version"),
            envelope=r.str("envelope"),
            envelope_label=r.str("envelope_label"),
            sheets=r.int("sheets"),
            media_count=r.int("media_count"),
            weight_dg=r.int("weight_dg"),
            thickness_um=r.int("thickness_um"),
            size_class=r.enum("size_class", SizeClass),
            base=r.int("base"),
            mail_class=r.enum("mail_class", MailClass),
            surcharge=r.int("surcharge"),
            total=r.int("total"),
        )


def quote_postage(
    pages: int,
    on: dt.date,
    *,
    mail_class: MailClass,
    media_count: int = 0,
    envelope: str | None = None,
    rules: PostageRules,
) -> PostageQuote:
    """Postage for mailing ``pages`` sheets (+ the cover letter) and ``media_count`` media."""
    if isinstance(pages, bool) or not isinstance(pages, int) or pages < 0:
        raise InputError("枚数は0以上の整数で指定してください。")
    if isinstance(media_count, bool) or not isinstance(media_count, int) or media_count < 0:
        raise InputError("媒体の数は0以上の整数で指定してください。")
    mail_class = MailClass(mail_class)
    table = rules.table_on(on)
    sheets = pages + rules.cover_sheets
    contents_dg = sheets * rules.sheet_weight_dg + media_count * rules.medium_weight_dg
    thickness = sheets * rules.sheet_thickness_um + media_count * rules.medium_thickness_um

    if envelope is None:
        small = rules.envelopes[rules.standard_envelope]
        fits_small = media_count == 0 or small.accepts_media
        if fits_small and contents_dg + small.weight_dg <= table.max_dg(SizeClass.STANDARD):
            chosen = small
        else:
            chosen = rules.envelopes[rules.large_envelope]
    else:
        if envelope not in rules.envelopes:
            known = "、".join(f"{e.code} ({e.label})" for e in rules.envelopes.values())
            raise InputError(f"未知の封筒です: {envelope} (指定できるもの: {known})")
        chosen = rules.envelopes[envelope]
        if media_count and not chosen.accepts_media:
            raise DomainError(f"媒体 (CD-R等) は{chosen.label}の封筒に入りません。")

    weight = contents_dg + chosen.weight_dg
    if chosen.fits_standard and weight <= table.max_dg(SizeClass.STANDARD):
        size = SizeClass.STANDARD
    elif (
        weight <= table.max_dg(SizeClass.NONSTANDARD_REGULAR)
        and thickness <= rules.regular_max_thickness_um
    ):
        size = SizeClass.NONSTANDARD_REGULAR
    else:
        size = SizeClass.NONSTANDARD_IRREGULAR
    base = table.base_rate(size, weight)
    if base is None:
        limit = format_grams(table.max_dg(SizeClass.NONSTANDARD_IRREGULAR))
        raise DomainError(
            f"重さが約{format_grams(weight)} gになり、郵便で送れる上限 ({limit} g) を超えるため"
            "郵送できません。",
            hint="窓口でお渡しするか、複数の郵便物に分けて送付してください。",
        )
    surcharge = table.surcharges[mail_class]
    return PostageQuote(
        table_version=table.version,
        envelope=chosen.code,
        envelope_label=chosen.label,
        sheets=sheets,
        media_count=media_count,
        weight_dg=weight,
        thickness_um=thickness,
        size_class=size,
        base=base,
        mail_class=mail_class,
        surcharge=surcharge,
        total=base + surcharge,
    )
