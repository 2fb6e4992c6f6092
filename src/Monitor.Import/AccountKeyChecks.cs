using System.Diagnostics.CodeAnalysis;

namespace Monitor.Import;

/// <summary>
/// <see cref="AccountKeyRule"/> applied once per spelling: a batch or an import names a few accounts over many rows.
/// At most <c>capacity</c> spellings are kept (a later one is checked each time it comes), so memory stays bounded.
/// </summary>
public sealed class AccountKeyChecks
{
    private readonly Dictionary<string, (string GrainKey, string? Reason)> _checked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string GrainKey, string? Reason)>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;

    public AccountKeyChecks(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _bySpan = _checked.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The kept copy of a spelling checked before, so a caller reading text need not allocate it again.</summary>
    public bool TryGetKnown(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out string known) => _bySpan.TryGetValue(key, out known, out _);

    /// <summary>As <see cref="AccountKeyRule.TryCanonicalize"/>, from the kept answer when <paramref name="key"/> was checked before.</summary>
    public bool TryCanonicalize(string? key, out string grainKey, out string reason)
    {
        if (key is null)
        {
            return AccountKeyRule.TryCanonicalize(key, out grainKey, out reason);
        }

        if (!_checked.TryGetValue(key, out var answer))
        {
            answer = AccountKeyRule.TryCanonicalize(key, out var canonical, out var why) ? (canonical, null) : ("", why);
            if (_checked.Count < _capacity)
            {
                _checked[key] = answer;
            }
        }

        (grainKey, reason) = (answer.GrainKey, answer.Reason ?? "");
        return answer.Reason is null;
    }
}
