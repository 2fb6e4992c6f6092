using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Monitor.Runtime.References;

namespace Monitor.Runtime.Messaging;

/// <summary>
/// The silo-to-silo call format: a JSON object naming the grain, the interface and method, with the arguments serialised
/// by their declared parameter types (System.Text.Json); the answer is the result's JSON, or an error object.
/// </summary>
internal static class GrainCallWire
{
    /// <summary>The header that carries the cluster secret.</summary>
    public const string SecretHeader = "X-Monitor-Cluster-Secret";

    /// <summary>The header that carries the caller's remaining time in milliseconds.</summary>
    public const string TimeoutHeader = "X-Monitor-Timeout-Ms";

    /// <summary>The path of the internal call endpoint.</summary>
    public const string CallPath = "/internal/grain-call";

    /// <summary>Status of the answer "this silo does not own the grain's partition (any more)": re-resolve and retry.</summary>
    public const int MovedStatus = 421;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ConcurrentDictionary<(Type, string), GrainMethodInvoker?> Methods = new();

    public static string InterfaceName(GrainMethodInvoker method)
    {
        var type = method.Method.DeclaringType!;
        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }

    public static string MethodKey(MethodInfo method) =>
        $"{method.Name}({string.Join(",", method.GetParameters().Select(parameter => parameter.ParameterType.FullName))})";

    public static byte[] WriteCall(GrainId grainId, GrainMethodInvoker method, object?[] arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("grainType", grainId.Type);
            writer.WriteString("key", grainId.Key);
            writer.WriteString("interface", InterfaceName(method));
            writer.WriteString("method", MethodKey(method.Method));
            writer.WriteStartArray("arguments");
            var parameters = method.Method.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                JsonSerializer.Serialize(writer, arguments[i], parameters[i].ParameterType, Json);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Finds the invoker named by a call; null when the interface or method is unknown here.</summary>
    public static GrainMethodInvoker? FindMethod(string interfaceName, string methodKey)
    {
        var type = Type.GetType(interfaceName, throwOnError: false);
        if (type is null || !type.IsInterface || !typeof(IGrain).IsAssignableFrom(type))
        {
            return null;
        }

        return Methods.GetOrAdd((type, methodKey), static key =>
            GrainInterfaceMetadata.For(key.Item1).Invokers.FirstOrDefault(invoker =>
                invoker.Method.DeclaringType == key.Item1 && MethodKey(invoker.Method) == key.Item2));
    }

    public static object?[] ReadArguments(JsonElement arguments, GrainMethodInvoker method)
    {
        var parameters = method.Method.GetParameters();
        if (arguments.ValueKind != JsonValueKind.Array || arguments.GetArrayLength() != parameters.Length)
        {
            throw new JsonException($"{method.Name} takes {parameters.Length} arguments.");
        }

        var values = new object?[parameters.Length];
        var i = 0;
        foreach (var argument in arguments.EnumerateArray())
        {
            values[i] = argument.Deserialize(parameters[i].ParameterType, Json);
            i++;
        }

        return values;
    }

    public static byte[] WriteError(Exception exception)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", exception.GetType().FullName);
            writer.WriteString("message", exception.Message);
            writer.WriteString("parameter", (exception as ArgumentException)?.ParamName);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Rebuilds the exception a remote grain call raised: the common framework types as themselves, others as <see cref="RemoteGrainException"/>.</summary>
    public static Exception ReadError(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString();
        var message = root.GetProperty("message").GetString() ?? "";
        var parameter = root.TryGetProperty("parameter", out var p) ? p.GetString() : null;
        return type switch
        {
            "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(parameter, message),
            "System.ArgumentNullException" => new ArgumentNullException(parameter, message),
            "System.ArgumentException" => new ArgumentException(message, parameter),
            "System.InvalidOperationException" => new InvalidOperationException(message),
            "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message),
            "System.NotSupportedException" => new NotSupportedException(message),
            "System.TimeoutException" => new TimeoutException(message),
            "System.FormatException" => new FormatException(message),
            "Monitor.Runtime.Storage.InconsistentStateException" => new Storage.InconsistentStateException(message),
            "Monitor.Runtime.Clustering.PartitionFencedException" => new Clustering.PartitionFencedException(message),
            "Monitor.Runtime.SiloUnavailableException" => new SiloUnavailableException(message),
            _ => new RemoteGrainException(type ?? "unknown", message),
        };
    }
}
