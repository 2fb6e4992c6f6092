namespace Monitor.Abstractions.Groups;

/// <summary>A named group of accounts (for example <c>turkic-mfa</c>) and how many members it has.</summary>
public sealed record GroupInfo(string Name, int Members);
