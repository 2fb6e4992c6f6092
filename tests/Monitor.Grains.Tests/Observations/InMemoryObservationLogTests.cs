using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Observations;

public sealed class InMemoryObservationLogTests : ObservationLogTests
{
    protected override IObservationLog Log { get; } = new InMemoryObservationLog();

    protected override IObservationLog? OtherServiceLog => null;
}
