using Microsoft.Extensions.Options;
using Monitor.Collectors.Outbound;

namespace Monitor.Webhooks;

/// <summary>The receivers in force: those from settings (checked at start-up) and those stored through the API.</summary>
public sealed class WebhookReceivers
{
    private readonly WebhookReceiverStore _store;
    private readonly WebhookOptions _options;
    private readonly IReadOnlyList<WebhookReceiver> _fromSettings;

    /// <summary>Reads and checks the receivers of <paramref name="options"/>; an invalid one stops the silo from starting.</summary>
    public WebhookReceivers(WebhookReceiverStore store, IOptions<WebhookOptions> options, OutboundAddressPolicy outbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        var fromSettings = new List<WebhookReceiver>();
        for (var index = 0; index < _options.Receivers.Count; index++)
        {
            var definition = _options.Receivers[index];
            definition.Id ??= $"settings-{index}";
            var key = $"{WebhookOptions.SectionName}:Receivers:{index}";
            if (!WebhookReceiverRules.TryValidate(definition, secretRequired: true, outbound, out var field, out var value, out var reason))
            {
                throw new ArgumentException($"{key}:{field} has the invalid value '{value}': {reason}.", key);
            }

            if (fromSettings.Any(receiver => receiver.Id == definition.Id))
            {
                throw new ArgumentException($"{key}:Id '{definition.Id}' is used by two receivers.", key);
            }

            fromSettings.Add(WebhookReceiver.From(definition, _options, fromSettings: true));
        }

        _fromSettings = fromSettings;
    }

    /// <summary>True when <paramref name="id"/> names a receiver from settings (which the API cannot change).</summary>
    public bool IsFromSettings(string id) => _fromSettings.Any(receiver => receiver.Id == id);

    /// <summary>Every receiver: settings first, then stored ones, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookReceiver>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. _fromSettings, .. stored.Where(definition => !IsFromSettings(definition.Id!)).Select(definition => WebhookReceiver.From(definition, _options, fromSettings: false))];
    }

    /// <summary>The receiver <paramref name="id"/>, or null.</summary>
    public async Task<WebhookReceiver?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_fromSettings.FirstOrDefault(receiver => receiver.Id == id) is { } configured)
        {
            return configured;
        }

        return await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } definition
            ? WebhookReceiver.From(definition, _options, fromSettings: false)
            : null;
    }
}
