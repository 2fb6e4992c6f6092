-- Correlation reads that do not grow with the number of open alerts (docs/alerts.md, "The store"):
-- an alert's incidents are found through a covering index on the alert (without statistics, SQLite preferred the
-- primary key's covering index and read every membership of the service), and a group's incidents of one kind
-- through their own index, so a publish reads the incidents near it, not every member of them.
DROP INDEX IF EXISTS incident_alerts_by_alert;
CREATE INDEX IF NOT EXISTS incident_alerts_by_alert_incident ON incident_alerts (service_id, alert_id, incident_id);
CREATE INDEX IF NOT EXISTS incidents_by_group_kind ON incidents (service_id, group_name, kind, start_ticks);
