"""Fixtures for service tests: an initialised encrypted database in tmp, and one actor per
role (管理者 from initialisation, 窓口担当 and 責任者 added by the admin)."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass

import pytest

from counter_app import paths
from counter_app.config.fees import clear_cache
from counter_app.security.roles import Actor
from counter_app.services.branch import initialise
from counter_app.services.clock import JST
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_branch,
)
from counter_app.services.sign_in import sign_in
from counter_app.services.staff_accounts import add_staff
from counter_app.store.engine import open_database

#: A fixed moment for tests: Monday 2025-06-02 10:00 in Japan.
NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=JST)
TODAY = NOW.date()


@dataclass
class Counter:
    db: object
    admin: Actor
    staff: Actor
    supervisor: Actor


#: Tests open the copied template with this key (argon2 hashing is slow: set up once).
TEST_KEY = bytes(range(32))


@pytest.fixture(scope="session")
def counter_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    db = open_database(folder, key=TEST_KEY)
    with db.unit_of_work() as uow:
        admin = initialise(uow, sample_branch(), SAMPLE_ADMIN, at=NOW)
        add_staff(uow, admin, SAMPLE_STAFF, at=NOW)
        add_staff(uow, admin, SAMPLE_SUPERVISOR, at=NOW)
        uow.commit()
    staff = sign_in(db, SAMPLE_STAFF.username, SAMPLE_STAFF.password, at=NOW)
    supervisor = sign_in(db, SAMPLE_SUPERVISOR.username, SAMPLE_SUPERVISOR.password, at=NOW)
    db.close()
    return folder, (admin, staff, supervisor)


@pytest.fixture
def counter(tmp_path, counter_template):
    """A fresh copy of the initialised database (8 audit rows: setup, and two sign-ins of
    two rows each: the attempt and the login)."""
    folder, actors = counter_template
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    db = open_database(target, key=TEST_KEY)
    yield Counter(db, *actors)
    db.close()


@pytest.fixture
def fees_dir(tmp_path, monkeypatch):
    """A head-office fees.toml (the bundled one, edited by the test) in force."""
    folder = tmp_path / "head-office"
    folder.mkdir()
    shutil.copy(paths.bundled_config_dir() / "fees.toml", folder / "fees.toml")
    monkeypatch.setenv(paths.CONFIG_OVERRIDE_ENV, str(folder))
    clear_cache()

    def edit(old: str, new: str) -> None:
        path = folder / "fees.toml"
        body = path.read_text(encoding="utf-8")
        assert old in body
        path.write_text(body.replace(old, new, 1), encoding="utf-8")
        clear_cache()

    yield edit
    clear_cache()
