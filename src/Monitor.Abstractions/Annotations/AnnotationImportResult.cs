namespace Monitor.Abstractions.Annotations;

/// <summary>What an import of annotations did: how many were new and stored, and how many were already there.</summary>
public sealed record AnnotationImportResult(int Stored, int Duplicates);
