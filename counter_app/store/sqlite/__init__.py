"""What only SQLite (with SQLCipher) does; the rest of :mod:`counter_app.store` is portable.

- :mod:`.cipher` — the raw 256-bit key and the ``PRAGMA key`` statement that gives it to
  SQLCipher;
- :mod:`.engine` — the connection: key first, then WAL, ``synchronous=FULL``, foreign keys,
  busy timeout, page cache; ``BEGIN IMMEDIATE`` for a write transaction;
- :mod:`.health` — the file checks before opening (WAL checksums, ``cipher_integrity_check``,
  ``quick_check``), read-only;
- :mod:`.errors` — which SQLite failure is which :class:`~counter_app.errors.StorageError`.

The FTS5 search index and the triggers are part of the schema (migrations 0002-0013); which
parts a PostgreSQL engine would replace, and with what, is in ``docs/store.md``.
"""
