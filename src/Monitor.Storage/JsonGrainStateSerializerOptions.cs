using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Storage;

/// <summary>Settings of <see cref="JsonGrainStateSerializer"/>.</summary>
public sealed class JsonGrainStateSerializerOptions
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive names); unknown members are skipped and missing ones keep their defaults.
    /// </summary>
    /// <remarks>
    /// Unlike <see cref="StorageJson"/>, enums stay numbers here: during a rolling upgrade silos of the previous release
    /// read the state new silos write, and they read enums only as numbers. Grain state can move to
    /// <see cref="StorageJson"/> one release after every silo reads names.
    /// </remarks>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

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
