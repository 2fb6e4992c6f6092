-- The periods each report schedule has handed to the webhook outbox, kept for good: the outbox's delivery rows are pruned
-- after a week, and a silo that restarted later would otherwise queue a period that is still due (a month) once more.
-- A few rows a year per schedule. period_from is the period's first day (yyyy-MM-dd); queued_at is milliseconds since
-- 1970-01-01 UTC.
CREATE TABLE IF NOT EXISTS report_periods_queued (
    service_id   TEXT    NOT NULL,
    schedule_id  TEXT    NOT NULL,
    group_key    TEXT    NOT NULL,
    period_kind  TEXT    NOT NULL,
    period_from  TEXT    NOT NULL,
    queued_at    INTEGER NOT NULL,
    PRIMARY KEY (service_id, schedule_id, group_key, period_kind, period_from)
);
