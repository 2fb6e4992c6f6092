-- Durable reminders: one row per (service, grain, reminder name), written by PostgresReminderTable.
CREATE TABLE IF NOT EXISTS reminders
(
    service_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    -- 32-bit FNV-1a of the UTF-8 grain id ("type/key"), stable across processes; cluster mode reads by hash range.
    grain_hash    integer     NOT NULL,
    start_at      timestamptz NOT NULL,
    period        interval    NOT NULL,
    -- The ETag, from reminder_version_seq so a removed and re-created reminder never reuses an old ETag.
    version       bigint      NOT NULL,
    CONSTRAINT reminders_pk PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);

CREATE INDEX IF NOT EXISTS reminders_service_hash_ix ON reminders (service_id, grain_hash);

CREATE SEQUENCE IF NOT EXISTS reminder_version_seq AS bigint;
