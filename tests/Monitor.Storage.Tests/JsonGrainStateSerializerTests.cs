using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class JsonGrainStateSerializerTests
{
    [Fact]
    public void Records_collections_and_byte_arrays_round_trip()
    {
        var serializer = new JsonGrainStateSerializer();
        var state = new DetectorCheckpoint("x:2996296402", [10, 12, 15], new Dictionary<string, double> { ["z"] = 3.5 }, [1, 2, 255], new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        var read = serializer.Deserialize<DetectorCheckpoint>(serializer.Serialize(state));

        Assert.Equal(state.Account, read.Account);
        Assert.Equal(state.Rates, read.Rates);
        Assert.Equal(state.Scores, read.Scores);
        Assert.Equal(state.Raw, read.Raw);
        Assert.Equal(state.LastSeen, read.LastSeen);
    }

    [Fact]
    public void A_record_written_without_a_newer_constructor_parameter_loads_with_its_default()
    {
        var serializer = new JsonGrainStateSerializer();
        var old = serializer.Serialize(new ProfileV1 { Name = "Elysée", Followers = 7 });

        var read = serializer.Deserialize<ProfileRecord>(old);

        Assert.Equal(new ProfileRecord("Elysée", 7), read);
    }

    [Fact]
    public void Unknown_members_are_skipped_even_when_nested()
    {
        var serializer = new JsonGrainStateSerializer();
        var payload = """{"name":"Kremlin","followers":3,"removedBlock":{"a":[1,2,{"b":null}]},"removedList":[1,2]}"""u8.ToArray();

        var read = serializer.Deserialize<ProfileV1>(payload);

        Assert.Equal("Kremlin", read.Name);
        Assert.Equal(3, read.Followers);
    }

    [Fact]
    public void A_registered_resolver_is_asked_before_reflection()
    {
        var resolver = new CountingResolver(SampleStateContext.Default);
        var options = new JsonGrainStateSerializerOptions();
        options.TypeInfoResolvers.Add(resolver);
        var serializer = new JsonGrainStateSerializer(options);

        var read = serializer.Deserialize<ProfileV2>(serializer.Serialize(new ProfileV2 { Name = "AA", Followers = 1, Country = "KZ" }));

        Assert.Equal("KZ", read.Country);
        Assert.Contains(typeof(ProfileV2), resolver.Asked);
    }

    [Fact]
    public void A_registered_source_generated_context_serialises_like_reflection()
    {
        var viaContext = new JsonGrainStateSerializer(new JsonGrainStateSerializerOptions().AddContext(SampleStateContext.Default));
        var viaReflection = new JsonGrainStateSerializer();
        var state = new ProfileV2 { Name = "MFA", Followers = 42, Country = "UZ" };

        var bytes = viaContext.Serialize(state);

        Assert.Equal(viaReflection.Serialize(state), bytes);
        Assert.Equal("UZ", viaReflection.Deserialize<ProfileV2>(bytes).Country);
    }

    [Fact]
    public void Options_are_copied_so_later_changes_do_not_affect_a_created_serializer()
    {
        var options = new JsonGrainStateSerializerOptions();
        var serializer = new JsonGrainStateSerializer(options);
        options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

        var json = System.Text.Encoding.UTF8.GetString(serializer.Serialize(new ProfileV1 { Name = "n", Followers = 1 }));

        Assert.Contains("\"followers\"", json, StringComparison.Ordinal);
    }

    private sealed class CountingResolver(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public List<Type> Asked { get; } = [];

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            Asked.Add(type);
            return inner.GetTypeInfo(type, options);
        }
    }
}
