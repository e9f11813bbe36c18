"""CSV export of a day's requests (for Excel at head office), audited.

``export_csv(uow, actor, day, unmasked=False, encoding="utf-8-sig")`` returns the file's
bytes and appends an ``export.csv`` audit row (the day, the row count, masked or not, the
encoding — never the data). Rules:

- exporting needs a 責任者 or 管理者; the personal columns (names, furigana, phone, member
  number) are masked as on the screen unless ``unmasked=True``, which only a 管理者 may ask
  for (the audit row says so);
- encodings: ``utf-8-sig`` (UTF-8 with a BOM: Excel in Japan opens it correctly; the default)
  or ``cp932`` (Shift_JIS for older tools). In cp932, characters with a near-identical
  cp932 form are mapped to it (〜 -> ～, − -> －...) and those with none (𠮷, variation
  selectors) become 〓; the result counts the replacements;
- a text cell whose first visible character is ``=``, ``+``, ``-`` or ``@`` in any width
  (``＝＋－＠``, and whatever else NFKC folds to them: ``﹦``, ``⁺``...), or that starts with a
  tab, CR or LF, gets a leading ``'`` so that Excel never evaluates it as a formula (CSV
  injection). Invisible characters (format characters such as a zero-width space or a BOM,
  other default-ignorables, controls) and spaces in front of the formula do not hide it.
  Amounts are plain integers;
- lines end with CRLF; every cell is quoted when needed (csv module, ``QUOTE_MINIMAL``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass

import regex
from sqlalchemy import select
from sqlalchemy.orm import aliased

from counter_app.domain.requests import RequestStatus, RequestType
from counter_app.errors import InputError, PermissionDenied
from counter_app.printables.daily_log import LogRowKind
from counter_app.security.masking import mask_member_number, mask_name, mask_phone
from counter_app.security.roles import Actor, Role
from counter_app.services.access import ensure_branch, session_of
from counter_app.services.clock import JST, local_date, now_utc
from counter_app.services.daily_log import compute_log
from counter_app.services.search import same_branch
from counter_app.services.trail import record
from counter_app.store.models import Person, Request
from counter_app.store.uow import UnitOfWork

ENCODINGS = ("utf-8-sig", "cp932")

COLUMNS = (
    "受付番号",
    "受付日時",
    "状態",
    "請求種類",
    "本人氏名",
    "本人ふりがな",
    "電話番号",
    "組合員番号",
    "代理人区分",
    "代理人氏名",
    "本人確認",
    "手数料",
    "内消費税",
    "郵送料",
    "領収書番号",
    "取消",
    "再発行回数",
    "回答期限",
    "期限超過",
    "再請求",
)

#: Characters cp932 lacks but has a look-alike for (Unicode -> cp932-mappable).
CP932_LOOKALIKES = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH -> ～ FULLWIDTH TILDE
        "\u2212": "\uff0d",  # − MINUS SIGN -> －
        "\u2016": "\u2225",  # ‖ -> ∥
        "\u00a2": "\uffe0",  # ¢ -> ￠
        "\u00a3": "\uffe1",  # £ -> ￡
        "\u00ac": "\uffe2",  # ¬ -> ￢
        "\u2014": "\u2015",  # — EM DASH -> ― HORIZONTAL BAR
        "\u00a0": " ",
    }
)
GETA = "〓"
_FORMULA_START = frozenset("=+-@")
#: What may stand, unseen or blank, in front of a formula.
_LEADING_BLANK = regex.compile(r"[\p{Cf}\p{Cc}\p{Zs}\p{Default_Ignorable_Code_Point}]")


@dataclass(frozen=True)
class CsvExport:
    day: dt.date
    rows: int
    unmasked: bool
    encoding: str
    replaced_characters: int  # characters cp932 could not hold (written as 〓)
    data: bytes

    def summary(self) -> dict[str, object]:
        return {
            "day": self.day.isoformat(),
            "rows": self.rows,
            "unmasked": self.unmasked,
            "encoding": self.encoding,
            "replaced_characters": self.replaced_characters,
            "bytes": len(self.data),
        }


def _safe_cell(value: str) -> str:
    """``value``, with a leading ``'`` if a spreadsheet could read it as a formula."""
    if value.startswith(("\t", "\r", "\n")):
        return "'" + value
    for ch in value:
        if _LEADING_BLANK.match(ch):
            continue
        return "'" + value if unicodedata.normalize("NFKC", ch)[:1] in _FORMULA_START else value
    return value


def _encode_cp932(text: str) -> tuple[bytes, int]:
    text = text.translate(CP932_LOOKALIKES)
    out = bytearray()
    replaced = 0
    for ch in text:
        try:
            out += ch.encode("cp932")
        except UnicodeEncodeError:
            if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef":
                replaced += 1  # a variation selector: the base character stays
                continue
            out += GETA.encode("cp932")
            replaced += 1
    return bytes(out), replaced


def _check_role(actor: Actor, unmasked: bool) -> None:
    if actor.role.rank < Role.SUPERVISOR.rank:
        raise PermissionDenied(
            f"CSVの出力は責任者以上の権限が必要です ({actor.display_name} さんは{actor.role.label})。",
            hint="責任者または管理者に依頼してください。",
        )
    if unmasked and actor.role is not Role.ADMIN:
        raise PermissionDenied(
            "個人情報を伏せ字にしないCSVの出力は管理者だけが行えます"
            f" ({actor.display_name} さんは{actor.role.label})。",
            hint="伏せ字のまま出力するか、管理者に依頼してください。",
        )


def export_csv(
    uow: UnitOfWork,
    actor: Actor,
    day: dt.date,
    *,
    unmasked: bool = False,
    encoding: str = "utf-8-sig",
    now: dt.datetime | None = None,
) -> CsvExport:
    """The requests received on ``day`` as CSV bytes (see the module docstring)."""
    _check_role(actor, unmasked)
    branch = ensure_branch(uow, actor)
    if encoding not in ENCODINGS:
        raise InputError(
            f"文字コード「{encoding}」は使えません。", hint="使える値: " + "、".join(ENCODINGS)
        )
    now = now or now_utc()
    session = session_of(uow)
    log = compute_log(uow, branch, day, now=now)
    # the requests: the log's void and 精算 lines (no status, no target date) are not rows here
    by_number = {row.number: row for row in log.rows if row.kind is LogRowKind.REQUEST}
    principal = aliased(Person)
    proxy = aliased(Person)
    people = session.execute(
        select(
            Request.number,
            principal.name,
            principal.furigana,
            principal.phone,
            principal.member_number,
            proxy.name,
        )
        .join(principal, principal.id == Request.principal_id)
        .outerjoin(proxy, proxy.id == Request.proxy_id)
        .where(same_branch("requests.branch_code", branch), Request.received_on == day)
    ).all()
    shown = {}
    for number, name, furigana, phone, member, proxy_name in people:
        if unmasked:
            shown[number] = (name, furigana, phone, member, proxy_name or "")
        else:
            shown[number] = (
                mask_name(name),
                mask_name(furigana),
                mask_phone(phone),
                mask_member_number(member),
                mask_name(proxy_name) if proxy_name else "",
            )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number, row in by_number.items():
        assert row.status is not None and row.target_date is not None  # a request line has both
        name, furigana, phone, member, proxy_name = shown.get(number, ("",) * 5)
        writer.writerow(
            [
                row.number,
                row.received_at.astimezone(JST).strftime("%Y-%m-%d %H:%M"),
                RequestStatus(row.status).label,
                "・".join(RequestType(t).label for t in row.request_types),
                _safe_cell(name),
                _safe_cell(furigana),
                _safe_cell(phone),
                _safe_cell(member),
                "" if row.requester_kind == "本人" else row.requester_kind,
                _safe_cell(proxy_name),
                row.id_rule,
                row.fee,
                row.tax,
                row.postage,
                row.receipt_number or "",
                "取消" if row.receipt_voided else "",
                row.reprint_count,
                row.target_date.isoformat(),
                "期限超過" if row.overdue else "",
                "再請求" if row.repeat else "",
            ]
        )
    text = buffer.getvalue()
    if encoding == "cp932":
        data, replaced = _encode_cp932(text)
    else:
        data, replaced = text.encode("utf-8-sig"), 0
    record(
        uow,
        actor,
        "export.csv",
        at=now,
        detail={
            "business_date": day.isoformat(),
            "rows": len(by_number),
            "unmasked": unmasked,
            "encoding": encoding,
            "exported_on": local_date(now).isoformat(),
        },
    )
    return CsvExport(day, len(by_number), unmasked, encoding, replaced, data)


__all__ = ["COLUMNS", "ENCODINGS", "CsvExport", "export_csv"]
