-- The alert store: alerts, their append-only change log, incidents and silences in tables, so that publishing writes
-- only what changed and queries filter, sort and page in the database. Times are .NET ticks (100 ns) since 0001-01-01 UTC.
-- alert_json / change_json / silence_json hold the full record; the other columns are what queries filter and sort on.
CREATE TABLE IF NOT EXISTS alerts (
    service_id    text    NOT NULL,
    alert_id      text    COLLATE "C" NOT NULL,
    account       text    NOT NULL,
    platform      text    NOT NULL,
    kind          text    NOT NULL,
    severity      text    NOT NULL,
    status        text    NOT NULL,
    start_ticks   bigint NOT NULL,
    end_ticks     bigint,
    updated_ticks bigint NOT NULL,
    alert_json    text    NOT NULL,
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
    service_id  text    NOT NULL,
    group_name  text    NOT NULL,
    alert_id    text COLLATE "C" NOT NULL,
    kind        text    NOT NULL,
    account     text    NOT NULL,
    start_ticks bigint NOT NULL,
    end_ticks   bigint,
    PRIMARY KEY (service_id, group_name, alert_id)
);
CREATE INDEX IF NOT EXISTS alert_groups_by_start ON alert_groups (service_id, group_name, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alert_groups_by_kind ON alert_groups (service_id, group_name, kind, start_ticks DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alert_groups_by_alert ON alert_groups (service_id, alert_id);

-- The change log: append-only, sequences consecutive per service; live streams and webhooks resume from a sequence.
CREATE TABLE IF NOT EXISTS alert_changes (
    service_id     text    NOT NULL,
    sequence       bigint NOT NULL,
    alert_id       text COLLATE "C" NOT NULL,
    change         text    NOT NULL,
    recorded_ticks bigint NOT NULL,
    change_json    text    NOT NULL,
    PRIMARY KEY (service_id, sequence)
);

CREATE TABLE IF NOT EXISTS incidents (
    service_id  text    NOT NULL,
    incident_id text    NOT NULL,
    group_name  text    NOT NULL,
    kind        text    NOT NULL,
    start_ticks bigint NOT NULL,
    end_ticks   bigint,
    PRIMARY KEY (service_id, incident_id)
);
CREATE INDEX IF NOT EXISTS incidents_by_start ON incidents (service_id, start_ticks DESC);

CREATE TABLE IF NOT EXISTS incident_alerts (
    service_id  text NOT NULL,
    incident_id text NOT NULL,
    alert_id    text COLLATE "C" NOT NULL,
    account     text NOT NULL,
    PRIMARY KEY (service_id, incident_id, alert_id)
);
CREATE INDEX IF NOT EXISTS incident_alerts_by_alert ON incident_alerts (service_id, alert_id);

-- Silences, expired ones included (they are listed as history).
CREATE TABLE IF NOT EXISTS silences (
    service_id    text    NOT NULL,
    silence_id    text    NOT NULL,
    created_ticks bigint NOT NULL,
    ends_ticks    bigint NOT NULL,
    silence_json  text    NOT NULL,
    PRIMARY KEY (service_id, silence_id)
);

-- Cluster-wide alert stream: every commit that appends changes notifies monitor_alert_changes with the service id (the
-- notification is delivered only when the transaction commits). It replaces the trigger on the hub's old grain state.
DROP TRIGGER IF EXISTS grain_state_alert_hub_notify ON grain_state;
CREATE OR REPLACE FUNCTION monitor_notify_alert_store_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    service text;
BEGIN
    FOR service IN SELECT DISTINCT service_id FROM appended LOOP
        PERFORM pg_notify('monitor_alert_changes', service);
    END LOOP;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS alert_changes_notify ON alert_changes;
CREATE TRIGGER alert_changes_notify
    AFTER INSERT ON alert_changes
    REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT
    EXECUTE FUNCTION monitor_notify_alert_store_changes();
