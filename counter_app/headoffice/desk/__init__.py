"""The head-office desk's services (docs/headoffice.md "Desk").

Each function takes a psycopg connection signed in as a desk account (:mod:`.accounts`) and
returns frozen dataclasses; every write goes through a ``hq.desk_*`` SECURITY DEFINER
function, which takes the actor from the connection's login, so the rules (who may approve,
what is recorded on the timeline, which reads of personal data are audited) hold for any
client, not only this program.

- :mod:`.accounts`: desk accounts (本部担当 / 本部責任者 / 管理者) and the sign-in;
- :mod:`.worklist`: the work list (filters, keyset pages by deadline, masked names, reveal);
- :mod:`.board`: the deadline board (thresholds from the business calendar);
- :mod:`.timeline`: assignment, steps and notes;
- :mod:`.decisions`: a decision drafted, approved by a 本部責任者 and published to the branch;
- :mod:`.notice`: the notice letter's data for ``forms.notices``;
- :mod:`.stats` and :mod:`.stats_csv`: the figures per month / fiscal year.
- :mod:`.branch_day`: a branch's business day, each terminal's close and their sum.
"""
