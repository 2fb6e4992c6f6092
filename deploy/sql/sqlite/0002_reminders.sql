-- Durable reminders: one row per (service, grain, reminder name), written by SqliteReminderTable.
CREATE TABLE IF NOT EXISTS reminders
(
    service_id    TEXT    NOT NULL,
    grain_type    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    -- 32-bit FNV-1a of the UTF-8 grain id ("type/key"), stable across processes; cluster mode reads by hash range.
    grain_hash    INTEGER NOT NULL,
    -- Microseconds since 1970-01-01 UTC (PostgreSQL's timestamptz resolution).
    start_at_us   INTEGER NOT NULL,
    period_us     INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);

CREATE INDEX IF NOT EXISTS reminders_service_hash_ix ON reminders (service_id, grain_hash);

INSERT OR IGNORE INTO version_counter (name, last_value) VALUES ('reminders', 0);
