"""The enrolment file head office gives a terminal (``counter-app hq enrol-terminal -o F``).

Format (JSON, UTF-8, at most 64 KiB)::

    {"format": "counter-app-enrolment", "version": 1,
     "branch": "BR01", "terminal": 2,
     "host": "hq.example.coop", "port": 5432, "dbname": "hq",
     "ca_cert": "-----BEGIN CERTIFICATE-----…",            head office's CA
     "client_cert": "-----BEGIN CERTIFICATE-----…",        CN = the terminal's role
     "client_key": "-----BEGIN ENCRYPTED PRIVATE KEY-----…",  PKCS#8, encrypted
     "issued_at": "2026-12-02T15:00:00Z"}

The passphrase of ``client_key`` is never in the file: head office prints it once for the
person who sets up the terminal, who types it at import; the terminal keeps it in the OS
keyring. :func:`parse_enrolment` checks everything a hostile or damaged file could get wrong
(size, JSON, types, PEM, the certificate's CN, that the CA signed it, that the key is
encrypted) and raises :class:`EnrolmentFileError` with a Japanese sentence;
:func:`check_passphrase` checks that a passphrase opens the key and that the key is the
certificate's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from counter_app.errors import InputError
from counter_app.sync.protocol import TerminalId

FORMAT_NAME = "counter-app-enrolment"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024
_MAX_PEM_CHARS = 16 * 1024
_HOST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
_DBNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class EnrolmentFileError(InputError):
    """The enrolment file cannot be used (damaged, not one, or not for this program)."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"登録ファイルを読み込めません：{reason}",
            hint="本部から受け取ったファイルをそのまま指定してください。"
            "壊れている場合は、本部に登録ファイルの再発行を依頼してください。",
        )


class PassphraseRefused(InputError):
    def __init__(self) -> None:
        super().__init__(
            "パスフレーズが正しくありません。",
            hint="本部から受け取ったパスフレーズを、大文字と小文字を区別して入力してください。",
        )


@dataclass(frozen=True)
class EnrolmentFile:
    terminal: TerminalId
    host: str
    port: int
    dbname: str
    ca_cert_pem: str
    client_cert_pem: str
    client_key_pem: str  # encrypted PKCS#8
    issued_at: str
    certificate_not_after: dt.datetime

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "branch": self.terminal.branch_code,
                "terminal": self.terminal.terminal_no,
                "host": self.host,
                "port": self.port,
                "dbname": self.dbname,
                "ca_cert": self.ca_cert_pem,
                "client_cert": self.client_cert_pem,
                "client_key": self.client_key_pem,
                "issued_at": self.issued_at,
            },
            ensure_ascii=False,
            indent=2,
        )


def _valid_host(text: str) -> bool:
    """A DNS name (at most 253 characters) or an IP address."""
    import ipaddress

    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return bool(_HOST_NAME.fullmatch(text))


def _field(data: dict[str, Any], name: str, kind: type, label: str) -> Any:
    value = data.get(name)
    if kind is int:
        if type(value) is not int:
            raise EnrolmentFileError(f"「{label}」が整数ではありません。")
    elif not isinstance(value, kind):
        raise EnrolmentFileError(f"「{label}」がありません。")
    return value


def _pem(data: dict[str, Any], name: str, label: str, header: str) -> str:
    text = str(_field(data, name, str, label))
    if len(text) > _MAX_PEM_CHARS or f"-----BEGIN {header}-----" not in text:
        raise EnrolmentFileError(f"「{label}」の形式が正しくありません。")
    return text


def parse_enrolment(raw: bytes) -> EnrolmentFile:
    """The enrolment file in ``raw``, checked; :class:`EnrolmentFileError` if anything is off."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.x509.oid import NameOID

    if len(raw) > MAX_FILE_BYTES:
        raise EnrolmentFileError("ファイルが大きすぎます（登録ファイルではありません）。")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EnrolmentFileError("登録ファイルの形式ではありません。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise EnrolmentFileError("登録ファイルの形式ではありません。")
    if data.get("version") != FORMAT_VERSION:
        raise EnrolmentFileError("このプログラムより新しい形式です。プログラムを更新してください。")
    branch = _field(data, "branch", str, "支所コード")
    number = _field(data, "terminal", int, "端末番号")
    try:
        terminal = TerminalId(branch, number)
    except ValueError:
        raise EnrolmentFileError("支所コードまたは端末番号が正しくありません。") from None
    host = _field(data, "host", str, "本部の接続先")
    if not _valid_host(host):
        raise EnrolmentFileError("本部の接続先が正しくありません。")
    port = _field(data, "port", int, "ポート番号")
    if not 1 <= port <= 65535:
        raise EnrolmentFileError("ポート番号が正しくありません。")
    dbname = _field(data, "dbname", str, "データベース名")
    if not _DBNAME.fullmatch(dbname):
        raise EnrolmentFileError("データベース名が正しくありません。")
    issued_at = _field(data, "issued_at", str, "発行日時")[:40]
    ca_pem = _pem(data, "ca_cert", "本部の証明書", "CERTIFICATE")
    cert_pem = _pem(data, "client_cert", "端末の証明書", "CERTIFICATE")
    key_pem = _pem(data, "client_key", "端末の鍵", "ENCRYPTED PRIVATE KEY")
    try:
        ca = x509.load_pem_x509_certificate(ca_pem.encode("ascii"))
        certificate = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise EnrolmentFileError("証明書を読み取れません。") from None
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(names) != 1 or names[0].value != terminal.role:
        raise EnrolmentFileError("証明書がこの端末のものではありません。")
    try:
        certificate.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        raise EnrolmentFileError("証明書が本部の認証局で発行されたものではありません。") from None
    return EnrolmentFile(
        terminal=terminal,
        host=host,
        port=port,
        dbname=dbname,
        ca_cert_pem=ca_pem,
        client_cert_pem=cert_pem,
        client_key_pem=key_pem,
        issued_at=issued_at,
        certificate_not_after=certificate.not_valid_after_utc,
    )


def check_passphrase(enrolment: EnrolmentFile, passphrase: str) -> None:
    """:class:`PassphraseRefused` unless ``passphrase`` opens the key of the certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(
            enrolment.client_key_pem.encode("ascii"), password=passphrase.encode("utf-8")
        )
    except (ValueError, TypeError):
        raise PassphraseRefused() from None
    certificate = x509.load_pem_x509_certificate(enrolment.client_cert_pem.encode("ascii"))
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(
        serialization.Encoding.DER, spki
    ) != certificate.public_key().public_bytes(serialization.Encoding.DER, spki):
        raise EnrolmentFileError("鍵が証明書と対になっていません。")
