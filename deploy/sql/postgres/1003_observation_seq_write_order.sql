-- Replay reads an account's rows with seq above its checkpoint, which needs a row written later to get a greater seq.
-- With a per-session cache of 1000, a silo that takes an account over could hand out values below those of the silo
-- that held it before (each session draws from its own cached block), and a replay would skip those rows. Without a
-- cache, values follow the order of nextval calls across all sessions, and one owner writes an account at a time.
ALTER TABLE observation ALTER COLUMN seq SET CACHE 1;
