"""``counter-app hq migrate``: bring head office's PostgreSQL schema to the newest revision.

The revisions live in ``counter_app/headoffice/migrations`` (their own Alembic environment,
separate from the terminal's SQLite one). The DSN is libpq's (``host=… dbname=hq
user=hq_admin sslmode=verify-full sslrootcert=…``); the password comes from ``PGPASSWORD``
or ``~/.pgpass`` as libpq reads them, never from the command line.
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The PostgreSQL this schema needs (row filters of logical replication, MERGE, ...).
MINIMUM_SERVER_VERSION = 150000


def _engine(dsn: str):  # -> sqlalchemy.Engine
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(
        "postgresql+psycopg://", creator=lambda: psycopg.connect(dsn), poolclass=NullPool
    )


def alembic_config(connection=None):  # -> alembic.config.Config
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
            version = connection.connection.dbapi_connection.info.server_version  # type: ignore[union-attr]
            if version < MINIMUM_SERVER_VERSION:
                raise ServerTooOld(version)
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
            return MigrationContext.configure(connection).get_current_revision() or ""
    finally:
        engine.dispose()
