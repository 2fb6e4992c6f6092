using Monitor.Core.Accounts;
using Xunit;

namespace Monitor.Core.Tests.Accounts;

public sealed class AccountKeyTests
{
    [Theory]
    [InlineData("x:2996296402", Platform.X, "2996296402")]
    [InlineData("x:18446744073709551615", Platform.X, "18446744073709551615")]
    [InlineData("bluesky:did:plc:z72i7hdynmk6r22z27h6tvur", Platform.Bluesky, "did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData("bluesky:did:web:gov.example.org", Platform.Bluesky, "did:web:gov.example.org")]
    [InlineData("mastodon:mastodon.social:109302436954721982", Platform.Mastodon, "mastodon.social:109302436954721982")]
    [InlineData("youtube:UCBR8-60-B28hp2BmDPdntcQ", Platform.YouTube, "UCBR8-60-B28hp2BmDPdntcQ")]
    [InlineData("telegram:-1001234567890", Platform.Telegram, "-1001234567890")]
    [InlineData("telegram:@mfa_russia", Platform.Telegram, "@mfa_russia")]
    [InlineData("instagram:17841400000000000", Platform.Instagram, "17841400000000000")]
    [InlineData("facebook:100064477427070", Platform.Facebook, "100064477427070")]
    [InlineData("tiktok:presidentaz", Platform.TikTok, "presidentaz")]
    [InlineData("tiktok:mfa.azerbaijan_1", Platform.TikTok, "mfa.azerbaijan_1")]
    public void Valid_keys_parse_and_round_trip(string text, Platform platform, string id)
    {
        var key = AccountKey.Parse(text);

        Assert.Equal(platform, key.Platform);
        Assert.Equal(id, key.Id);
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, AccountKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("x:@MFATurkiye", "x:@mfaturkiye")]
    [InlineData("youtube:@NASA", "youtube:@nasa")]
    [InlineData("instagram:@sadyr_japarov", "instagram:@sadyr_japarov")]
    public void Handle_keys_are_accepted_as_unresolved_and_lowercased(string text, string canonical)
    {
        var key = AccountKey.Parse(text);

        Assert.True(key.IsUnresolvedHandle);
        Assert.Equal(canonical, key.ToString());
        Assert.False(AccountKey.Parse("x:2996296402").IsUnresolvedHandle);
        Assert.False(AccountKey.Parse("telegram:@mfa_russia").IsUnresolvedHandle);
        Assert.False(AccountKey.Parse("tiktok:@presidentaz").IsUnresolvedHandle);
    }

    [Theory]
    [InlineData("X:2996296402", "x:2996296402")]
    [InlineData("Mastodon:Mastodon.Social:109302436954721982", "mastodon:mastodon.social:109302436954721982")]
    [InlineData("telegram:@MFA_Russia", "telegram:@mfa_russia")]
    [InlineData("TikTok:@PresidentAz", "tiktok:presidentaz")]
    public void Case_insensitive_parts_are_canonicalised_to_lowercase(string text, string canonical)
    {
        Assert.Equal(canonical, AccountKey.Parse(text).ToString());
        Assert.Equal(AccountKey.Parse(canonical), AccountKey.Parse(text));
    }

    [Theory]
    [InlineData("x:@")]
    [InlineData("x:@pot!us")]
    [InlineData("x:0123")]
    [InlineData("x:18446744073709551616")]
    [InlineData("x:12a")]
    [InlineData("x:")]
    [InlineData("bluesky:did:plc:z72i7hdynmk6r22z27h6tvu")]
    [InlineData("bluesky:did:plc:Z72I7HDYNMK6R22Z27H6TVUR")]
    [InlineData("bluesky:did:plc:z72i7hdynmk6r22z27h6tvu1")]
    [InlineData("bluesky:alice.bsky.social")]
    [InlineData("bluesky:did:web:localhost")]
    [InlineData("mastodon:109302436954721982")]
    [InlineData("mastodon:mastodon.social:@gargron")]
    [InlineData("mastodon:-bad.social:1")]
    [InlineData("youtube:UCBR8-60-B28hp2BmDPdntc")]
    [InlineData("youtube:ucBR8-60-B28hp2BmDPdntcQ")]
    [InlineData("telegram:@abc")]
    [InlineData("telegram:@1channel")]
    [InlineData("telegram:--100")]
    [InlineData("tiktok:a")]
    [InlineData("tiktok:ends.with.dot.")]
    [InlineData("tiktok:has-dash")]
    [InlineData("tiktok:abcdefghijklmnopqrstuvwxy")]
    [InlineData("instagram:natgeo")]
    [InlineData("facebook:")]
    public void Invalid_ids_are_refused_with_an_error_naming_the_value(string text)
    {
        Assert.False(AccountKey.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => AccountKey.Parse(text));
        Assert.Equal(error, exception.Message);
    }

    [Theory]
    [InlineData("x:presidentaz", "'x:@presidentaz'")]
    [InlineData("instagram:natgeo", "'instagram:@natgeo'")]
    [InlineData("bluesky:alice.bsky.social", "'bluesky:@alice.bsky.social'")]
    [InlineData("youtube:mfa-channel", "'youtube:@mfa-channel'")]
    public void A_handle_written_without_its_at_sign_is_refused_with_the_key_to_write(string text, string suggestion)
    {
        Assert.False(AccountKey.TryParse(text, out _, out var error));
        Assert.Contains($"To name the account by its handle, write {suggestion}.", error, StringComparison.Ordinal);
        Assert.True(AccountKey.TryParse(suggestion.Trim('\''), out _, out _), $"The suggested key {suggestion} does not parse.");
    }

    [Fact]
    public void An_id_that_could_not_be_a_handle_gets_no_handle_hint()
    {
        Assert.False(AccountKey.TryParse("x:12a!", out _, out var error));
        Assert.DoesNotContain("handle", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2996296402")]
    [InlineData(":2996296402")]
    [InlineData("twitter:2996296402")]
    public void Keys_without_a_known_platform_are_refused(string text)
    {
        Assert.False(AccountKey.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_overlong_keys_are_refused()
    {
        Assert.False(AccountKey.TryParse(null, out _, out _));
        Assert.False(AccountKey.TryParse("", out _, out _));
        var overlong = "bluesky:did:web:" + string.Join('.', Enumerable.Repeat("abcdefghij", 24)) + ".org";
        Assert.False(AccountKey.TryParse(overlong, out _, out var error));
        Assert.Contains($"{overlong.Length} characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_validates_the_id_for_the_platform()
    {
        var error = Assert.Throws<ArgumentException>(() => new AccountKey(Platform.YouTube, "not-a-channel"));
        Assert.Equal("id", error.ParamName);
        Assert.Contains("'not-a-channel'", error.Message, StringComparison.Ordinal);
        Assert.Equal("x:42", new AccountKey(Platform.X, "42").ToString());
    }

    [Fact]
    public void Wire_names_parse_back_to_their_platform()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.True(PlatformNames.TryParse(platform.ToWireName(), out var parsed));
            Assert.Equal(platform, parsed);
            Assert.Equal(platform.ToWireName().ToLowerInvariant(), platform.ToWireName());
        }
    }
}
