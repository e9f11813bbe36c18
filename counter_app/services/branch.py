"""Branch identity (set at initialisation) and the first administrator.

``initialise(uow, branch, admin)`` runs once per database: it stores the branch (code, name,
address, phone, issuer name, invoice registration number) and creates the first 管理者.
The registration number (適格請求書発行事業者登録番号) is ``T`` + 13 digits whose first digit
is the 法人番号 check digit: 9 − (Σ Pn·Qn mod 9) over the other 12 digits numbered from the
right, Qn = 1 for odd n and 2 for even n.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain.text import normalise_phone, normalise_postal_code
from counter_app.errors import DomainError, InputError
from counter_app.security.roles import Actor, Permission, Role, require
from counter_app.services.access import MAX_ADDRESS, check_text, session_of
from counter_app.services.clock import now_utc
from counter_app.services.staff_accounts import NewStaff, create_staff
from counter_app.services.trail import record
from counter_app.store.models import Branch
from counter_app.store.uow import UnitOfWork

_BRANCH_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def corporate_check_digit(twelve: str) -> int:
    """The 法人番号 check digit for the 12 base digits (numbered from the right)."""
    total = 0
    for n, ch in enumerate(reversed(twelve), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - total % 9


def normalise_registration_number(value: str) -> str:
    """``"t 7000012050002"`` -> ``"T7000012050002"``; InputError (Japanese) if invalid."""
    text = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value or "")).upper()
    if not re.fullmatch(r"T\d{13}", text):
        raise InputError(
            f"登録番号「{value}」の形が正しくありません。",
            hint="T に続けて13桁の数字で入力してください (例: T7000012050002)。",
        )
    digits = text[1:]
    if int(digits[0]) != corporate_check_digit(digits[1:]):
        raise InputError(
            f"登録番号「{value}」のチェックディジットが一致しません。",
            hint="番号を確認して入力し直してください。",
        )
    return text


def normalise_branch_code(value: str) -> str:
    code = unicodedata.normalize("NFKC", value or "").strip().upper()
    if not _BRANCH_CODE.match(code):
        raise InputError(
            f"支店コード「{value}」の形が正しくありません。",
            hint="英大文字で始まる2〜8文字の英数字で入力してください (例: BR01)。",
        )
    return code


#: The branch's address is printed on one line of the receipt's and the slip's contact box;
#: past this many characters the slip would have to cut it.
MAX_BRANCH_ADDRESS = 80


@dataclass(frozen=True)
class BranchInput:
    code: str
    name: str
    address: str
    phone: str
    issuer_name: str
    registration_number: str
    postal_code: str = ""

    def validated(self) -> BranchInput:
        fields = {}
        for attr, label in (
            ("name", "支店名"),
            ("address", "住所"),
            ("issuer_name", "発行者名"),
        ):
            value = (getattr(self, attr) or "").strip()
            if not value:
                raise InputError(f"{label}を入力してください。")
            limit = MAX_BRANCH_ADDRESS if attr == "address" else MAX_ADDRESS
            fields[attr] = check_text(value, label, limit=limit)
        return BranchInput(
            code=normalise_branch_code(self.code),
            phone=normalise_phone(self.phone),
            postal_code=normalise_postal_code(self.postal_code) if self.postal_code else "",
            registration_number=normalise_registration_number(self.registration_number),
            **fields,
        )


@dataclass(frozen=True)
class BranchInfo:
    code: str
    name: str
    postal_code: str
    address: str
    phone: str
    issuer_name: str
    registration_number: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def _info(branch: Branch) -> BranchInfo:
    return BranchInfo(
        code=branch.code,
        name=branch.name,
        postal_code=branch.postal_code,
        address=branch.address,
        phone=branch.phone,
        issuer_name=branch.issuer_name,
        registration_number=branch.registration_number,
    )


def is_initialised(uow: UnitOfWork) -> bool:
    return session_of(uow).scalar(select(Branch.id).limit(1)) is not None


def get_branch(uow: UnitOfWork) -> BranchInfo:
    branch = session_of(uow).scalar(select(Branch).limit(1))
    if branch is None:
        raise DomainError(
            "支店がまだ登録されていません。",
            hint="最初に初期設定 (counter-app init) を行ってください。",
        )
    return _info(branch)


def initialise(
    uow: UnitOfWork,
    branch: BranchInput,
    admin: NewStaff,
    *,
    at: dt.datetime | None = None,
) -> Actor:
    """Store the branch and create the first administrator; returns the admin as Actor."""
    at = at or now_utc()
    session = session_of(uow)
    if is_initialised(uow):
        raise DomainError("このデータベースはすでに初期設定済みです。")
    data = branch.validated()
    session.add(
        Branch(
            code=data.code,
            name=data.name,
            postal_code=data.postal_code,
            address=data.address,
            phone=data.phone,
            issuer_name=data.issuer_name,
            registration_number=data.registration_number,
            created_at=at,
            updated_at=at,
        )
    )
    session.flush()
    uow.database.remember_branch(data.code)
    admin_actor = create_staff(
        uow,
        data.code,
        NewStaff(admin.username, admin.display_name, Role.ADMIN, admin.password),
        at=at,
    )
    record(
        uow,
        admin_actor,
        "branch.initialise",
        at=at,
        detail={"branch_code": data.code, "admin_id": admin_actor.staff_id},
    )
    return admin_actor


def update_branch(
    uow: UnitOfWork, actor: Actor, branch: BranchInput, *, at: dt.datetime | None = None
) -> BranchInfo:
    """Change the branch's printed identity (admin). The branch code cannot change."""
    require(actor, Permission.CONFIGURE)
    at = at or now_utc()
    row = session_of(uow).scalar(select(Branch).limit(1))
    if row is None:
        raise DomainError("支店がまだ登録されていません。")
    data = branch.validated()
    if data.code != row.code:
        raise DomainError("支店コードは変更できません。")
    changed = []
    for attr in ("name", "postal_code", "address", "phone", "issuer_name", "registration_number"):
        if getattr(row, attr) != getattr(data, attr):
            setattr(row, attr, getattr(data, attr))
            changed.append(attr)
    row.updated_at = at
    record(uow, actor, "branch.update", at=at, detail={"fields": changed})
    return _info(row)
