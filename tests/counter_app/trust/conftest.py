"""Fixtures for the trust tests: an initialised encrypted database in tmp (keyring in memory)
with one actor per role, and helpers to register synthetic intakes."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest

from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.security.roles import Actor
from counter_app.services.branch import initialise
from counter_app.services.clock import JST
from counter_app.services.database import open_database
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_branch,
)
from counter_app.services.sign_in import sign_in
from counter_app.services.staff_accounts import add_staff
from counter_app.store.engine import Database

#: A fixed moment: Monday 2025-06-02 10:00 in Japan.
NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=JST)


@dataclass
class Counter:
    db: Database
    admin: Actor
    staff: Actor
    supervisor: Actor


def make_counter(folder, *, key: bytes | None = None) -> Counter:
    db = open_database(folder, key=key)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=NOW)
        add_staff(uow, admin, SAMPLE_STAFF, at=NOW)
        add_staff(uow, admin, SAMPLE_SUPERVISOR, at=NOW)
        uow.commit()
    staff = sign_in(db, SAMPLE_STAFF.username, SAMPLE_STAFF.password, at=NOW)
    supervisor = sign_in(db, SAMPLE_SUPERVISOR.username, SAMPLE_SUPERVISOR.password, at=NOW)
    return Counter(db, admin, staff, supervisor)


#: The key of the template database (tests put it into their in-memory keyring).
TEMPLATE_KEY = bytes(range(32))


@pytest.fixture(scope="session")
def counter_template(tmp_path_factory):
    """One initialised database (argon2 hashing is slow), copied for every test."""
    folder = tmp_path_factory.mktemp("template") / "data"
    made = make_counter(folder, key=TEMPLATE_KEY)
    made.db.close()
    return folder, made


def installation_of(folder: Path, key: bytes = TEMPLATE_KEY) -> str | None:
    """The installation id of the database in ``folder`` (read with ``key``)."""
    import sqlcipher3

    from counter_app.store.installation import installation_id_of
    from counter_app.store.sqlite.cipher import key_pragma

    conn = sqlcipher3.connect(str(folder / "counter.db"))
    try:
        conn.execute(key_pragma(key))
        return installation_id_of(conn)
    finally:
        conn.close()


def copy_counter(template, folder: Path) -> Counter:
    """A fresh copy of the template database in ``folder``, opened through the keyring.

    Every copy of the template carries the template's installation id: the copy starts as if
    that installation had never been opened here (no rollback anchor left in the keyring by
    another copy, e.g. a module-scoped one).
    """
    source, made = template
    shutil.copytree(source, folder)
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    forget_anchor(folder)
    return Counter(open_database(folder), made.admin, made.staff, made.supervisor)


def forget_anchor(folder: Path) -> None:
    """Remove the rollback anchor of the installation in ``folder`` from the keyring (a copy
    of a template starts as if that installation had never been opened)."""
    from counter_app.security.anchor import anchor_entry

    ident = installation_of(folder)
    if ident and keyring.get_password(KEYRING_SERVICE, anchor_entry(ident)) is not None:
        keyring.delete_password(KEYRING_SERVICE, anchor_entry(ident))


@pytest.fixture
def counter(tmp_path, counter_template):
    made = copy_counter(counter_template, tmp_path / "data")
    yield made
    made.db.close()


def register(counter: Counter, intake, actor: Actor | None = None):
    from counter_app.services.intake import register_intake

    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, actor or counter.staff, intake)
        uow.commit()
    return result
