"""Alembic environment: always run programmatically with a connection from the app.

``counter_app.store.migrate`` passes the (already keyed) SQLAlchemy connection in
``config.attributes["connection"]``; there is no offline mode and no alembic.ini.
"""

from __future__ import annotations

from alembic import context

from counter_app.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - misuse
    raise RuntimeError("run migrations through counter_app.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
