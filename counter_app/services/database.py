"""The database handle for the UI and the CLI (which must not import counter_app.store).

    db = open_counter_database(args.data_dir)            # keyring key, must exist
    db = open_counter_database(folder, create=True)      # first run
    with db.unit_of_work() as uow: ...; uow.commit()

Re-exports :class:`Database`, :func:`open_database` and the data-folder rule
(``--data-dir`` > ``COUNTER_APP_HOME`` > the user data folder).
"""

from __future__ import annotations

from pathlib import Path

from counter_app.store.engine import Database, open_database
from counter_app.store.errors import (
    AlreadyInitialised,
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseLocked,
    DatabaseTooNew,
    DiskFull,
    KeyMissing,
    KeyringUnavailable,
    NotInitialised,
    ReadOnlyStorage,
    WrongKey,
)
from counter_app.store.location import data_dir, database_path
from counter_app.store.uow import UnitOfWork

__all__ = [
    "AlreadyInitialised",
    "Database",
    "DatabaseDamaged",
    "DatabaseEmpty",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DiskFull",
    "KeyMissing",
    "KeyringUnavailable",
    "NotInitialised",
    "ReadOnlyStorage",
    "UnitOfWork",
    "WrongKey",
    "data_dir",
    "database_exists",
    "open_counter_database",
    "open_database",
]


def data_folder(folder: str | Path | None = None) -> Path:
    """The data folder: ``folder`` if given, else $COUNTER_APP_HOME, else the user's."""
    return data_dir(folder)


def database_exists(folder: str | Path | None = None) -> bool:
    """Whether the data folder already holds a database (first run: it does not)."""
    return database_path(data_dir(folder)).exists()


def open_counter_database(
    folder: str | Path | None = None,
    *,
    create: bool = False,
    must_be_new: bool = False,
    key: bytes | None = None,
    keyring_required: bool = True,
    training: bool = False,
) -> Database:
    """Open the database of the data folder (``folder`` > COUNTER_APP_HOME > user folder).

    A damaged, empty or unreadable database is refused untouched, with the newest backup that
    checks out named in the message (:mod:`counter_app.services.damage_advice`).
    """
    resolved = data_dir(folder)
    try:
        database = open_database(
            resolved,
            create=create or must_be_new,
            must_be_new=must_be_new,
            key=key,
            keyring_required=keyring_required,
            training=training,
        )
    except (DatabaseDamaged, DatabaseEmpty, WrongKey) as exc:
        from counter_app.services.damage_advice import advise

        raise advise(exc, resolved) from exc
    from counter_app.sync.outbox import catch_up

    catch_up(database)  # rows marked by migration 0014: at start-up, not in the next intake
    return database
