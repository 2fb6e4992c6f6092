using Monitor.Abstractions.Access;

namespace Monitor.Client;

/// <summary>API keys and the caller's own access.</summary>
public sealed partial class MonitorClient
{
    /// <summary>Creates an API key (admin); the answer holds the secret, shown this once.</summary>
    public Task<CreatedApiKey> CreateKeyAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreateApiKeyRequest, CreatedApiKey>("api/keys", request, cancellationToken);

    /// <summary>Every API key (admin), never their secrets.</summary>
    public Task<List<ApiKeyView>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ApiKeyView>>("api/keys", cancellationToken);

    /// <summary>Revokes an API key (admin); false when there is no such key.</summary>
    public Task<bool> RevokeKeyAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/keys/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>The caller's role and key as the silo sees them.</summary>
    public Task<WhoAmI> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        GetAsync<WhoAmI>("api/auth/whoami", cancellationToken);
}
