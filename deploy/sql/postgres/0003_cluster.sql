-- Cluster mode: silo membership, partition leases and the write fence. PostgreSQL is the only arbiter.

-- One row per silo process life (silo id + generation). Heartbeats use the database clock, so silo clocks may drift.
-- A row only ever moves forward: joining -> active -> leaving -> dead; a dead generation never returns.
CREATE TABLE IF NOT EXISTS silo_membership
(
    service_id  text        NOT NULL,
    silo_id     text        NOT NULL,
    generation  bigint      NOT NULL,
    address     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('joining', 'active', 'leaving', 'dead')),
    heartbeat   timestamptz NOT NULL DEFAULT now(),
    joined_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT silo_membership_pk PRIMARY KEY (service_id, silo_id, generation)
);

-- One row per partition of a service (grain key -> partition by a stable hash). epoch grows on every change of owner,
-- so a write that carries an older epoch is from a previous owner. A lease needs no expiry of its own: it is valid
-- while its owner's membership row is active or leaving (one heartbeat row per silo instead of one per partition).
CREATE TABLE IF NOT EXISTS partition_lease
(
    service_id       text   NOT NULL,
    partition        integer NOT NULL,
    owner_silo       text,
    owner_generation bigint,
    epoch            bigint NOT NULL DEFAULT 0,
    CONSTRAINT partition_lease_pk PRIMARY KEY (service_id, partition)
);

-- The write fence, run first in every fenced write transaction. It takes a KEY SHARE lock on the writer's membership
-- row: heartbeats (plain updates) do not wait for it, but a death declaration (SELECT ... FOR UPDATE, then status = dead)
-- waits for writes in flight, and every write after it is refused. The epochs are checked in the same transaction.
-- Raises MF001 when the writing silo is no longer a member, MF002 (naming the partitions) when an epoch is stale.
CREATE OR REPLACE FUNCTION monitor_fence(p_service text, p_silo text, p_generation bigint, p_partitions integer[], p_epochs bigint[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_status text;
    v_stale  integer[];
BEGIN
    SELECT status INTO v_status FROM silo_membership
    WHERE service_id = p_service AND silo_id = p_silo AND generation = p_generation
    FOR KEY SHARE;
    IF v_status IS NULL OR v_status NOT IN ('active', 'leaving') THEN
        RAISE EXCEPTION USING ERRCODE = 'MF001',
            MESSAGE = format('silo %s generation %s is %s: its writes are fenced off', p_silo, p_generation, coalesce(v_status, 'unknown'));
    END IF;

    SELECT array_agg(t.p) INTO v_stale
    FROM unnest(p_partitions, p_epochs) AS t(p, e)
    WHERE NOT EXISTS (SELECT 1 FROM partition_lease l
                      WHERE l.service_id = p_service AND l.partition = t.p AND l.epoch = t.e
                        AND l.owner_silo = p_silo AND l.owner_generation = p_generation);
    IF v_stale IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MF002',
            MESSAGE = format('silo %s generation %s holds stale leases of partitions %s', p_silo, p_generation, array_to_string(v_stale, ','));
    END IF;

    RETURN coalesce(array_length(p_partitions, 1), 0);
END
$$;
