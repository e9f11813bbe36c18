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

Seam for head-office bundles (issue 12): a bundle is a dated, versioned set of these same
files. :func:`rules_in_force` will pick the bundle in force on ``on`` and a sibling
``rules_of_bundle(version)`` will return the rules of one bundle version, both building a
:class:`RuleSet` with :func:`_load_rule_set` from the bundle's folder and setting
:attr:`RuleSet.bundle_version`. Nothing else changes for the callers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

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

__all__ = ["RuleSet", "rules_in_force"]


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
    #: The head-office bundle the rules came from; None: the local config folder (until
    #: issue 12 brings bundles).
    bundle_version: str | None = None


def rules_in_force(on: dt.date, *, folder: Path | None = None) -> RuleSet:
    """The rules in force on ``on``: those of ``folder`` if given (tests, tools), else of the
    head-office override folder, else the bundled config (file by file, as
    :func:`counter_app.config.loader.find_config` finds them).

    ``on`` does not choose among folders yet (there is one); it is the date a bundle will be
    chosen by (see the module's docstring). Raises ConfigError (Japanese, naming the file and
    the key) when a file is missing or wrong.
    """
    del on  # one folder today: every date has the same rule set (bundles: issue 12)
    return _load_rule_set(folder)


def _load_rule_set(folder: Path | None) -> RuleSet:
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
    )
