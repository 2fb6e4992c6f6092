using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Storage;

/// <summary>Settings of <see cref="JsonGrainStateSerializer"/>.</summary>
public sealed class JsonGrainStateSerializerOptions
{
    /// <summary>
    /// <see cref="StorageJson"/>'s conventions; unknown members are skipped and missing ones keep their defaults.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = StorageJson.Create();

    /// <summary>Source-generated metadata consulted before reflection, in order; register a JsonSerializerContext here for speed.</summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];

    /// <summary>Registers a source-generated context whose <see cref="JsonTypeInfo"/> is used for the types it knows.</summary>
    public JsonGrainStateSerializerOptions AddContext(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TypeInfoResolvers.Add(context);
        return this;
    }
}
