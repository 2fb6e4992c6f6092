using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>
/// The two TikTok endpoints the collector calls, as a handler for <see cref="FakePlatformServer"/>: <c>/v2/oauth/token/</c> issues
/// <c>clt.1</c>, <c>clt.2</c>, ... for the right client key and secret, and <c>/v2/research/user/info/</c> answers through
/// <see cref="UserInfo"/> for a valid current token. Form fields and usernames received are kept for the test to check.
/// </summary>
public sealed class FakeTikTok
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenForms = new();
    private readonly ConcurrentQueue<string> _usernames = new();
    private int _issued;

    /// <summary>Answers a user info request for a username (after the token was checked); the default answers 500.</summary>
    public Func<HttpContext, string, Task> UserInfo { get; set; } = (context, _) => FakePlatformServer.Json(context, PlatformJson.TikTokError("internal_error", "scripted"), 500);

    /// <summary>Tokens the research endpoint accepts (every issued one unless a test revokes it).</summary>
    public HashSet<string> ValidTokens { get; } = [];

    /// <summary>The form of each token request.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenForms => [.. _tokenForms];

    /// <summary>The username of each user info request, in arrival order.</summary>
    public IReadOnlyList<string> Usernames => [.. _usernames];

    /// <summary>The handler to install on the server.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/v2/oauth/token/" && HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync();
            _tokenForms.Enqueue(form.ToDictionary(field => field.Key, field => field.Value.ToString()));
            if (form["client_key"] != "tt-client-key" || form["client_secret"] != "tt-client-secret" || form["grant_type"] != "client_credentials")
            {
                await FakePlatformServer.Json(context, """{"error":"invalid_client","error_description":"Client key or secret is incorrect.","log_id":"20261122LOG"}""", 401);
                return;
            }

            var token = "clt." + Interlocked.Increment(ref _issued);
            ValidTokens.Add(token);
            await FakePlatformServer.Json(context, PlatformJson.TikTokToken(token));
            return;
        }

        if (context.Request.Path == "/v2/research/user/info/" && HttpMethods.IsPost(context.Request.Method))
        {
            var bearer = context.Request.Headers.Authorization.ToString();
            if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !ValidTokens.Contains(bearer["Bearer ".Length..]))
            {
                await FakePlatformServer.Json(context, PlatformJson.TikTokError("access_token_invalid", "The access token is invalid or not found in the request."), 401);
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var username = body.RootElement.GetProperty("username").GetString()!;
            _usernames.Enqueue(username);
            await UserInfo(context, username);
            return;
        }

        context.Response.StatusCode = 404;
    }
}
