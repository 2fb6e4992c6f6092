using Microsoft.AspNetCore.Http;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>An X users-lookup handler answering every requested id with followers from a script of (id, time).</summary>
public static class ScriptedX
{
    /// <summary>Answers each id in <c>ids=</c> with <paramref name="followers"/>(id, now); ids for which it returns null are left out (missing).</summary>
    public static Func<HttpContext, Task> Users(TimeProvider clock, Func<string, DateTimeOffset, long?> followers) => context =>
    {
        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var now = clock.GetUtcNow();
        var users = ids
            .Select(id => (Id: id, Followers: followers(id, now)))
            .Where(user => user.Followers is not null)
            .Select(user => PlatformJson.XUser(user.Id, "user" + user.Id, user.Followers!.Value, 10, 100))
            .ToList();
        return FakePlatformServer.Json(context, PlatformJson.XUsers(users));
    };
}
