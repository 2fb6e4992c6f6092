-- The observation log: every accepted observation, once per (account, timestamp). Account grains append here before
-- acknowledging a batch and replay the rows after their checkpoint (seq) when they activate. A replay reads the
-- account's rows from a time bound on through the primary key and filters on seq: no second index to maintain on
-- every insert (measured: it cost about 40% of the insert rate).
CREATE TABLE IF NOT EXISTS observation (
    service_id text        NOT NULL,
    account    text        NOT NULL,
    ts         timestamptz NOT NULL,
    followers  bigint      NOT NULL,
    following  bigint,
    posts      bigint,
    source     text,
    seq        bigint      GENERATED ALWAYS AS IDENTITY (CACHE 1000),
    PRIMARY KEY (service_id, account, ts)
);
