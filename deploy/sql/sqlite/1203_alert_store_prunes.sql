-- How many prunes have removed rows of a service's alert store. A prune deletes alerts and changes without writing to
-- the change log, so a hub shard's commit compares this count with the one it read before (docs/alerts.md, Sharding).
CREATE TABLE IF NOT EXISTS alert_prunes (
    service_id TEXT    NOT NULL PRIMARY KEY,
    prunes     INTEGER NOT NULL
);
