namespace Monitor.Silo.Import;

/// <summary>
/// One string per account spelling read from a file: an import names few accounts over many rows, so each row's account
/// column is looked up by its characters rather than allocated. At most <c>capacity</c> spellings are kept (later ones
/// are allocated each time), so memory stays bounded.
/// </summary>
internal sealed class AccountSpellings(int capacity = 100_000)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The kept string equal to <paramref name="spelling"/>, added on first sight.</summary>
    public string Get(ReadOnlySpan<char> spelling)
    {
        var lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(spelling, out var known))
        {
            return known;
        }

        var added = spelling.ToString();
        if (_known.Count < capacity)
        {
            _known.Add(added);
        }

        return added;
    }
}
