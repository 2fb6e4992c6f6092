-- The observation log: every accepted observation, once per (account, timestamp). Account grains append here before
-- acknowledging a batch and replay the rows after their checkpoint (seq) when they activate.
CREATE TABLE IF NOT EXISTS observation (
    service_id text        NOT NULL,
    account    text        NOT NULL,
    ts         timestamptz NOT NULL,
    followers  bigint      NOT NULL,
    following  bigint,
    posts      bigint,
    source     text,
    seq        bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (service_id, account, ts)
);

CREATE INDEX IF NOT EXISTS observation_account_seq ON observation (service_id, account, seq);
