namespace Monitor.Runtime.Tests.Grains;

public interface ISequenceGrain : IGrainWithStringKey
{
    Task RecordAsync(int step);
}
