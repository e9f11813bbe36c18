"""Filling the day-close window's 金種表 in tests."""

from __future__ import annotations

from typing import Any


def count_out(window: Any, amount: int) -> tuple[int, ...]:
    """Put ``amount`` yen in the window's 金種表, fewest pieces first (10,000 yen notes, then
    5,000...), as the boxes' values; returns the pieces."""
    pieces = []
    for yen in window.cash_count.denominations:
        pieces.append(amount // yen)
        amount %= yen
    for box, n in zip(window.cash_count.boxes, pieces, strict=True):
        box.setValue(n)
    return tuple(pieces)
