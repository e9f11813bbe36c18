"""The enrolment file's reader against damaged and hostile files (no server needed)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import trustme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.headoffice.certificates import issue_client_certificate
from counter_app.sync.enrolment_file import (
    MAX_FILE_BYTES,
    EnrolmentFile,
    EnrolmentFileError,
    PassphraseRefused,
    check_passphrase,
    parse_enrolment,
)
from counter_app.sync.protocol import TerminalId

TERMINAL = TerminalId("BR01", 2)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def good_file(ca: trustme.CA, role: str = TERMINAL.role, signer: trustme.CA | None = None) -> dict:
    signer = signer or ca
    credentials = issue_client_certificate(
        signer.cert_pem.bytes(), signer.private_key_pem.bytes(), role, "pass-phrase-123"
    )
    return json.loads(
        EnrolmentFile(
            TERMINAL,
            "hq.example.coop",
            5432,
            "hq",
            ca.cert_pem.bytes().decode(),
            credentials.certificate_pem.decode(),
            credentials.encrypted_key_pem.decode(),
            "2026-12-02T15:00:00Z",
            dt.datetime.now(dt.UTC),
        ).to_json()
    )


def test_a_good_file_reads_back_and_its_passphrase_opens_the_key(ca):
    enrolment = parse_enrolment(json.dumps(good_file(ca)).encode())
    assert (enrolment.terminal, enrolment.host, enrolment.port) == (
        TERMINAL,
        "hq.example.coop",
        5432,
    )
    assert enrolment.certificate_not_after > dt.datetime.now(dt.UTC) + dt.timedelta(days=700)
    check_passphrase(enrolment, "pass-phrase-123")
    with pytest.raises(PassphraseRefused) as refused:
        check_passphrase(enrolment, "pass-phrase-124")
    assert "パスフレーズが正しくありません" in refused.value.message


def test_a_certificate_of_another_terminal_is_refused(ca):
    data = good_file(ca, role=TerminalId("BR01", 3).role)
    with pytest.raises(EnrolmentFileError) as refused:
        parse_enrolment(json.dumps(data).encode())
    assert "この端末のものではありません" in refused.value.message


def test_a_certificate_not_signed_by_head_office_is_refused(ca):
    data = good_file(ca, signer=trustme.CA())
    with pytest.raises(EnrolmentFileError) as refused:
        parse_enrolment(json.dumps(data).encode())
    assert "認証局" in refused.value.message


def test_a_key_in_clear_is_refused(ca):
    data = good_file(ca)
    data["client_key"] = ca.private_key_pem.bytes().decode()  # BEGIN EC PRIVATE KEY: not encrypted
    with pytest.raises(EnrolmentFileError):
        parse_enrolment(json.dumps(data).encode())


def test_a_huge_file_is_refused_before_it_is_parsed():
    with pytest.raises(EnrolmentFileError) as refused:
        parse_enrolment(b"{" + b" " * MAX_FILE_BYTES + b"}")
    assert "大きすぎます" in refused.value.message


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(raw=st.binary(max_size=300) | _json.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_are_refused_with_a_japanese_sentence(raw):
    with pytest.raises(EnrolmentFileError) as refused:
        parse_enrolment(raw)
    assert refused.value.message.startswith("登録ファイルを読み込めません")


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_field_damaged_is_refused_with_a_japanese_sentence(ca, data):
    good = good_file_cached(ca)
    key = data.draw(st.sampled_from(sorted(good)))
    value = data.draw(
        _json
        | st.just("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        | st.sampled_from("xé0").map(lambda c: c * 20_000)
    )
    if value == good[key] or still_valid(key, value):
        return  # not damaged: another well-formed value
    damaged = {**good, key: value}
    with pytest.raises(EnrolmentFileError):
        parse_enrolment(json.dumps(damaged).encode())


def still_valid(key: str, value: object) -> bool:
    if key == "issued_at":
        return isinstance(value, str)  # informative text
    if key == "host":
        return isinstance(value, str) and bool(
            re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", value)
        )
    if key == "dbname":
        return isinstance(value, str) and bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", value))
    if key == "port":
        return type(value) is int and 1 <= value <= 65535
    return False


_cache: dict[int, dict] = {}


def good_file_cached(ca: trustme.CA) -> dict:
    return _cache.setdefault(id(ca), good_file(ca))
