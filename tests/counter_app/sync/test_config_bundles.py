"""Head-office config bundles in force on the terminal (issue 12 §3, the down path).

Real SQLCipher files and the real services: a bundle pulled from head office (the in-process
head office of fake_hq.py) applies from its date; what an intake stored (its receipt, its
deadlines, the fee a later settlement is computed with) names the bundle version it used, so a
reprint or a settlement gives the figures of the version in force at the time, never those of a
later bundle — even one dated in the past. A damaged bundle is refused in Japanese and changes
nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from counter_app import paths
from counter_app.config.fees import clear_cache
from counter_app.domain.requests import RequestType
from counter_app.services.clock import JST
from counter_app.services.database import open_counter_database
from counter_app.services.intake import register_intake
from counter_app.services.printing import receipt_data
from counter_app.services.rules import rules_in_force
from counter_app.services.samples import sample_self_intake, sample_undecided_intake
from counter_app.services.settlement import preview_settlement
from counter_app.store.models import Request
from counter_app.sync.protocol import PulledItem, SyncError, TerminalId
from counter_app.sync.pull import pull
from counter_app.sync.state import sync_status

from ..services.conftest import NOW, TEST_KEY, TODAY
from .fake_hq import FakeHeadOffice

TERMINAL = TerminalId("BR01", 1)
SHIPPED_FEES = (paths.bundled_config_dir() / "fees.toml").read_text(encoding="utf-8")
#: the shipped handling fee of a disclosure, and the one head office's bundle brings
OLD_FEE, NEW_FEE = 1000, 1600
OLD_PAGE, NEW_PAGE = 10, 30


def new_fees() -> str:
    """fees.toml with a higher disclosure fee and copy fee in its (only) schedule."""
    fees = SHIPPED_FEES.replace(
        "handling_fee = { purpose_notice = 500, disclosure = 1000, record_disclosure = 1000 }",
        "handling_fee = { purpose_notice = 500, disclosure = 1600, record_disclosure = 1600 }",
    ).replace("copy_fee_per_page = 10\n", "copy_fee_per_page = 30\n", 1)
    assert fees.count("1600") == 2 and "copy_fee_per_page = 30" in fees
    return fees


def bundle(mark: int, effective_from: object, files: dict[str, str] | None = None) -> PulledItem:
    payload: dict[str, object] = {"files": files or {"fees.toml": new_fees()}}
    if effective_from is not None:
        payload["effective_from"] = effective_from
    return PulledItem(mark, "config_bundle", f"cfg-{mark}", 1, payload)


def pull_items(db, *items: PulledItem) -> None:
    hq = FakeHeadOffice(TERMINAL)
    hq.items = list(items)
    pull(db, hq)


def take(db, actor, intake, now: dt.datetime):
    with db.unit_of_work() as uow:
        result = register_intake(uow, actor, intake, now=now)
        uow.commit()
    return result


def receipt_figures(db, number: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    with db.unit_of_work(read_only=True) as uow:
        data = receipt_data(uow, number)
    return data.total, tuple((line.label, line.amount) for line in data.lines)


def rules_version_of(db, number: str) -> str | None:
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        return uow.session.scalar(select(Request.rules_version).where(Request.number == number))


def handling_fee(db, number: str) -> int:
    _total, lines = receipt_figures(db, number)
    return dict(lines)[next(label for label, _ in lines if "手数料" in label)]


def copy_fee(figures) -> int:
    return sum(line.amount for line in figures.actual.lines if line.code == "copy")


LATER = dt.datetime(2025, 7, 1, 10, 0, tzinfo=JST)  # the bundle's date


def test_a_bundle_applies_from_its_date_and_never_changes_an_old_receipt(counter):
    before = take(counter.db, counter.staff, sample_self_intake(TODAY), NOW)
    printed = receipt_figures(counter.db, before.receipt_number)
    assert handling_fee(counter.db, before.receipt_number) == OLD_FEE

    pull_items(counter.db, bundle(1, LATER.date().isoformat()))

    # before its date the shipped rules are still in force; from its date, the bundle's
    assert rules_in_force(TODAY).bundle_version is None
    in_force = rules_in_force(LATER.date())
    assert in_force.bundle_version == "cfg-1/v1"
    assert (
        in_force.fee_schedules.in_force(LATER.date()).handling_fees[RequestType.DISCLOSURE]
        == NEW_FEE
    )
    # the old receipt reprints with the amounts it was issued with
    assert receipt_figures(counter.db, before.receipt_number) == printed
    assert rules_version_of(counter.db, before.request_number) is None
    # an intake on the bundle's date is charged the new fee and names the bundle
    after = take(counter.db, counter.staff, sample_self_intake(LATER.date()), LATER)
    assert handling_fee(counter.db, after.receipt_number) == NEW_FEE
    assert rules_version_of(counter.db, after.request_number) == "cfg-1/v1"
    assert receipt_figures(counter.db, before.receipt_number) == printed
    # head office is told which bundle each request was taken under
    with counter.db.engine.connect() as conn:
        sent = [
            json.loads(payload)
            for (payload,) in conn.execute(
                text("SELECT payload FROM sync_outbox WHERE aggregate = 'request'")
            )
        ]
    versions = {p["number"]: p["rules_version"] for p in sent}
    assert versions[after.request_number] == "cfg-1/v1"
    assert versions[before.request_number] is None


def test_a_bundle_dated_in_the_past_cannot_change_what_was_issued(counter):
    """An undecided intake's settlement is computed later: with the rules the intake used,
    not with a bundle that arrived afterwards dated before the request."""
    pending = take(counter.db, counter.staff, sample_undecided_intake(TODAY), NOW)
    with counter.db.unit_of_work(read_only=True) as uow:
        first = preview_settlement(uow, counter.staff, pending.request_number, 12).figures
    printed = receipt_figures(counter.db, pending.receipt_number)

    pull_items(counter.db, bundle(1, "2024-04-01"))  # in force since before the request

    assert rules_in_force(TODAY).bundle_version == "cfg-1/v1"
    with counter.db.unit_of_work(read_only=True) as uow:
        again = preview_settlement(uow, counter.staff, pending.request_number, 12).figures
    assert again == first
    assert copy_fee(first) == 12 * OLD_PAGE
    assert receipt_figures(counter.db, pending.receipt_number) == printed
    # the same day, a new intake is charged the bundle's fee
    later = take(counter.db, counter.staff, sample_self_intake(TODAY), NOW)
    assert handling_fee(counter.db, later.receipt_number) == NEW_FEE


def test_a_republished_bundle_replaces_the_old_version_for_new_intakes_only(counter):
    pull_items(counter.db, bundle(1, "2024-04-01"))
    old = take(counter.db, counter.staff, sample_undecided_intake(TODAY), NOW)
    cheaper = new_fees().replace("copy_fee_per_page = 30\n", "copy_fee_per_page = 20\n", 1)
    republished = PulledItem(
        2,
        "config_bundle",
        "cfg-1",
        2,
        {"effective_from": "2024-04-01", "files": {"fees.toml": cheaper}},
    )
    pull_items(counter.db, bundle(1, "2024-04-01"), republished)
    assert rules_in_force(TODAY).bundle_version == "cfg-1/v2"
    with counter.db.unit_of_work(read_only=True) as uow:
        figures = preview_settlement(uow, counter.staff, old.request_number, 10).figures
    assert copy_fee(figures) == 10 * NEW_PAGE  # still v1's copy fee (v2: 20 a page)


def test_the_bundles_are_in_force_again_when_the_database_is_reopened(counter):
    pull_items(counter.db, bundle(1, "2024-04-01"))
    folder = counter.db.folder
    from counter_app.config import bundles

    bundles.clear()
    assert rules_in_force(TODAY).bundle_version is None
    db = open_counter_database(folder, key=TEST_KEY)
    try:
        assert rules_in_force(TODAY).bundle_version == "cfg-1/v1"
        files = sorted(p.name for p in bundles.installed()[0].folder.iterdir())
        assert "fees.toml" in files and "postage.toml" in files  # the terminal's own for the rest
    finally:
        db.close()


# -- damaged bundles -------------------------------------------------------------------------
_LINES = SHIPPED_FEES.splitlines(keepends=True)
_VALUE_LINES = [i for i, line in enumerate(_LINES) if "=" in line and not line.startswith("#")]

_bad_dates = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=12).filter(lambda s: not _is_iso_date(s)),
    st.dates().map(lambda d: d.strftime("%Y/%m/%d")),
)


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@st.composite
def damaged_fees(draw) -> str:
    """fees.toml with one value line deleted, or its value replaced by junk."""
    index = draw(st.sampled_from(_VALUE_LINES))
    lines = list(_LINES)
    key = lines[index].split("=", 1)[0]
    junk = draw(
        st.sampled_from(['"abc"', "-5", "1.5", "[", "{ disclosure = -1 }", "2024-13-01", ""])
    )
    lines[index] = draw(st.sampled_from(["", f"{key}= {junk}\n"]))
    return "".join(lines)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    damage=st.one_of(
        st.tuples(st.just("date"), _bad_dates),
        st.tuples(st.just("fees"), damaged_fees()),
    )
)
def test_a_damaged_bundle_is_refused_in_japanese_and_changes_nothing(counter, damage):
    """Any damage: either refused (nothing kept, mark unmoved, the rules in force unchanged,
    a Japanese sentence in sync status) or — a deletion the loader fills with a default —
    accepted, and then its rules load."""
    what, value = damage
    with counter.db.engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM hq_config_bundles")).scalar_one()
    mark = sync_status(counter.db).pulled_mark
    in_force = rules_in_force(TODAY)
    if what == "date":
        item = bundle(mark + 1, value, {"fees.toml": new_fees()})
    else:
        item = bundle(mark + 1, "2024-04-01", {"fees.toml": value})
    hq = FakeHeadOffice(TERMINAL)
    hq.items = [item]
    try:
        pull(counter.db, hq)
    except SyncError as refused:
        assert what == "fees" or "適用開始日" in refused.message
        assert refused.message.startswith("本部から届い")
        status = sync_status(counter.db)
        assert status.pulled_mark == mark and status.last_error.startswith("本部から届い")
        with counter.db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM hq_config_bundles")).scalar_one() == kept
        assert rules_in_force(TODAY) == in_force
    else:
        assert what == "fees", "a bundle without a valid date was accepted"
        clear_cache()
        assert rules_in_force(TODAY).bundle_version == f"cfg-{mark + 1}/v1"


def test_a_bundle_without_a_date_is_refused(counter):
    with pytest.raises(SyncError) as caught:
        pull_items(counter.db, bundle(1, None))
    assert "適用開始日 (effective_from)" in caught.value.message
    assert "これまでの設定のまま" in caught.value.hint
    assert "適用開始日" in sync_status(counter.db).last_error


def test_counter_app_quote_uses_the_bundle_in_force_without_opening_the_database(counter, capsys):
    """``counter-app quote`` needs no key: it finds the bundles through their manifest."""
    from counter_app.cli import main
    from counter_app.config import bundles

    pull_items(counter.db, bundle(1, LATER.date().isoformat()))
    bundles.clear()  # a new process: nothing installed

    def handling(on: dt.date) -> int:
        argv = ["--data-dir", str(counter.db.folder), "quote", "--type", "disclosure"]
        argv += ["--pages", "1", "--method", "paper", "--delivery", "counter"]
        assert main([*argv, "--on", on.isoformat(), "--json"]) == 0
        lines = json.loads(capsys.readouterr().out)["quote"]["lines"]
        return next(line["amount"] for line in lines if line["code"] == "handling:disclosure")

    assert handling(TODAY) == OLD_FEE
    assert handling(LATER.date()) == NEW_FEE
