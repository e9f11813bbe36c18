"""Fixtures: head office on a real PostgreSQL (tests/headoffice/conftest.py's, re-used) and
real terminals (tests/sync_e2e/terminals.py).

Imported here, the session fixtures are this directory's own: a run of the whole suite starts
a second throwaway server for these tests (about 2 s), stopped and removed like the first.

- ``new_terminal(branch="E2E1", terminal_no=None)``: a copy of an installation made once per
  branch by ``counter-app init``, enrolled with ``counter-app enrol`` as ``branch-NN`` (a
  terminal number no other test of the session used, unless given).
- :func:`held` (admin connection, terminal): what head office holds of it (seq -> sha256).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from tests.headoffice.conftest import admin, hq_db, hq_server  # noqa: F401 (fixtures)
from tests.sync_e2e.terminals import Terminal, enrol, initialise

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Callable[[str], Terminal]:
    """One installation per branch code, made by ``counter-app init`` once per session."""
    made: dict[str, Terminal] = {}

    def make(branch: str) -> Terminal:
        if branch not in made:
            folder = tmp_path_factory.mktemp(f"installed-{branch}") / "data"
            made[branch] = initialise(folder, branch)
        return made[branch]

    return make


@pytest.fixture
def new_terminal(installed, hq_db, tmp_path) -> Callable[..., Terminal]:  # noqa: F811
    from counter_app.headoffice.enrol import enrol_terminal
    from counter_app.sync.protocol import TerminalId

    def make(
        branch: str = "E2E1", terminal_no: int | None = None, via_port: int | None = None
    ) -> Terminal:
        """``via_port``: head office's address in the enrolment file is this loopback port
        (a proxy the test controls) instead of the server's."""
        number = terminal_no if terminal_no is not None else next(_numbers)
        terminal_id = TerminalId(branch, number)
        terminal = installed(branch).copy_to(tmp_path / terminal_id.text)
        enrolment = enrol_terminal(
            hq_db.admin_dsn,
            terminal_id,
            host=hq_db.host,
            port=via_port or hq_db.port,
            dbname=hq_db.dbname,
            ca_cert_pem=hq_db.ca_cert_pem,
            ca_key_pem=hq_db.ca_key_pem,
        )
        run = enrol(terminal, enrolment, tmp_path)
        assert run.code == 0, run.err
        assert f"端末 {terminal_id.text} として登録しました" in run.out
        return terminal

    return make


def held(admin_connection, terminal: Terminal) -> dict[int, str]:
    """What head office holds of ``terminal``'s changes: seq -> sha256."""
    rows = admin_connection.execute(
        "SELECT seq, sha256 FROM hq.changes WHERE terminal = %s", (terminal.name,)
    ).fetchall()
    return dict(rows)
