"""Identity documents record whether the original was seen: ``"original"`` in each document of
``identity_checks.documents`` (domain.md §2: only the original document counts).

From this revision every document an intake stores carries the staff's tick 「原本 (コピーでない)
を確認」 as ``"original": true | false`` (and a document that is not the original no longer
counts towards the verdict). The documents are JSON in the existing column, so no column is
added; this migration fills the key in the rows recorded before it.

Those rows get ``"original": true``: they were recorded under an identity screen that said
「提示された原本を確認し、種類と有効期限を入力して…」 (only originals were to be entered) and an
intake JSON whose documents were described as the originals seen at the counter. A document
that already has the key is left as it is; a check purged by retention (documents ``[]``) has
nothing to fill. The key goes right after ``doc_type``, where the program writes it.

Downgrade: a no-op — nothing before this revision reads the key (only ``doc_type`` is read
back), and removing it would lose the ticks recorded since.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: Identity checks read (and written) per batch: keyset pages by rowid, so memory stays flat.
BATCH = 2000


def with_original(documents: list[Any]) -> list[Any] | None:
    """The documents with ``"original": true`` added where missing; None if none was."""
    changed = False
    out = []
    for document in documents:
        if isinstance(document, dict) and "original" not in document:
            filled: dict[str, Any] = {}
            for key, value in document.items():
                filled[key] = value
                if key == "doc_type":
                    filled["original"] = True
            filled.setdefault("original", True)
            out.append(filled)
            changed = True
        else:
            out.append(document)
    return out if changed else None


def upgrade() -> None:
    conn = op.get_bind()
    update = sa.text("UPDATE identity_checks SET documents = :documents WHERE id = :id")
    after = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT rowid, id, documents FROM identity_checks "
                "WHERE rowid > :after ORDER BY rowid LIMIT :n"
            ),
            {"after": after, "n": BATCH},
        ).all()
        if not rows:
            break
        changes = []
        for _rowid, check_id, text in rows:
            documents = json.loads(text) if text else []
            filled = with_original(documents) if isinstance(documents, list) else None
            if filled is not None:
                changes.append({"id": check_id, "documents": json.dumps(filled)})
        if changes:
            conn.execute(update, changes)
        after = rows[-1][0]


def downgrade() -> None:
    pass  # see the docstring: the key stays
