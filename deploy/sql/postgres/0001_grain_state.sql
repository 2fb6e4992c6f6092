-- Grain state: one row per (service, grain, state name), written by PostgresGrainStorage.
-- Unlike Orleans' ADO.NET OrleansStorage table (dotnet/orleans #8746, #9737) it has a primary key, so a row is found and
-- locked by its identity and two rows for one grain state cannot exist.
CREATE TABLE IF NOT EXISTS grain_state
(
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     bytea       NOT NULL,
    -- The ETag. Drawn from grain_state_version_seq, so a row that is cleared and written again never reuses an old ETag.
    version     bigint      NOT NULL,
    modified_on timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_pk PRIMARY KEY (service_id, grain_type, grain_key, state_name)
)
-- State rows are rewritten all the time; free space on each page lets PostgreSQL update them in place (HOT).
WITH (fillfactor = 80);

CREATE SEQUENCE IF NOT EXISTS grain_state_version_seq AS bigint;
