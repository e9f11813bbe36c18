"""The cash count at the close of a day (金種表) and how a difference is said (不足 / 過剰).

A :class:`CashCount` is the number of notes and coins of each Japanese denomination found in
the drawer; its :attr:`~CashCount.total` is the counted cash. It is stored with the close (in
the snapshot and in ``closed_days.cash_denominations``) and printed on the daily log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from counter_app.errors import InputError

#: The denominations counted, largest first (notes, then coins), in yen.
DENOMINATIONS: tuple[int, ...] = (10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10, 5, 1)

#: The most pieces of one denomination a count may hold (a typo guard, not a business rule).
MAX_PIECES = 99_999


def denomination_label(yen: int) -> str:
    """「10,000円」, 「5円」... as printed on the 金種表."""
    return f"{yen:,}円"


@dataclass(frozen=True)
class CashCount:
    """Pieces per denomination; a denomination not counted is 0."""

    pieces: tuple[int, ...] = (0,) * len(DENOMINATIONS)

    def __post_init__(self) -> None:
        if len(self.pieces) != len(DENOMINATIONS):
            raise ValueError("one count per denomination")
        for yen, n in zip(DENOMINATIONS, self.pieces, strict=True):
            if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_PIECES:
                raise InputError(
                    f"{denomination_label(yen)}の枚数 ({n}) が正しくありません。"
                    f" 0 から {MAX_PIECES:,} までの整数で入力してください。"
                )

    @classmethod
    def of(cls, counts: Mapping[int, int]) -> CashCount:
        """From ``{yen: pieces}``; an unknown denomination is refused, a missing one is 0."""
        unknown = sorted(set(counts) - set(DENOMINATIONS))
        if unknown:
            raise InputError(
                f"金種 {unknown[0]}円 はありません。"
                f" 使える金種: {'・'.join(str(d) for d in DENOMINATIONS)} 円。"
            )
        return cls(tuple(counts.get(d, 0) for d in DENOMINATIONS))

    @property
    def total(self) -> int:
        """The counted cash in yen."""
        return sum(yen * n for yen, n in zip(DENOMINATIONS, self.pieces, strict=True))

    def lines(self) -> tuple[tuple[int, int, int], ...]:
        """``(yen, pieces, amount)`` for every denomination, largest first."""
        return tuple((yen, n, yen * n) for yen, n in zip(DENOMINATIONS, self.pieces, strict=True))

    def to_json(self) -> dict[str, int]:
        """``{"10000": n, ...}`` (JSON keys are strings)."""
        return {str(yen): n for yen, n in zip(DENOMINATIONS, self.pieces, strict=True)}

    @classmethod
    def from_json(cls, data: Mapping[str, int]) -> CashCount:
        return cls.of({int(k): int(v) for k, v in data.items()})


def parse_denominations(text: str) -> CashCount:
    """A count typed as ``10000=3,1000=2,10=5`` (the CLI's ``--denominations``)."""
    counts: dict[int, int] = {}
    for part in text.replace("，", ",").replace("＝", "=").split(","):
        part = part.strip()
        if not part:
            continue
        yen, sep, pieces = part.partition("=")
        try:
            if not sep:
                raise ValueError(part)
            key = int(yen.strip().removesuffix("円").replace("_", ""))
            value = int(pieces.strip().removesuffix("枚"))
        except ValueError:
            raise InputError(
                f"金種表「{part}」が読めません。「金種=枚数」をカンマで区切って入力してください"
                " (例: 10000=3,1000=2,100=5)。"
            ) from None
        if key in counts:
            raise InputError(f"金種 {key}円 が2回指定されています。")
        counts[key] = value
    return CashCount.of(counts)


def variance_text(variance: int) -> str:
    """A cash difference as said at a Japanese counter: 「不足 10円」, 「過剰 10円」, 「過不足なし」."""
    if variance == 0:
        return "過不足なし"
    return f"{'過剰' if variance > 0 else '不足'} {abs(variance):,}円"
