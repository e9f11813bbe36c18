"""A real, throwaway PostgreSQL with TLS for the head-office tests.

:func:`start_server` runs ``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package (as the
``postgres`` user when the tests run as root, since initdb refuses root) in a temporary folder,
on a free loopback port, with ``ssl=on`` and a certificate for ``localhost``/``127.0.0.1``
signed by a throwaway CA (``trustme``). ``pg_hba.conf`` lets in, over TLS only:

- the members of the ``terminal`` group by client certificate (``cert``: CN = role);
- the head-office administrator ``hq_admin`` by password (SCRAM);
- the head-office desk's accounts (members of ``hq_desk``) by password (SCRAM);
- nothing else (plain TCP is rejected).

:meth:`HqServer.stop` stops the server and removes every file; the session fixture in
``tests/headoffice/conftest.py`` calls it at the end, also when a test failed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import trustme

ADMIN_ROLE = "hq_admin"
DATABASE = "hq"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server binaries are not installed on this machine."""


def server_bindir() -> Path:
    """The folder of ``initdb``/``pg_ctl``: ``pg_config --bindir``, else Debian's newest."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
            candidates.append(out)
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise PostgresMissing(
        "PostgreSQL (initdb, pg_ctl) is not installed: apt-get install postgresql "
        "(scripts/install-test-deps.sh does it)"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class HqServer:
    """A running head-office PostgreSQL: where it is and how to get in.

    ``host``/``port``/``dbname``: the database head office's schema is migrated into.
    ``ca_cert``: the CA file a client verifies the server with (``sslrootcert``);
    ``ca_cert_pem``/``ca_key_pem``: the same CA's certificate and key, to issue terminals'
    client certificates (:func:`counter_app.headoffice.certificates.issue_client_certificate`).
    ``admin_dsn``: ``hq_admin`` over TLS with ``sslmode=verify-full``.
    """

    host: str
    port: int
    dbname: str
    admin_password: str = field(repr=False)
    ca_cert: Path
    ca_cert_pem: bytes
    ca_key_pem: bytes = field(repr=False)
    root: Path
    bindir: Path
    run_as: str | None
    socket_dir: Path
    data_dir: Path
    _stopped: bool = field(default=False, repr=False)

    @property
    def admin_dsn(self) -> str:
        return (
            f"host={self.host} port={self.port} dbname={self.dbname} user={ADMIN_ROLE} "
            f"password={self.admin_password} sslmode=verify-full sslrootcert={self.ca_cert} "
            "connect_timeout=5"
        )

    def issue_client_certificate(
        self, role: str, passphrase: str, folder: Path, **options: object
    ) -> tuple[Path, Path]:
        """A client certificate for ``role`` (CN) signed by this server's CA, and its key
        encrypted with ``passphrase``, written to ``folder``; (cert file, key file).
        ``options`` go to :func:`counter_app.headoffice.certificates.issue_client_certificate`
        (``not_before``, ``days``: an expired certificate)."""
        from counter_app.headoffice.certificates import issue_client_certificate

        credentials = issue_client_certificate(
            self.ca_cert_pem,
            self.ca_key_pem,
            role,
            passphrase,
            **options,  # type: ignore[arg-type]
        )
        folder.mkdir(parents=True, exist_ok=True)
        cert_file, key_file = folder / f"{role}.crt", folder / f"{role}.key"
        cert_file.write_bytes(credentials.certificate_pem)
        key_file.write_bytes(credentials.encrypted_key_pem)
        key_file.chmod(0o600)  # libpq refuses a key others can read
        return cert_file, key_file

    def superuser_command(self, sql: str, dbname: str = "postgres") -> str:
        """Runs ``sql`` as the bootstrap superuser over the Unix socket; returns stdout."""
        command = [
            str(self.bindir / "psql"),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-d",
            dbname,
            "-c",
            sql,
        ]
        return _run(command, self.run_as).stdout

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            _run(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                self.run_as,
            )
        shutil.rmtree(self.root, ignore_errors=True)


def _run(command: list[str], run_as: str | None, **kwargs: object) -> subprocess.CompletedProcess:
    if run_as:
        command = ["runuser", "-u", run_as, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=True, **kwargs)


def start_server(*, durable: bool = False) -> HqServer:
    """initdb + TLS + pg_hba + start, a database ``hq`` owned by ``hq_admin``; a few seconds.

    The tests run without fsync (nothing here must survive a power cut); ``durable=True``
    keeps PostgreSQL's defaults (fsync, synchronous_commit) for honest benchmark figures."""
    bindir = server_bindir()
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresMissing("no unprivileged 'postgres' user to run initdb as") from None
        run_as = "postgres"
    root = Path(tempfile.mkdtemp(prefix="hq-pg-"))
    try:
        return _start(bindir, run_as, root, durable)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _start(bindir: Path, run_as: str | None, root: Path, durable: bool) -> HqServer:
    data_dir, socket_dir, tls_dir = root / "data", root / "socket", root / "tls"
    socket_dir.mkdir()
    tls_dir.mkdir()
    ca = trustme.CA(organization_name="counter-app test head office")
    server_cert = ca.issue_cert("localhost", "127.0.0.1")
    (tls_dir / "ca.crt").write_bytes(ca.cert_pem.bytes())
    (tls_dir / "server.crt").write_bytes(
        b"".join(blob.bytes() for blob in server_cert.cert_chain_pems)
    )
    (tls_dir / "server.key").write_bytes(server_cert.private_key_pem.bytes())
    os.chmod(root, 0o755)
    os.chmod(tls_dir / "server.key", 0o600)
    if run_as:
        entry = pwd.getpwnam(run_as)
        for path in (socket_dir, tls_dir, tls_dir / "server.key", tls_dir / "server.crt"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    admin_password = secrets.token_urlsafe(18)
    _run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data_dir),
            "-U",
            "postgres",
            "--no-sync",
            "--auth-local=peer",
            "--auth-host=reject",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        run_as,
    )
    port = free_port()
    (data_dir / "postgresql.auto.conf").write_text(
        "\n".join(
            [
                "listen_addresses = '127.0.0.1'",
                f"port = {port}",
                f"unix_socket_directories = '{socket_dir}'",
                "ssl = on",
                f"ssl_cert_file = '{tls_dir / 'server.crt'}'",
                f"ssl_key_file = '{tls_dir / 'server.key'}'",
                f"ssl_ca_file = '{tls_dir / 'ca.crt'}'",
                "ssl_min_protocol_version = 'TLSv1.2'",
                "password_encryption = 'scram-sha-256'",
                *(
                    []
                    if durable
                    else ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
                ),
                "shared_buffers = '32MB'",
                "max_connections = 60",
                "log_min_messages = warning",
                "log_min_error_statement = panic",
                "track_functions = 'pl'",
                "",
            ]
        )
    )
    (data_dir / "pg_hba.conf").write_text(
        "\n".join(
            [
                "# TYPE    DATABASE USER       ADDRESS       METHOD",
                "local     all      postgres                 peer",
                f"hostssl   {DATABASE}       {ADMIN_ROLE}   127.0.0.1/32  scram-sha-256",
                f"hostssl   {DATABASE}       +terminal  127.0.0.1/32  cert",
                f"hostssl   {DATABASE}       +hq_desk   127.0.0.1/32  scram-sha-256",
                "host      all      all        0.0.0.0/0     reject",
                "",
            ]
        )
    )
    if run_as:
        entry = pwd.getpwnam(run_as)
        for path in (data_dir / "postgresql.auto.conf", data_dir / "pg_hba.conf"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    _run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data_dir),
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "30",
            "start",
        ],
        run_as,
    )
    server = HqServer(
        host="127.0.0.1",
        port=port,
        dbname=DATABASE,
        admin_password=admin_password,
        ca_cert=tls_dir / "ca.crt",
        ca_cert_pem=ca.cert_pem.bytes(),
        ca_key_pem=ca.private_key_pem.bytes(),
        root=root,
        bindir=bindir,
        run_as=run_as,
        socket_dir=socket_dir,
        data_dir=data_dir,
    )
    try:
        server.superuser_command(
            f"CREATE ROLE {ADMIN_ROLE} LOGIN CREATEROLE PASSWORD '{admin_password}'"
        )
        server.superuser_command(f"CREATE DATABASE {DATABASE} OWNER {ADMIN_ROLE}")
        server.superuser_command(f"REVOKE ALL ON DATABASE {DATABASE} FROM PUBLIC")
    except BaseException:
        server.stop()
        raise
    return server
