using Monitor.Core.Detection;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class TimedDequeTests
{
    [Fact]
    public void A_search_from_any_hint_finds_what_the_binary_search_finds()
    {
        // A capped deque that has wrapped round its buffer, with repeated times.
        var deque = new TimedDeque(16);
        for (var i = 0; i < 40; i++)
        {
            deque.PushBack((i / 2) * 10, i);
        }

        for (var time = -5L; time <= 210; time += 5)
        {
            var expected = deque.FirstAtOrAfter(time);
            for (var hint = -3; hint <= deque.Count + 3; hint++)
            {
                Assert.Equal(expected, deque.FirstAtOrAfter(time, hint));
            }
        }
    }
}
