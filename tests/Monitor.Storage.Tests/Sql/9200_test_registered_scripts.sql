-- A schema script of another assembly, registered with AddSchemaScripts (see StorageServiceCollectionExtensionsTests).
CREATE TABLE IF NOT EXISTS test_registered_scripts (id INTEGER NOT NULL);
