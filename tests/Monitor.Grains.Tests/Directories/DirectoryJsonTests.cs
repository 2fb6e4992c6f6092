using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Grains.Directories;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

/// <summary>The directory's stored summary: enums as strings, as the API writes them, and rows written before still read.</summary>
public sealed class DirectoryJsonTests
{
    private static readonly AccountSummary Summary = SummaryBuilder.For("x:1").Build() with
    {
        Collection = new CollectionStatus(
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), PollStatus.RateLimited, "429", null, 3, null, []),
    };

    [Fact]
    public void A_poll_status_is_stored_as_its_name()
    {
        using var stored = JsonDocument.Parse(DirectoryJson.Serialize(Summary));

        Assert.Equal("rateLimited", stored.RootElement.GetProperty("collection").GetProperty("lastStatus").GetString());
    }

    [Fact]
    public void A_row_written_with_the_poll_status_as_a_number_still_reads()
    {
        // How an earlier release wrote summary_json: web defaults, no enum converter.
        var earlier = JsonSerializer.Serialize(Summary, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using (var document = JsonDocument.Parse(earlier))
        {
            Assert.Equal((int)PollStatus.RateLimited, document.RootElement.GetProperty("collection").GetProperty("lastStatus").GetInt32());
        }

        var read = DirectoryJson.Deserialize(earlier);

        Assert.Equal(PollStatus.RateLimited, read.Collection!.LastStatus);
        Assert.Equal(DirectoryJson.Serialize(Summary), DirectoryJson.Serialize(read));
    }
}
