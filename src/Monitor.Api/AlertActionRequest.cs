namespace Monitor.Api;

/// <summary>Optional body of acknowledge and resolve: who did it.</summary>
public sealed record AlertActionRequest(string? By);
