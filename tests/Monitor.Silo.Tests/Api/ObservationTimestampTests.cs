using System.Globalization;
using Monitor.Api;
using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Api;

public sealed class ObservationTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T12:34:56Z")]
    [InlineData("2024-05-01T12:34:56")]
    [InlineData("2024-05-01T12:34:56.5Z")]
    [InlineData("2024-05-01T12:34:56.1234567Z")]
    [InlineData("2024-05-01T12:34:56.12345678Z")]
    [InlineData("2024-05-01T12:34:56+03:00")]
    [InlineData("2024-05-01T12:34:56.25-05:30")]
    [InlineData("2024-05-01T12:34:56+14:00")]
    [InlineData("2024-05-01T12:34:56+14:01")]
    [InlineData("2024-05-01T12:34:56-00:00")]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-00-01T00:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T23:60:00Z")]
    [InlineData("2024-05-01T23:59:60Z")]
    [InlineData("2024-05-01T12:34:56.Z")]
    [InlineData("2024-05-01T12:34:56ZZ")]
    [InlineData("2024-05-01T12:34:56+0300")]
    [InlineData("2024-05-01T12:34:56+03")]
    [InlineData("2024-05-01 12:34:56Z")]
    [InlineData("2024-05-01")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2024-05-0aT12:34:56Z")]
    [InlineData("soon")]
    [InlineData("")]
    public void Accepts_and_rejects_what_DateTimeOffset_TryParse_does_and_gives_the_same_instant(string text)
    {
        var expectedOk = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected);

        var ok = ObservationTimestamp.TryParse(text, out var parsed);

        Assert.Equal(expectedOk, ok);
        Assert.Equal((expected.UtcTicks, expected.Offset), (parsed.UtcTicks, parsed.Offset));
    }

    [Fact]
    public void Every_hour_of_a_leap_year_in_each_offset_matches_the_general_parser()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        foreach (var suffix in new[] { "Z", "", "+05:45", "-11:00", ".1234Z" })
        {
            for (var hour = 0; hour < 366 * 24; hour += 7)
            {
                var text = start.AddHours(hour).AddSeconds(hour % 60).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + suffix;
                Assert.True(ObservationTimestamp.TryParse(text, out var parsed), text);
                Assert.Equal(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), parsed);
                Assert.Equal(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).Offset, parsed.Offset);
            }
        }
    }
}
