-- Webhook receivers added through the API, the consumed position in the alert change log, the outbox of alert
-- changes waiting to be grouped, and the deliveries (one signed message each) with their attempts.
-- Times are milliseconds since 1970-01-01 UTC. A delivery is pending, delivered or dead; lease_until marks the silo
-- that claimed it for an attempt (a lapsed lease is claimable again), so several silos on one database never send it twice at once.
CREATE TABLE IF NOT EXISTS webhook_receivers (
    service_id   text   NOT NULL,
    id           text   NOT NULL,
    definition   text   NOT NULL,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL,
    PRIMARY KEY (service_id, id)
);

CREATE TABLE IF NOT EXISTS webhook_cursor (
    service_id    text   NOT NULL PRIMARY KEY,
    last_sequence bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS webhook_outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id   text   NOT NULL,
    receiver_id  text   NOT NULL,
    group_key    text   NOT NULL,
    sequence     bigint NOT NULL,
    alert_id     text   NOT NULL,
    change_json  text   NOT NULL,
    enqueued_at  bigint NOT NULL,
    delivery_id  text,
    UNIQUE (service_id, receiver_id, sequence)
);

CREATE INDEX IF NOT EXISTS webhook_outbox_pending ON webhook_outbox (service_id, delivery_id, receiver_id, group_key);

CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id      text    NOT NULL,
    delivery_id     text    NOT NULL,
    receiver_id     text    NOT NULL,
    group_key       text    NOT NULL,
    alert_count     integer NOT NULL,
    body            text    NOT NULL,
    created_at      bigint  NOT NULL,
    state           text    NOT NULL,
    attempts        integer NOT NULL,
    next_attempt_at bigint  NOT NULL,
    last_attempt_at bigint,
    last_status     integer,
    last_error      text,
    lease_until     bigint,
    UNIQUE (service_id, delivery_id)
);

CREATE INDEX IF NOT EXISTS webhook_deliveries_by_receiver ON webhook_deliveries (service_id, receiver_id, state, id);

CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (service_id, state, next_attempt_at);

CREATE INDEX IF NOT EXISTS webhook_deliveries_by_group ON webhook_deliveries (service_id, receiver_id, group_key, id);
