using Monitor.Abstractions.Entities;
using Monitor.Abstractions.Groups;

namespace Monitor.Client;

/// <summary>Entities: a person or an office owning accounts on several platforms.</summary>
public sealed partial class MonitorClient
{
    /// <summary>Every entity.</summary>
    public Task<List<Entity>> ListEntitiesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Entity>>("api/entities", cancellationToken);

    /// <summary>An entity with its accounts and combined figures, or null when there is none.</summary>
    public Task<EntityDetail?> FindEntityAsync(string id, CancellationToken cancellationToken = default) =>
        FindAsync<EntityDetail>($"api/entities/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Creates an entity (admin); a 409 (id taken, or an account owned by another entity) throws.</summary>
    public Task<Entity> CreateEntityAsync(CreateEntityRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreateEntityRequest, Entity>("api/entities", request, cancellationToken);

    /// <summary>Links an account to an entity (admin); the entity afterwards.</summary>
    public Task<Entity> LinkEntityAccountAsync(string id, string account, CancellationToken cancellationToken = default) =>
        SendEntityAsync(HttpMethod.Put, id, account, cancellationToken);

    /// <summary>Unlinks an account from an entity (admin); the entity afterwards.</summary>
    public Task<Entity> UnlinkEntityAccountAsync(string id, string account, CancellationToken cancellationToken = default) =>
        SendEntityAsync(HttpMethod.Delete, id, account, cancellationToken);

    /// <summary>Deletes an entity (admin); false when there was none.</summary>
    public Task<bool> DeleteEntityAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/entities/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>A group's ranking by entity.</summary>
    public Task<List<EntityRankingEntry>> GetEntityRankingAsync(string group, string by, CancellationToken cancellationToken = default) =>
        GetAsync<List<EntityRankingEntry>>($"api/groups/{Uri.EscapeDataString(group)}/ranking/entities?by={Uri.EscapeDataString(by)}", cancellationToken);

    private async Task<Entity> SendEntityAsync(HttpMethod method, string id, string account, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"api/entities/{Uri.EscapeDataString(id)}/accounts/{Uri.EscapeDataString(account)}");
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<Entity>(response, cancellationToken);
    }
}
