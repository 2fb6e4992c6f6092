-- Services whose reminder rows hold Orleans' ring position in grain_hash. Releases before Orleans stored FNV-1a there;
-- SqliteReminderTable re-hashes a service's rows once, at its first start on Orleans, and records the service here.
CREATE TABLE IF NOT EXISTS reminder_ring_positions
(
    service_id TEXT NOT NULL PRIMARY KEY
);
