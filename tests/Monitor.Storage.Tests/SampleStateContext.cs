using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Storage.Tests;

/// <summary>Source-generated metadata for a test state, registered through <c>JsonGrainStateSerializerOptions.AddContext</c>.</summary>
[JsonSerializable(typeof(ProfileV2))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
public sealed partial class SampleStateContext : JsonSerializerContext;
