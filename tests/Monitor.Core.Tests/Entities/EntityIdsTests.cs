using Monitor.Core.Entities;
using Xunit;

namespace Monitor.Core.Tests.Entities;

public sealed class EntityIdsTests
{
    [Theory]
    [InlineData("Ilham Aliyev", "ilham-aliyev")]
    [InlineData("Ministry of Foreign Affairs of Türkiye", "ministry-of-foreign-affairs-of-türkiye")]
    [InlineData("  Recep Tayyip Erdoğan (press) ", "recep-tayyip-erdoğan-press")]
    public void An_id_is_derived_from_a_name(string name, string id)
    {
        Assert.Equal(id, EntityIds.FromName(name));
        Assert.True(EntityIds.IsValid(id, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ilham-Aliyev")]
    [InlineData("ilham aliyev")]
    [InlineData("-ilham")]
    [InlineData("ilham--aliyev")]
    public void Malformed_ids_are_refused_with_a_reason(string id)
    {
        Assert.False(EntityIds.IsValid(id, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void A_name_without_letters_has_no_id() => Assert.Throws<ArgumentException>(() => EntityIds.FromName("!!"));
}
