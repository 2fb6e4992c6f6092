namespace Monitor.Core.History;

/// <summary>
/// A condition that holds for a series' records up to some point and for none after it (say, "at or before a time"), so a
/// search may skip ahead over records it knows hold it.
/// </summary>
internal interface IRecordBound<TRecord>
    where TRecord : struct
{
    bool Includes(in TRecord record);
}
