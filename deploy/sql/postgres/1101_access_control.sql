-- API keys and the audit log of admin actions. A key is stored as the SHA-256 of its secret, never in clear.
-- Times are milliseconds since 1970-01-01 UTC (the same columns as on SQLite, so one set of statements serves both).
CREATE TABLE IF NOT EXISTS api_keys (
    service_id   text   NOT NULL,
    id           text   NOT NULL,
    name         text,
    role         text   NOT NULL,
    secret_hash  text   NOT NULL,
    created_at   bigint NOT NULL,
    expires_at   bigint,
    revoked_at   bigint,
    last_used_at bigint,
    PRIMARY KEY (service_id, id)
);

CREATE TABLE IF NOT EXISTS audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id  text   NOT NULL,
    at          bigint NOT NULL,
    actor_id    text,
    actor_name  text,
    action      text   NOT NULL,
    target      text,
    status      integer NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_log_by_service ON audit_log (service_id, id);
