"""A registered name is nowhere in the database files' bytes."""

from __future__ import annotations

from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake

from .conftest import NOW, TODAY

SECRETS = ("山田", "花子", "やまだ", "090-1234-5678", "水戸市見本町4-5-6", "1234567")


def files_bytes(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith("counter.db")}


def assert_secret_free(files):
    assert files
    for name, raw in files.items():
        assert not raw.startswith(b"SQLite format 3"), name
        for secret in SECRETS:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be", "shift_jis", "euc_jp"):
                assert secret.encode(encoding) not in raw, (name, secret, encoding)


def test_registered_name_is_not_in_the_file_bytes(counter):
    with counter.db.unit_of_work() as uow:
        register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    # while open: the WAL file holds the fresh pages
    assert_secret_free(files_bytes(counter.db.folder))
    counter.db.close()
    assert_secret_free(files_bytes(counter.db.folder))
