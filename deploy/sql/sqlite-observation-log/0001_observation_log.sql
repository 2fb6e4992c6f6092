-- The observation log, in a file of its own beside the main database (monitor.db -> monitor.observations.db): every
-- accepted observation, once per (account, timestamp). Account grains append here before acknowledging a batch and replay
-- the rows after their checkpoint (seq) when they activate. Its own file has its own write lock, so the log's group
-- commits and the grains' checkpoints in the main file do not wait for each other.
-- The table is clustered on its key (WITHOUT ROWID): one B-tree per insert instead of a rowid table plus a unique index.
-- ts is microseconds since 1970-01-01 UTC. A replay reads the account's rows from a time bound on through the key and
-- filters on seq.
CREATE TABLE IF NOT EXISTS observation (
    service_id TEXT    NOT NULL,
    account    TEXT    NOT NULL,
    ts         INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    followers  INTEGER NOT NULL,
    following  INTEGER,
    posts      INTEGER,
    source     TEXT,
    PRIMARY KEY (service_id, account, ts)
) WITHOUT ROWID;

-- The last seq handed out, by the writer inside its transaction. It only grows: rows deleted with an account never
-- give their seqs back, so a seq another account's checkpoint already passed is never handed out again.
CREATE TABLE IF NOT EXISTS observation_seq (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);
INSERT OR IGNORE INTO observation_seq (id, last) VALUES (1, 0);
