-- API keys and the audit log of admin actions. A key is stored as the SHA-256 of its secret, never in clear.
-- Times are milliseconds since 1970-01-01 UTC.
CREATE TABLE IF NOT EXISTS api_keys (
    service_id   TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    name         TEXT,
    role         TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER,
    PRIMARY KEY (service_id, id)
);

CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id  TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT,
    action      TEXT    NOT NULL,
    target      TEXT,
    status      INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_log_by_service ON audit_log (service_id, id);
