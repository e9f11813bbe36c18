"""The rollback anchor's own rules (counter_app/security/anchor.py): it never moves backwards,
keeps every highest number, stays small, and a keyring that fails after a commit neither fails
the commit nor loses the anchor (issue 9, item 10)."""

from __future__ import annotations

import json

import keyring
from hypothesis import given
from hypothesis import strategies as st

from counter_app.security.anchor import AnchorPoint, anchor_entry, newest_years
from counter_app.security.keys import KEYRING_SERVICE
from counter_app.services.database import open_database
from counter_app.services.samples import SAMPLE_ADMIN, sample_branch, sample_self_intake

keys = st.builds(
    lambda series, branch, year: f"{series}:{branch}:{year}",
    st.sampled_from(["request", "receipt", "day_close"]),
    st.sampled_from(["BR01", "BR66"]),
    st.integers(2020, 2030),
)
numbers = st.dictionaries(keys, st.integers(1, 999_999), max_size=12)
points = st.builds(
    AnchorPoint,
    st.integers(0, 10**6),
    st.text("0123456789abcdef", min_size=64, max_size=64),
    numbers,
)


@given(points, points, numbers)
def test_merging_never_goes_back_and_keeps_every_newest_number(a, b, extra):
    merged = a.merged(b, extra)
    assert merged.seq == max(a.seq, b.seq)
    assert (merged.seq, merged.hash) in ((a.seq, a.hash), (b.seq, b.hash))
    everything = newest_years({**a.numbers, **b.numbers, **extra})
    for key in everything:
        highest = max(src.get(key, 0) for src in (a.numbers, b.numbers, extra))
        assert merged.numbers[key] == highest
    assert merged.merged(None, {}) == merged  # idempotent


@given(numbers)
def test_only_the_two_newest_years_are_kept_and_the_entry_stays_small(marks):
    kept = newest_years(marks)
    for key, value in kept.items():
        series, branch, year = key.rsplit(":", 2)
        newest = max(int(k.rsplit(":", 2)[2]) for k in marks if k.startswith(f"{series}:{branch}:"))
        assert int(year) >= newest - 1 and marks[key] == value
    entry = AnchorPoint(10**9, "f" * 64, kept).encode()
    assert len(entry.encode()) < 2_560  # Windows Credential Manager's cap
    assert json.loads(entry)["seq"] == 10**9


class FlakyKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring whose anchor writes fail the first ``failures`` times."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.failures = failures

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        if username.startswith("anchor:") and self.failures > 0:
            self.failures -= 1
            raise keyring.errors.PasswordSetError("the keyring is busy")
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def test_a_keyring_failing_after_the_commit_neither_fails_it_nor_loses_the_anchor(tmp_path):
    from counter_app.services.branch import initialise
    from counter_app.services.intake import register_intake

    backend = FlakyKeyring(failures=2)
    keyring.set_keyring(backend)
    db = open_database(tmp_path / "data", key=bytes(32), anchored=True)
    try:
        with db.unit_of_work() as uow:
            admin = initialise(uow, sample_branch(), SAMPLE_ADMIN)
            result = register_intake(uow, admin, sample_self_intake())
            uow.commit()  # the commit stands although the keyring refuses twice
        assert result.receipt_number
    finally:
        db.close()  # waits for the writer, which tries again
    stored = json.loads(
        backend.get_password(KEYRING_SERVICE, anchor_entry(db.anchor.installation_id))
    )
    assert stored["n"][f"receipt:BR01:{result.receipt_number.split('-')[2]}"] == 1
    assert backend.failures == 0
