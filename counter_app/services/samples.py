"""Synthetic data for tests, benchmarks and training mode (never a real person).

- :func:`sample_branch` / :data:`SAMPLE_ADMIN`: a branch identity with a valid registration
  number and a first administrator;
- :func:`sample_self_intake`: 山田 花子 asks herself for a disclosure (paper, mailed by
  簡易書留), identified by a driver's licence;
- :func:`sample_proxy_intake`: 髙橋 一郎 asks for 山田 花子 as a voluntary proxy (委任状 with
  受領, 印鑑登録証明書 compared), identified by his own driver's licence; the result is
  handed to him at the counter;
- :func:`sample_correction_intake`: 𠮷田 太郎 asks for a correction (no fee, no receipt);
- :func:`create_training_database`: a throwaway database (random key, no keyring) with the
  branch, a demo login (:data:`DEMO_USERNAME` / :data:`DEMO_PASSWORD`) and a few requests.

Every date is relative to ``on`` (default: today), so the documents are valid on any day.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain.fees import FeeQuestions, quote_fee
from counter_app.domain.identity import DocumentShown
from counter_app.domain.postage import MailClass
from counter_app.domain.proxy import PowerOfAttorney, ProxyKind, SealCertificate
from counter_app.domain.requests import (
    DataScope,
    Delivery,
    DisclosureMethod,
    RequestType,
)
from counter_app.security.roles import Actor, Role
from counter_app.services.branch import BranchInput, initialise
from counter_app.services.clock import JST, now_utc, today
from counter_app.services.intake_input import (
    IdentityInput,
    IntakeInput,
    PersonInput,
    ProxyInput,
    RequestItemInput,
)
from counter_app.services.rules import rules_in_force
from counter_app.services.staff_accounts import NewStaff, create_staff

if TYPE_CHECKING:
    from counter_app.store.engine import Database

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-demo"
SAMPLE_ADMIN = NewStaff("admin", "管理 太郎", Role.ADMIN, "admin-pass-1")
SAMPLE_STAFF = NewStaff("tanaka", "田中 窓口", Role.STAFF, "staff-pass-1")
SAMPLE_SUPERVISOR = NewStaff("suzuki", "鈴木 責任者", Role.SUPERVISOR, "super-pass-1")

#: 𠮷田 太郎 (𠮷 is outside the BMP on purpose): one person, with one member number, in every
#: sample that has him, so a member-number look-up finds the same person.
SAMPLE_YOSHIDA = PersonInput(
    name="𠮷田 太郎",
    furigana="よしだ たろう",
    birth_date=dt.date(1990, 1, 15),
    postal_code="310-0802",
    address="茨城県水戸市見本町10-11",
    phone="029-111-2222",
    member_number="7654321",
)


def sample_branch(code: str = "BR01") -> BranchInput:
    return BranchInput(
        code=code,
        name="水戸宅配センター",
        postal_code="310-0000",
        address="茨城県水戸市見本町1-2-3",
        phone="029-000-0000",
        issuer_name="いばらきコープ生活協同組合",
        registration_number="T7123456789012",
    )


def hanako(on: dt.date | None = None) -> PersonInput:
    return PersonInput(
        name="山田 花子",
        furigana="やまだ はなこ",
        birth_date=dt.date(1980, 4, 1),
        postal_code="310-0801",
        address="茨城県水戸市見本町4-5-6",
        phone="090-1234-5678",
        member_number="1234567",
    )


def drivers_license(on: dt.date, *, address_matches: bool = True) -> DocumentShown:
    return DocumentShown(
        doc_type="drivers_license",
        original=True,
        expiry=on + dt.timedelta(days=800),
        name_matches=True,
        birth_date_matches=True,
        address_matches=address_matches,
    )


def _amount_for(intake: IntakeInput, on: dt.date) -> int:
    """What the person hands over: the total rounded up to the next 1,000 yen."""
    rules = rules_in_force(on)
    quote = quote_fee(
        FeeQuestions(
            request_types=intake.request_types,
            pages=intake.pages,
            method=intake.disclosure_method,
            delivery=intake.delivery,
            mail_class=intake.mail_class,
            media_count=intake.media_count,
            pages_undecided=intake.pages_undecided,
        ),
        on,
        adjustment=intake.adjustment,
        schedule=rules.fee_schedules,
        postage_rules=rules.postage,
    )
    return -(-quote.total // 1000) * 1000


def _at(on: dt.date | None, received_at: dt.datetime | None) -> tuple[dt.date, dt.datetime | None]:
    if received_at is not None:
        return received_at.astimezone(JST).date(), received_at
    return (on or today()), (None if on is None else dt.datetime.combine(on, dt.time(10, 0), JST))


def sample_self_intake(
    on: dt.date | None = None,
    *,
    received_at: dt.datetime | None = None,
    amount_received: int | None = None,
    requester: PersonInput | None = None,
) -> IntakeInput:
    """山田 花子, self-request for a disclosure, driver's licence, mailed by 簡易書留."""
    day, at = _at(on, received_at)
    intake = IntakeInput(
        requester=requester or hanako(day),
        items=(
            RequestItemInput(
                request_type=RequestType.DISCLOSURE,
                scopes=(DataScope.ORDERS_DELIVERIES, DataScope.MEMBER_REGISTER),
                period="直近1年間",
            ),
        ),
        identity=IdentityInput(documents=(drivers_license(day),)),
        disclosure_method=DisclosureMethod.PAPER,
        delivery=Delivery.MAIL,
        pages=12,
        mail_class=MailClass.SIMPLE_REGISTERED,
        received_at=at,
    )
    amount = _amount_for(intake, day) if amount_received is None else amount_received
    return replace(intake, amount_received=amount)


def sample_undecided_intake(
    on: dt.date | None = None, *, received_at: dt.datetime | None = None
) -> IntakeInput:
    """𠮷田 太郎, a disclosure on paper whose page count is not known at the counter (未定):
    the handling fee is taken and the request is 精算待ち (domain.md section 10)."""
    intake = sample_self_intake(
        on,
        received_at=received_at,
        amount_received=0,
        requester=SAMPLE_YOSHIDA,
    )
    undecided = replace(intake, pages=0, pages_undecided=True)
    return replace(undecided, amount_received=_amount_for(undecided, _at(on, received_at)[0]))


def sample_proxy_intake(
    on: dt.date | None = None,
    *,
    received_at: dt.datetime | None = None,
    amount_received: int | None = None,
) -> IntakeInput:
    """髙橋 一郎 as 山田 花子's voluntary proxy: purpose notice + disclosure, handed over."""
    day, at = _at(on, received_at)
    proxy = ProxyInput(
        kind=ProxyKind.VOLUNTARY,
        person=PersonInput(
            name="髙橋 一郎",
            furigana="たかはし いちろう",
            birth_date=dt.date(1975, 8, 20),
            address="茨城県つくば市見本台7-8-9",
            phone="029-987-6543",
        ),
        identity=IdentityInput(documents=(drivers_license(day),)),
        power_of_attorney=PowerOfAttorney(
            dated=day - dt.timedelta(days=3),
            original=True,
            signed_by_principal=True,
            sealed=True,
            principal_address_written=True,
            principal_birth_date_written=True,
            principal_phone_written=True,
            proxy_name_written=True,
            proxy_address_written=True,
            covers_request=True,
            covers_receipt=True,
        ),
        seal_certificate=SealCertificate(
            issued_on=day - dt.timedelta(days=20), original=True, impression_compared=True
        ),
    )
    intake = IntakeInput(
        requester=hanako(day),
        items=(
            RequestItemInput(request_type=RequestType.PURPOSE_NOTICE),
            RequestItemInput(request_type=RequestType.DISCLOSURE, scopes=(DataScope.KYOSAI,)),
        ),
        # the principal is not at the counter: the 委任状 and 印鑑登録証明書 stand for her
        identity=IdentityInput(),
        proxy=proxy,
        disclosure_method=DisclosureMethod.PAPER,
        delivery=Delivery.COUNTER,
        pages=5,
        received_at=at,
    )
    amount = _amount_for(intake, day) if amount_received is None else amount_received
    return replace(intake, amount_received=amount)


def sample_correction_intake(
    on: dt.date | None = None, *, received_at: dt.datetime | None = None
) -> IntakeInput:
    """𠮷田 太郎 asks to correct his registered phone number: no fee, no receipt."""
    day, at = _at(on, received_at)
    return IntakeInput(
        requester=SAMPLE_YOSHIDA,
        items=(
            RequestItemInput(
                request_type=RequestType.CORRECTION,
                correction_item="電話番号",
                current_value="029-111-0000",
                requested_value="029-111-2222",
                evidence="本人の申出",
            ),
        ),
        identity=IdentityInput(documents=(drivers_license(day),)),
        delivery=Delivery.MAIL,
        received_at=at,
    )


def create_training_database(folder: Path | None = None) -> tuple[Database, Actor]:
    """A throwaway database for training mode: random key (no keyring), branch, demo staff
    (:data:`DEMO_USERNAME` / :data:`DEMO_PASSWORD`, 責任者) and three synthetic requests."""
    from counter_app.services.intake import register_intake
    from counter_app.store.engine import open_database
    from counter_app.store.sqlite.cipher import new_key

    folder = folder or Path(tempfile.mkdtemp(prefix="counter-app-demo-"))
    db = open_database(folder, key=new_key(), training=True)
    at = now_utc()
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=at)
        demo = create_staff(
            uow,
            admin.branch_code,
            NewStaff(DEMO_USERNAME, "研修 利用者", Role.SUPERVISOR, DEMO_PASSWORD),
            at=at,
            by=admin,
        )
        for intake in (
            sample_self_intake(),
            sample_proxy_intake(),
            sample_correction_intake(),
            sample_undecided_intake(),  # 精算待ち: the detail window offers 精算
        ):
            register_intake(uow, demo, intake)
        uow.commit()
    return db, demo


__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERNAME",
    "SAMPLE_ADMIN",
    "SAMPLE_STAFF",
    "SAMPLE_SUPERVISOR",
    "Actor",
    "create_training_database",
    "drivers_license",
    "hanako",
    "sample_branch",
    "sample_correction_intake",
    "sample_proxy_intake",
    "sample_self_intake",
    "sample_undecided_intake",
]
