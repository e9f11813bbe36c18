"""The fee quote (APPI Art. 38): staff answer questions, the dated schedule computes the fee.

A fee may be charged only for a purpose notice and the two disclosures; correction,
suspension and provision stop are always free (and so is their postage). The schedule is
versioned by effective date: a request is quoted "as of" its date, so an old receipt always
reproduces; a date before the first version is an error.

Two kinds of schedule (domain.md section 10), chosen per version:

- 実費 (``kind = "actual"``, the default): a handling fee per fee-eligible request type,
  copies (per page beyond the free pages, paper only), media (electronic medium), postage when
  mailed. The page count is a deliberate answer: a number, or 未定 (``pages_undecided``:
  the volume is not known at the counter). With 未定 the counter takes the handling fee and,
  if the schedule sets one, a postage deposit (``postage_deposit``); the quote is
  ``settlement_pending`` and the copies and postage are settled when the answer is prepared
  (:mod:`counter_app.domain.settlement`), from the same schedule version.
- 定額 (``kind = "flat"``): one fee per request type that already includes copies, media and
  postage. Nothing is asked about pages; nothing is settled later.

Lines of an actual-cost quote: handling fees, copies, media, postage (or the deposit). A supervisor may waive or
reduce the total with a recorded reason. Consumption tax is computed once per receipt per
rate (see :mod:`counter_app.domain.tax`); a reduction is taken off the highest-rate amount
first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from counter_app.domain.postage import MailClass, PostageQuote, PostageRules, quote_postage
from counter_app.domain.record_reader import RecordReader
from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType
from counter_app.domain.tax import Rounding, TaxTreatment, tax_for
from counter_app.errors import DomainError, InputError

ADJUSTMENT_KINDS = {"waive": "免除", "reduce": "減額"}


class ScheduleKind(StrEnum):
    """How a schedule version charges copies and postage (fees.toml ``kind``)."""

    ACTUAL = "actual"  # 実費: copies and postage counted (or settled later with 未定)
    FLAT = "flat"  # 定額: one fee per type including copies, media and postage

    @property
    def label(self) -> str:
        return {"actual": "実費", "flat": "定額"}[self.value]


#: Codes of the quote lines that are postage: the postage itself, or the deposit taken for
#: it when the page count is 未定 (settled with the answer).
POSTAGE_CODES = frozenset({"postage", "postage_deposit"})
#: The label of the postage deposit line (taken with 未定, settled at the answer).
POSTAGE_DEPOSIT_LABEL = "郵送料 (預り金・回答時に精算)"


@dataclass(frozen=True)
class FeeSchedule:
    """One version of the fee schedule (fees.toml ``[[schedule]]``)."""

    effective_from: dt.date
    handling_fees: Mapping[RequestType, int]  # fee-eligible types only
    copy_fee_per_page: int = 10
    free_pages: int = 0
    copy_label: str = "写しの交付 (白黒複写)"
    medium_fee: int = 100
    medium_label: str = "電磁的記録媒体 (CD-R)"
    charge_postage: bool = True
    postage_taxable: bool = True
    tax_rate: int = 10
    tax_treatment: TaxTreatment = TaxTreatment.INCLUSIVE
    rounding: Rounding = Rounding.FLOOR
    note: str = ""
    kind: ScheduleKind = ScheduleKind.ACTUAL
    postage_deposit: int = 0  # taken at the counter when the page count is 未定 (mailed)

    @property
    def asks_pages(self) -> bool:
        """Whether the counter is asked the page count (not with a flat fee)."""
        return self.kind is ScheduleKind.ACTUAL

    @property
    def version(self) -> str:
        return self.effective_from.isoformat()


@dataclass(frozen=True)
class FeeSchedules:
    """Every version, sorted by effective date."""

    schedules: tuple[FeeSchedule, ...]

    def in_force(self, on: dt.date) -> FeeSchedule:
        chosen = None
        for schedule in self.schedules:
            if schedule.effective_from <= on:
                chosen = schedule
        if chosen is None:
            first = self.schedules[0].effective_from
            raise DomainError(
                f"{on.year}年{on.month}月{on.day}日は最初の手数料表 ({first.year}年{first.month}月{first.day}日施行) より前の日付のため、"
                "手数料を計算できません。",
                hint="請求の日付を確認してください。",
            )
        return chosen


def _member(enum: type[StrEnum], value: Any, what: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InputError(f"{what}が正しくありません: {value} ({allowed} のいずれか)") from None


@dataclass(frozen=True)
class FeeQuestions:
    """What staff answer; the fee follows from it."""

    request_types: tuple[RequestType, ...]
    pages: int = 0  # pages of copies to hand over or mail
    method: DisclosureMethod | None = None
    delivery: Delivery = Delivery.COUNTER
    mail_class: MailClass | None = None  # default: the postage default (簡易書留) when mailed
    media_count: int = 0
    #: 未定: the page count is not known at the counter (settled when the answer is prepared)
    pages_undecided: bool = False

    def __post_init__(self) -> None:
        types = tuple(_member(RequestType, t, "請求の種類") for t in self.request_types)
        if not types:
            raise InputError("請求の種類を1つ以上指定してください。")
        if len(set(types)) != len(types):
            raise InputError("同じ請求の種類が重複しています。")
        object.__setattr__(self, "request_types", types)
        for name, label in (("pages", "複写の枚数"), ("media_count", "媒体の数")):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(f"{label}は0以上の整数で指定してください。")
        if self.method is not None:
            object.__setattr__(self, "method", _member(DisclosureMethod, self.method, "開示の方法"))
        object.__setattr__(self, "delivery", _member(Delivery, self.delivery, "受け取り方"))
        if self.mail_class is not None:
            object.__setattr__(
                self, "mail_class", _member(MailClass, self.mail_class, "郵便の種類")
            )

        has_disclosure = any(t.is_disclosure for t in types)
        if self.method is not None and not has_disclosure:
            raise InputError("開示の方法は、開示の請求があるときだけ指定できます。")
        if has_disclosure and self.method is None:
            raise InputError("開示の方法 (書面・電磁的記録・閲覧) を指定してください。")
        if self.pages and self.method is not DisclosureMethod.PAPER:
            raise InputError("複写の枚数は、開示の方法が「書面の交付」のときだけ指定できます。")
        if self.media_count and self.method is not DisclosureMethod.ELECTRONIC_MEDIUM:
            raise InputError(
                "媒体の数は、開示の方法が「電磁的記録 (媒体)」のときだけ指定できます。"
            )
        if self.mail_class is not None and self.delivery is not Delivery.MAIL:
            raise InputError("郵便の種類は、郵送するときだけ指定できます。")
        if not isinstance(self.pages_undecided, bool):
            raise InputError("複写の枚数の「未定」は true または false で指定してください。")
        if self.pages_undecided:
            if self.method is not DisclosureMethod.PAPER:
                raise InputError(
                    "複写の枚数の「未定」は、開示の方法が「書面の交付」のときだけ選べます。"
                )
            if self.pages:
                raise InputError("複写の枚数は、数か「未定」のどちらか一方で指定してください。")

    def decided(self, pages: int) -> FeeQuestions:
        """The same answers with the actual page count (the settlement's questions)."""
        from dataclasses import replace

        return replace(self, pages=pages, pages_undecided=False)

    @property
    def media(self) -> int:
        """Media handed over: at least one when the method is an electronic medium."""
        if self.method is DisclosureMethod.ELECTRONIC_MEDIUM:
            return max(1, self.media_count)
        return 0

    @property
    def fee_types(self) -> tuple[RequestType, ...]:
        order = list(RequestType)
        return tuple(sorted((t for t in self.request_types if t.fee_allowed), key=order.index))

    @property
    def free_types(self) -> tuple[RequestType, ...]:
        return tuple(t for t in self.request_types if not t.fee_allowed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "request_types": [t.value for t in self.request_types],
            "pages": self.pages,
            "method": self.method.value if self.method else None,
            "delivery": self.delivery.value,
            "mail_class": self.mail_class.value if self.mail_class else None,
            "media_count": self.media_count,
            "pages_undecided": self.pages_undecided,
        }

    @classmethod
    def from_dict(cls, data: Any) -> FeeQuestions:
        r = RecordReader(data, "手数料の質問", cls.__dataclass_fields__)
        types = r.raw("request_types")
        if not isinstance(types, list):
            raise r.fail("request_types", "配列が必要です")
        method = r.raw("method", None)
        mail_class = r.raw("mail_class", None)
        return cls(
            request_types=tuple(r.enum_value("request_types", t, RequestType) for t in types),
            pages=r.int("pages", 0),
            method=None if method is None else r.enum_value("method", method, DisclosureMethod),
            delivery=r.enum("delivery", Delivery, Delivery.COUNTER),
            mail_class=(
                None if mail_class is None else r.enum_value("mail_class", mail_class, MailClass)
            ),
            media_count=r.int("media_count", 0),
            pages_undecided=r.bool("pages_undecided", False),
        )


@dataclass(frozen=True)
class Adjustment:
    """A supervisor's waiver (免除) or reduction (減額), always with a reason."""

    kind: str  # "waive" | "reduce"
    amount: int
    reason: str

    def __post_init__(self) -> None:
        if self.kind not in ADJUSTMENT_KINDS:
            raise DomainError(f"減免の種類が正しくありません: {self.kind} (waive または reduce)")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise DomainError("減免の金額は0以上の整数 (円) で指定してください。")
        if self.kind == "reduce" and self.amount == 0:
            raise DomainError("減額の金額を1円以上で指定してください。")
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise DomainError("手数料を減免する理由を入力してください。")
        object.__setattr__(self, "reason", self.reason.strip())

    @property
    def label(self) -> str:
        return ADJUSTMENT_KINDS[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount": self.amount, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Any) -> Adjustment:
        r = RecordReader(data, "手数料の減免", cls.__dataclass_fields__)
        return cls(kind=r.str("kind"), amount=r.int("amount"), reason=r.str("reason"))


@dataclass(frozen=True)
class FeeLine:
    code: str
    label: str
    quantity: int
    unit_price: int
    amount: int
    tax_rate: int  # percent: the schedule's rate, or 0 (not taxed)

    @property
    def is_postage(self) -> bool:
        """The postage, or the deposit taken for it when the page count is 未定."""
        return self.code in POSTAGE_CODES

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "amount": self.amount,
            "tax_rate": self.tax_rate,
        }

    @classmethod
    def from_dict(cls, data: Any) -> FeeLine:
        r = RecordReader(data, "手数料の明細", cls.__dataclass_fields__)
        return cls(
            code=r.str("code"),
            label=r.str("label"),
            quantity=r.int("quantity"),
            unit_price=r.int("unit_price"),
            amount=r.int("amount"),
            tax_rate=r.int("tax_rate"),
        )


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple[FeeLine, ...]
    subtotal: int  # sum of the lines, before any adjustment
    adjustment: Adjustment | None
    taxable_by_rate: dict[int, int]  # amount per tax rate after the adjustment (0 = untaxed)
    tax_by_rate: dict[int, int]  # tax per rate, once per receipt
    total: int  # what the person pays
    schedule_version: str  # effective_from of the schedule used (ISO date)
    postage: PostageQuote | None
    tax_treatment: TaxTreatment = TaxTreatment.INCLUSIVE
    free_request_types: tuple[RequestType, ...] = ()
    #: 未定 pages: copies and postage are settled when the answer is prepared (精算待ち)
    settlement_pending: bool = False
    schedule_kind: ScheduleKind = ScheduleKind.ACTUAL

    @property
    def tax(self) -> int:
        return sum(self.tax_by_rate.values())

    @property
    def adjustment_amount(self) -> int:
        return self.adjustment.amount if self.adjustment else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [line.to_dict() for line in self.lines],
            "subtotal": self.subtotal,
            "adjustment": self.adjustment.to_dict() if self.adjustment else None,
            "taxable_by_rate": {str(k): v for k, v in self.taxable_by_rate.items()},
            "tax_by_rate": {str(k): v for k, v in self.tax_by_rate.items()},
            "total": self.total,
            "schedule_version": self.schedule_version,
            "postage": self.postage.to_dict() if self.postage else None,
            "tax_treatment": self.tax_treatment.value,
            "free_request_types": [t.value for t in self.free_request_types],
            "settlement_pending": self.settlement_pending,
            "schedule_kind": self.schedule_kind.value,
        }

    @classmethod
    def from_dict(cls, data: Any) -> FeeQuote:
        r = RecordReader(data, "手数料の見積", cls.__dataclass_fields__)
        lines = r.raw("lines")
        if not isinstance(lines, list):
            raise r.fail("lines", "配列が必要です")
        adjustment = r.raw("adjustment", None)
        postage = r.raw("postage", None)
        free = r.raw("free_request_types", [])
        if not isinstance(free, list):
            raise r.fail("free_request_types", "配列が必要です")
        return cls(
            lines=tuple(FeeLine.from_dict(line) for line in lines),
            subtotal=r.int("subtotal"),
            adjustment=None if adjustment is None else Adjustment.from_dict(adjustment),
            taxable_by_rate=_rate_map(r, "taxable_by_rate"),
            tax_by_rate=_rate_map(r, "tax_by_rate"),
            total=r.int("total"),
            schedule_version=r.str("schedule_version"),
            postage=None if postage is None else PostageQuote.from_dict(postage),
            tax_treatment=r.enum("tax_treatment", TaxTreatment, TaxTreatment.INCLUSIVE),
            free_request_types=tuple(
                r.enum_value("free_request_types", t, RequestType) for t in free
            ),
            settlement_pending=r.bool("settlement_pending", False),
            schedule_kind=r.enum("schedule_kind", ScheduleKind, ScheduleKind.ACTUAL),
        )


def _rate_map(r: RecordReader, key: str) -> dict[int, int]:
    value = r.raw(key)
    if not isinstance(value, dict):
        raise r.fail(key, "税率ごとの金額 (オブジェクト) が必要です")
    out: dict[int, int] = {}
    for rate, amount in value.items():
        if not (isinstance(rate, str) and rate.isdigit()):
            raise r.fail(key, "税率 (整数の文字列) をキーにした金額が必要です")
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise r.fail(key, "整数の金額が必要です")
        out[int(rate)] = amount
    return out


def quote_fee(
    questions: FeeQuestions,
    on: dt.date,
    *,
    adjustment: Adjustment | None = None,
    schedule: FeeSchedules | FeeSchedule,
    postage_rules: PostageRules,
) -> FeeQuote:
    """The fee for ``questions`` as of ``on`` (the request's date), itemised and taxed, by
    ``schedule`` (every dated version, or one) and ``postage_rules`` (used when mailed)."""
    version = schedule.in_force(on) if isinstance(schedule, FeeSchedules) else schedule
    rate = version.tax_rate

    lines: list[FeeLine] = []
    postage = None
    pending = False
    if version.kind is ScheduleKind.FLAT:
        for request_type in questions.fee_types:
            fee = version.handling_fees[request_type]
            lines.append(
                FeeLine(
                    f"flat:{request_type.value}",
                    f"{request_type.label} 手数料 (定額・写し・郵送料込み)",
                    1,
                    fee,
                    fee,
                    rate,
                )
            )
    else:
        for request_type in questions.fee_types:
            fee = version.handling_fees[request_type]
            lines.append(
                FeeLine(
                    f"handling:{request_type.value}",
                    f"{request_type.label} 手数料",
                    1,
                    fee,
                    fee,
                    rate,
                )
            )
    if questions.fee_types and version.kind is ScheduleKind.ACTUAL:
        pending = questions.pages_undecided
        copies = max(0, questions.pages - version.free_pages)
        if copies and version.copy_fee_per_page:
            unit = version.copy_fee_per_page
            lines.append(FeeLine("copy", version.copy_label, copies, unit, copies * unit, rate))
        if questions.media and version.medium_fee:
            unit = version.medium_fee
            n = questions.media
            lines.append(FeeLine("medium", version.medium_label, n, unit, n * unit, rate))
        mailed = questions.delivery is Delivery.MAIL and version.charge_postage
        postage_rate = rate if version.postage_taxable else 0
        if mailed and pending:
            if version.postage_deposit:
                deposit = version.postage_deposit
                lines.append(
                    FeeLine(
                        "postage_deposit", POSTAGE_DEPOSIT_LABEL, 1, deposit, deposit, postage_rate
                    )
                )
        elif mailed:
            postage = quote_postage(
                questions.pages,
                on,
                mail_class=questions.mail_class or postage_rules.default_mail_class,
                media_count=questions.media,
                rules=postage_rules,
            )
            lines.append(
                FeeLine(
                    "postage",
                    f"郵送料 ({postage.description})",
                    1,
                    postage.total,
                    postage.total,
                    postage_rate,
                )
            )

    subtotal = sum(line.amount for line in lines)
    buckets: dict[int, int] = {}
    for line in lines:
        buckets[line.tax_rate] = buckets.get(line.tax_rate, 0) + line.amount

    if adjustment is not None:
        if subtotal == 0:
            raise DomainError("手数料がかからない請求のため、減免はできません。")
        if adjustment.kind == "waive":
            if adjustment.amount not in (0, subtotal):
                raise DomainError("免除の金額は手数料の全額です (一部なら減額を選んでください)。")
            adjustment = Adjustment("waive", subtotal, adjustment.reason)
        elif adjustment.amount > subtotal:
            raise DomainError(
                f"減額 ({adjustment.amount:,}円) が手数料の合計 ({subtotal:,}円) を超えています。"
            )
        left = adjustment.amount
        for bucket_rate in sorted(buckets, reverse=True):
            taken = min(left, buckets[bucket_rate])
            buckets[bucket_rate] -= taken
            left -= taken

    tax_by_rate = {
        r: tax_for(amount, r, version.tax_treatment, version.rounding)
        for r, amount in buckets.items()
    }
    total = sum(buckets.values())
    if version.tax_treatment is TaxTreatment.EXCLUSIVE:
        total += sum(tax_by_rate.values())
    return FeeQuote(
        lines=tuple(lines),
        subtotal=subtotal,
        adjustment=adjustment,
        taxable_by_rate=buckets,
        tax_by_rate=tax_by_rate,
        total=total,
        schedule_version=version.version,
        postage=postage,
        tax_treatment=version.tax_treatment,
        free_request_types=questions.free_types,
        settlement_pending=pending,
        schedule_kind=version.kind,
    )
