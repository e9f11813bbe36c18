"""``counter-app hq migrate``: bring head office's PostgreSQL schema to the newest revision.

The revisions live in ``counter_app/headoffice/migrations`` (their own Alembic environment,
separate from the terminal's SQLite one). The DSN is libpq's (``host=… dbname=hq
user=hq_admin sslmode=verify-full sslrootcert=…``); the password comes from ``PGPASSWORD``
or ``~/.pgpass`` as libpq reads them, never from the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: the CLI starts without SQLAlchemy and Alembic
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The PostgreSQL this schema needs (row filters of logical replication, MERGE, ...).
MINIMUM_SERVER_VERSION = 150000


def _engine(dsn: str) -> Engine:
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(
        "postgresql+psycopg://", creator=lambda: psycopg.connect(dsn), poolclass=NullPool
    )


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(dsn: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = _engine(dsn)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def migrate(dsn: str, revision: str = "head") -> str:
    """Upgrade head office's database to ``revision``; returns the revision it is at."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    from counter_app.headoffice.errors import ServerTooOld

    engine = _engine(dsn)
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None  # an open connection has its driver connection
            version = raw.info.server_version
            if version < MINIMUM_SERVER_VERSION:
                raise ServerTooOld(version)
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
            return MigrationContext.configure(connection).get_current_revision() or ""
    finally:
        engine.dispose()
