"""Encrypted online backups and their restore, one concern per module.

A backup is a page-for-page copy of the live database made with SQLite's online backup API
while the counter keeps working (a consistent snapshot under WAL). The copy is keyed with the
same SQLCipher key, so it is exactly as unreadable as the database: without the key from the
OS keyring it is noise. Next to each ``counter-YYYYMMDD-HHMMSS-<reason>.db`` lies a manifest
(``.json``, no personal data, authenticated with a MAC keyed from the database key) with the
file's SHA-256, the row count of every table, the seq and hash of the newest audit row — the
anchor that ``audit verify`` checks later — and the installation id of the database.

- :mod:`.take` — making a backup: :func:`~.take.take_backup` on demand (``counter-app
  backup``) and after a day is closed (:func:`~.take.backup_after_day_close`).
- :mod:`.manifest` — the manifest next to each backup: written, read, authenticated.
- :mod:`.verify` — what a backup file holds and whether it matches its manifest
  (:func:`~.verify.verify_backup`, :func:`~.verify.inspect_backup_file`).
- :mod:`.folder` — the backup folder: where it is, listing it in the order taken, keeping
  the newest ``[backup] keep`` (security.toml), the anchors of its manifests.
- :mod:`.restore` — putting a backup in place of the database and proving it matches
  (:func:`~.restore.restore_backup`), refusing another installation's backup.
- :mod:`.files` — what the others share: a keyed connection to a file, SHA-256, fsync, the
  database key, the Japanese error for a failed file operation.

The modules import each other one way: ``take`` and ``restore`` use the others, ``folder``
and ``verify`` use ``files`` and ``manifest``, and those two use none of them.

Failures (disk full, read-only folder, locked database, wrong key) leave the live database as
it was and raise :class:`~counter_app.errors.StorageError` subclasses with Japanese messages;
a half-written backup file is removed.
"""
