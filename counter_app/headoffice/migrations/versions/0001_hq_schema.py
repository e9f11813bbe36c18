"""Head office's schema: terminals, what they pushed, alarms, head office's own rows, ingest/pull.

Revision ID: 0001
Revises:
Create Date: 2026-12-02

Roles (cluster-wide, created when missing):

- ``hq_owner`` (NOLOGIN) owns the schema, every table and the SECURITY DEFINER functions;
- ``terminal`` (NOLOGIN group) may only EXECUTE ``hq.ingest_batch`` and ``hq.pull_changes``;
  each terminal logs in as its own member role ``term_<branch>_<nn>`` by client certificate;
- ``hq_office`` (NOLOGIN group) is head-office staff: they publish decisions, staff and
  configuration bundles (``hq.publish``) and read personal data only through
  ``hq.read_aggregate``, which records who read what and why (``hq.pii_reads``).

The administrator who runs this migration (``hq_admin``: LOGIN, CREATEROLE, owner of the
database) becomes a member of ``hq_owner``.
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


ROLES = """
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hq_owner') THEN
        CREATE ROLE hq_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'terminal') THEN
        CREATE ROLE terminal NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hq_office') THEN
        CREATE ROLE hq_office NOLOGIN;
    END IF;
END
$roles$;
GRANT hq_owner TO CURRENT_USER;
DO $connect$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO terminal, hq_office', current_database());
END
$connect$;
CREATE SCHEMA hq AUTHORIZATION hq_owner;
REVOKE ALL ON SCHEMA hq FROM PUBLIC;
GRANT USAGE ON SCHEMA hq TO terminal, hq_office;
SET ROLE hq_owner;
"""

TABLES = r"""
-- functions later revisions create are not callable by PUBLIC unless granted
ALTER DEFAULT PRIVILEGES FOR ROLE hq_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
CREATE TABLE hq.settings (
    key   text PRIMARY KEY,
    value jsonb NOT NULL
);
INSERT INTO hq.settings VALUES
    ('schema_version', '1'),            -- N: N and N-1 are accepted
    ('clock_tolerance_seconds', '900'); -- a terminal's clock may be off by 15 minutes

CREATE TABLE hq.terminals (
    terminal      text PRIMARY KEY CHECK (terminal ~ '^[A-Z0-9]{1,16}-[0-9]{2}$'),
    branch        text NOT NULL CHECK (branch ~ '^[A-Z0-9]{1,16}$'),
    terminal_no   integer NOT NULL CHECK (terminal_no BETWEEN 1 AND 99),
    role          name NOT NULL UNIQUE,
    status        text NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'suspended', 'retired')),
    acked_seq     bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
    last_batch_at timestamptz,
    last_pull_at  timestamptz,
    clock_skew    interval,           -- head office's clock minus the terminal's, last push
    enrolled_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (branch, terminal_no)
);

-- The terminals' rows as last pushed: one row per (terminal, aggregate, id), never edited
-- by head office; replaced only by a newer version from the same terminal.
CREATE TABLE hq.aggregates (
    terminal       text NOT NULL REFERENCES hq.terminals,
    branch         text NOT NULL,
    aggregate      text NOT NULL,
    id             text NOT NULL,
    version        bigint NOT NULL,
    schema_version integer NOT NULL,
    seq            bigint NOT NULL,
    payload        jsonb NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal, aggregate, id)
);
CREATE INDEX aggregates_branch ON hq.aggregates (branch, aggregate);

CREATE TABLE hq.batches (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terminal    text NOT NULL REFERENCES hq.terminals,
    first_seq   bigint NOT NULL,
    last_seq    bigint NOT NULL,
    sha256      text NOT NULL,   -- of the changes' hashes, in order
    sent_at     timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batches_terminal ON hq.batches (terminal, last_seq);

-- Every change ever applied, by its hash: a re-sent seq is compared with it.
CREATE TABLE hq.changes (
    terminal text NOT NULL REFERENCES hq.terminals,
    seq      bigint NOT NULL,
    sha256   text NOT NULL,
    batch_id bigint NOT NULL REFERENCES hq.batches,
    PRIMARY KEY (terminal, seq)
);

CREATE TABLE hq.alarms (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terminal    text,               -- NULL: a role that is no enrolled terminal
    login_role  name NOT NULL,
    kind        text NOT NULL,      -- conflict, audit_break, forbidden, clock, audit_anchor
    detail      jsonb NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    last_at     timestamptz NOT NULL DEFAULT now(),
    repeats     integer NOT NULL DEFAULT 1,
    resolved_at timestamptz,
    resolved_by name
);
CREATE UNIQUE INDEX alarms_open ON hq.alarms (login_role, kind) WHERE resolved_at IS NULL;

-- The terminal's audit chain as it arrived: position = the terminal's audit seq.
CREATE TABLE hq.audit_chain (
    terminal  text NOT NULL REFERENCES hq.terminals,
    position  bigint NOT NULL,
    prev_hash text NOT NULL,
    hash      text NOT NULL,
    PRIMARY KEY (terminal, position)
);
CREATE TABLE hq.audit_marks (
    terminal      text PRIMARY KEY REFERENCES hq.terminals,
    last_position bigint NOT NULL,
    last_hash     text NOT NULL
);

-- Head office's own rows for the down path. ``mark`` is commit-ordered per branch: it is
-- taken under the lock of the branch's hq.branch_marks row, held until commit.
CREATE TABLE hq.branch_marks (
    branch    text PRIMARY KEY,
    last_mark bigint NOT NULL
);
CREATE TABLE hq.office_rows (
    kind       text NOT NULL CHECK (kind IN ('decision', 'staff', 'config_bundle')),
    item_id    text NOT NULL,
    branch     text NOT NULL,
    request_id text,               -- a decision refers to the terminal's request id
    version    bigint NOT NULL,
    mark       bigint NOT NULL,
    payload    jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by name NOT NULL DEFAULT session_user,
    PRIMARY KEY (kind, item_id),
    UNIQUE (branch, mark)
);
CREATE TABLE hq.office_row_versions (
    kind       text NOT NULL,
    item_id    text NOT NULL,
    version    bigint NOT NULL,
    payload    jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by name NOT NULL,
    PRIMARY KEY (kind, item_id, version)
);

-- Who read a terminal's row holding personal data, when and why.
CREATE TABLE hq.pii_reads (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    reader    name NOT NULL DEFAULT session_user,
    terminal  text NOT NULL,
    aggregate text NOT NULL,
    item_id   text NOT NULL,
    purpose   text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200)
);

-- Row-level security: a terminal's role sees only its own branch (it has no table privilege
-- at all; this is the second wall should one ever be granted).
CREATE FUNCTION hq.caller_branch() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT branch FROM hq.terminals WHERE role = session_user AND status = 'active'
$$;
ALTER TABLE hq.terminals ENABLE ROW LEVEL SECURITY;
ALTER TABLE hq.aggregates ENABLE ROW LEVEL SECURITY;
ALTER TABLE hq.office_rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_branch ON hq.terminals FOR SELECT TO terminal USING (branch = hq.caller_branch());
CREATE POLICY own_branch ON hq.aggregates FOR SELECT TO terminal USING (branch = hq.caller_branch());
CREATE POLICY own_branch ON hq.office_rows FOR SELECT TO terminal USING (branch = hq.caller_branch());
REVOKE ALL ON ALL TABLES IN SCHEMA hq FROM PUBLIC;
REVOKE ALL ON FUNCTION hq.caller_branch() FROM PUBLIC;
"""

HELPERS = r"""
-- Refusals: RAISE with the SQLSTATE of protocol.SQLSTATE_OF_KIND and a Japanese sentence.
CREATE FUNCTION hq.refuse(sqlstate text, message text, detail text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = sqlstate, MESSAGE = message, DETAIL = left(detail, 500);
END
$$;

CREATE FUNCTION hq.invalid(detail text) RETURNS void
LANGUAGE sql AS $$
    SELECT hq.refuse('CA006', '送信データの形式が正しくないため、本部は受け取りませんでした。', detail)
$$;

-- A JSON integer within [lo, hi], or INVALID.
CREATE FUNCTION hq.json_int(value jsonb, what text, lo bigint, hi bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    n numeric;
BEGIN
    IF value IS NULL OR jsonb_typeof(value) <> 'number' OR value::text !~ '^-?[0-9]{1,19}$' THEN
        PERFORM hq.invalid(what || ': not an integer');
    END IF;
    n := value::numeric;
    IF n <> trunc(n) OR n < lo OR n > hi THEN
        PERFORM hq.invalid(what || ': out of range');
    END IF;
    RETURN n::bigint;
END
$$;

-- A JSON string of at most max_len characters matching pattern, or INVALID.
CREATE FUNCTION hq.json_text(value jsonb, what text, max_len integer, pattern text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    s text;
BEGIN
    IF value IS NULL OR jsonb_typeof(value) <> 'string' THEN
        PERFORM hq.invalid(what || ': not a string');
    END IF;
    s := value #>> '{}';
    IF length(s) > max_len OR s !~ pattern THEN
        PERFORM hq.invalid(what || ': not in the expected form');
    END IF;
    RETURN s;
END
$$;

-- Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) of a value
-- (protocol.canonical_json): keys in code-point order (UTF-8 bytes, COLLATE "C"), strings
-- escaped as Python escapes them (to_json: \" \\ \b \f \n \r \t, other controls \u00xx).
-- Integers, booleans and null print alike; floats may not (none is hashed here).
CREATE FUNCTION hq.canonical(v jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    CASE jsonb_typeof(v)
    WHEN 'object' THEN
        RETURN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || hq.canonical(x), ','
                                                  ORDER BY k COLLATE "C")
                                  FROM jsonb_each(v) AS e(k, x)), '') || '}';
    WHEN 'array' THEN
        RETURN '[' || coalesce((SELECT string_agg(hq.canonical(x), ',' ORDER BY i)
                                  FROM jsonb_array_elements(v) WITH ORDINALITY AS e(x, i)), '')
               || ']';
    WHEN 'string' THEN
        RETURN to_json(v #>> '{}')::text;
    ELSE
        RETURN v::text;
    END CASE;
END
$$;

-- The hash of a terminal's audit row (counter_app.security.audit.row_hash):
-- sha256(prev_hash + canonical({seq, at_utc, branch_code, actor_id, approver_id, action,
-- request_id, detail})), ``detail`` sent as its canonical text or as an object.
CREATE FUNCTION hq.audit_row_hash(p jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    detail jsonb := p -> 'detail';
BEGIN
    IF jsonb_typeof(detail) = 'string' THEN
        BEGIN
            detail := (detail #>> '{}')::jsonb;
        EXCEPTION WHEN others THEN
            PERFORM hq.invalid('audit detail: not JSON');
        END;
    END IF;
    RETURN encode(sha256(convert_to(
        (p ->> 'prev_hash') || hq.canonical(jsonb_build_object(
            'seq', p -> 'seq', 'at_utc', p -> 'at_utc', 'branch_code', p -> 'branch_code',
            'actor_id', p -> 'actor_id', 'approver_id', p -> 'approver_id',
            'action', p -> 'action', 'request_id', p -> 'request_id', 'detail', detail)),
        'UTF8')), 'hex');
END
$$;

-- An alarm for a login role and kind; an open one of the same kind is counted, not repeated.
CREATE FUNCTION hq.raise_alarm(term text, kind text, detail jsonb) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO hq.alarms AS a (terminal, login_role, kind, detail)
    VALUES (term, session_user, kind, detail)
    ON CONFLICT (login_role, kind) WHERE resolved_at IS NULL
    DO UPDATE SET repeats = a.repeats + 1, last_at = now(), detail = EXCLUDED.detail
$$;

-- A refusal that must leave its alarm behind: it cannot RAISE (that would roll the alarm
-- back), so ingest returns it and the terminal's transport turns it into the same SyncError.
CREATE FUNCTION hq.refused(term text, kind text, sqlstate text, message text, detail jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hq.raise_alarm(term, kind, detail);
    RETURN jsonb_build_object(
        'status', 'refused', 'kind', kind, 'sqlstate', sqlstate, 'message', message,
        'detail', detail);
END
$$;
"""

INGEST = r"""
CREATE FUNCTION hq.ingest_batch(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    genesis constant text := repeat('0', 64);
    hex64 constant text := '^[0-9a-f]{64}$';
    t hq.terminals%ROWTYPE;
    current_version integer;
    tolerance interval;
    v_terminal text;
    v_schema bigint;
    v_first bigint;
    v_last bigint;
    v_sent timestamptz;
    skew interval;
    n integer;
    i integer;
    ch jsonb;
    canon text;
    declared text;
    computed text;
    bodies jsonb[];
    hashes text[] := '{}';
    body jsonb;
    v_seq bigint;
    v_change_schema bigint;
    held text;
    a_pos bigint;
    a_prev text;
    a_hash text;
    chain_pos bigint;
    chain_hash text;
    anchored boolean;
    batch_id bigint;
BEGIN
    -- 1. The shape of the batch (nothing is read from the database before it is sound).
    IF batch IS NULL OR jsonb_typeof(batch) <> 'object' THEN
        PERFORM hq.invalid('batch: not an object');
    END IF;
    v_terminal := hq.json_text(batch -> 'terminal', 'terminal', 19, '^[A-Z0-9]{1,16}-[0-9]{2}$');

    -- 2. Only the terminal's own role may push its batches.
    SELECT * INTO t FROM hq.terminals WHERE terminal = v_terminal FOR UPDATE;
    IF NOT FOUND OR t.role <> session_user OR t.status <> 'active' THEN
        RETURN hq.refused(
            (SELECT terminal FROM hq.terminals WHERE role = session_user), 'forbidden', 'CA004',
            'この端末には、この送信は許可されていません。本部に警告を記録しました。',
            jsonb_build_object('batch_terminal', v_terminal, 'login_role', session_user::text,
                               'status', t.status));
    END IF;

    -- 3. Schema version N or N-1.
    current_version := (SELECT value::integer FROM hq.settings WHERE key = 'schema_version');
    v_schema := hq.json_int(batch -> 'schema_version', 'schema_version', -1000000, 1000000);
    IF v_schema NOT IN (current_version, current_version - 1) THEN
        PERFORM hq.refuse('CA003', '更新が必要です。端末と本部でデータの版が合いません。',
            format('batch schema %s, head office accepts %s and %s',
                   v_schema, current_version - 1, current_version));
    END IF;

    v_first := hq.json_int(batch -> 'first_seq', 'first_seq', 1, 4611686018427387903);
    v_last := hq.json_int(batch -> 'last_seq', 'last_seq', 1, 4611686018427387903);
    IF jsonb_typeof(batch -> 'changes') IS DISTINCT FROM 'array' THEN
        PERFORM hq.invalid('changes: not an array');
    END IF;
    n := jsonb_array_length(batch -> 'changes');
    IF n < 1 OR n > 500 OR v_last - v_first + 1 <> n THEN
        PERFORM hq.invalid('changes: count does not match first_seq..last_seq (1 to 500)');
    END IF;
    PERFORM hq.json_text(batch -> 'sent_at', 'sent_at', 40, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})$');
    BEGIN
        v_sent := (batch ->> 'sent_at')::timestamptz;
    EXCEPTION WHEN others THEN
        PERFORM hq.invalid('sent_at: not a time');
    END;

    -- 4. Each change: its hash recomputed here from the canonical text it came as.
    FOR i IN 0 .. n - 1 LOOP
        ch := batch -> 'changes' -> i;
        IF jsonb_typeof(ch) <> 'object' THEN
            PERFORM hq.invalid(format('change %s: not an object', i));
        END IF;
        canon := hq.json_text(ch -> 'canonical', 'canonical', 65536, '^\{.*\}$');
        declared := hq.json_text(ch -> 'sha256', 'sha256', 64, hex64);
        computed := encode(sha256(convert_to(canon, 'UTF8')), 'hex');
        IF computed <> declared THEN
            PERFORM hq.invalid(format('change %s: sha256 does not match its content', i));
        END IF;
        hashes := hashes || computed;
    END LOOP;
    BEGIN
        SELECT array_agg((c ->> 'canonical')::jsonb ORDER BY k) INTO bodies
        FROM jsonb_array_elements(batch -> 'changes') WITH ORDINALITY AS e(c, k);
    EXCEPTION WHEN others THEN
        PERFORM hq.invalid('canonical: not JSON');
    END;
    FOR i IN 1 .. n LOOP
        body := bodies[i];
        IF jsonb_typeof(body) <> 'object' THEN
            PERFORM hq.invalid(format('change %s: not an object', i));
        END IF;
        v_seq := hq.json_int(body -> 'seq', 'seq', 1, 4611686018427387903);
        IF v_seq <> v_first + i - 1 THEN
            PERFORM hq.invalid(format('change %s: seq %s is not consecutive', i, v_seq));
        END IF;
        PERFORM hq.json_text(body -> 'aggregate', 'aggregate', 32, '^[a-z][a-z_]*$');
        PERFORM hq.json_text(body -> 'id', 'id', 64, '^[A-Za-z0-9][A-Za-z0-9_.:-]*$');
        PERFORM hq.json_int(body -> 'version', 'version', 1, 4611686018427387903);
        v_change_schema := hq.json_int(body -> 'schema_version', 'schema_version', -1000000, 1000000);
        IF v_change_schema NOT IN (current_version, current_version - 1) THEN
            PERFORM hq.refuse('CA003', '更新が必要です。端末と本部でデータの版が合いません。',
                format('change schema %s, head office accepts %s and %s',
                       v_change_schema, current_version - 1, current_version));
        END IF;
        IF jsonb_typeof(body -> 'payload') IS DISTINCT FROM 'object' THEN
            PERFORM hq.invalid(format('change %s: payload is not an object', i));
        END IF;
        IF body ->> 'aggregate' = 'audit' THEN
            PERFORM hq.json_int(body -> 'payload' -> 'seq', 'audit seq', 1, 4611686018427387903);
            PERFORM hq.json_text(body -> 'payload' -> 'prev_hash', 'audit prev_hash', 64, hex64);
            PERFORM hq.json_text(body -> 'payload' -> 'hash', 'audit hash', 64, hex64);
            IF NOT (body -> 'payload') ?& ARRAY['at_utc', 'branch_code', 'actor_id',
                                              'approver_id', 'action', 'request_id', 'detail']
            THEN
                PERFORM hq.invalid(format('change %s: audit row without its content', i));
            END IF;
        END IF;
    END LOOP;

    -- 5. The terminal's clock (recorded on every push; refused beyond the tolerance).
    skew := clock_timestamp() - v_sent;
    tolerance := make_interval(secs => (SELECT value::integer FROM hq.settings
                                        WHERE key = 'clock_tolerance_seconds'));
    UPDATE hq.terminals SET clock_skew = skew WHERE terminal = t.terminal;
    IF abs(extract(epoch FROM skew)) > extract(epoch FROM tolerance) THEN
        RETURN hq.refused(t.terminal, 'clock', 'CA007',
            format('この端末の時計が本部と約 %s 分ずれています。時計を合わせてから送信してください。',
                   round(abs(extract(epoch FROM skew)) / 60)),
            jsonb_build_object('skew_seconds', round(extract(epoch FROM skew)),
                               'sent_at', batch ->> 'sent_at'));
    END IF;

    -- 6. The sequence: it must continue from what head office holds.
    IF v_first > t.acked_seq + 1 THEN
        PERFORM hq.refuse('CA001',
            '本部が受け取った続きから送られていません。送信を保留しました。',
            format('head office holds up to seq %s; the batch starts at %s', t.acked_seq, v_first));
    END IF;
    FOR i IN 1 .. n LOOP
        v_seq := v_first + i - 1;
        EXIT WHEN v_seq > t.acked_seq;
        SELECT sha256 INTO held FROM hq.changes WHERE terminal = t.terminal AND seq = v_seq;
        IF held IS DISTINCT FROM hashes[i] THEN
            RETURN hq.refused(t.terminal, 'conflict', 'CA002',
                '本部に届いている同じ番号の変更と内容が違います。本部に警告を記録しました。',
                jsonb_build_object('seq', v_seq, 'held_sha256', held, 'sent_sha256', hashes[i],
                                   'first_seq', v_first, 'acked_seq', t.acked_seq));
        END IF;
    END LOOP;
    IF v_last <= t.acked_seq THEN
        UPDATE hq.terminals SET last_batch_at = now() WHERE terminal = t.terminal;
        RETURN jsonb_build_object('status', 'duplicate', 'acked_seq', t.acked_seq);
    END IF;

    -- 7. The audit chain continues from the last row held (a rewind is an alarm).
    SELECT last_position, last_hash INTO chain_pos, chain_hash
    FROM hq.audit_marks WHERE terminal = t.terminal;
    anchored := FOUND;
    FOR i IN 1 .. n LOOP
        body := bodies[i];
        CONTINUE WHEN v_first + i - 1 <= t.acked_seq OR body ->> 'aggregate' <> 'audit';
        a_pos := (body -> 'payload' ->> 'seq')::bigint;
        a_prev := body -> 'payload' ->> 'prev_hash';
        a_hash := body -> 'payload' ->> 'hash';
        IF hq.audit_row_hash(body -> 'payload') <> a_hash THEN
            RETURN hq.refused(t.terminal, 'audit_break', 'CA005',
                '操作記録のつながりが本部の記録と合いません（古いバックアップから戻した可能性があります）。本部に警告を記録しました。',
                jsonb_build_object('rewind', false, 'forged', true, 'position', a_pos,
                                   'seq', v_first + i - 1));
        END IF;
        IF NOT anchored THEN
            IF a_pos <> 1 OR a_prev <> genesis THEN
                PERFORM hq.raise_alarm(t.terminal, 'audit_anchor',
                    jsonb_build_object('first_position', a_pos, 'prev_hash', a_prev));
            END IF;
        ELSIF a_pos <= chain_pos THEN
            SELECT hash INTO held FROM hq.audit_chain
            WHERE terminal = t.terminal AND position = a_pos;
            IF held IS DISTINCT FROM a_hash THEN
                RETURN hq.refused(t.terminal, 'audit_break', 'CA005',
                    '操作記録のつながりが本部の記録と合いません（古いバックアップから戻した可能性があります）。本部に警告を記録しました。',
                    jsonb_build_object('rewind', true, 'position', a_pos,
                                       'held_position', chain_pos, 'seq', v_first + i - 1));
            END IF;
            CONTINUE;  -- the same row again: already held
        ELSIF a_pos <> chain_pos + 1 OR a_prev <> chain_hash THEN
            RETURN hq.refused(t.terminal, 'audit_break', 'CA005',
                '操作記録のつながりが本部の記録と合いません（古いバックアップから戻した可能性があります）。本部に警告を記録しました。',
                jsonb_build_object('rewind', false, 'position', a_pos,
                                   'held_position', chain_pos, 'seq', v_first + i - 1));
        END IF;
        INSERT INTO hq.audit_chain VALUES (t.terminal, a_pos, a_prev, a_hash);
        chain_pos := a_pos;
        chain_hash := a_hash;
        anchored := true;
    END LOOP;
    IF chain_pos IS NOT NULL THEN
        INSERT INTO hq.audit_marks VALUES (t.terminal, chain_pos, chain_hash)
        ON CONFLICT (terminal) DO UPDATE
            SET last_position = EXCLUDED.last_position, last_hash = EXCLUDED.last_hash;
    END IF;

    -- 8. Apply: log the batch, keep each change's hash, upsert the newer versions, move the mark.
    INSERT INTO hq.batches (terminal, first_seq, last_seq, sha256, sent_at)
    VALUES (t.terminal, v_first, v_last,
            encode(sha256(convert_to(array_to_string(hashes, ''), 'UTF8')), 'hex'), v_sent)
    RETURNING id INTO batch_id;
    INSERT INTO hq.changes (terminal, seq, sha256, batch_id)
    SELECT t.terminal, v_first + k - 1, h, batch_id
      FROM unnest(hashes) WITH ORDINALITY AS u(h, k)
     WHERE v_first + k - 1 > t.acked_seq;
    -- one statement may touch a row once: the newest version of each aggregate in the batch
    INSERT INTO hq.aggregates AS a
        (terminal, branch, aggregate, id, version, schema_version, seq, payload)
    SELECT DISTINCT ON (b ->> 'aggregate', b ->> 'id')
           t.terminal, t.branch, b ->> 'aggregate', b ->> 'id', (b ->> 'version')::bigint,
           (b ->> 'schema_version')::integer, (b ->> 'seq')::bigint, b -> 'payload'
      FROM unnest(bodies) WITH ORDINALITY AS u(b, k)
     WHERE v_first + k - 1 > t.acked_seq
     ORDER BY b ->> 'aggregate', b ->> 'id', (b ->> 'version')::bigint DESC, k DESC
    ON CONFLICT (terminal, aggregate, id) DO UPDATE
        SET version = EXCLUDED.version, schema_version = EXCLUDED.schema_version,
            seq = EXCLUDED.seq, payload = EXCLUDED.payload, received_at = now()
        WHERE a.version < EXCLUDED.version;
    UPDATE hq.terminals SET acked_seq = v_last, last_batch_at = now()
    WHERE terminal = t.terminal;
    RETURN jsonb_build_object('status', 'applied', 'acked_seq', v_last);
END
$$;
"""

DOWN_PATH = r"""
-- Head office publishes a row for a branch (a decision, a staff account, a config bundle).
CREATE FUNCTION hq.publish(p_branch text, p_kind text, p_item_id text, p_payload jsonb,
                           p_request_id text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    new_mark bigint;
    new_version bigint;
BEGIN
    IF p_kind NOT IN ('decision', 'staff', 'config_bundle') OR p_payload IS NULL
       OR jsonb_typeof(p_payload) <> 'object' THEN
        PERFORM hq.invalid('publish: kind or payload');
    END IF;
    IF p_kind = 'decision' THEN  -- a decision answers one request: the terminal files it there
        p_request_id := coalesce(p_request_id, p_payload ->> 'request_id');
        IF p_request_id IS NULL THEN
            PERFORM hq.invalid('publish: a decision needs the request id');
        END IF;
        p_payload := p_payload || jsonb_build_object('request_id', p_request_id);
    END IF;
    INSERT INTO hq.branch_marks AS b VALUES (p_branch, 1)
    ON CONFLICT (branch) DO UPDATE SET last_mark = b.last_mark + 1
    RETURNING last_mark INTO new_mark;   -- the row stays locked until commit
    INSERT INTO hq.office_rows AS o (kind, item_id, branch, request_id, version, mark, payload)
    VALUES (p_kind, p_item_id, p_branch, p_request_id, 1, new_mark, p_payload)
    ON CONFLICT (kind, item_id) DO UPDATE
        SET version = o.version + 1, mark = EXCLUDED.mark, payload = EXCLUDED.payload,
            request_id = EXCLUDED.request_id, updated_at = now(), updated_by = session_user
        WHERE o.branch = EXCLUDED.branch
    RETURNING version INTO new_version;
    IF new_version IS NULL THEN
        PERFORM hq.invalid('publish: the item belongs to another branch');
    END IF;
    INSERT INTO hq.office_row_versions VALUES
        (p_kind, p_item_id, new_version, p_payload, now(), session_user);
    RETURN new_mark;
END
$$;

-- A terminal fetches its branch's head-office rows after a mark.
CREATE FUNCTION hq.pull_changes(after_mark bigint, lim integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t hq.terminals%ROWTYPE;
    capped integer := least(greatest(coalesce(lim, 100), 1), 500);
    items jsonb;
    found_count integer;
    last_item bigint;
    branch_mark bigint;
BEGIN
    SELECT * INTO t FROM hq.terminals WHERE role = session_user AND status = 'active';
    IF NOT FOUND THEN
        PERFORM hq.refuse('CA004', 'この端末には、本部のデータの参照は許可されていません。',
                          'no active terminal for ' || session_user);
    END IF;
    IF after_mark IS NULL OR after_mark < 0 THEN
        PERFORM hq.invalid('after_mark');
    END IF;
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'mark', mark, 'kind', kind, 'id', item_id, 'version', version,
               'payload', payload) ORDER BY mark), '[]'::jsonb),
           count(*), max(mark)
      INTO items, found_count, last_item
      FROM (SELECT * FROM hq.office_rows
             WHERE branch = t.branch AND mark > after_mark
             ORDER BY mark LIMIT capped) AS page;
    SELECT last_mark INTO branch_mark FROM hq.branch_marks WHERE branch = t.branch;
    UPDATE hq.terminals SET last_pull_at = now() WHERE terminal = t.terminal;
    RETURN jsonb_build_object(
        'items', items,
        'mark', CASE WHEN found_count = capped THEN last_item
                     ELSE greatest(coalesce(branch_mark, 0), after_mark) END,
        'more', found_count = capped AND coalesce(branch_mark, 0) > last_item);
END
$$;

-- Head-office staff read a terminal's row holding personal data: recorded first.
CREATE FUNCTION hq.read_aggregate(p_terminal text, p_aggregate text, p_id text, p_purpose text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    result jsonb;
BEGIN
    IF p_purpose IS NULL OR length(btrim(p_purpose)) = 0 THEN
        PERFORM hq.invalid('purpose: a reason to read personal data is required');
    END IF;
    INSERT INTO hq.pii_reads (terminal, aggregate, item_id, purpose)
    VALUES (p_terminal, p_aggregate, p_id, p_purpose);
    SELECT payload INTO result FROM hq.aggregates
    WHERE terminal = p_terminal AND aggregate = p_aggregate AND id = p_id;
    RETURN result;
END
$$;

-- Privileges: terminals EXECUTE the two functions and nothing else.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hq FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.ingest_batch(jsonb) TO terminal;
GRANT EXECUTE ON FUNCTION hq.pull_changes(bigint, integer) TO terminal;
GRANT EXECUTE ON FUNCTION hq.caller_branch() TO terminal;  -- used by the RLS policies
GRANT EXECUTE ON FUNCTION hq.publish(text, text, text, jsonb, text) TO hq_office;
GRANT EXECUTE ON FUNCTION hq.read_aggregate(text, text, text, text) TO hq_office;
GRANT SELECT ON hq.terminals, hq.alarms, hq.batches, hq.branch_marks TO hq_office;
RESET ROLE;
"""


def upgrade() -> None:
    connection = op.get_bind()
    for block in (ROLES, TABLES, HELPERS, INGEST, DOWN_PATH):
        # as is: no bind-parameter parsing of the ``::`` casts and ``%s`` formats
        connection.exec_driver_sql(block, execution_options={"no_parameters": True})


def downgrade() -> None:
    op.execute("DROP SCHEMA hq CASCADE")
