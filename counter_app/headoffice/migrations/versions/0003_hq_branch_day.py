"""The branch view of a business day: each terminal's close and the branch total.

The daily log and the day close are per terminal (issue 12 §1); head office sums the
terminals of a branch. ``hq.branch_day(branch, day)`` reads the terminals' ``closed_day``
aggregates (their payload's ``counts`` and ``totals``, never the log's lines) and their
``receipt`` aggregates, and returns one row per terminal of the branch and a last row with
the branch total (``terminal`` NULL, ``state`` 'total'):

- ``state`` 'closed' — the close head office holds (close number, time, cash expected /
  counted / difference, the money columns 手数料 / 郵送料 / 受領額 / 内消費税, voids, request
  and receipt counts);
- ``state`` 'missing' — the terminal has not closed that day or has not pushed its close
  yet (未受信/未締め): every figure is NULL, never 0. Head office cannot tell the two apart;
  ``last_batch_at`` says when it last heard from the terminal;
- ``state`` 'total' — the sums over the closed terminals (NULL for a column one of them
  did not send: a partial sum would pass for the whole); ``terminals`` and
  ``terminals_closed`` say how many there are and how many are in it.

A close sent by a terminal older than its ``totals`` field (schema 1 before it was added)
has NULL money columns: shown as unknown, not as zero.

Desk accounts (``hq_desk``) and head-office staff (``hq_office``) may EXECUTE it (a
SECURITY DEFINER function owned by ``hq_owner``: neither may read ``hq.aggregates``);
terminals' roles may not.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


_UPGRADE = r"""
SET ROLE hq_owner;

CREATE FUNCTION hq.branch_day(p_branch text, p_day date)
RETURNS TABLE (
    terminal         text,
    terminal_no      integer,
    state            text,
    close_number     text,
    closed_at        timestamptz,
    last_batch_at    timestamptz,
    cash_expected    bigint,
    cash_counted     bigint,
    cash_difference  bigint,
    fee              bigint,
    postage          bigint,
    total            bigint,
    tax              bigint,
    voids            bigint,
    voided_amount    bigint,
    settled_amount   bigint,
    requests         bigint,
    receipts         bigint,
    terminals        integer,
    terminals_closed integer
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
WITH members AS (
    -- every terminal of the branch still in service, and any that closed that day
    SELECT t.terminal, t.terminal_no, t.last_batch_at
      FROM hq.terminals t
     WHERE t.branch = p_branch
       AND (t.status <> 'retired' OR EXISTS (
                SELECT FROM hq.aggregates a
                 WHERE a.terminal = t.terminal AND a.aggregate = 'closed_day'
                   AND hq.payload_date(a.payload ->> 'business_date') = p_day))
), closes AS (
    SELECT DISTINCT ON (a.terminal) a.terminal, a.payload AS p
      FROM hq.aggregates a
     WHERE a.branch = p_branch AND a.aggregate = 'closed_day'
       AND hq.payload_date(a.payload ->> 'business_date') = p_day
     ORDER BY a.terminal, a.version DESC
), issued AS (
    SELECT a.terminal, count(*) AS receipts
      FROM hq.aggregates a
     WHERE a.branch = p_branch AND a.aggregate = 'receipt'
       AND a.payload ->> 'kind' = 'issued'
       AND hq.payload_date(a.payload ->> 'issued_on') = p_day
     GROUP BY a.terminal
), per_terminal AS (
    SELECT m.terminal, m.terminal_no,
           CASE WHEN c.p IS NULL THEN 'missing' ELSE 'closed' END AS state,
           c.p ->> 'close_number' AS close_number,
           hq.payload_time(c.p ->> 'closed_at') AS closed_at,
           m.last_batch_at,
           (c.p ->> 'cash_expected')::bigint AS cash_expected,
           (c.p ->> 'cash_counted')::bigint AS cash_counted,
           (c.p ->> 'cash_counted')::bigint - (c.p ->> 'cash_expected')::bigint
               AS cash_difference,
           (c.p -> 'totals' ->> 'fee')::bigint AS fee,
           (c.p -> 'totals' ->> 'postage')::bigint AS postage,
           (c.p -> 'totals' ->> 'fee')::bigint + (c.p -> 'totals' ->> 'postage')::bigint
               AS total,
           (c.p -> 'totals' ->> 'tax')::bigint AS tax,
           (c.p -> 'counts' ->> 'voids')::bigint AS voids,
           (c.p -> 'totals' ->> 'voided_amount')::bigint AS voided_amount,
           (c.p -> 'totals' ->> 'settled_amount')::bigint AS settled_amount,
           coalesce((c.p -> 'totals' ->> 'requests')::bigint,
                    (c.p -> 'counts' ->> 'requests')::bigint) AS requests,
           CASE WHEN c.p IS NULL THEN NULL ELSE coalesce(i.receipts, 0) END AS receipts
      FROM members m
      LEFT JOIN closes c ON c.terminal = m.terminal
      LEFT JOIN issued i ON i.terminal = m.terminal
)
SELECT r.terminal, r.terminal_no, r.state, r.close_number, r.closed_at, r.last_batch_at,
       r.cash_expected, r.cash_counted, r.cash_difference, r.fee, r.postage, r.total, r.tax,
       r.voids, r.voided_amount, r.settled_amount, r.requests, r.receipts,
       NULL::integer, NULL::integer
  FROM per_terminal r
UNION ALL
SELECT NULL, NULL, 'total', NULL, NULL, NULL,
{TOTALS}
       count(*)::integer, (count(*) FILTER (WHERE r.state = 'closed'))::integer
  FROM per_terminal r
ORDER BY 2 NULLS LAST
$$;

REVOKE ALL ON FUNCTION hq.branch_day(text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.branch_day(text, date) TO hq_desk, hq_office;
RESET ROLE;
"""

_SUMMED = (
    "cash_expected", "cash_counted", "cash_difference", "fee", "postage", "total", "tax",
    "voids", "voided_amount", "settled_amount", "requests", "receipts",
)  # fmt: skip

# The branch total of a column: the sum over the closed terminals, or NULL (unknown) when
# one of them did not send that figure: a partial sum would look like the whole.
UPGRADE = _UPGRADE.replace(
    "{TOTALS}",
    "\n".join(
        f"       CASE WHEN bool_and(r.{c} IS NOT NULL) FILTER (WHERE r.state = 'closed')"
        f" THEN sum(r.{c})::bigint END,"
        for c in _SUMMED
    ),
)

DOWNGRADE = r"""
SET ROLE hq_owner;
DROP FUNCTION hq.branch_day(text, date);
RESET ROLE;
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(UPGRADE, execution_options={"no_parameters": True})


def downgrade() -> None:
    op.get_bind().exec_driver_sql(DOWNGRADE, execution_options={"no_parameters": True})
