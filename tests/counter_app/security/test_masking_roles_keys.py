"""Masks, the role table, and the keyring key handling."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from keyring.backends import fail

from counter_app.errors import PermissionDenied
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER, load_key
from counter_app.security.masking import (
    mask_address,
    mask_birth_date,
    mask_member_number,
    mask_name,
    mask_phone,
)
from counter_app.security.roles import Actor, Permission, Role, require
from counter_app.store.errors import KeyringUnavailable
from counter_app.store.sqlite.cipher import key_pragma


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("山田 花子", "山田 **"),
        ("山田　花子", "山田 **"),
        ("𠮷田 太郎", "𠮷田 **"),
        ("山田花子", "山**"),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("090-1234-5678", "090-****-5678"),
        ("029-123-4567", "029-***-4567"),
        ("0291-23-4567", "029*-**-4567"),  # a 4-digit area code: 3 digits still hidden
        ("0120-123-456", "0120-***-456"),
        ("09012345678", "*******5678"),
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_other_masks():
    assert mask_address("茨城県水戸市見本町4-5-6") == "茨城県水戸市見本町****"
    assert mask_birth_date(dt.date(1980, 4, 1)) == "1980年**月**日"
    assert mask_member_number("1234567") == "****567"


def actor(role):
    return Actor("id-" + role.value, role.value, f"{role.label} さん", role, "BR01")


@pytest.mark.parametrize("permission", list(Permission))
def test_role_table(permission):
    for role in Role:
        if role.rank >= permission.minimum_role.rank:
            require(actor(role), permission)
        else:
            with pytest.raises(PermissionDenied) as info:
                require(actor(role), permission)
            assert permission.label in info.value.message
            assert permission.minimum_role.label in info.value.message


def test_key_is_created_once_and_reused(isolated_environment):
    assert load_key(create=False) is None
    key = load_key(create=True)
    assert len(key) == 32
    assert load_key(create=False) == key
    assert isolated_environment.store[(KEYRING_SERVICE, KEYRING_USER)] == key.hex()
    assert key_pragma(key) == f"PRAGMA key = \"x'{key.hex()}'\""


def test_no_keyring_is_refused():
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable) as info:
        load_key(create=True)
    assert "暗号化せずに保存することはできない" in info.value.message


def test_damaged_key_entry_is_refused(isolated_environment):
    isolated_environment.set_password(KEYRING_SERVICE, KEYRING_USER, "not-hex")
    with pytest.raises(KeyringUnavailable, match="形式"):
        load_key(create=False)
