"""The database handle for the UI and the CLI (which must not import counter_app.store).

    db = open_counter_database(args.data_dir)            # keyring key, must exist
    db = open_counter_database(folder, create=True)      # first run
    with db.unit_of_work() as uow: ...; uow.commit()

:func:`open_database` is where the store meets the security layer: the store's
:func:`counter_app.store.engine.open_database` is given the key source (the OS keyring,
:func:`counter_app.security.keys.load_key`, which makes the key on first run) and the rollback
anchor check (:func:`counter_app.security.anchor.load_anchor_state`). Re-exports
:class:`Database`, the storage errors and the data-folder rule (``--data-dir`` >
``COUNTER_APP_HOME`` > the user data folder).
"""

from __future__ import annotations

from pathlib import Path

from counter_app.errors import DiskFull
from counter_app.paths import data_dir
from counter_app.security.anchor import load_anchor_state
from counter_app.security.keys import load_key
from counter_app.store import engine as store_engine
from counter_app.store.engine import Database, KeySource
from counter_app.store.errors import (
    AlreadyInitialised,
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseLocked,
    DatabaseTooNew,
    KeyMissing,
    KeyringUnavailable,
    NotInitialised,
    ReadOnlyStorage,
    WrongKey,
)
from counter_app.store.location import database_path
from counter_app.store.sqlite.cipher import new_key
from counter_app.store.sqlite.engine import BUSY_TIMEOUT_MS
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


def open_database(
    folder: Path | str,
    *,
    key: bytes | None = None,
    keyring_required: bool = True,
    create: bool = True,
    must_be_new: bool = False,
    training: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    anchored: bool | None = None,
) -> Database:
    """Open (and migrate) the database in ``folder``, keyed and anchored as an installation.

    ``key``: use this key instead of the keyring (training / tests). With ``key=None`` the
    key comes from the OS keyring (made and kept there on first run; no usable keyring ->
    KeyringUnavailable), unless ``keyring_required=False``, in which case a throwaway random
    key is made (a database nobody can reopen: training mode).
    ``create=False``: refuse if the database does not exist yet (every command but init).
    ``must_be_new=True``: refuse if it already exists (init).
    ``busy_timeout_ms``: how long a write waits for another process's lock.
    ``anchored``: check and advance the rollback anchor in the OS keyring; by default only
    when the key came from the keyring (training and a key passed in are not anchored).
    """
    if anchored is None:
        anchored = key is None and keyring_required and not training
    source: bytes | KeySource
    if key is not None:
        source = key
    elif keyring_required:
        source = load_key
    else:
        source = new_key()
    return store_engine.open_database(
        folder,
        key=source,
        create=create,
        must_be_new=must_be_new,
        training=training,
        busy_timeout_ms=busy_timeout_ms,
        anchor=load_anchor_state if anchored else None,
    )


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
    from counter_app.sync.pull import install_kept_bundles

    install_kept_bundles(database)  # head office's config bundles, in force by their date
    return database
