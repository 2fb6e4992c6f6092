using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Directories;

/// <summary>One pending write to the directory table: the account's latest summary, or null when the account was removed.</summary>
internal readonly record struct DirectoryChange(string Account, AccountSummary? Summary);
