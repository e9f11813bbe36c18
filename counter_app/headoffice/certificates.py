"""Head office's certificate authority at work: a client certificate per terminal.

The certificate's CN is the terminal's PostgreSQL role (``term_br01_02``): ``pg_hba.conf``'s
``cert`` method logs a connection in only as the role its certificate names, so a certificate
of one terminal cannot push as another. The private key goes to the terminal encrypted with a
passphrase (PKCS#8, ``BestAvailableEncryption``); libpq opens it with ``sslpassword``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: How long a terminal's certificate is valid: renew (re-enrol) within this time.
CLIENT_CERTIFICATE_DAYS = 825


@dataclass(frozen=True)
class ClientCredentials:
    """A terminal's certificate and its private key encrypted with ``passphrase`` (PEM)."""

    certificate_pem: bytes
    encrypted_key_pem: bytes
    passphrase: str


def new_passphrase() -> str:
    """A passphrase for a terminal's key: 24 characters the person setting it up can type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(6)) for _ in range(4)]
    return "-".join(groups)


def load_ca(
    ca_cert_pem: bytes, ca_key_pem: bytes, ca_key_password: bytes | None = None
) -> tuple[x509.Certificate, CertificateIssuerPrivateKeyTypes]:
    """Head office's CA certificate and key (ValueError if they do not parse or do not match)."""
    certificate = x509.load_pem_x509_certificate(ca_cert_pem)
    key = serialization.load_pem_private_key(ca_key_pem, password=ca_key_password)
    if key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        raise ValueError("the CA key does not belong to the CA certificate")
    return certificate, key  # type: ignore[return-value]


def issue_client_certificate(
    ca_cert_pem: bytes,
    ca_key_pem: bytes,
    role: str,
    passphrase: str,
    *,
    ca_key_password: bytes | None = None,
    not_before: dt.datetime | None = None,
    days: int = CLIENT_CERTIFICATE_DAYS,
) -> ClientCredentials:
    """A client certificate with CN = ``role`` signed by head office's CA, and its new key
    encrypted with ``passphrase``."""
    ca_certificate, ca_key = load_ca(ca_cert_pem, ca_key_pem, ca_key_password)
    key = ec.generate_private_key(ec.SECP256R1())
    start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, role)]))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    encrypted_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    return ClientCredentials(
        certificate.public_bytes(serialization.Encoding.PEM), encrypted_key, passphrase
    )
