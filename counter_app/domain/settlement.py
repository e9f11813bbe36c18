"""精算: the difference between what was taken at the counter and the actual fee.

With the page count 未定 the counter takes the handling fee (and the schedule's postage
deposit, if any); the quote is ``settlement_pending``. When the answer is prepared, staff
count the pages: the actual fee is quoted from the **same** schedule version (the one in
force on the request date) with the same answers and adjustment, and the difference is
collected (positive) or refunded (negative). Tax is computed once on the actual fee, and the
settlement's tax is the actual tax minus the tax of the first receipt (so the two documents
together carry exactly the tax of the actual fee).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.domain.fees import (
    Adjustment,
    FeeQuestions,
    FeeQuote,
    FeeSchedule,
    FeeSchedules,
    quote_fee,
)
from counter_app.domain.postage import PostageRules
from counter_app.errors import DomainError, InputError

#: Upper bound of a counted page total (the intake's bound too).
MAX_SETTLED_PAGES = 10_000


@dataclass(frozen=True)
class SettlementFigures:
    """The actual fee and its difference from what the first receipt took."""

    pages: int
    actual: FeeQuote
    charged: int  # the first receipt's total
    charged_taxable_10: int
    charged_tax_10: int

    @property
    def difference(self) -> int:
        """Positive: to collect; negative: to refund; 0: nothing changes hands."""
        return self.actual.total - self.charged

    @property
    def taxable_10(self) -> int:
        return self.actual.taxable_by_rate.get(10, 0) - self.charged_taxable_10

    @property
    def tax_10(self) -> int:
        return self.actual.tax_by_rate.get(10, 0) - self.charged_tax_10

    @property
    def direction(self) -> str:
        """``collect`` / ``refund`` / ``even``."""
        if self.difference > 0:
            return "collect"
        if self.difference < 0:
            return "refund"
        return "even"


def settlement_adjustment(adjustment: Adjustment | None) -> Adjustment | None:
    """The intake's waiver or reduction carried to the actual fee: a waiver waives the whole
    actual fee, a reduction takes the same amount off."""
    if adjustment is None:
        return None
    if adjustment.kind == "waive":
        return Adjustment("waive", 0, adjustment.reason)
    return adjustment


def settle(
    questions: FeeQuestions,
    first: FeeQuote,
    pages: int,
    request_date: dt.date,
    *,
    charged: int,
    charged_taxable_10: int,
    charged_tax_10: int,
    schedule: FeeSchedules | FeeSchedule,
    postage_rules: PostageRules,
) -> SettlementFigures:
    """The actual fee for ``pages`` pages, from the schedule in force on ``request_date``."""
    if isinstance(pages, bool) or not isinstance(pages, int) or not 0 <= pages <= MAX_SETTLED_PAGES:
        raise InputError(
            f"実際の写しの枚数は0から{MAX_SETTLED_PAGES:,}までの整数で入力してください "
            f"(値: {pages!r})。"
        )
    if not first.settlement_pending:
        raise DomainError(
            "この請求は精算待ちではありません (受付時に枚数が決まっていたか、定額の手数料です)。"
        )
    actual = quote_fee(
        questions.decided(pages),
        request_date,
        adjustment=settlement_adjustment(first.adjustment),
        schedule=schedule,
        postage_rules=postage_rules,
    )
    if actual.schedule_version != first.schedule_version:  # pragma: no cover - same date
        raise DomainError("受付時と異なる手数料表が選ばれました。設定を確認してください。")
    return SettlementFigures(
        pages=pages,
        actual=actual,
        charged=charged,
        charged_taxable_10=charged_taxable_10,
        charged_tax_10=charged_tax_10,
    )
