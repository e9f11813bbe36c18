"""Consumption tax (消費税) on one receipt: computed once per rate, never per line.

Prices are whole yen. With the *inclusive* treatment (税込, the default) the tax contained in
an amount is ``amount x rate / (100 + rate)``; with the *exclusive* treatment (税抜) the tax
added on top is ``amount x rate / 100``. The fraction of a yen is settled by the configured
rounding mode (``floor`` by default, as most Japanese retail receipts do; ``half_up``;
``ceil``). Integer arithmetic only: no float ever touches money.
"""

from __future__ import annotations

from enum import StrEnum


class TaxTreatment(StrEnum):
    INCLUSIVE = "inclusive"  # prices include the tax (内税)
    EXCLUSIVE = "exclusive"  # the tax is added to the prices (外税)

    @property
    def label(self) -> str:
        return {"inclusive": "税込", "exclusive": "税抜 (消費税を加算)"}[self.value]


class Rounding(StrEnum):
    FLOOR = "floor"  # 切り捨て
    HALF_UP = "half_up"  # 四捨五入
    CEIL = "ceil"  # 切り上げ

    @property
    def label(self) -> str:
        return {"floor": "切り捨て", "half_up": "四捨五入", "ceil": "切り上げ"}[self.value]


def divide(numerator: int, denominator: int, rounding: Rounding) -> int:
    """``numerator / denominator`` for non-negative integers, rounded to a whole yen."""
    if numerator < 0 or denominator <= 0:
        raise ValueError("divide() takes a non-negative numerator and a positive denominator")
    if rounding is Rounding.FLOOR:
        return numerator // denominator
    if rounding is Rounding.CEIL:
        return -(-numerator // denominator)
    return (2 * numerator + denominator) // (2 * denominator)


def tax_for(amount: int, rate: int, treatment: TaxTreatment, rounding: Rounding) -> int:
    """The tax for the whole ``amount`` charged at ``rate`` percent (one rate of one receipt)."""
    if rate == 0 or amount == 0:
        return 0
    if treatment is TaxTreatment.INCLUSIVE:
        return divide(amount * rate, 100 + rate, rounding)
    return divide(amount * rate, 100, rounding)
