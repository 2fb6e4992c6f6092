-- Webhook receivers added through the API, the consumed position in the alert change log, the outbox of alert
-- changes waiting to be grouped, and the deliveries (one signed message each) with their attempts.
-- Times are milliseconds since 1970-01-01 UTC. A delivery is pending, delivered or dead; lease_until marks the silo
-- that claimed it for an attempt (a lapsed lease is claimable again), so several silos on one database never send it twice at once.
CREATE TABLE IF NOT EXISTS webhook_receivers (
    service_id   TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    definition   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (service_id, id)
);

CREATE TABLE IF NOT EXISTS webhook_cursor (
    service_id    TEXT    NOT NULL PRIMARY KEY,
    last_sequence INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS webhook_outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id   TEXT    NOT NULL,
    receiver_id  TEXT    NOT NULL,
    group_key    TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    alert_id     TEXT    NOT NULL,
    change_json  TEXT    NOT NULL,
    enqueued_at  INTEGER NOT NULL,
    delivery_id  TEXT,
    UNIQUE (service_id, receiver_id, sequence)
);

CREATE INDEX IF NOT EXISTS webhook_outbox_pending ON webhook_outbox (service_id, delivery_id, receiver_id, group_key);

CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id      TEXT    NOT NULL,
    delivery_id     TEXT    NOT NULL,
    receiver_id     TEXT    NOT NULL,
    group_key       TEXT    NOT NULL,
    alert_count     INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    lease_until     INTEGER,
    UNIQUE (service_id, delivery_id)
);

CREATE INDEX IF NOT EXISTS webhook_deliveries_by_receiver ON webhook_deliveries (service_id, receiver_id, state, id);

CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (service_id, state, next_attempt_at);

CREATE INDEX IF NOT EXISTS webhook_deliveries_by_group ON webhook_deliveries (service_id, receiver_id, group_key, id);
