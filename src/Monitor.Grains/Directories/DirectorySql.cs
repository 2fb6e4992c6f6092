namespace Monitor.Grains.Directories;

/// <summary>The directory table's statements, one text for SQLite and PostgreSQL (<c>@name</c> parameters).</summary>
internal static class DirectorySql
{
    public const string Select = "SELECT summary_json FROM account_directory WHERE service_id = @service";

    public const string Upsert =
        "INSERT INTO account_directory (service_id, account, platform, handle, display_name, groups, tags, summary_json, updated_at) " +
        "VALUES (@service, @account, @platform, @handle, @name, @groups, @tags, @summary, @updated) " +
        "ON CONFLICT (service_id, account) DO UPDATE SET platform = excluded.platform, handle = excluded.handle, " +
        "display_name = excluded.display_name, groups = excluded.groups, tags = excluded.tags, " +
        "summary_json = excluded.summary_json, updated_at = excluded.updated_at";

    public const string Delete = "DELETE FROM account_directory WHERE service_id = @service AND account = @account";
}
