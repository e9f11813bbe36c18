"""The head-office desk: a typed projection of the terminals' requests, head office's own
rows (staff, assignment, timeline, decisions), and the statistics' materialised views.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

- ``hq.requests``: one row per request of every terminal, filled by ONE function,
  ``hq.project_request(terminal, request_id)``, which holds the whole mapping of the
  ``request`` payload's fields (docs/sync.md "Payloads") to columns. A trigger on
  ``hq.aggregates`` calls it after ingest upserts a ``request`` (or a ``receipt`` /
  ``settlement`` of a request: the money columns), so ``hq.ingest_batch`` is untouched.
  Names and phones are kept only masked here (the same rule as
  ``counter_app.security.masking``); the raw ones stay in the aggregate, read through
  ``hq.desk_reveal`` which records the read in ``hq.pii_reads``. ``match_key`` is an
  HMAC-SHA-256 of the normalised name and birth date under a key only ``hq_owner`` reads:
  it finds the same person at two branches and is never shown.
- ``hq_desk`` (NOLOGIN group): every desk account is a LOGIN member of it (SCRAM over TLS),
  listed in ``hq.desk_staff`` with its desk role (clerk 本部担当 / lead 本部責任者 / admin
  管理者). The group may SELECT the desk's tables and EXECUTE the ``hq.desk_*`` functions;
  every write goes through those SECURITY DEFINER functions, which take the actor from
  ``session_user`` (nobody writes a row in someone else's name). Terminals get nothing.
- Statistics: ``hq.stats_types`` and ``hq.stats_answers`` are summary tables at the grain
  (month, branch, ...), maintained like materialised views refreshed incrementally by
  ``hq.refresh_stats()``: it recomputes only the months that hold a request projected since
  the last refresh. It runs on a schedule (``counter-app hq refresh-stats`` every 5 minutes
  from cron/systemd; docs/headoffice.md "Desk"), not inside each ingest batch, so that 300
  terminals' batches never queue behind it; the work list and the deadline board read
  ``hq.requests`` itself and are always current.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


ROLES = """
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hq_desk') THEN
        CREATE ROLE hq_desk NOLOGIN;
    END IF;
END
$roles$;
DO $connect$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO hq_desk', current_database());
END
$connect$;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
GRANT USAGE ON SCHEMA hq TO hq_desk;
SET ROLE hq_owner;
"""

TABLES = r"""
-- The key of the repeat-match HMAC: readable by hq_owner only (its functions).
CREATE TABLE hq.desk_secret (
    id  boolean PRIMARY KEY DEFAULT true CHECK (id),
    key bytea NOT NULL
);
INSERT INTO hq.desk_secret (key) VALUES (public.gen_random_bytes(32));

CREATE TABLE hq.desk_staff (
    login        name PRIMARY KEY,
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
    desk_role    text NOT NULL CHECK (desk_role IN ('clerk', 'lead', 'admin')),
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- The typed projection: one row per request of every terminal.
CREATE TABLE hq.requests (
    rid                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terminal              text NOT NULL,
    branch                text NOT NULL,
    request_id            text NOT NULL,
    number                text NOT NULL,
    status                text NOT NULL,
    types                 text[] NOT NULL,
    requester_kind        text NOT NULL CHECK (requester_kind IN ('principal', 'legal', 'voluntary')),
    proxy_kind            text,
    received_at           timestamptz,
    received_on           date NOT NULL,
    target_on             date,
    lawsuit_possible_from date,
    extended_target_on    date,
    -- the target in force, never before the day of receipt (the work list relies on it)
    due_on                date GENERATED ALWAYS AS (greatest(
                              coalesce(extended_target_on, target_on, received_on),
                              received_on)) STORED,
    decided_at            timestamptz,
    decided_on            date,
    outcomes              jsonb NOT NULL DEFAULT '{}',
    fee_total             integer NOT NULL DEFAULT 0,   -- taken at intake (fee record)
    fee_collected         integer NOT NULL DEFAULT 0,   -- receipts issued and not voided
    settled_total         integer NOT NULL DEFAULT 0,   -- settlements (精算) not voided
    settlement_state      text,
    voids                 integer NOT NULL DEFAULT 0,   -- receipts and settlements voided
    voided                boolean NOT NULL DEFAULT false, -- the intake itself was cancelled
    name_masked           text NOT NULL DEFAULT '',
    phone_masked          text NOT NULL DEFAULT '',
    match_key             bytea,
    projected_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (terminal, request_id)
);
-- the work list (open requests by deadline, all or one branch) and the board's buckets
-- the three partial indexes of the open requests all cover what the board counts (branch,
-- due_on, lawsuit_possible_from): whichever the planner takes, the board reads no heap
CREATE INDEX requests_open_due ON hq.requests (due_on, rid)
    INCLUDE (branch, lawsuit_possible_from)
    WHERE status IN ('received', 'in_progress', 'extended');
CREATE INDEX requests_open_branch_due ON hq.requests (branch, due_on, rid)
    INCLUDE (lawsuit_possible_from)
    WHERE status IN ('received', 'in_progress', 'extended');
-- index-only scans need a fresh visibility map: vacuum after 1 % of the rows changed, not 20 %
ALTER TABLE hq.requests SET (autovacuum_vacuum_scale_factor = 0.01,
                             autovacuum_vacuum_insert_scale_factor = 0.01,
                             autovacuum_analyze_scale_factor = 0.01);
CREATE INDEX requests_open_art39 ON hq.requests (lawsuit_possible_from)
    INCLUDE (branch, due_on)
    WHERE status IN ('received', 'in_progress', 'extended');
-- the work list with any status (closed requests by deadline)
CREATE INDEX requests_due ON hq.requests (due_on, rid);
CREATE INDEX requests_branch_due ON hq.requests (branch, due_on, rid);
CREATE INDEX requests_received ON hq.requests (received_on);
-- the repeat flags: the same person at another branch within the window
CREATE INDEX requests_match ON hq.requests (match_key, received_on) WHERE match_key IS NOT NULL;
-- receipts and settlements of a request, found from the request
CREATE INDEX aggregates_money_of_request ON hq.aggregates (terminal, (payload ->> 'request_id'))
    WHERE aggregate IN ('receipt', 'settlement');

CREATE TABLE hq.assignments (
    rid        bigint PRIMARY KEY REFERENCES hq.requests,
    assignee   name REFERENCES hq.desk_staff,
    step       text NOT NULL DEFAULT 'gathering'
               CHECK (step IN ('gathering', 'drafted', 'approved', 'sent')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by name NOT NULL
);
CREATE INDEX assignments_assignee ON hq.assignments (assignee);

-- Every step of a request at head office, in order; never edited.
CREATE TABLE hq.timeline (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rid    bigint NOT NULL REFERENCES hq.requests,
    at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor  name NOT NULL,
    kind   text NOT NULL CHECK (kind IN ('assigned', 'step', 'note', 'drafted', 'approved',
                                         'published', 'letter_printed')),
    detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX timeline_rid ON hq.timeline (rid, id);

CREATE TABLE hq.document_numbers (
    fiscal_year integer PRIMARY KEY,
    last_no     integer NOT NULL
);

CREATE TABLE hq.decisions (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rid                   bigint NOT NULL REFERENCES hq.requests,
    outcomes              jsonb NOT NULL CHECK (jsonb_typeof(outcomes) = 'object'),
    ground                text,
    purpose_notice_ground text,
    explanation           text NOT NULL DEFAULT '',
    settlement            jsonb CHECK (settlement IS NULL OR jsonb_typeof(settlement) = 'object'),
    refusal               boolean NOT NULL,   -- an outcome refuses in whole or part
    drafted_by            name NOT NULL REFERENCES hq.desk_staff,
    drafted_at            timestamptz NOT NULL DEFAULT now(),
    approved_by           name REFERENCES hq.desk_staff,
    approved_at           timestamptz,
    document_number       text UNIQUE,
    published_mark        bigint,
    superseded            boolean NOT NULL DEFAULT false,
    -- two people on a refusal: whoever drafted it cannot approve it
    CHECK (NOT refusal OR approved_by IS NULL OR approved_by <> drafted_by),
    CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
    CHECK (approved_by IS NULL OR document_number IS NOT NULL)
);
-- one live decision per request (a draft may be replaced until it is approved)
CREATE UNIQUE INDEX decisions_live ON hq.decisions (rid) WHERE NOT superseded;
"""

MASKS = r"""
-- counter_app.security.masking.mask_name, in SQL (tests compare the two).
CREATE FUNCTION hq.mask_name(p_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    name text := regexp_replace(coalesce(p_name, ''), '^[\s\u3000]+|[\s\u3000]+$', '', 'g');
    parts text[];
BEGIN
    IF name = '' THEN
        RETURN '';
    END IF;
    parts := regexp_split_to_array(name, '[ \u3000]+');
    IF array_length(parts, 1) > 1 THEN
        RETURN parts[1] || repeat(' **', array_length(parts, 1) - 1);
    END IF;
    RETURN left(name, 1) || '**';
END
$$;

-- counter_app.security.masking.mask_phone, in SQL.
CREATE FUNCTION hq.mask_phone(p_phone text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    phone text := regexp_replace(coalesce(p_phone, ''), '^[\s\u3000]+|[\s\u3000]+$', '', 'g');
    groups text[];
    middle_len integer := 0;
    short integer;
    keep integer;
    first text;
    result text;
    digits text;
    i integer;
BEGIN
    IF phone = '' THEN
        RETURN '';
    END IF;
    groups := string_to_array(phone, '-');
    IF array_length(groups, 1) >= 3 THEN
        FOR i IN 2 .. array_length(groups, 1) - 1 LOOP
            middle_len := middle_len + length(groups[i]);
        END LOOP;
        short := greatest(0, 3 - middle_len);
        first := groups[1];
        keep := greatest(2, length(first) - short);
        result := left(first, keep) || repeat('*', greatest(length(first) - keep, 0));
        FOR i IN 2 .. array_length(groups, 1) - 1 LOOP
            result := result || '-' || repeat('*', length(groups[i]));
        END LOOP;
        RETURN result || '-' || groups[array_length(groups, 1)];
    END IF;
    digits := regexp_replace(phone, '\D', '', 'g');
    IF length(digits) <= 4 THEN
        RETURN repeat('*', length(digits));
    END IF;
    RETURN repeat('*', length(digits) - 4) || right(digits, 4);
END
$$;

-- The repeat-match key: HMAC-SHA-256 of the NFKC name without spaces and the birth date.
CREATE FUNCTION hq.match_key(p_name text, p_birth text) RETURNS bytea
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN coalesce(btrim(p_name), '') = '' OR coalesce(p_birth, '') = '' THEN NULL
           ELSE public.hmac(
                convert_to(regexp_replace(normalize(p_name, NFKC), '\s', '', 'g')
                           || '|' || p_birth, 'UTF8'),
                (SELECT key FROM hq.desk_secret), 'sha256') END
$$;

-- A date from a payload's text ("2026-04-01" or a timestamp); NULL if it is not one.
CREATE FUNCTION hq.payload_date(v text) RETURNS date
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF v IS NULL OR v !~ '^\d{4}-\d{2}-\d{2}' THEN
        RETURN NULL;
    END IF;
    RETURN left(v, 10)::date;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- A time from a payload's text (naive times are UTC, as the terminal stores them).
CREATE FUNCTION hq.payload_time(v text) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF v IS NULL OR v !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}' THEN
        RETURN NULL;
    END IF;
    IF v ~ '(Z|[+-]\d{2}:?\d{2})$' THEN
        RETURN v::timestamptz;
    END IF;
    RETURN (v::timestamp) AT TIME ZONE 'UTC';
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- The category of public bodies' 開示請求 statistics (docs/headoffice.md "Desk").
CREATE FUNCTION hq.outcome_category(p_outcome text, p_status text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_status = 'cancelled' THEN 'cancelled'
        WHEN p_status = 'withdrawn' THEN 'withdrawn'
        WHEN p_outcome IN ('disclosed_full', 'method_changed_to_paper', 'notified', 'corrected',
                           'suspended') THEN 'full'
        WHEN p_outcome IN ('disclosed_partial', 'alternative_measure') THEN 'partial'
        WHEN p_outcome IN ('refused', 'not_corrected', 'not_suspended') THEN 'refused'
        WHEN p_outcome = 'not_held' THEN 'not_held'
        ELSE 'pending'
    END
$$;
"""

PROJECTION = r"""
-- THE mapping of a terminal's ``request`` payload (and its receipts and settlements) to
-- hq.requests: every payload field name the desk reads is in this function only.
CREATE FUNCTION hq.project_request(p_terminal text, p_request_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    agg hq.aggregates%ROWTYPE;
    p jsonb;
    principal jsonb;
    kind text;
    v_types text[];
    v_outcomes jsonb;
    v_collected integer;
    v_settled integer;
    v_voids integer;
    v_received date;
BEGIN
    SELECT * INTO agg FROM hq.aggregates
    WHERE terminal = p_terminal AND aggregate = 'request' AND id = p_request_id;
    IF NOT FOUND THEN
        RETURN;  -- a receipt before its request: the request's own projection counts it
    END IF;
    p := agg.payload;
    principal := CASE WHEN jsonb_typeof(p -> 'principal') = 'object' THEN p -> 'principal'
                      ELSE '{}'::jsonb END;
    kind := CASE
        WHEN coalesce(p ->> 'requester', 'principal') = 'principal'
             AND p ->> 'proxy_kind' IS NULL THEN 'principal'
        WHEN p ->> 'proxy_kind' = 'voluntary' THEN 'voluntary'
        ELSE 'legal' END;
    SELECT coalesce(array_agg(i ->> 'type' ORDER BY (i ->> 'position') NULLS LAST), '{}'),
           coalesce(jsonb_object_agg(i ->> 'type', i -> 'outcome')
                    FILTER (WHERE i ->> 'outcome' IS NOT NULL), '{}')
      INTO v_types, v_outcomes
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p -> 'items') = 'array'
                                     THEN p -> 'items' ELSE '[]'::jsonb END) AS e(i)
     WHERE i ->> 'type' IS NOT NULL;
    -- money: receipts issued and not voided, settlements not voided, and the voids
    SELECT coalesce(sum((m.payload ->> 'total')::integer) FILTER (
               WHERE m.aggregate = 'receipt' AND m.payload ->> 'kind' = 'issued'
                 AND NOT EXISTS (SELECT 1 FROM hq.aggregates v
                                  WHERE v.terminal = m.terminal AND v.aggregate = 'receipt'
                                    AND v.payload ->> 'voids_receipt_id' = m.id)), 0),
           coalesce(sum((m.payload ->> 'total')::integer) FILTER (
               WHERE m.aggregate = 'settlement' AND m.payload ->> 'kind' = 'settlement'
                 AND NOT EXISTS (SELECT 1 FROM hq.aggregates v
                                  WHERE v.terminal = m.terminal AND v.aggregate = 'settlement'
                                    AND v.payload ->> 'voids_settlement_id' = m.id)), 0),
           count(*) FILTER (WHERE m.payload ->> 'kind' = 'void')
      INTO v_collected, v_settled, v_voids
      FROM hq.aggregates m
     WHERE m.terminal = p_terminal AND m.aggregate IN ('receipt', 'settlement')
       AND m.payload ->> 'request_id' = p_request_id;
    v_received := coalesce(hq.payload_date(p ->> 'received_on'),
                           (hq.payload_time(p ->> 'received_at') AT TIME ZONE 'Asia/Tokyo')::date,
                           (agg.received_at AT TIME ZONE 'Asia/Tokyo')::date);
    INSERT INTO hq.requests AS r (
        terminal, branch, request_id, number, status, types, requester_kind, proxy_kind,
        received_at, received_on, target_on, lawsuit_possible_from, extended_target_on,
        decided_at, decided_on, outcomes, fee_total, fee_collected, settled_total,
        settlement_state, voids, voided, name_masked, phone_masked, match_key)
    VALUES (
        agg.terminal, agg.branch, agg.id,
        coalesce(p ->> 'number', agg.id),
        coalesce(p ->> 'status', 'received'),
        v_types,
        kind,
        p ->> 'proxy_kind',
        hq.payload_time(p ->> 'received_at'),
        v_received,
        hq.payload_date(p ->> 'target_on'),
        hq.payload_date(p ->> 'lawsuit_possible_from'),
        hq.payload_date(p ->> 'extended_target_on'),
        hq.payload_time(p ->> 'decided_at'),
        (hq.payload_time(p ->> 'decided_at') AT TIME ZONE 'Asia/Tokyo')::date,
        v_outcomes,
        CASE WHEN jsonb_typeof(p -> 'fee_total') = 'number'
             THEN (p ->> 'fee_total')::numeric::integer ELSE 0 END,
        v_collected, v_settled,
        p ->> 'settlement_state',
        v_voids,
        coalesce(p ->> 'status', '') = 'cancelled',
        hq.mask_name(principal ->> 'name'),
        hq.mask_phone(principal ->> 'phone'),
        hq.match_key(principal ->> 'name', principal ->> 'birth_date'))
    ON CONFLICT (terminal, request_id) DO UPDATE SET
        number = EXCLUDED.number, status = EXCLUDED.status, types = EXCLUDED.types,
        requester_kind = EXCLUDED.requester_kind, proxy_kind = EXCLUDED.proxy_kind,
        received_at = EXCLUDED.received_at, received_on = EXCLUDED.received_on,
        target_on = EXCLUDED.target_on, lawsuit_possible_from = EXCLUDED.lawsuit_possible_from,
        extended_target_on = EXCLUDED.extended_target_on, decided_at = EXCLUDED.decided_at,
        decided_on = EXCLUDED.decided_on, outcomes = EXCLUDED.outcomes,
        fee_total = EXCLUDED.fee_total, fee_collected = EXCLUDED.fee_collected,
        settled_total = EXCLUDED.settled_total, settlement_state = EXCLUDED.settlement_state,
        voids = EXCLUDED.voids, voided = EXCLUDED.voided, name_masked = EXCLUDED.name_masked,
        phone_masked = EXCLUDED.phone_masked, match_key = EXCLUDED.match_key,
        projected_at = now();
END
$$;

-- Called for each aggregate ingest inserts or replaces. A payload the projection cannot read
-- leaves an alarm instead of refusing the terminal's batch (the aggregate itself is held).
CREATE FUNCTION hq.aggregates_project() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    target text := CASE WHEN NEW.aggregate = 'request' THEN NEW.id
                        ELSE NEW.payload ->> 'request_id' END;
BEGIN
    IF target IS NULL THEN
        RETURN NULL;
    END IF;
    BEGIN
        PERFORM hq.project_request(NEW.terminal, target);
    EXCEPTION WHEN others THEN
        PERFORM hq.raise_alarm(NEW.terminal, 'projection',
            jsonb_build_object('aggregate', NEW.aggregate, 'id', NEW.id, 'error', SQLERRM));
    END;
    RETURN NULL;
END
$$;
CREATE TRIGGER aggregates_project
    AFTER INSERT OR UPDATE ON hq.aggregates
    FOR EACH ROW WHEN (NEW.aggregate IN ('request', 'receipt', 'settlement'))
    EXECUTE FUNCTION hq.aggregates_project();
"""

STATISTICS = r"""
-- The figures' summary tables, at the grain (month of receipt, branch, ...). They work as
-- materialised views refreshed incrementally: hq.refresh_stats() recomputes only the months
-- holding a request projected since the last refresh (an hour of overlap covers ingest
-- transactions still open then), so a refresh costs a few months' rows, not ten years'.
CREATE INDEX requests_projected ON hq.requests (projected_at);

-- Counts by month of receipt, branch, request type, requester kind and outcome category.
CREATE TABLE hq.stats_types (
    month          date NOT NULL,
    branch         text NOT NULL,
    request_type   text NOT NULL,
    requester_kind text NOT NULL,
    outcome        text NOT NULL,
    n              bigint NOT NULL,
    PRIMARY KEY (month, branch, request_type, requester_kind, outcome)
);

-- Requests by month of receipt, branch and days to answer (-1: no answer yet), with their
-- lateness against the internal target and the Art. 39 date, money and voids.
CREATE TABLE hq.stats_answers (
    month          date NOT NULL,
    branch         text NOT NULL,
    answer_days    integer NOT NULL,
    n              bigint NOT NULL,
    past_target    bigint NOT NULL,
    past_art39     bigint NOT NULL,
    voided         bigint NOT NULL,
    fees_collected bigint NOT NULL,
    fees_settled   bigint NOT NULL,
    voids          bigint NOT NULL,
    PRIMARY KEY (month, branch, answer_days)
);

-- one branch's figures without reading the other branches'
CREATE INDEX stats_types_branch ON hq.stats_types (branch, month);
CREATE INDEX stats_answers_branch ON hq.stats_answers (branch, month);

CREATE TABLE hq.stats_refreshed (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    at timestamptz NOT NULL
);

CREATE FUNCTION hq.refresh_stats() RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    started timestamptz := now();
    last_at timestamptz;
    changed date[];
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('hq.refresh_stats'));
    SELECT at INTO last_at FROM hq.stats_refreshed;
    IF last_at IS NULL THEN
        SELECT array_agg(DISTINCT date_trunc('month', received_on)::date) INTO changed
          FROM hq.requests;
    ELSE
        SELECT array_agg(DISTINCT date_trunc('month', received_on)::date) INTO changed
          FROM hq.requests WHERE projected_at > last_at - interval '1 hour';
    END IF;
    changed := coalesce(changed, '{}');
    DELETE FROM hq.stats_types WHERE month = ANY (changed);
    DELETE FROM hq.stats_answers WHERE month = ANY (changed);
    INSERT INTO hq.stats_types
    SELECT m, r.branch, t.request_type, r.requester_kind,
           hq.outcome_category(r.outcomes ->> t.request_type, r.status), count(*)
      FROM unnest(changed) AS m
      JOIN hq.requests r ON r.received_on >= m AND r.received_on < (m + interval '1 month')::date
     CROSS JOIN LATERAL unnest(r.types) AS t(request_type)
     GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO hq.stats_answers
    SELECT m, r.branch,
           CASE WHEN r.status = 'decided' AND r.decided_on IS NOT NULL
                THEN r.decided_on - r.received_on ELSE -1 END,
           count(*),
           count(*) FILTER (WHERE r.status = 'decided' AND r.decided_on > r.due_on),
           count(*) FILTER (WHERE r.status = 'decided'
                              AND r.decided_on >= r.lawsuit_possible_from),
           count(*) FILTER (WHERE r.voided),
           sum(r.fee_collected), sum(r.settled_total), sum(r.voids)
      FROM unnest(changed) AS m
      JOIN hq.requests r ON r.received_on >= m AND r.received_on < (m + interval '1 month')::date
     GROUP BY 1, 2, 3;
    INSERT INTO hq.stats_refreshed VALUES (true, started)
    ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at;
    RETURN started;
END
$$;
"""

DESK_FUNCTIONS = r"""
-- The signed-in desk account (session_user), or a refusal.
CREATE FUNCTION hq.desk_actor(p_roles text[] DEFAULT NULL) RETURNS hq.desk_staff
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s hq.desk_staff%ROWTYPE;
BEGIN
    SELECT * INTO s FROM hq.desk_staff WHERE login = session_user AND active;
    IF NOT FOUND THEN
        PERFORM hq.refuse('CA004', '本部の担当者として登録されていないため、この操作はできません。',
                          'no active desk account for ' || session_user);
    END IF;
    IF p_roles IS NOT NULL AND NOT s.desk_role = ANY (p_roles) THEN
        PERFORM hq.refuse('CA004', 'この操作は本部責任者だけができます。',
                          session_user || ' is ' || s.desk_role);
    END IF;
    RETURN s;
END
$$;

CREATE FUNCTION hq.desk_request(p_rid bigint) RETURNS hq.requests
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r hq.requests%ROWTYPE;
BEGIN
    SELECT * INTO r FROM hq.requests WHERE rid = p_rid;
    IF NOT FOUND THEN
        PERFORM hq.refuse('CA006', '指定された請求は本部にありません。', 'rid ' || p_rid);
    END IF;
    RETURN r;
END
$$;

-- Assign a request to a desk person (NULL: unassign); on the timeline.
CREATE FUNCTION hq.desk_assign(p_rid bigint, p_assignee name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor();
BEGIN
    PERFORM hq.desk_request(p_rid);
    IF p_assignee IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM hq.desk_staff WHERE login = p_assignee AND active
           AND desk_role IN ('clerk', 'lead')) THEN
        PERFORM hq.refuse('CA006', '担当者に指定できるのは本部担当・本部責任者だけです。',
                          'assignee ' || p_assignee);
    END IF;
    INSERT INTO hq.assignments AS a (rid, assignee, updated_by)
    VALUES (p_rid, p_assignee, me.login)
    ON CONFLICT (rid) DO UPDATE SET assignee = EXCLUDED.assignee, updated_at = now(),
                                    updated_by = EXCLUDED.updated_by;
    INSERT INTO hq.timeline (rid, actor, kind, detail)
    VALUES (p_rid, me.login, 'assigned', jsonb_build_object('assignee', p_assignee));
END
$$;

CREATE FUNCTION hq.desk_set_step(p_rid bigint, p_step text, p_actor name) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO hq.assignments AS a (rid, step, updated_by) VALUES (p_rid, p_step, p_actor)
    ON CONFLICT (rid) DO UPDATE SET step = EXCLUDED.step, updated_at = now(),
                                    updated_by = EXCLUDED.updated_by;
    INSERT INTO hq.timeline (rid, actor, kind, detail)
    VALUES (p_rid, p_actor, 'step', jsonb_build_object('step', p_step));
$$;

-- The steps a person moves by hand: gathering data, and the letter sent.
CREATE FUNCTION hq.desk_step(p_rid bigint, p_step text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor(ARRAY['clerk', 'lead']);
BEGIN
    PERFORM hq.desk_request(p_rid);
    IF p_step NOT IN ('gathering', 'sent') THEN
        PERFORM hq.refuse('CA006', '決定案の作成と承認は、決定の画面から行ってください。',
                          'step ' || coalesce(p_step, 'NULL'));
    END IF;
    IF p_step = 'sent' AND NOT EXISTS (
        SELECT 1 FROM hq.decisions WHERE rid = p_rid AND NOT superseded
           AND approved_by IS NOT NULL) THEN
        PERFORM hq.refuse('CA006', '承認された決定がないため、通知の送付を記録できません。',
                          'rid ' || p_rid);
    END IF;
    PERFORM hq.desk_set_step(p_rid, p_step, me.login);
END
$$;

CREATE FUNCTION hq.desk_note(p_rid bigint, p_text text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor();
BEGIN
    PERFORM hq.desk_request(p_rid);
    IF p_text IS NULL OR length(btrim(p_text)) = 0 OR length(p_text) > 2000 THEN
        PERFORM hq.refuse('CA006', 'メモは1文字以上2000文字以内で入力してください。', 'note');
    END IF;
    INSERT INTO hq.timeline (rid, actor, kind, detail)
    VALUES (p_rid, me.login, 'note', jsonb_build_object('text', p_text));
END
$$;

-- A decision drafted (or redrafted before approval). The desk service has checked the
-- outcomes and grounds with the domain's rules; here: who, and that it is still open.
CREATE FUNCTION hq.desk_draft(p_rid bigint, p_outcomes jsonb, p_ground text,
                              p_purpose_notice_ground text, p_explanation text,
                              p_settlement jsonb, p_refusal boolean) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor(ARRAY['clerk', 'lead']);
    r hq.requests%ROWTYPE := hq.desk_request(p_rid);
    new_id bigint;
BEGIN
    IF r.status NOT IN ('received', 'in_progress', 'extended') THEN
        PERFORM hq.refuse('CA006', 'この請求はすでに回答済みか、取下げ・受付取消になっています。',
                          'status ' || r.status);
    END IF;
    IF EXISTS (SELECT 1 FROM hq.decisions WHERE rid = p_rid AND NOT superseded
                  AND approved_by IS NOT NULL) THEN
        PERFORM hq.refuse('CA006', 'この請求の決定はすでに承認されています。', 'rid ' || p_rid);
    END IF;
    UPDATE hq.decisions SET superseded = true WHERE rid = p_rid AND NOT superseded;
    INSERT INTO hq.decisions (rid, outcomes, ground, purpose_notice_ground, explanation,
                              settlement, refusal, drafted_by)
    VALUES (p_rid, p_outcomes, p_ground, p_purpose_notice_ground, coalesce(p_explanation, ''),
            p_settlement, p_refusal, me.login)
    RETURNING id INTO new_id;
    PERFORM hq.desk_set_step(p_rid, 'drafted', me.login);
    INSERT INTO hq.timeline (rid, actor, kind, detail)
    VALUES (p_rid, me.login, 'drafted', jsonb_build_object('decision', new_id,
                                                          'outcomes', p_outcomes));
    RETURN new_id;
END
$$;

-- A 本部責任者 approves: the 文書番号 is taken, and the decision is published to the branch
-- that took the request (hq.publish) in the same transaction. On a refusal the approver
-- is never the person who drafted it.
CREATE FUNCTION hq.desk_approve(p_decision bigint, p_fiscal_year integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor(ARRAY['lead']);
    d hq.decisions%ROWTYPE;
    r hq.requests%ROWTYPE;
    doc_no integer;
    doc text;
    at timestamptz := now();
    payload jsonb;
    mark bigint;
BEGIN
    SELECT * INTO d FROM hq.decisions WHERE id = p_decision FOR UPDATE;
    IF NOT FOUND OR d.superseded THEN
        PERFORM hq.refuse('CA006', 'この決定案は見つからないか、差し替えられています。',
                          'decision ' || p_decision);
    END IF;
    IF d.approved_by IS NOT NULL THEN
        PERFORM hq.refuse('CA006', 'この決定はすでに承認されています。', 'decision ' || p_decision);
    END IF;
    IF d.refusal AND d.drafted_by = me.login THEN
        PERFORM hq.refuse('CA004',
            '不開示などを含む決定は、作成した人とは別の本部責任者が承認してください。',
            'drafted and approving: ' || me.login);
    END IF;
    r := hq.desk_request(d.rid);
    IF r.status NOT IN ('received', 'in_progress', 'extended') THEN
        PERFORM hq.refuse('CA006', 'この請求はすでに回答済みか、取下げ・受付取消になっています。',
                          'status ' || r.status);
    END IF;
    INSERT INTO hq.document_numbers AS n VALUES (p_fiscal_year, 1)
    ON CONFLICT (fiscal_year) DO UPDATE SET last_no = n.last_no + 1
    RETURNING last_no INTO doc_no;
    doc := format('本個第%s-%s号', p_fiscal_year, lpad(doc_no::text, 5, '0'));
    payload := jsonb_build_object(
        'request_id', r.request_id,
        'outcomes', d.outcomes,
        'decision_ground', d.ground,
        'purpose_notice_ground', d.purpose_notice_ground,
        'explanation', d.explanation,
        'decided_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'decided_by', (SELECT display_name FROM hq.desk_staff WHERE login = d.drafted_by),
        'approved_by', me.display_name,
        'document_number', doc,
        'settlement', d.settlement);
    mark := hq.publish(r.branch, 'decision', 'hq-decision-' || d.id, payload, r.request_id);
    UPDATE hq.decisions SET approved_by = me.login, approved_at = at, document_number = doc,
                            published_mark = mark
     WHERE id = d.id;
    PERFORM hq.desk_set_step(d.rid, 'approved', me.login);
    INSERT INTO hq.timeline (rid, actor, kind, detail) VALUES
        (d.rid, me.login, 'approved', jsonb_build_object('decision', d.id, 'document_number', doc)),
        (d.rid, me.login, 'published', jsonb_build_object('branch', r.branch, 'mark', mark));
    RETURN payload;
END
$$;

CREATE FUNCTION hq.desk_letter_printed(p_decision bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor(ARRAY['clerk', 'lead']);
    d hq.decisions%ROWTYPE;
BEGIN
    SELECT * INTO d FROM hq.decisions WHERE id = p_decision AND approved_by IS NOT NULL;
    IF NOT FOUND THEN
        PERFORM hq.refuse('CA006', '承認された決定がないため、通知書を印刷できません。',
                          'decision ' || p_decision);
    END IF;
    INSERT INTO hq.timeline (rid, actor, kind, detail)
    VALUES (d.rid, me.login, 'letter_printed',
            jsonb_build_object('decision', d.id, 'document_number', d.document_number));
END
$$;

-- A reveal of a request's personal data: recorded in hq.pii_reads before it is returned.
CREATE FUNCTION hq.desk_reveal(p_rid bigint, p_purpose text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me hq.desk_staff%ROWTYPE := hq.desk_actor();
    r hq.requests%ROWTYPE := hq.desk_request(p_rid);
    p jsonb;
BEGIN
    IF p_purpose IS NULL OR length(btrim(p_purpose)) = 0 OR length(p_purpose) > 200 THEN
        PERFORM hq.refuse('CA006', '表示する理由を入力してください (200文字以内)。', 'purpose');
    END IF;
    INSERT INTO hq.pii_reads (reader, terminal, aggregate, item_id, purpose)
    VALUES (me.login, r.terminal, 'request', r.request_id, p_purpose);
    SELECT payload INTO p FROM hq.aggregates
     WHERE terminal = r.terminal AND aggregate = 'request' AND id = r.request_id;
    RETURN jsonb_build_object('principal', p -> 'principal', 'proxy', p -> 'proxy');
END
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hq FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.ingest_batch(jsonb) TO terminal;
GRANT EXECUTE ON FUNCTION hq.pull_changes(bigint, integer) TO terminal;
GRANT EXECUTE ON FUNCTION hq.publish(text, text, text, jsonb, text) TO hq_office;
GRANT EXECUTE ON FUNCTION hq.read_aggregate(text, text, text, text) TO hq_office;
GRANT EXECUTE ON FUNCTION
    hq.desk_actor(text[]), hq.desk_assign(bigint, name), hq.desk_step(bigint, text),
    hq.desk_note(bigint, text),
    hq.desk_draft(bigint, jsonb, text, text, text, jsonb, boolean),
    hq.desk_approve(bigint, integer), hq.desk_letter_printed(bigint),
    hq.desk_reveal(bigint, text), hq.refresh_stats()
    TO hq_desk;
-- the letters' sender at head office (key 'desk_issuer', set by the administrator)
GRANT SELECT ON hq.settings TO hq_desk;
GRANT SELECT ON hq.requests, hq.assignments, hq.timeline, hq.decisions, hq.desk_staff,
                hq.stats_types, hq.stats_answers, hq.stats_refreshed, hq.terminals
    TO hq_desk;
REVOKE ALL ON hq.desk_secret FROM PUBLIC;
RESET ROLE;
"""


def upgrade() -> None:
    connection = op.get_bind()
    for block in (ROLES, TABLES, MASKS, PROJECTION, STATISTICS, DESK_FUNCTIONS):
        connection.exec_driver_sql(block, execution_options={"no_parameters": True})
    # requests already held when the desk is installed
    connection.exec_driver_sql(
        "SET ROLE hq_owner; "
        "SELECT hq.project_request(terminal, id) FROM hq.aggregates WHERE aggregate = 'request'; "
        "RESET ROLE",
        execution_options={"no_parameters": True},
    )


DOWNGRADE = r"""
SET ROLE hq_owner;
DROP TRIGGER aggregates_project ON hq.aggregates;
DROP INDEX hq.aggregates_money_of_request;
DROP TABLE hq.stats_types, hq.stats_answers, hq.stats_refreshed, hq.decisions, hq.document_numbers, hq.timeline,
    hq.assignments, hq.requests, hq.desk_staff, hq.desk_secret CASCADE;
DO $drop$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = 'hq' AND (p.proname LIKE 'desk\_%' OR p.proname IN (
                    'aggregates_project', 'project_request', 'mask_name', 'mask_phone',
                    'match_key', 'payload_date', 'payload_time', 'outcome_category',
                    'refresh_stats'))
    LOOP
        EXECUTE 'DROP FUNCTION ' || f::text || ' CASCADE';
    END LOOP;
END
$drop$;
RESET ROLE;
"""


def downgrade() -> None:
    op.get_bind().exec_driver_sql(DOWNGRADE, execution_options={"no_parameters": True})
