-- Cluster-wide alert stream: every write of the alert hub's state (which carries its change log) notifies the channel
-- monitor_alert_changes with the service id. PostgreSQL delivers a notification only when the writing transaction
-- commits, so a listening silo never learns of a change that is not durable; it then reads the changes after its
-- cursor from the hub with a grain call (the notification carries no data, so a lost one only delays delivery).
CREATE OR REPLACE FUNCTION monitor_notify_alert_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('monitor_alert_changes', NEW.service_id);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS grain_state_alert_hub_notify ON grain_state;
CREATE TRIGGER grain_state_alert_hub_notify
    AFTER INSERT OR UPDATE ON grain_state
    FOR EACH ROW WHEN (NEW.grain_type = 'alert-hub')
    EXECUTE FUNCTION monitor_notify_alert_changes();
