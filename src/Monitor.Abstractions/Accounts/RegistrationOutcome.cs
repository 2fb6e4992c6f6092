using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>What registering an account with a profile did.</summary>
[GenerateSerializer, Alias("monitor.RegistrationOutcome")]
public enum RegistrationOutcome
{
    /// <summary>The account did not exist; it is now configured.</summary>
    Created,

    /// <summary>The account existed with another profile; the new one is stored.</summary>
    Updated,

    /// <summary>The account existed with this profile; nothing was written.</summary>
    Unchanged,
}
