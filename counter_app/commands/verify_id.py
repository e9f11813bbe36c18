"""``counter-app verify-id FILE.json [--on YYYY-MM-DD] [--json]``: identity + proxy verdict.

Reads a JSON description of the documents shown at the counter (format and example in
``docs/cli-verify-id.md``; ``-`` reads standard input) and prints the verdict: readable
Japanese by default, JSON with ``--json``.

Exit codes: **0** the verdict is a pass, **1** the verdict is a fail (the documents are not
enough; the reasons are printed), **2** the input is wrong (malformed JSON, unknown field or
document type, wrong type, expiry before issue, a date after today): a Japanese message on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from counter_app.commands._json_file import read_json_file
from counter_app.config.bundles import install_from_manifest
from counter_app.domain.identity import DocumentShown, Verdict, identity_verdict
from counter_app.domain.list_limits import MAX_DOCUMENTS, check_count
from counter_app.domain.proxy import (
    PowerOfAttorney,
    ProxyKind,
    ProxyVerdict,
    RelationshipDocument,
    SealCertificate,
    proxy_verdict,
)
from counter_app.errors import InputError
from counter_app.paths import data_dir
from counter_app.services.rules import rules_in_force

EXIT_PASS = 0
EXIT_FAIL = 1

TOP_KEYS = ("request_date", "principal", "proxy")
PRINCIPAL_KEYS = ("birth_date", "address_differs_from_record", "documents")
PROXY_KEYS = ("kind", "documents", "power_of_attorney", "seal_certificate", "relationship_document")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify-id",
        help="提示書類から本人確認・代理人確認を判定する",
        description="提示された書類 (JSON) から本人確認・代理人確認を判定します。"
        "終了コード: 0 = 確認できた、1 = 確認できない、2 = 入力の誤り。",
    )
    parser.add_argument(
        "file", metavar="FILE.json", help="書類を記述した JSON ファイル (- で標準入力)"
    )
    parser.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help="確認日 (= 請求日。既定: JSON の request_date、なければ今日)",
    )
    parser.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    parser.set_defaults(handler=run)


# -- input ---------------------------------------------------------------------------------
def _object(value: Any, what: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(f"「{what}」はオブジェクト ({{...}}) で指定してください。")
    for key in value:
        if key not in allowed:
            raise InputError(
                f"「{what}」に未知の項目「{key}」があります。",
                hint="使える項目: " + "、".join(allowed),
            )
    return value


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"「{what}」には日付を YYYY-MM-DD の形で指定してください (値: {value!r})。")


def _documents(value: Any, what: str) -> list[DocumentShown]:
    if not isinstance(value, list):
        raise InputError(f"「{what}」は書類の配列 ([...]) で指定してください。")
    check_count(value, what, MAX_DOCUMENTS)
    return [DocumentShown.from_dict(item, f"{what}[{i}]") for i, item in enumerate(value)]


def _not_future(value: dt.date | None, what: str, today: dt.date) -> None:
    if value is not None and value > today:
        raise InputError(f"「{what}」({value}) が未来の日付です (今日は {today})。")


def _check_dates(docs: list[DocumentShown], what: str, today: dt.date) -> None:
    for i, doc in enumerate(docs):
        _not_future(doc.issued_on, f"{what}[{i}].issued_on", today)


def evaluate(data: Any, on: dt.date | None, today: dt.date) -> dict[str, Any]:
    """The verdict for a parsed JSON request, as a JSON-ready dict; raises InputError."""
    top = _object(data, "入力", TOP_KEYS)
    json_date = _date(top["request_date"], "request_date") if "request_date" in top else None
    request_date = on or json_date or today
    _not_future(request_date, "確認日", today)

    principal = _object(top.get("principal", {}), "principal", PRINCIPAL_KEYS)
    birth = principal.get("birth_date")
    birth_date = _date(birth, "principal.birth_date") if birth is not None else None
    if birth_date is not None and birth_date > request_date:
        raise InputError(f"「principal.birth_date」({birth_date}) が確認日より後です。")
    differs = principal.get("address_differs_from_record", False)
    if not isinstance(differs, bool):
        raise InputError(
            "「principal.address_differs_from_record」には true または false を指定してください。"
        )
    proxy_data = top.get("proxy")
    if proxy_data is None and "documents" not in principal:
        raise InputError(
            "本人の書類 (principal.documents) も代理人 (proxy) もありません。",
            hint="本人が来店した場合は principal.documents に提示書類を書いてください。",
        )

    rules = rules_in_force(request_date)
    out: dict[str, Any] = {"request_date": request_date.isoformat()}
    principal_verdict: Verdict | None = None
    if "documents" in principal:
        docs = _documents(principal["documents"], "principal.documents")
        _check_dates(docs, "principal.documents", today)
        principal_verdict = identity_verdict(
            docs, request_date, address_differs_from_record=differs, catalogue=rules.documents
        )
    out["principal_identity"] = principal_verdict.to_dict() if principal_verdict else None

    verdict_proxy: ProxyVerdict | None = None
    if proxy_data is not None:
        proxy = _object(proxy_data, "proxy", PROXY_KEYS)
        if "kind" not in proxy:
            raise InputError("「proxy」に必須の項目「kind」がありません。")
        if not isinstance(proxy["kind"], str) or proxy["kind"] not in set(ProxyKind):
            raise InputError(
                f"「proxy.kind」の値「{proxy['kind']}」は使えません。",
                hint="使える値: " + "、".join(f"{k.value} ({k.label})" for k in ProxyKind),
            )
        kind = ProxyKind(proxy["kind"])
        docs = _documents(proxy.get("documents", []), "proxy.documents")
        _check_dates(docs, "proxy.documents", today)
        proxy_identity = identity_verdict(docs, request_date, catalogue=rules.documents)
        poa = seal = relation = None
        if proxy.get("power_of_attorney") is not None:
            poa = PowerOfAttorney.from_dict(proxy["power_of_attorney"], "proxy.power_of_attorney")
            _not_future(poa.dated, "proxy.power_of_attorney.dated", today)
        if proxy.get("seal_certificate") is not None:
            seal = SealCertificate.from_dict(proxy["seal_certificate"], "proxy.seal_certificate")
            _not_future(seal.issued_on, "proxy.seal_certificate.issued_on", today)
        if proxy.get("relationship_document") is not None:
            relation = RelationshipDocument.from_dict(
                proxy["relationship_document"], "proxy.relationship_document"
            )
            _not_future(relation.issued_on, "proxy.relationship_document.issued_on", today)
        verdict_proxy = proxy_verdict(
            kind,
            request_date=request_date,
            principal_birth_date=birth_date,
            proxy_identity=proxy_identity,
            power_of_attorney=poa,
            seal_certificate=seal,
            relationship_document=relation,
            rules=rules.proxy_rules,
        )
        out["proxy"] = {
            "kind": kind.value,
            "kind_label": kind.label,
            "identity": proxy_identity.to_dict(),
            "verdict": verdict_proxy.to_dict(),
        }
    else:
        out["proxy"] = None

    passed = (principal_verdict is None or principal_verdict.passed) and (
        verdict_proxy is None or verdict_proxy.passed
    )
    out["passed"] = passed
    hand_to_proxy = bool(verdict_proxy and verdict_proxy.may_hand_to_proxy)
    if not passed:
        out["handover"] = None
        out["handover_label"] = "確認できないため、受付・結果のお渡しはできません"
    elif verdict_proxy is None:
        out["handover"] = "principal"
        out["handover_label"] = "本人にお渡し、または本人の登録住所へ郵送します"
    else:
        out["handover"] = "proxy_at_counter" if hand_to_proxy else "principal_address"
        out["handover_label"] = verdict_proxy.handover_label
    return out


# -- output --------------------------------------------------------------------------------
def _print_verdict(title: str, verdict: dict[str, Any], lines: list[str]) -> None:
    lines.append(f"[{title}] {'確認できました' if verdict['passed'] else '確認できません'}")
    lines.extend(f"  ・{r}" for r in verdict["reasons"])
    lines.extend(f"  要確認: {w}" for w in verdict["warnings"])


def render_text(result: dict[str, Any]) -> str:
    lines = [
        f"判定: {'OK (確認できました)' if result['passed'] else 'NG (確認できません)'}",
        f"確認日 (請求日): {result['request_date']}",
    ]
    if result["principal_identity"]:
        _print_verdict("本人の本人確認", result["principal_identity"], lines)
    if result["proxy"]:
        proxy = result["proxy"]
        _print_verdict(f"代理人: {ProxyKind(proxy['kind']).short_label}", proxy["verdict"], lines)
    lines.append(f"結果の渡し方: {result['handover_label']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    install_from_manifest(data_dir(getattr(args, "data_dir", None)))  # head office's bundles
    today = dt.date.today()
    on = _date(args.on, "--on") if args.on else None
    result = evaluate(
        read_json_file(args.file, hint="docs/cli-verify-id.md の例を参照してください。"), on, today
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render_text(result))
    return EXIT_PASS if result["passed"] else EXIT_FAIL
