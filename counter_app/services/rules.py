"""The rules in force: which fee schedule, postage table, calendar, deadline rules, document
catalogue, proxy rules and offered disclosure methods apply to something that happens on a
given day.

The domain never loads a rule: every domain function takes the rules it applies as arguments.
This module is the one place that decides *which* rules those are, and every caller (services,
commands, forms, the ui through the services layer) asks it::

    rules = rules_in_force(on)
    quote = quote_fee(questions, on, schedule=rules.fee_schedules, postage_rules=rules.postage)

Today the rules come from the config folder (the head-office override folder, else the bundled
``resources/config``); each file is read and validated by :mod:`counter_app.config`, cached per
path and modification time, so repeated calls cost a few ``stat`` calls and an edited override
is picked up. The dated versions *inside* the files (fee schedules, postage tables, the age of
majority) are chosen by the domain from the date it is given.

Head-office bundles (issue 12): a bundle is a dated, versioned set of these same files that
``sync pull`` validated and kept (:mod:`counter_app.config.bundles`). :func:`rules_in_force`
gives the rules of the newest bundle whose date has come on ``on`` (else the local files), with
:attr:`RuleSet.bundle_version` set; an intake stores that version on its request, and whatever
is later computed for that request (its settlement, its postage, its deadlines) asks
:func:`rules_of_version` for the same rules, so a bundle that arrives later — even one dated in
the past — never changes what was issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter_app.config.bundles import bundle_folder, bundle_in_force
from counter_app.config.disclosure import offered_disclosure_methods
from counter_app.config.documents import document_catalogue, proxy_rules
from counter_app.config.fees import (
    load_business_calendar,
    load_deadline_rules,
    load_fee_schedules,
    load_postage_rules,
    load_repeat_window_days,
)
from counter_app.domain.calendar import BusinessCalendar
from counter_app.domain.deadlines import DeadlineRules
from counter_app.domain.documents import DocumentCatalogue
from counter_app.domain.fees import FeeSchedules
from counter_app.domain.postage import PostageRules
from counter_app.domain.proxy_rules import ProxyRules
from counter_app.domain.requests import DisclosureMethod

__all__ = ["RuleSet", "rules_in_force", "rules_of_version"]


@dataclass(frozen=True)
class RuleSet:
    """Every rule the counter applies, as values (frozen, built by :mod:`counter_app.config`)."""

    fee_schedules: FeeSchedules  # every dated version; the domain picks the one in force
    postage: PostageRules  # the dated Japan Post tables and the weight model
    calendar: BusinessCalendar  # business days, for reminders (never for legal dates)
    deadline_rules: DeadlineRules
    documents: DocumentCatalogue  # identity documents accepted at the counter
    proxy_rules: ProxyRules
    #: The disclosure methods this co-op's counters offer, in the order shown (paper always
    #: among them; disclosure.toml ``offered_methods``).
    disclosure_methods: tuple[DisclosureMethod, ...]
    #: Days before a request in which another request of the same person is a 再請求 on the
    #: daily log (calendar.toml ``[daily_log]``).
    repeat_window_days: int
    #: The head-office bundle the rules came from (``"<id>/v<version>"``); None: the local
    #: config folder (shipped files or the head-office override folder).
    bundle_version: str | None = None


def rules_in_force(on: dt.date, *, folder: Path | None = None) -> RuleSet:
    """The rules in force on ``on``: those of ``folder`` if given (tests, tools), else of the
    newest head-office bundle in force on ``on`` (its ``effective_from`` has come), else of the
    head-office override folder, else the bundled config (file by file, as
    :func:`counter_app.config.loader.find_config` finds them).

    Raises ConfigError (Japanese, naming the file and the key) when a file is missing or wrong.
    """
    if folder is not None:
        return _load_rule_set(folder)
    bundle = bundle_in_force(on)
    if bundle is None:
        return _load_rule_set(None)
    return _load_rule_set(bundle.folder, bundle_version=bundle.key)


def rules_of_version(bundle_version: str | None) -> RuleSet:
    """The rules a stored record was made under: the kept bundle ``bundle_version``, or the
    local files for None (a record made before any bundle was in force). ConfigError
    (Japanese) if this terminal does not hold that bundle."""
    if bundle_version is None:
        return _load_rule_set(None)
    return _load_rule_set(bundle_folder(bundle_version), bundle_version=bundle_version)


def _load_rule_set(folder: Path | None, *, bundle_version: str | None = None) -> RuleSet:
    """The rules of one config folder (cached per file by the config loaders)."""
    return RuleSet(
        fee_schedules=load_fee_schedules(folder),
        postage=load_postage_rules(folder),
        calendar=load_business_calendar(folder),
        deadline_rules=load_deadline_rules(folder),
        documents=document_catalogue(folder),
        proxy_rules=proxy_rules(folder),
        disclosure_methods=offered_disclosure_methods(folder),
        repeat_window_days=load_repeat_window_days(folder),
        bundle_version=bundle_version,
    )
