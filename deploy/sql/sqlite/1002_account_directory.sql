-- The account directory: one row per monitored account with its profile and latest summary, so that lists and
-- rankings never call every grain. An index the grains keep up to date; it can be rebuilt from the grains.
-- groups and tags are JSON arrays; updated_at is microseconds since 1970-01-01 UTC.
CREATE TABLE IF NOT EXISTS account_directory (
    service_id   TEXT    NOT NULL,
    account      TEXT    NOT NULL,
    platform     TEXT    NOT NULL,
    handle       TEXT,
    display_name TEXT,
    groups       TEXT    NOT NULL DEFAULT '[]',
    tags         TEXT    NOT NULL DEFAULT '[]',
    summary_json TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (service_id, account)
);
