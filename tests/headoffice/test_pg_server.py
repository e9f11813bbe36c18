"""Without PostgreSQL the head-office tests are skipped with a reason that says what to do."""

from __future__ import annotations

import pytest

from tests import pg_server


def test_no_postgresql_installed_is_a_clear_reason(monkeypatch):
    monkeypatch.setattr(pg_server.shutil, "which", lambda name: None)
    monkeypatch.setattr(pg_server.glob, "glob", lambda pattern: [])
    with pytest.raises(pg_server.PostgresMissing, match="apt-get install postgresql"):
        pg_server.server_bindir()


def test_the_shared_server_is_reachable_only_over_tls(hq_server):
    import psycopg

    plain = hq_server.admin_dsn.replace("sslmode=verify-full", "sslmode=disable")
    with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf|rejected"):
        psycopg.connect(plain)
