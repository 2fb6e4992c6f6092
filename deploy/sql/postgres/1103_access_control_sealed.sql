-- Open trial mode ends for good once a key has existed: this row records the first key of a service and is never
-- deleted, so revoking or outliving every key does not open the silo again. Keys stored before this script count.
CREATE TABLE IF NOT EXISTS access_control_sealed (
    service_id   text   NOT NULL PRIMARY KEY,
    first_key_at bigint NOT NULL
);

INSERT INTO access_control_sealed (service_id, first_key_at)
SELECT service_id, MIN(created_at) FROM api_keys GROUP BY service_id
ON CONFLICT (service_id) DO NOTHING;
