using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Monitor.Storage;

/// <summary>
/// The default <see cref="IGrainStateSerializer"/>: UTF-8 JSON through System.Text.Json. Tolerant of schema drift: members a
/// newer build added keep their defaults when absent, and members the reader does not know are ignored. It is also an
/// Orleans <see cref="IGrainStorageSerializer"/>, so Orleans' memory storage keeps state in the same format.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer, IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer with the default settings (reflection metadata only).</summary>
    public JsonGrainStateSerializer()
        : this(new JsonGrainStateSerializerOptions())
    {
    }

    /// <summary>Creates a serializer that asks the registered resolvers first and falls back to reflection.</summary>
    public JsonGrainStateSerializer(JsonGrainStateSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.SerializerOptions, $"{nameof(options)}.{nameof(options.SerializerOptions)}");
        var fallback = options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        _options = new JsonSerializerOptions(options.SerializerOptions)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. options.TypeInfoResolvers, fallback]),
        };
        _options.MakeReadOnly();
    }

    /// <inheritdoc />
    public byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, TypeInfo<T>());

    /// <inheritdoc />
    public T Deserialize<T>(ReadOnlySpan<byte> payload) => JsonSerializer.Deserialize(payload, TypeInfo<T>())!;

    BinaryData IGrainStorageSerializer.Serialize<T>(T? input)
        where T : default => new(Serialize(input));

    T IGrainStorageSerializer.Deserialize<T>(BinaryData input) => Deserialize<T>(input.ToMemory().Span);

    // GetTypeInfo caches per type, so this is a dictionary lookup after the first call.
    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
