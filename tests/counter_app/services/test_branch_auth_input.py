"""Branch identity, staff accounts and login, and the intake JSON round trip."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.errors import DomainError, InputError, PermissionDenied
from counter_app.security import password_hashing
from counter_app.security.password_hashing import hash_password, verify_password
from counter_app.services.branch import (
    MAX_BRANCH_ADDRESS,
    corporate_check_digit,
    get_branch,
    initialise,
    normalise_registration_number,
)
from counter_app.services.intake_input import IntakeInput
from counter_app.services.own_password import WrongCurrentPassword, change_own_password
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    sample_branch,
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.services.sign_in import LoginFailed, sign_in
from counter_app.services.staff_accounts import change_password, set_active


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("T7000012050002", "T7000012050002"),  # 国税庁's published corporate number
        ("t 7000-0120-50002", "T7000012050002"),
        ("Ｔ７１２３４５６７８９０１２", "T7123456789012"),
    ],
)
def test_registration_number_is_normalised(value, expected):
    assert normalise_registration_number(value) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("T7000012050003", "のチェックディジットが一致しません。"),  # one digit off
        ("7000012050002", "の形が正しくありません。"),  # no T
        ("T700001205000", "の形が正しくありません。"),  # 12 digits
        ("T70000120500021", "の形が正しくありません。"),  # 14 digits
        ("", "の形が正しくありません。"),
    ],
)
def test_bad_registration_number_is_refused(value, problem):
    with pytest.raises(InputError) as refused:
        normalise_registration_number(value)
    assert refused.value.message == f"登録番号「{value}」{problem}"


def test_check_digit_formula():
    # Σ over 12 digits numbered from the right: odd positions weight 1, even 2
    assert corporate_check_digit("000012050002") == 7
    assert corporate_check_digit("123456789012") == 7
    assert corporate_check_digit("000000000000") == 9


def test_branch_input_is_validated(counter):
    with pytest.raises(InputError, match="支店コード"):
        dataclasses.replace(sample_branch(), code="1X").validated()
    with pytest.raises(InputError, match="電話番号"):
        dataclasses.replace(sample_branch(), phone="123").validated()
    with counter.db.unit_of_work() as uow:
        assert get_branch(uow).registration_number == "T7123456789012"
        with pytest.raises(DomainError, match="初期設定済み"):
            initialise(uow, sample_branch(), SAMPLE_ADMIN)


def test_branch_address_must_fit_the_printed_contact_line():
    fits = "茨城県水戸市" + "見" * (MAX_BRANCH_ADDRESS - 6)
    assert dataclasses.replace(sample_branch(), address=fits).validated().address == fits
    with pytest.raises(InputError) as refused:
        dataclasses.replace(sample_branch(), address=fits + "町").validated()
    assert refused.value.message == (
        f"「住所」が長すぎます ({MAX_BRANCH_ADDRESS + 1}文字、{MAX_BRANCH_ADDRESS}文字まで)。"
    )


def test_login_failures_and_disabled_accounts(counter):
    db = counter.db
    with pytest.raises(LoginFailed) as wrong:
        sign_in(db, SAMPLE_STAFF.username, "wrong-password")
    assert wrong.value.message == (
        "ログインできません。ユーザーIDまたはパスワードが違うか、"
        "失敗が続いたため一時的にロックされています。"
    )
    # an unknown or disabled user is refused with the very same words: the message
    # never tells whether an account exists
    with pytest.raises(LoginFailed) as unknown:
        sign_in(db, "nobody", "whatever-123")
    with db.unit_of_work() as uow:
        set_active(uow, counter.admin, SAMPLE_STAFF.username, False)
        with pytest.raises(DomainError, match="自分自身"):
            set_active(uow, counter.admin, SAMPLE_ADMIN.username, False)
        uow.commit()
    with pytest.raises(LoginFailed) as disabled:
        sign_in(db, SAMPLE_STAFF.username, SAMPLE_STAFF.password)
    assert unknown.value.user_text() == disabled.value.user_text() == wrong.value.user_text()


def test_password_change_and_policy(counter):
    with pytest.raises(InputError, match="8文字以上"):
        change_own_password(counter.db, counter.staff, SAMPLE_STAFF.password, "short")
    change_own_password(counter.db, counter.staff, SAMPLE_STAFF.password, "a-new-password")
    assert sign_in(counter.db, SAMPLE_STAFF.username, "a-new-password").username == "tanaka"


def test_ones_own_password_needs_the_current_one(counter):
    """Any role, a 管理者 too: the current password, right, and a new one that differs."""
    for actor, person in ((counter.staff, SAMPLE_STAFF), (counter.admin, SAMPLE_ADMIN)):
        with counter.db.unit_of_work() as uow, pytest.raises(InputError) as missing:
            change_password(uow, actor, person.username, "a-new-password-9")
        assert missing.value.message == (
            "自分のパスワードを変更するには、現在のパスワードを入力してください。"
        )
        with pytest.raises(WrongCurrentPassword) as wrong:
            change_own_password(counter.db, actor, "guess-123", "a-new-password-9")
        assert wrong.value.message == "現在のパスワードが違います。"
        with pytest.raises(InputError) as same:
            change_own_password(counter.db, actor, person.password, person.password)
        assert same.value.message == (
            "新しいパスワードが現在のパスワードと同じです。別のパスワードにしてください。"
        )
        # nothing was changed by the refusals
        assert sign_in(counter.db, person.username, person.password).username == person.username


def test_an_admin_resets_someone_elses_password_without_theirs(counter):
    with counter.db.unit_of_work() as uow:
        change_password(uow, counter.admin, SAMPLE_STAFF.username, "reset-by-admin-1")
        # a staff member may not set another's
        with pytest.raises(PermissionDenied):
            change_password(uow, counter.staff, SAMPLE_ADMIN.username, "a-new-password-9")
        uow.commit()
    assert sign_in(counter.db, SAMPLE_STAFF.username, "reset-by-admin-1").username == "tanaka"


def test_a_wrong_current_password_counts_like_a_failed_login(counter):
    """Through the sign-in rules: each wrong current password is a failed attempt (audited),
    a locked account is refused before anything is checked, a right one clears the count."""
    from counter_app.security.lockout import AccountLocked, failed_attempts
    from counter_app.services.staff_accounts import unlock_account

    actor = sign_in(counter.db, SAMPLE_STAFF.username, SAMPLE_STAFF.password)
    with pytest.raises(WrongCurrentPassword):
        change_own_password(counter.db, actor, "guess-123", "a-new-password-9")
    with counter.db.unit_of_work(read_only=True) as uow:
        assert failed_attempts(uow.session, actor.staff_id) == 1
    refusals: list[Exception] = []
    for _ in range(10):
        try:
            change_own_password(counter.db, actor, "guess-123", "a-new-password-9")
        except (WrongCurrentPassword, AccountLocked) as exc:
            refusals.append(exc)
            if isinstance(exc, AccountLocked):
                break
    assert isinstance(refusals[-1], AccountLocked)
    with pytest.raises(AccountLocked):  # even the right password waits for the lock
        change_own_password(counter.db, actor, SAMPLE_STAFF.password, "a-new-password-9")
    unlock_account(counter.db, counter.admin, SAMPLE_STAFF.username)
    change_own_password(counter.db, actor, SAMPLE_STAFF.password, "a-new-password-9")
    with counter.db.unit_of_work() as uow:
        assert failed_attempts(uow.session, actor.staff_id) == 0
    assert sign_in(counter.db, SAMPLE_STAFF.username, "a-new-password-9").username == "tanaka"


def test_argon2id_hash():
    stored = hash_password("秘密のパスワード")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "秘密のパスワード") and not verify_password(stored, "x")


def test_the_program_hashes_with_the_rfc_9106_low_memory_profile():
    """The other core tests run with a test-sized hasher (tests/counter_app/conftest.py):
    the program's own hasher is checked here, in a hash it makes and in its settings."""
    from tests.counter_app.conftest import PRODUCTION_HASHER

    assert PRODUCTION_HASHER is not password_hashing._hasher  # the test hasher is in place here
    params = (PRODUCTION_HASHER.time_cost, PRODUCTION_HASHER.memory_cost)
    assert params == (3, 65536) and PRODUCTION_HASHER.parallelism == 4
    stored = PRODUCTION_HASHER.hash("秘密のパスワード")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PRODUCTION_HASHER.verify(stored, "秘密のパスワード")
    # a hash made by the program is checked with its own parameters by the test hasher too
    assert verify_password(stored, "秘密のパスワード") and not verify_password(stored, "x")
    # the dummy checked for unknown users costs what a real check costs: same parameters
    assert not PRODUCTION_HASHER.check_needs_rehash(password_hashing.DUMMY_HASH)


@pytest.mark.parametrize(
    "make", [sample_self_intake, sample_proxy_intake, sample_correction_intake]
)
def test_intake_json_round_trip(make):
    intake = make()
    assert IntakeInput.from_dict(intake.to_dict()) == intake


def test_intake_json_refuses_document_numbers_and_bad_types():
    data = sample_self_intake().to_dict()
    data["identity"]["documents"][0]["license_number"] = "123456789012"
    with pytest.raises(InputError, match="番号は記録しません"):
        IntakeInput.from_dict(data)
    data = sample_self_intake().to_dict()
    data["amount_received"] = "2000"
    with pytest.raises(InputError, match="amount_received"):
        IntakeInput.from_dict(data)
    data = sample_self_intake().to_dict()
    data["received_at"] = "2025-06-02T10:00:00"  # no offset
    with pytest.raises(InputError, match="時差付き"):
        IntakeInput.from_dict(data)
