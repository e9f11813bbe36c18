"""Head office's Alembic environment (PostgreSQL 15+), run programmatically only.

:func:`counter_app.headoffice.migrate.migrate` passes a SQLAlchemy connection (psycopg 3) in
``config.attributes["connection"]``. The revisions are raw SQL: the schema ``hq``, its roles,
its row-level security and the ingest/pull functions are PostgreSQL objects SQLAlchemy's
metadata does not describe.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - misuse
    raise RuntimeError("run head office's migrations through counter_app.headoffice.migrate")

context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
