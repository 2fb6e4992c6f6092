namespace Monitor.Storage;

/// <summary>What a queued <see cref="StorageOperation"/> does to its row.</summary>
internal enum StorageOperationKind
{
    /// <summary>Insert (no ETag) or update (ETag must match) the row.</summary>
    Write,

    /// <summary>Delete the row if the ETag matches (no ETag: succeeds only when there is no row).</summary>
    Clear,
}
