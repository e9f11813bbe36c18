"""``counter-app quote``: the fee quote for a request, from the answers to the questions.

Example::

    counter-app quote --type disclosure --type purpose_notice --pages 12 --method paper \\
        --delivery mail --mail-class simple_registered --on 2025-06-01

Prints a Japanese table, or JSON with ``--json`` (format in docs/cli-quote.md). Bad input
raises InputError/DomainError, which the CLI prints in Japanese with exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from counter_app.config.bundles import install_from_manifest
from counter_app.domain.fees import Adjustment, FeeQuestions, FeeQuote, quote_fee
from counter_app.domain.postage import MailClass, format_grams
from counter_app.domain.requests import Delivery, DisclosureMethod, RequestType
from counter_app.errors import InputError
from counter_app.paths import data_dir
from counter_app.services.rules import rules_in_force

TOKYO = ZoneInfo("Asia/Tokyo")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "quote",
        help="手数料の見積 (郵送料・消費税を含む)",
        description="請求の種類・枚数・開示の方法・受け取り方から手数料を計算します。"
        "手数料表は請求日 (--on) 時点の版を使います。",
    )
    p.add_argument(
        "--type",
        dest="types",
        action="append",
        metavar="TYPE",
        help="請求の種類 (複数可): " + ", ".join(f"{t.value}={t.label}" for t in RequestType),
    )
    p.add_argument(
        "--pages",
        default="0",
        help="交付する写しの枚数 (書面の交付のとき、既定 0)。"
        "まだ分からなければ undecided (未定: 回答時に精算)",
    )
    p.add_argument(
        "--method",
        help="開示の方法: " + ", ".join(f"{m.value}={m.label}" for m in DisclosureMethod),
    )
    p.add_argument(
        "--delivery",
        default=Delivery.COUNTER.value,
        help="受け取り方: "
        + ", ".join(f"{d.value}={d.label}" for d in Delivery)
        + " (既定 counter)",
    )
    p.add_argument(
        "--mail-class",
        help="郵便の種類 (郵送のとき): "
        + ", ".join(f"{m.value}={m.label}" for m in MailClass)
        + " (既定 simple_registered)",
    )
    p.add_argument("--media-count", default="0", help="媒体の数 (電磁的記録 (媒体) のとき、既定 1)")
    p.add_argument("--on", help="請求日 YYYY-MM-DD (既定: 今日)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--waive", metavar="REASON", help="手数料を免除する (理由を指定)")
    group.add_argument(
        "--reduce", metavar="AMOUNT", help="手数料を減額する金額 (円、--reason が必要)"
    )
    p.add_argument("--reason", help="減額の理由 (--reduce と一緒に指定)")
    p.add_argument("--json", action="store_true", help="JSON で出力する")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    questions = questions_from_args(args)
    on = parse_date(args.on) if args.on else dt.datetime.now(TOKYO).date()
    adjustment = adjustment_from_args(args)
    install_from_manifest(data_dir(getattr(args, "data_dir", None)))  # head office's bundles
    rules = rules_in_force(on)
    quote = quote_fee(
        questions,
        on,
        adjustment=adjustment,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )
    if args.json:
        document = {
            "on": on.isoformat(),
            "questions": questions.to_dict(),
            "quote": quote.to_dict(),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(render_table(quote, questions, on))
    return 0


def questions_from_args(args: argparse.Namespace) -> FeeQuestions:
    if not args.types:
        raise InputError(
            "請求の種類を --type で1つ以上指定してください。", hint=_choices(RequestType)
        )
    return FeeQuestions(
        request_types=tuple(parse_enum(RequestType, t, "請求の種類") for t in args.types),
        pages=0 if _undecided(args.pages) else parse_count(args.pages, "写しの枚数 (--pages)"),
        pages_undecided=_undecided(args.pages),
        method=parse_enum(DisclosureMethod, args.method, "開示の方法") if args.method else None,
        delivery=parse_enum(Delivery, args.delivery, "受け取り方"),
        mail_class=parse_enum(MailClass, args.mail_class, "郵便の種類")
        if args.mail_class
        else None,
        media_count=parse_count(args.media_count, "媒体の数 (--media-count)"),
    )


def _undecided(text: str) -> bool:
    return text.strip() in ("undecided", "未定")


def adjustment_from_args(args: argparse.Namespace) -> Adjustment | None:
    if args.waive is not None:
        if args.reason:
            raise InputError("免除の理由は --waive の後に書いてください (--reason は減額用です)。")
        return Adjustment("waive", 0, args.waive)
    if args.reduce is not None:
        if not args.reason or not args.reason.strip():
            raise InputError("減額するときは --reason で理由を指定してください。")
        amount = parse_count(args.reduce, "減額の金額 (--reduce)")
        return Adjustment("reduce", amount, args.reason)
    if args.reason:
        raise InputError("--reason は --reduce と一緒に指定してください。")
    return None


def parse_enum(enum: type[StrEnum], value: str, what: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise InputError(f"{what}が正しくありません: {value}", hint=_choices(enum)) from None


def _choices(enum: type[StrEnum]) -> str:
    # every enum named here (RequestType, Delivery, DisclosureMethod, MailClass) has a Japanese
    # ``label`` property; StrEnum itself has none, and the callers pass the enum as a value
    labels = ", ".join(f"{m.value} ({m.label})" for m in enum)  # type: ignore[attr-defined]
    return "指定できるもの: " + labels


def parse_count(value: str, what: str) -> int:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text.isascii() or not text.isdigit():
        raise InputError(f"{what}は0以上の整数で指定してください: {value}")
    return int(text)


def parse_date(value: str) -> dt.date:
    text = unicodedata.normalize("NFKC", value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"請求日 (--on) は YYYY-MM-DD で指定してください: {value}") from None


# -- the table ---------------------------------------------------------------------------
def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def ljust(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def rjust(text: str, n: int) -> str:
    return " " * max(0, n - width(text)) + text


def yen(amount: int) -> str:
    return f"¥{amount:,}"


def adjustment_label(quote: FeeQuote) -> str:
    a = quote.adjustment
    return f"{a.label} (理由: {a.reason})" if a else ""


def render_table(quote: FeeQuote, questions: FeeQuestions, on: dt.date) -> str:
    labels = [width("項目")] + [width(line.label) for line in quote.lines]
    if quote.adjustment:  # its label runs over the quantity and unit price columns
        labels.append(width(adjustment_label(quote)) - 15)
    label_width = max(labels) + 2
    out = [
        f"手数料の見積 (請求日 {on.year}年{on.month}月{on.day}日・手数料表 {quote.schedule_version} 版・"
        f"{quote.tax_treatment.label})",
        "",
        ljust("項目", label_width)
        + rjust("数量", 6)
        + rjust("単価", 10)
        + rjust("金額", 10)
        + rjust("税率", 6),
    ]
    rule = "-" * (label_width + 32)
    out.append(rule)
    for line in quote.lines:
        out.append(
            ljust(line.label, label_width)
            + rjust(f"{line.quantity:,}", 6)
            + rjust(yen(line.unit_price), 10)
            + rjust(yen(line.amount), 10)
            + rjust(f"{line.tax_rate}%" if line.tax_rate else "対象外", 6)
        )
    if not quote.lines:
        out.append("(手数料のかかる項目はありません)")
    out.append(rule)
    right = label_width + 26
    out.append(ljust("小計", right - 10) + rjust(yen(quote.subtotal), 10))
    if quote.adjustment:
        a = quote.adjustment
        out.append(
            ljust(f"{a.label} (理由: {a.reason})", right - 10) + rjust(f"-{yen(a.amount)}", 10)
        )
    for rate in sorted(quote.taxable_by_rate, reverse=True):
        amount = quote.taxable_by_rate[rate]
        if rate:
            out.append(
                ljust(f"{rate}%対象", right - 10)
                + rjust(yen(amount), 10)
                + f"  (消費税 {yen(quote.tax_by_rate[rate])})"
            )
        else:
            out.append(ljust("消費税の対象外", right - 10) + rjust(yen(amount), 10))
    out.append(ljust("合計", right - 10) + rjust(yen(quote.total), 10))
    if quote.postage:
        p = quote.postage
        out.append("")
        out.append(
            f"郵送: {p.envelope_label}・{p.size_class.label}・約{format_grams(p.weight_dg)} g "
            f"({p.sheets}枚{f'・媒体{p.media_count}枚' if p.media_count else ''})・"
            f"{p.mail_class.label} = {yen(p.base)} + {yen(p.surcharge)} "
            f"(郵便料金表 {p.table_version} 版)"
        )
    if quote.free_request_types:
        names = "、".join(t.label for t in quote.free_request_types)
        out.append("")
        out.append(f"手数料なし: {names} (個人情報保護法第38条)")
    if questions.method:
        out.append(f"開示の方法: {questions.method.label}・受け取り: {questions.delivery.label}")
    if quote.settlement_pending:
        out.append("写しの枚数: 未定 (写しの代金と郵送料は回答時に精算します)")
    return "\n".join(out)
