using Monitor.Core.Accounts;
using Monitor.Core.History;
using Xunit;

namespace Monitor.Core.Tests.Accounts;

public sealed class ObservationTests
{
    private static readonly AccountKey Account = AccountKey.Parse("x:2996296402");
    private static readonly DateTimeOffset Now = new(2024, 9, 28, 12, 0, 0, TimeSpan.Zero);

    private static Observation Make(DateTimeOffset? timestamp = null, long followers = 1_800_000, long? following = 120, long? posts = 28_700) =>
        new(Account, timestamp ?? Now, followers, following, posts, "test", Now);

    [Fact]
    public void A_valid_observation_keeps_its_values_in_utc()
    {
        var local = new DateTimeOffset(2024, 9, 28, 15, 0, 0, TimeSpan.FromHours(3));

        var observation = Make(local);

        Assert.Equal(TimeSpan.Zero, observation.Timestamp.Offset);
        Assert.Equal(local, observation.Timestamp);
        Assert.Equal(new FollowerSample(Now, 1_800_000, 120, 28_700), observation.ToSample());
    }

    [Theory]
    [InlineData(-1, 0, 0, "followers")]
    [InlineData(1_000_000_000_001, 0, 0, "followers")]
    [InlineData(5, -3, 0, "following")]
    [InlineData(5, 1_000_000_000_001, 0, "following")]
    [InlineData(5, 0, -1, "posts")]
    [InlineData(5, 0, 1_000_000_000_001, "posts")]
    public void Counts_out_of_range_name_the_field_and_value(long followers, long following, long posts, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Make(followers: followers, following: following, posts: posts));

        Assert.Equal(field, error.ParamName);
        Assert.Equal(field switch { "followers" => followers, "following" => following, _ => posts }, error.ActualValue);
    }

    [Fact]
    public void The_largest_count_is_accepted()
    {
        Assert.Equal(Observation.MaxCount, Make(followers: Observation.MaxCount).Followers);
    }

    [Fact]
    public void A_timestamp_before_2006_names_the_field()
    {
        var early = new DateTimeOffset(2005, 12, 31, 23, 59, 59, TimeSpan.Zero);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Make(early));

        Assert.Equal("timestamp", error.ParamName);
        Assert.Equal(early, error.ActualValue);
    }

    [Fact]
    public void A_timestamp_more_than_a_day_after_now_names_the_field()
    {
        var future = Now.AddDays(1).AddSeconds(1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Make(future));

        Assert.Equal("timestamp", error.ParamName);
        Assert.Equal(future, error.ActualValue);
        Assert.Equal(Now.AddDays(1), Make(Now.AddDays(1)).Timestamp);
    }

    [Fact]
    public void A_default_account_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Observation(default, Now, 1, null, null, null, Now));
        Assert.Equal("account", error.ParamName);
    }

    [Fact]
    public void With_expressions_are_validated_too()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Make() with { Followers = -5 });
        Assert.Equal("followers", error.ParamName);
    }

    [Fact]
    public void Samples_validate_like_observations()
    {
        Assert.Equal("posts", Assert.Throws<ArgumentOutOfRangeException>(() => new FollowerSample(Now, 1, 1, -1)).ParamName);
        Assert.Equal("timestamp", Assert.Throws<ArgumentOutOfRangeException>(() => new FollowerSample(DateTimeOffset.UnixEpoch, 1)).ParamName);
    }

    public static TheoryData<DateTimeOffset, long, long?, long?, string?> ValidSampleCases => new()
    {
        { Now, 1_800_000, 120, 28_700, "test" },
        { new DateTimeOffset(2024, 9, 28, 15, 0, 0, TimeSpan.FromHours(3)), 0, null, null, null },
        { Now.AddDays(1), Observation.MaxCount, Observation.MaxCount, Observation.MaxCount, new string('s', Observation.MaxSourceLength) },
        { Now.AddDays(1).AddSeconds(1), -1, -1, -1, new string('s', Observation.MaxSourceLength + 1) },
        { new DateTimeOffset(2005, 12, 31, 23, 59, 59, TimeSpan.Zero), -1, null, null, null },
        { Now, Observation.MaxCount + 1, -2, null, null },
        { Now, 5, 1_000_000_000_001, -1, new string('s', 300) },
        { Now, 5, 7, -1, null },
        { Now, 5, 7, 8, new string('s', Observation.MaxSourceLength + 1) },
    };

    [Theory]
    [MemberData(nameof(ValidSampleCases))]
    public void ValidSample_accepts_and_refuses_what_the_constructor_does_with_the_same_first_error(
        DateTimeOffset timestamp, long followers, long? following, long? posts, string? source)
    {
        var made = Record.Exception(() => new Observation(Account, timestamp, followers, following, posts, source, Now));
        var checkedOnly = Record.Exception(() => Observation.ValidSample(timestamp, followers, following, posts, source, Now));

        if (made is null)
        {
            Assert.Null(checkedOnly);
            Assert.Equal(new Observation(Account, timestamp, followers, following, posts, source, Now).ToSample(), Observation.ValidSample(timestamp, followers, following, posts, source, Now));
            return;
        }

        var error = Assert.IsType<ArgumentOutOfRangeException>(checkedOnly);
        Assert.Equal(made.GetType(), error.GetType());
        Assert.Equal(made.Message, error.Message);
        Assert.Equal(((ArgumentOutOfRangeException)made).ActualValue, error.ActualValue);
    }
}
