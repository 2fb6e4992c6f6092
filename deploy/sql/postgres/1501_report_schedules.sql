-- Report schedules added through the API (a group's weekly or monthly report sent to a webhook receiver), stored as
-- their JSON definition. Times are milliseconds since 1970-01-01 UTC; a schedule delivers periods that end after created_at.
CREATE TABLE IF NOT EXISTS report_schedules (
    service_id   text   NOT NULL,
    id           text   NOT NULL,
    definition   text   NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (service_id, id)
);
