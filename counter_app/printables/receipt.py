"""The 領収書 (receipt) and its lines: issued at intake, voided, reprinted, and the 精算書
(settlement) that uses the same layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.printables.issuer import Issuer


@dataclass(frozen=True)
class ReceiptLine:
    """One line of a receipt's breakdown (内訳): a label and a tax-inclusive amount in yen.

    A reduction or waiver is a line with a negative amount (e.g. 手数料減免 -1,100).
    ``counterfoil_label``: what the co-op's 控え says instead, when it says more than the
    member's copy (the envelope and weight behind a postage charge: 「郵送料 (角形2号・定形外
    (規格内)・約69.6 g・簡易書留)」 where the member reads 「郵送料 (簡易書留)」).
    """

    label: str
    amount: int
    counterfoil_label: str | None = None


@dataclass(frozen=True)
class ReceiptData:
    """A 領収書 and its counterfoil (控え), which carries the same number.

    - ``number``: the receipt serial, unique per branch, no gaps (e.g. R-MT-2025-000123).
    - ``issued_at``: when the cash was received (tz-aware; printed as a 和暦 date).
    - ``payer_name``: the payer's full name as stored (printed with 様).
    - ``lines``: the breakdown; their amounts must add up to ``total``.
    - ``total``: the amount received, tax included (0 for a waived fee).
    - ``taxable_10`` / ``tax_10``: the 10 % 対象 amount (tax included) and the tax in it,
      computed once per receipt by the fee service.
    - ``proviso``: 但し書き, e.g. 個人情報開示請求手数料として.
    - ``staff_name``: who received the cash (printed next to the seal box).
    - ``issuer``: the co-op and branch.
    - ``reprint_count``: 0 for the original; n > 0 prints 再発行 (n回目).
    - ``voided``: the receipt was voided (取消); a reprint of it is marked 取消.
    - ``training``: training data; every copy is marked 見本.
    - ``request_number``: the request the fee is for (optional).
    - ``member_number``: the payer's member number (optional).
    - ``note``: a remark such as 手数料免除 (理由: ...) (optional).
    - ``title``: 領収書, or 精算領収書 / 返金精算書 for a settlement (精算, domain.md
      section 10), whose breakdown ends with a line pointing at the first receipt.
    - ``refund``: a settlement that pays money back: ``total`` (and the lines' sum) is
      negative and the amount is printed as 返金額.
    - ``mark``: a stamp beside the title marks (e.g. 精算).
    """

    number: str
    issued_at: datetime
    payer_name: str
    lines: tuple[ReceiptLine, ...]
    total: int
    taxable_10: int
    tax_10: int
    proviso: str
    staff_name: str
    issuer: Issuer
    reprint_count: int = 0
    voided: bool = False
    training: bool = False
    request_number: str | None = None
    member_number: str | None = None
    note: str | None = None
    title: str = "領収書"
    refund: bool = False
    mark: str | None = None
