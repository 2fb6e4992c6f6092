-- The observation log, in a file of its own beside the main database (monitor.db -> monitor.observations.db): every
-- accepted observation, once per (account, timestamp). Account grains append here before acknowledging a batch and replay
-- the rows after their checkpoint (seq) when they activate. Its own file has its own write lock, so the log's group
-- commits and the grains' checkpoints in the main file do not wait for each other.
-- seq is the rowid (an INTEGER PRIMARY KEY keeps it stable across VACUUM); (service_id, account, ts) is the unique key.
-- ts is microseconds since 1970-01-01 UTC. A replay reads the account's rows from a time bound on through the unique
-- key and filters on seq, so no second index is maintained on every insert.
CREATE TABLE IF NOT EXISTS observation (
    seq        INTEGER PRIMARY KEY,
    service_id TEXT    NOT NULL,
    account    TEXT    NOT NULL,
    ts         INTEGER NOT NULL,
    followers  INTEGER NOT NULL,
    following  INTEGER,
    posts      INTEGER,
    source     TEXT,
    UNIQUE (service_id, account, ts)
);
