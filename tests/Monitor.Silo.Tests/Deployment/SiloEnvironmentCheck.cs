using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Monitor.AccessControl;
using Monitor.Alertmanager;
using Monitor.Api;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Outbound;
using Monitor.Grains.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Telemetry;
using Orleans.Configuration;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// Whether an environment variable set for a silo does something: a <c>Monitor__...</c> variable must name a settable
/// property of the options class its section binds to (with a value of the property's type), and any other variable
/// must be one the silo or the OpenTelemetry SDK reads. A section may hold another one (<c>Monitor:Cluster:Membership</c>,
/// Orleans' <see cref="ClusterMembershipOptions"/>, inside <c>Monitor:Cluster</c>): a key belongs to the longest section
/// it is under.
/// </summary>
public static class SiloEnvironmentCheck
{
    /// <summary>The options class behind each configuration section the silo reads.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        // SiloApp.ReadStorageOptions reads these keys one by one into MonitorStorageOptions (same names).
        [SiloHostOptions.StorageProviderKey[..SiloHostOptions.StorageProviderKey.LastIndexOf(':')]] = typeof(MonitorStorageOptions),
        [ClusterHostOptions.SectionName] = typeof(ClusterHostOptions),

        // OrleansHosting binds Orleans' membership options from this section over Monitor's fast-failover defaults.
        [OrleansHosting.MembershipSectionName] = typeof(ClusterMembershipOptions),
        [AccessControlOptions.SectionName] = typeof(AccessControlOptions),
        [TelemetryOptions.SectionName] = typeof(TelemetryOptions),
        [IngestOptions.SectionName] = typeof(IngestOptions),
        [AlertStreamOptions.SectionName] = typeof(AlertStreamOptions),
        [SiloApp.AlertHubSectionName] = typeof(AlertHubOptions),
        [SiloApp.AccountsSectionName] = typeof(AccountGrainOptions),
        [SiloApp.SqliteLogSectionName] = typeof(SqliteObservationLogOptions),
        [SiloApp.PostgresLogSectionName] = typeof(PostgresObservationLogOptions),
        [CollectorOptions.SectionName] = typeof(CollectorOptions),
        [AlertmanagerOptions.SectionName] = typeof(AlertmanagerOptions),
        [OutboundOptions.SectionName] = typeof(OutboundOptions),
    };

    /// <summary>Variables outside <c>Monitor:</c> that something reads, and what.</summary>
    public static readonly IReadOnlyDictionary<string, string> OtherVariables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_URLS"] = "the 'urls' setting SiloApp.Build listens on",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "TelemetryExtensions.AddMonitorTelemetry: turns OTLP export on",
        ["OTEL_RESOURCE_ATTRIBUTES"] = "the OpenTelemetry SDK's resource detector",
    };

    /// <summary>Null when <paramref name="name"/> (with <paramref name="value"/>, null when not literal) takes effect; otherwise why not.</summary>
    public static string? Problem(string name, string? value)
    {
        if (!name.StartsWith("Monitor__", StringComparison.Ordinal))
        {
            return OtherVariables.ContainsKey(name) ? null : $"{name} is read by nothing the silo runs";
        }

        var key = name.Replace("__", ":", StringComparison.Ordinal);
        var section = Sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null)
        {
            return $"{name}: no options class binds the section of '{key}'";
        }

        var type = Sections[section];
        var segments = key[(section.Length + 1)..].Split(':');
        for (var i = 0; i < segments.Length; i++)
        {
            if (DictionaryValueType(type) is { } valueType)
            {
                type = valueType;
                continue;
            }

            // A list binds its items by index (Monitor__Alertmanager__Urls__0).
            if (ListItemType(type) is { } itemType)
            {
                if (!int.TryParse(segments[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return $"{name}: '{segments[i]}' is not an index of the list {type.Name}";
                }

                type = itemType;
                continue;
            }

            var property = type.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is not { IsPublic: true })
            {
                return $"{name}: {type.Name} has no settable property '{segments[i]}'";
            }

            type = property.PropertyType;
        }

        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (!IsScalar(scalar))
        {
            return $"{name} names the section {scalar.Name}, not a value";
        }

        if (value is null || (IsPlaceholder(value) && scalar == typeof(string)))
        {
            return null;
        }

        return Converts(scalar, value) ? null : $"{name}: '{value}' is not a {scalar.Name}";
    }

    /// <summary>
    /// Binds every variable through the configuration binder with unknown keys refused; null when all bind. Each section
    /// is bound without the sections nested in it (they bind to their own class).
    /// </summary>
    public static string? BinderProblem(IEnumerable<DeploymentVariable> variables)
    {
        var monitor = variables.Where(variable => variable.Name.StartsWith("Monitor__", StringComparison.Ordinal) && variable.Value is not null)
            .Select(variable => (Key: variable.Name.Replace("__", ":", StringComparison.Ordinal), variable.Value))
            .ToList();
        foreach (var (section, type) in Sections)
        {
            var nested = Sections.Keys.Where(other => other.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)).ToList();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(monitor
                    .Where(entry => !nested.Any(inner => entry.Key.StartsWith(inner + ":", StringComparison.OrdinalIgnoreCase)))
                    .Select(entry => new KeyValuePair<string, string?>(entry.Key, entry.Value)))
                .Build();
            try
            {
                configuration.GetSection(section).Get(type, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException exception)
            {
                return $"{section}: {exception.Message}";
            }
        }

        return null;
    }

    // Compose (${VAR}) and Kubernetes ($(VAR)) substitute these when the container starts.
    private static bool IsPlaceholder(string value) =>
        value.Contains("${", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal);

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(Uri);

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static bool Converts(Type type, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return !type.IsEnum || Enum.IsDefined(type, Enum.Parse(type, value, ignoreCase: true));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }
}
