"""The installation id: which counter installation a database (and its backups) belongs to.

Every database carries one id in ``installation`` (one row, migration 0011); every backup's
manifest repeats it. ``restore`` refuses a backup whose database holds another id, unless the
administrator chooses the audited migration path (``restore --from-other-installation``).

- A database created by this version gets a random UUID when its schema is made.
- A database made before 0011 gets an id *derived* from the hash of its first audit row
  (:func:`derived_installation_id`): that row (``branch.initialise``, with its own random staff
  id and time) is the same in every backup of that installation and differs between two
  installations, so a backup taken before 0011 — which has no ``installation`` table — can still
  be matched to the database it came from.

The id is not a secret; it names the installation in the manifests, the audit rows and the
keyring entries of the rollback anchor (:mod:`counter_app.security.anchor`).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

#: Domain separation for :func:`derived_installation_id`.
_DERIVATION = b"counter-app installation id\x00"


def new_installation_id() -> str:
    """A fresh random installation id (a UUID, 36 characters)."""
    return str(uuid.uuid4())


def derived_installation_id(first_audit_hash: str) -> str:
    """The id of an installation made before migration 0011, from its first audit row's hash."""
    digest = hashlib.sha256(_DERIVATION + first_audit_hash.encode("ascii")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def installation_id_of(conn: Any) -> str | None:
    """The installation id of an open SQLite/SQLCipher connection (DB-API), or None.

    A database with the ``installation`` table answers from it; an older one (a backup taken
    before migration 0011) from its first audit row; an empty one has none.
    """
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'installation'"
    ).fetchone()
    if has_table:
        row = conn.execute("SELECT installation_id FROM installation WHERE id = 1").fetchone()
        if row is not None:
            return str(row[0])
    first = conn.execute("SELECT hash FROM audit_log WHERE seq = 1").fetchone()
    return derived_installation_id(str(first[0])) if first is not None else None
