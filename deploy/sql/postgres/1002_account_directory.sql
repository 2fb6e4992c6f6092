-- The account directory: one row per monitored account with its profile and latest summary, so that lists and
-- rankings never call every grain. An index the grains keep up to date; it can be rebuilt from the grains.
CREATE TABLE IF NOT EXISTS account_directory (
    service_id   text        NOT NULL,
    account      text        NOT NULL,
    platform     text        NOT NULL,
    handle       text,
    display_name text,
    groups       jsonb       NOT NULL DEFAULT '[]',
    tags         jsonb       NOT NULL DEFAULT '[]',
    summary_json jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (service_id, account)
);
