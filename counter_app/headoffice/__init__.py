"""Head office: the co-op's PostgreSQL that every branch terminal pushes to and pulls from.

Its schema lives under its own Alembic environment (``migrations/``); the one way a terminal
writes is ``hq.ingest_batch`` and the one way it reads is ``hq.pull_changes`` (docs/sync.md,
docs/headoffice.md). This package imports only :mod:`counter_app.sync.protocol`,
:mod:`counter_app.errors` and the domain, never the terminal's store.
"""
