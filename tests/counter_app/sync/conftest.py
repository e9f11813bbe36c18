"""Fixtures: the services tests' initialised database."""

import pytest

from counter_app.config import bundles

from ..services.conftest import counter, counter_template  # noqa: F401


@pytest.fixture(autouse=True)
def _no_bundle_left_in_force():
    """A pull or an open puts a database's bundles in force for the process: forget them after
    each test, so the next one starts on the shipped config."""
    yield
    bundles.clear()
