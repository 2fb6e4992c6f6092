namespace Monitor.Abstractions.Annotations;

/// <summary>
/// Body of <c>POST /api/annotations</c> (and one item of an import): the note, its date or range, and what it is about:
/// nothing (every chart), an account, a group, or an alert (whose account and span it takes unless given).
/// </summary>
public sealed record AnnotationRequest(
    string? Text,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? Account,
    string? Group,
    string? AlertId,
    string? CreatedBy);
