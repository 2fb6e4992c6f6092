-- The alert store: alerts, their append-only change log, incidents and silences in tables, so that publishing writes
-- only what changed and queries filter, sort and page in the database. Times are .NET ticks (100 ns) since 0001-01-01 UTC.
-- alert_json / change_json / silence_json hold the full record; the other columns are what queries filter and sort on.
CREATE TABLE IF NOT EXISTS alerts (
    service_id    TEXT    NOT NULL,
    alert_id      TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    platform      TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    start_ticks   INTEGER NOT NULL,
    end_ticks     INTEGER,
    updated_ticks INTEGER NOT NULL,
    alert_json    TEXT    NOT NULL,
    PRIMARY KEY (service_id, alert_id)
);
CREATE INDEX IF NOT EXISTS alerts_by_start ON alerts (service_id, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_account ON alerts (service_id, account, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_kind ON alerts (service_id, kind, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_kind_status ON alerts (service_id, kind, status, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_severity ON alerts (service_id, severity, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_status ON alerts (service_id, status, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_by_platform_kind ON alerts (service_id, platform, kind, status);
CREATE INDEX IF NOT EXISTS alerts_by_end ON alerts (service_id, end_ticks);

-- One row per group an alert's account belongs to: the group filter and incident correlation use it.
CREATE TABLE IF NOT EXISTS alert_groups (
    service_id  TEXT    NOT NULL,
    group_name  TEXT    NOT NULL,
    alert_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    account     TEXT    NOT NULL,
    start_ticks INTEGER NOT NULL,
    end_ticks   INTEGER,
    PRIMARY KEY (service_id, group_name, alert_id)
);
CREATE INDEX IF NOT EXISTS alert_groups_by_start ON alert_groups (service_id, group_name, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alert_groups_by_kind ON alert_groups (service_id, group_name, kind, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alert_groups_by_alert ON alert_groups (service_id, alert_id);

-- The change log: append-only, sequences consecutive per service; live streams and webhooks resume from a sequence.
CREATE TABLE IF NOT EXISTS alert_changes (
    service_id     TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    alert_id       TEXT    NOT NULL,
    change         TEXT    NOT NULL,
    recorded_ticks INTEGER NOT NULL,
    change_json    TEXT    NOT NULL,
    PRIMARY KEY (service_id, sequence)
);

CREATE TABLE IF NOT EXISTS incidents (
    service_id  TEXT    NOT NULL,
    incident_id TEXT    NOT NULL,
    group_name  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    start_ticks INTEGER NOT NULL,
    end_ticks   INTEGER,
    PRIMARY KEY (service_id, incident_id)
);
CREATE INDEX IF NOT EXISTS incidents_by_start ON incidents (service_id, start_ticks DESC);

CREATE TABLE IF NOT EXISTS incident_alerts (
    service_id  TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    alert_id    TEXT NOT NULL,
    account     TEXT NOT NULL,
    PRIMARY KEY (service_id, incident_id, alert_id)
);
CREATE INDEX IF NOT EXISTS incident_alerts_by_alert ON incident_alerts (service_id, alert_id);

-- Silences, expired ones included (they are listed as history).
CREATE TABLE IF NOT EXISTS silences (
    service_id    TEXT    NOT NULL,
    silence_id    TEXT    NOT NULL,
    created_ticks INTEGER NOT NULL,
    ends_ticks    INTEGER NOT NULL,
    silence_json  TEXT    NOT NULL,
    PRIMARY KEY (service_id, silence_id)
);
