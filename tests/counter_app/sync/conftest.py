"""Fixtures: the services tests' initialised database."""

from ..services.conftest import counter, counter_template  # noqa: F401
