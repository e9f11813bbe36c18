"""Apply the Alembic migrations programmatically (no alembic.ini needed).

The scripts live in ``counter_app/store/migrations`` (``env.py`` + ``versions/``). Opening a
database upgrades it to head; a database stamped with a revision this program does not know
was written by a newer version and is refused (:class:`DatabaseTooNew`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine

from counter_app.store.errors import DatabaseTooNew

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (refusing one from a newer program)."""
    from alembic import command

    script = script_directory()
    with engine.connect() as conn:
        current = current_revision(conn)
        conn.rollback()
        if current is not None:
            try:
                script.get_revision(current)
            except Exception:
                raise DatabaseTooNew(current) from None
        target = script.get_current_head() if revision == "head" else revision
        if current == target:
            return
        command.upgrade(alembic_config(conn), revision)
        conn.commit()


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")
