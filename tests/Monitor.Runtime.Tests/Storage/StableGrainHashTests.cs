using System.Text;
using Monitor.Runtime.Storage;
using Xunit;

namespace Monitor.Runtime.Tests.Storage;

public sealed class StableGrainHashTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a_matches_the_published_test_vectors(string input, uint expected)
    {
        Assert.Equal(expected, StableGrainHash.Fnv1a(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void A_grain_hash_is_fnv1a_of_the_utf8_type_slash_key()
    {
        var grains = new[] { new GrainId("account", "x:2996296402"), new GrainId("account", "tg:МИД"), new GrainId("group", new string('k', 5_000)) };

        foreach (var grain in grains)
        {
            Assert.Equal(unchecked((int)StableGrainHash.Fnv1a(Encoding.UTF8.GetBytes($"{grain.Type}/{grain.Key}"))), StableGrainHash.Compute(grain));
        }
    }

    [Fact]
    public void Grains_differing_only_in_type_hash_differently()
    {
        Assert.NotEqual(StableGrainHash.Compute(new GrainId("account", "k")), StableGrainHash.Compute(new GrainId("group", "k")));
    }
}
