-- Grain state: one row per (service, grain, state name), written by SqliteGrainStorage.
-- A rowid table (not WITHOUT ROWID): payloads can be large, which WITHOUT ROWID tables handle poorly.
CREATE TABLE IF NOT EXISTS grain_state
(
    service_id  TEXT    NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    -- The ETag, drawn from version_counter so a row that is cleared and written again never reuses an old ETag.
    version     INTEGER NOT NULL,
    -- UTC, ISO 8601.
    modified_on TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
);

-- SQLite has no sequences: one counter per versioned table, advanced inside the writing transaction.
CREATE TABLE IF NOT EXISTS version_counter
(
    name       TEXT    NOT NULL PRIMARY KEY,
    last_value INTEGER NOT NULL
);

INSERT OR IGNORE INTO version_counter (name, last_value) VALUES ('grain_state', 0);
