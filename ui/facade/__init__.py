"""The typed facade the views call: the one place where ``ui`` reaches ``counter_app.services``.

One module per screen (see docs/ui.md): :mod:`.session` (first run, login, approval, unlock,
own password), :mod:`.lists` (the main list, the member look-up of the intake),
:mod:`.intake` (registering an intake and its first papers), :mod:`.request_detail` (what the
detail window shows), :mod:`.request_actions` (start, withdraw, extend, decide, reveal),
:mod:`.payments` (receipts and 精算), :mod:`.day_close` (the day's log and its close),
:mod:`.admin` (staff, branch, fee schedule, audit check) and :mod:`.documents` (blank forms,
slips, receipts, saving a PDF).

Every public function takes the :class:`~ui.context.AppContext` and typed values and returns
a typed record (a dataclass of ``ui`` or of the services) or PDF bytes; a test
(``tests/ui/test_facade_types.py``) fails on a missing annotation or an ``Any``. Each call is
one service call in one unit of work, committed when it writes. The rules — roles, verdicts,
masks, deadlines, numbering — are the services' and the domain's; nothing here decides.

Importing any of these modules is cheap: each function imports the service it calls when it
runs (the types in the signatures are imported for the type checker only), so the login
window is shown before the services and the ORM behind them are loaded
(:func:`ui.facade.session.import_services` loads them on a worker thread).
"""
