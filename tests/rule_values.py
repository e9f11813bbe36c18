"""The shipped rules built in memory, for tests of the domain functions.

The domain takes the rules it applies as arguments and never loads them; its tests build them
here, with the values of ``resources/config`` (fees.toml, postage.toml, calendar.toml,
documents.toml, proxy.toml, disclosure.toml's methods) written out as the domain's own
dataclasses. tests/counter_app/services/test_rules.py checks that the rules in force read from
the shipped files are exactly these values, so a domain test that asserts a shipped figure
keeps asserting it.
"""

from __future__ import annotations

import datetime as dt

from counter_app.domain.calendar import AnnualClosure, BusinessCalendar
from counter_app.domain.deadlines import ClosedDayRule, DayKind, DeadlineRules
from counter_app.domain.documents import DocumentCatalogue, DocumentKind, DocumentType
from counter_app.domain.fees import FeeSchedule, FeeSchedules, ScheduleKind
from counter_app.domain.postage import (
    Envelope,
    MailClass,
    PostageRules,
    PostageTable,
    RateStep,
    SizeClass,
)
from counter_app.domain.proxy_rules import ProxyKindRule, ProxyRules, RelationshipDocumentType
from counter_app.domain.requests import DisclosureMethod, RequestType
from counter_app.domain.tax import Rounding, TaxTreatment

D = dt.date


def fee_schedule() -> FeeSchedule:
    """fees.toml's one version (2024-04-01, 実費)."""
    return FeeSchedule(
        effective_from=D(2024, 4, 1),
        handling_fees={
            RequestType.PURPOSE_NOTICE: 500,
            RequestType.DISCLOSURE: 1000,
            RequestType.RECORD_DISCLOSURE: 1000,
        },
        copy_fee_per_page=10,
        free_pages=0,
        copy_label="写しの交付 (白黒複写)",
        medium_fee=100,
        medium_label="電磁的記録媒体 (CD-R)",
        charge_postage=True,
        postage_taxable=True,
        tax_rate=10,
        tax_treatment=TaxTreatment.INCLUSIVE,
        rounding=Rounding.FLOOR,
        note="当初の手数料表",
        kind=ScheduleKind.ACTUAL,
        postage_deposit=0,
    )


def fee_schedules() -> FeeSchedules:
    return FeeSchedules((fee_schedule(),))


def _steps(*pairs: tuple[int, int]) -> tuple[RateStep, ...]:
    """Rate steps from (up to grams, yen) pairs (weights are kept in tenths of a gram)."""
    return tuple(RateStep(grams * 10, yen) for grams, yen in pairs)


def postage_rules() -> PostageRules:
    """postage.toml: the 2019-10-01 and 2024-10-01 Japan Post tables and the weight model."""
    table_2019 = PostageTable(
        effective_from=D(2019, 10, 1),
        rates={
            SizeClass.STANDARD: _steps((25, 84), (50, 94)),
            SizeClass.NONSTANDARD_REGULAR: _steps(
                (50, 120), (100, 140), (150, 210), (250, 250), (500, 390), (1000, 580)
            ),
            SizeClass.NONSTANDARD_IRREGULAR: _steps(
                (50, 200),
                (100, 220),
                (150, 300),
                (250, 350),
                (500, 510),
                (1000, 710),
                (2000, 1040),
                (4000, 1350),
            ),
        },
        surcharges={
            MailClass.ORDINARY: 0,
            MailClass.RECORDED: 160,
            MailClass.SIMPLE_REGISTERED: 320,
            MailClass.REGISTERED: 435,
        },
        source="日本郵便 2019年10月1日改定の料金 (2024年9月30日まで)",
    )
    table_2024 = PostageTable(
        effective_from=D(2024, 10, 1),
        rates={
            SizeClass.STANDARD: _steps((50, 110)),
            SizeClass.NONSTANDARD_REGULAR: _steps(
                (50, 140), (100, 180), (150, 270), (250, 320), (500, 510), (1000, 750)
            ),
            SizeClass.NONSTANDARD_IRREGULAR: _steps(
                (50, 260),
                (100, 290),
                (150, 390),
                (250, 450),
                (500, 660),
                (1000, 920),
                (2000, 1350),
                (4000, 1750),
            ),
        },
        surcharges={
            MailClass.ORDINARY: 0,
            MailClass.RECORDED: 210,
            MailClass.SIMPLE_REGISTERED: 350,
            MailClass.REGISTERED: 480,
        },
        source="日本郵便 2024年10月1日改定の料金",
    )
    return PostageRules(
        tables=(table_2019, table_2024),
        envelopes={
            "long3": Envelope("long3", "長形3号", 50, fits_standard=True, accepts_media=False),
            "kaku2": Envelope("kaku2", "角形2号", 150, fits_standard=False, accepts_media=True),
        },
        sheet_weight_dg=42,
        sheet_thickness_um=100,
        cover_sheets=1,
        medium_weight_dg=400,
        medium_thickness_um=5000,
        regular_max_thickness_um=30_000,
        default_mail_class=MailClass.SIMPLE_REGISTERED,
        standard_envelope="long3",
        large_envelope="kaku2",
    )


def business_calendar() -> BusinessCalendar:
    """calendar.toml's business days: closed on weekends, holidays and 12/29-1/3."""
    return BusinessCalendar(
        closed_weekdays=frozenset({5, 6}),
        national_holidays=True,
        annual_closures=(AnnualClosure((12, 29), (1, 3), "年末年始休業"),),
        closed_dates=frozenset(),
    )


def deadline_rules() -> DeadlineRules:
    """calendar.toml's ``[deadlines]``: D + 14 calendar days, one extension of 14."""
    return DeadlineRules(
        answer_days=14,
        answer_day_kind=DayKind.CALENDAR,
        extension_days=14,
        extension_day_kind=DayKind.CALENDAR,
        target_on_closed_day=ClosedDayRule.PREVIOUS,
        reminder_business_days_before=3,
    )


#: disclosure.toml's ``offered_methods``, in its order.
DISCLOSURE_METHODS = (
    DisclosureMethod.PAPER,
    DisclosureMethod.ELECTRONIC_MEDIUM,
    DisclosureMethod.EMAIL,
    DisclosureMethod.VIEWING,
)

#: calendar.toml's ``[daily_log] repeat_window_days``.
REPEAT_WINDOW_DAYS = 30

PHOTO, NON_PHOTO, SEAL = DocumentKind.PHOTO, DocumentKind.NON_PHOTO, DocumentKind.SEAL_CERTIFICATE


def document_catalogue() -> DocumentCatalogue:
    """documents.toml: the identity documents accepted at the counter, in its order."""
    return DocumentCatalogue(
        types=(
            DocumentType("drivers_license", "運転免許証", PHOTO, expiry_required=True),
            DocumentType(
                "my_number_card",
                "マイナンバーカード (表面)",
                PHOTO,
                expiry_required=True,
                note="表面のみ確認します。裏面 (個人番号) は見ない・写さない・記録しないでください。",
            ),
            DocumentType(
                "passport",
                "パスポート",
                PHOTO,
                expiry_required=True,
                shows_address=False,
                note="2020年2月以降の旅券には住所欄がありません。",
            ),
            DocumentType("residence_card", "在留カード", PHOTO, expiry_required=True),
            DocumentType(
                "special_permanent_resident_certificate",
                "特別永住者証明書",
                PHOTO,
                expiry_required=True,
                note="有効期間 (次回確認期間) を入力してください。",
            ),
            DocumentType("disability_certificate", "身体障害者手帳 (写真付き)", PHOTO),
            DocumentType("driving_history_certificate", "運転経歴証明書", PHOTO),
            DocumentType(
                "qualification_certificate", "資格確認書", NON_PHOTO, expiry_required=True
            ),
            DocumentType(
                "health_insurance_card",
                "健康保険証 (従来の保険証)",
                NON_PHOTO,
                valid_until=D(2025, 12, 1),
                issued_no_later_than=D(2024, 12, 1),
                note="2024年12月2日以降は新規発行されず、2025年12月1日を過ぎると使えません。",
            ),
            DocumentType("pension_book", "年金手帳・年金証書", NON_PHOTO),
            DocumentType(
                "resident_record",
                "住民票の写し",
                NON_PHOTO,
                issue_date_required=True,
                issued_within_months=6,
                certified_copy=True,
                note="個人番号の記載がないものに限ります。個人番号が記載されていたら受け取らず、"
                "記録もしないでください。",
            ),
            DocumentType(
                "seal_certificate",
                "印鑑登録証明書 (実印の持参が必要)",
                SEAL,
                issue_date_required=True,
                issued_within_months=6,
                certified_copy=True,
                note="実印をあわせて持参した場合に限り、写真なし書類の1点として数えます。",
            ),
        ),
        photo_documents_needed=1,
        non_photo_documents_needed=2,
    )


def proxy_rules() -> ProxyRules:
    """proxy.toml: papers at most 3 months old, majority 20 then 18 from 2022-04-01."""
    return ProxyRules(
        power_of_attorney_months=3,
        seal_certificate_months=3,
        age_of_majority=((D(1898, 7, 16), 20), (D(2022, 4, 1), 18)),
        relationship_documents=(
            RelationshipDocumentType("koseki", "戸籍謄本・戸籍抄本", 3),
            RelationshipDocumentType(
                "resident_record",
                "住民票の写し (続柄の記載があるもの)",
                3,
                must_not_show_my_number=True,
            ),
            RelationshipDocumentType("registry_certificate", "登記事項証明書 (後見登記)", 3),
        ),
        kinds=(
            ProxyKindRule("voluntary", (), principal_must_be_minor=False, may_receive=False),
            ProxyKindRule(
                "parent",
                ("koseki", "resident_record"),
                principal_must_be_minor=True,
                may_receive=True,
            ),
            ProxyKindRule(
                "minor_guardian",
                ("registry_certificate", "koseki"),
                principal_must_be_minor=True,
                may_receive=True,
            ),
            ProxyKindRule(
                "adult_guardian",
                ("registry_certificate",),
                principal_must_be_minor=False,
                may_receive=True,
            ),
        ),
    )
