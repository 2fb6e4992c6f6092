using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>
/// A silo over a temp SQLite file with one key of each role, a revoked key, an expired key and a well-formed key that was
/// never issued; rate limiting is off so the matrix of requests is never throttled.
/// </summary>
public sealed class SecuredSiloFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    /// <summary>The running silo.</summary>
    public RunningSilo Silo { get; private set; } = null!;

    /// <summary>The SQLite file (to inspect what is stored).</summary>
    public string DatabasePath => _directory.File("silo.db");

    /// <summary>Key text by credential name: reader, writer, admin, revoked, expired, wrong.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>The key ring of the silo.</summary>
    public KeyRing Ring => Silo.Services.GetRequiredService<KeyRing>();

    public async ValueTask InitializeAsync()
    {
        var options = new SiloHostOptions().UseSqlite(DatabasePath);
        options.Configuration["Monitor:Security:RateLimitBurst"] = "0";
        options.Configuration["Monitor:Security:AnonymousRateLimitBurst"] = "0";
        options.Configuration["Monitor:AlertStream:HeartbeatInterval"] = "00:00:00.050";
        Silo = await RunningSilo.StartAsync(options);
        var cancellationToken = TestContext.Current.CancellationToken;
        // Admin first: the first key ever must be an admin key.
        foreach (var role in ApiKeyRoles.All.Reverse())
        {
            Keys[role] = (await Ring.CreateAsync(role, $"test {role}", null, cancellationToken)).Key;
        }

        var revoked = await Ring.CreateAsync(ApiKeyRoles.Admin, "revoked admin", null, cancellationToken);
        await Ring.RevokeAsync(revoked.Details.Id, force: false, cancellationToken);
        Keys["revoked"] = revoked.Key;

        // An admin key that expired an hour ago goes straight into the store (the API refuses a past expiry).
        var (expiredId, expiredKey) = ApiKeySecret.Generate();
        var now = DateTimeOffset.UtcNow;
        await Silo.Services.GetRequiredService<ApiKeyStore>().AddAsync(
            new ApiKeyRecord(expiredId, "expired admin", ApiKeyRoles.Admin, ApiKeySecret.Hash(expiredKey), now.AddDays(-2), now.AddHours(-1), null, null),
            cancellationToken);
        Keys["expired"] = expiredKey;

        // Same id as the admin key, other secret: the id alone must not authenticate.
        ApiKeySecret.TryParse(Keys[ApiKeyRoles.Admin], out var adminId, out _);
        Keys["wrong"] = $"{ApiKeySecret.Prefix}{adminId}_{new string('A', 43)}";
    }

    /// <summary>Attaches <paramref name="credential"/> (a name in <see cref="Keys"/>, or null for none) to a request.</summary>
    public void Authorize(HttpRequestMessage request, string? credential, bool useApiKeyHeader = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (credential is null)
        {
            return;
        }

        if (useApiKeyHeader)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.ApiKeyHeader, Keys[credential]);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Keys[credential]);
        }
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="credential"/>; headers only are awaited.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        }

        Authorize(request, credential);
        return await Silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        _directory.Dispose();
    }
}
