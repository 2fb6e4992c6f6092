-- Monitor's own cluster runtime (membership rows, partition leases, the write fence of 0003) was replaced by Orleans'
-- membership (0006). Its tables hold only liveness data, nothing a user stored.
DROP TABLE IF EXISTS partition_lease;
DROP TABLE IF EXISTS silo_membership;
DROP FUNCTION IF EXISTS monitor_fence(text, text, bigint, integer[], bigint[]);
