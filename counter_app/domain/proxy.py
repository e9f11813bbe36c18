"""Proxies (代理人, domain.md §3): who may ask for someone else, and with which papers.

* :attr:`ProxyKind.VOLUNTARY` 任意代理人: the original 委任状 with the principal's address,
  自署 signature, birth date, phone and seal, the proxy's name and address, the scope (請求,
  and 受領 if the result is to be handed to the proxy) and a date on or before the request and
  at most ``power_of_attorney.max_age_months`` old; the principal's 印鑑登録証明書 (original,
  issued within ``seal_certificate.max_age_months``) whose impression the staff compared with
  the seal on the 委任状 (印影照合: a manual tick, no image matching); the proxy's own ID.
* :attr:`ProxyKind.PARENT` 親権者: the principal is under the age of majority on the request
  date (18 since 2022-04-01, 20 before; ``age_on`` counts an age as reached on the day before
  the birthday, see :mod:`counter_app.domain.dates`), shown by a 戸籍謄抄本 or a 住民票の写し
  that states the relationship (without 個人番号).
* :attr:`ProxyKind.MINOR_GUARDIAN` 未成年後見人 / :attr:`ProxyKind.ADULT_GUARDIAN` 成年後見人:
  a 登記事項証明書 (a minor guardian also by 戸籍, where 未成年後見 is recorded).
* Anyone else (relatives, 保佐人, 補助人) is a voluntary proxy and needs a 委任状.

Months, accepted papers and who may receive are the :class:`~counter_app.domain.proxy_rules.ProxyRules`
the caller passes in (``resources/config/proxy.toml``, built by :mod:`counter_app.config.documents`).

Where the result goes: by default to the principal's registered address. It may be handed to
the proxy at the counter only when the 委任状 covers 受領, or to a legal representative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from counter_app.domain.dates import age_on, months_between_ok
from counter_app.domain.identity import Verdict, record_from_dict, record_to_dict
from counter_app.domain.proxy_rules import ProxyRules
from counter_app.domain.wareki import wareki_with_seireki
from counter_app.errors import InputError

__all__ = [
    "PowerOfAttorney",
    "ProxyKind",
    "ProxyVerdict",
    "RelationshipDocument",
    "SealCertificate",
    "proxy_verdict",
]


class ProxyKind(StrEnum):
    VOLUNTARY = "voluntary"
    PARENT = "parent"
    MINOR_GUARDIAN = "minor_guardian"
    ADULT_GUARDIAN = "adult_guardian"

    @property
    def label(self) -> str:
        return {
            "voluntary": "任意代理人 (委任状)",
            "parent": "親権者 (法定代理人)",
            "minor_guardian": "未成年後見人 (法定代理人)",
            "adult_guardian": "成年後見人 (法定代理人)",
        }[self.value]

    @property
    def short_label(self) -> str:
        return {
            "voluntary": "任意代理人",
            "parent": "親権者",
            "minor_guardian": "未成年後見人",
            "adult_guardian": "成年後見人",
        }[self.value]

    @property
    def is_legal(self) -> bool:
        return self is not ProxyKind.VOLUNTARY


@dataclass(frozen=True)
class PowerOfAttorney:
    """The 委任状 as the staff checked it: each flag is a tick on the checklist."""

    dated: dt.date
    original: bool = False
    signed_by_principal: bool = False  # 自署
    sealed: bool = False  # 押印 (compared with the 印鑑登録証明書)
    principal_address_written: bool = False
    principal_birth_date_written: bool = False
    principal_phone_written: bool = False
    proxy_name_written: bool = False
    proxy_address_written: bool = False
    covers_request: bool = False  # 委任事項: 請求
    covers_receipt: bool = False  # 委任事項: 受領 (hand the result to the proxy)

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "委任状") -> PowerOfAttorney:
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class SealCertificate:
    """The principal's 印鑑登録証明書."""

    issued_on: dt.date
    original: bool = False
    impression_compared: bool = False  # 印影照合: the seal on the 委任状 matches (manual tick)

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "印鑑登録証明書") -> SealCertificate:
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class RelationshipDocument:
    """The paper proving a legal representative's standing (戸籍, 住民票, 登記事項証明書)."""

    doc_type: str  # a key of proxy.toml [relationship_documents]
    issued_on: dt.date
    original: bool = False
    shows_relationship: bool = False  # states the proxy is the parent / guardian
    shows_my_number: bool = False  # a 住民票の写し with 個人番号 is refused

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "関係書類") -> RelationshipDocument:
        return record_from_dict(cls, data, what)


@dataclass(frozen=True)
class ProxyVerdict:
    passed: bool
    reasons: tuple[str, ...]  # Japanese, every reason (also for a pass)
    warnings: tuple[str, ...]  # Japanese, for staff to confirm
    may_hand_to_proxy: bool  # False: the result goes to the principal's registered address

    @property
    def handover_label(self) -> str:
        if self.may_hand_to_proxy:
            return "代理人に窓口でお渡しできます (本人の登録住所への郵送も可)"
        return "本人の登録住所へ郵送します"

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, what: str = "代理人確認の結果") -> ProxyVerdict:
        return record_from_dict(cls, data, what)


def _check(ok: bool, failure: str, failures: list[str]) -> None:
    if not ok:
        failures.append(failure)


def _voluntary(
    request_date: dt.date,
    poa: PowerOfAttorney | None,
    seal: SealCertificate | None,
    rules: ProxyRules,
    reasons: list[str],
    failures: list[str],
) -> bool:
    """Check 委任状 and 印鑑登録証明書; returns whether the 委任状 covers 受領."""
    if poa is None:
        failures.append("委任状 (委任者の署名・押印があるもの、原本) がありません")
    else:
        before = len(failures)
        _check(poa.original, "委任状が原本ではありません (写しは使えません)", failures)
        _check(poa.signed_by_principal, "委任状に委任者本人の自署がありません", failures)
        _check(poa.sealed, "委任状に委任者の押印がありません", failures)
        _check(poa.principal_address_written, "委任状に委任者の住所の記載がありません", failures)
        _check(
            poa.principal_birth_date_written, "委任状に委任者の生年月日の記載がありません", failures
        )
        _check(poa.principal_phone_written, "委任状に委任者の電話番号の記載がありません", failures)
        _check(poa.proxy_name_written, "委任状に代理人の氏名の記載がありません", failures)
        _check(poa.proxy_address_written, "委任状に代理人の住所の記載がありません", failures)
        _check(poa.covers_request, "委任状の委任事項に「請求」がありません", failures)
        months = rules.power_of_attorney_months
        if poa.dated > request_date:
            failures.append(
                f"委任状の日付 ({wareki_with_seireki(poa.dated)}) が請求日 ({wareki_with_seireki(request_date)}) より後です"
            )
        elif not months_between_ok(poa.dated, request_date, months):
            failures.append(f"委任状の作成日 ({poa.dated}) から{months}か月を超えています")
        if len(failures) == before:
            reasons.append(f"委任状: 記載事項・日付とも有効です (作成日 {poa.dated})")
    if seal is None:
        failures.append("委任者の印鑑登録証明書 (原本) がありません")
    else:
        before = len(failures)
        months = rules.seal_certificate_months
        _check(seal.original, "印鑑登録証明書が原本ではありません", failures)
        if seal.issued_on > request_date:
            failures.append(
                f"印鑑登録証明書の発行日 ({wareki_with_seireki(seal.issued_on)}) が請求日より後です"
            )
        elif not months_between_ok(seal.issued_on, request_date, months):
            failures.append(
                f"印鑑登録証明書の発行日 ({wareki_with_seireki(seal.issued_on)}) から{months}か月を超えています"
            )
        _check(
            seal.impression_compared,
            "委任状の印影と印鑑登録証明書の印影の照合 (印影照合) が確認されていません",
            failures,
        )
        if len(failures) == before:
            reasons.append(
                f"印鑑登録証明書: 原本・{months}か月以内、印影照合済みです (発行日 {wareki_with_seireki(seal.issued_on)})"
            )
    return bool(poa and poa.covers_receipt)


def _legal(
    kind: ProxyKind,
    request_date: dt.date,
    principal_birth_date: dt.date | None,
    document: RelationshipDocument | None,
    rules: ProxyRules,
    reasons: list[str],
    warnings: list[str],
    failures: list[str],
) -> None:
    rule = rules.kind(kind.value)
    minor: bool | None = None
    if principal_birth_date is not None:
        if principal_birth_date > request_date:
            raise InputError(
                f"本人の生年月日 ({wareki_with_seireki(principal_birth_date)}) が請求日 ({wareki_with_seireki(request_date)}) より後です。"
            )
        age = age_on(principal_birth_date, request_date)
        majority = rules.majority_age(request_date)
        minor = age < majority
    if rule.principal_must_be_minor:
        if principal_birth_date is None:
            failures.append("本人の生年月日が入力されていません (未成年であることを確認できません)")
        elif not minor:
            failures.append(
                f"本人は請求日に{age}歳で成年 ({majority}歳以上) のため、{kind.short_label}として"
                "請求できません。本人の委任状による任意代理が必要です"
            )
        else:
            reasons.append(f"本人は請求日に{age}歳で未成年です (成年年齢 {majority}歳)")
    elif minor:
        warnings.append(
            f"本人は請求日に{age}歳で未成年です。{kind.short_label}で正しいか確認してください"
        )
    accepted = [rules.relationship_document(k) for k in rule.accepted_documents]
    accepted_labels = "、".join(d.label for d in accepted if d)
    if document is None:
        failures.append(
            f"{kind.short_label}であることを示す書類 ({accepted_labels}) の原本がありません"
        )
        return
    doc_type = rules.relationship_document(document.doc_type)
    if doc_type is None:
        raise InputError(
            f"関係書類の種類「{document.doc_type}」は登録されていません。",
            hint="使える種類: "
            + "、".join(f"{d.key} ({d.label})" for d in rules.relationship_documents),
        )
    if doc_type.key not in rule.accepted_documents:
        failures.append(
            f"{doc_type.label}では{kind.short_label}であることを確認できません (必要: {accepted_labels})"
        )
        return
    before = len(failures)
    _check(document.original, f"{doc_type.label}が原本ではありません", failures)
    _check(
        document.shows_relationship,
        f"{doc_type.label}で代理人が{kind.short_label}であることを確認できません",
        failures,
    )
    if document.shows_my_number and doc_type.must_not_show_my_number:
        failures.append(
            f"{doc_type.label}に個人番号が記載されています。受け取らず、番号を記録しないでください"
        )
    months = doc_type.max_age_months
    if document.issued_on > request_date:
        failures.append(
            f"{doc_type.label}の発行日 ({wareki_with_seireki(document.issued_on)}) が請求日より後です"
        )
    elif not months_between_ok(document.issued_on, request_date, months):
        failures.append(
            f"{doc_type.label}の発行日 ({wareki_with_seireki(document.issued_on)}) から{months}か月を超えています"
        )
    if len(failures) == before:
        reasons.append(
            f"{doc_type.label}: 原本・{months}か月以内で、{kind.short_label}であることを確認しました"
        )


def proxy_verdict(
    kind: ProxyKind,
    *,
    request_date: dt.date,
    principal_birth_date: dt.date | None,
    proxy_identity: Verdict,
    power_of_attorney: PowerOfAttorney | None = None,
    seal_certificate: SealCertificate | None = None,
    relationship_document: RelationshipDocument | None = None,
    rules: ProxyRules,
) -> ProxyVerdict:
    """Decide whether this proxy may make the request, and whether the result may be handed
    to them (domain.md §3)."""
    try:
        kind = ProxyKind(kind)
    except ValueError:
        raise InputError(
            f"代理人の種類「{kind}」は使えません。",
            hint="使える値: " + "、".join(k.value for k in ProxyKind),
        ) from None
    reasons = [f"代理人の種類: {kind.label}"]
    warnings: list[str] = []
    failures: list[str] = []

    if proxy_identity.passed:
        reasons.append(f"代理人本人の確認: {proxy_identity.rule_label or '確認済み'}で確認しました")
    else:
        failures.append("代理人本人の確認ができていません")
        failures.extend(f"代理人の書類: {r}" for r in proxy_identity.reasons)
    warnings.extend(f"代理人の本人確認: {w}" for w in proxy_identity.warnings)

    covers_receipt = False
    if kind is ProxyKind.VOLUNTARY:
        covers_receipt = _voluntary(
            request_date, power_of_attorney, seal_certificate, rules, reasons, failures
        )
    else:
        _legal(
            kind,
            request_date,
            principal_birth_date,
            relationship_document,
            rules,
            reasons,
            warnings,
            failures,
        )

    passed = not failures
    if not passed:
        may_hand = False
    elif kind is ProxyKind.VOLUNTARY:
        may_hand = covers_receipt
        reasons.append(
            "委任事項に「受領」があるため、結果を代理人に窓口でお渡しできます"
            if may_hand
            else "委任事項に「受領」がないため、結果は本人の登録住所へ郵送します"
        )
    else:
        may_hand = rules.kind(kind.value).may_receive
        reasons.append(
            f"{kind.short_label}は結果を受け取れます"
            if may_hand
            else "結果は本人の登録住所へ郵送します"
        )
    return ProxyVerdict(
        passed=passed,
        reasons=tuple(reasons + failures),
        warnings=tuple(warnings),
        may_hand_to_proxy=may_hand,
    )
