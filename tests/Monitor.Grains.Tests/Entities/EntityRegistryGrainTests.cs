using Monitor.Abstractions.Entities;
using Monitor.Grains.Tests.Support;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Entities;

/// <summary>The entity registry in a real silo, on SQLite so a restart reads back what was stored.</summary>
public sealed class EntityRegistryGrainTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private MonitorStorageOptions _storage = null!;
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _storage = StorageTargets.Sqlite(_directory);
        _silo = await TestSilo.StartAsync(_storage, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private IEntityRegistryGrain Registry => _silo.Grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key);

    [Fact]
    public async Task An_account_belongs_to_at_most_one_entity()
    {
        await Registry.CreateAsync(new Entity("ilham-aliyev", "Ilham Aliyev", "person", ["x:@presidentaz"]));
        await Registry.CreateAsync(new Entity("mfa-azerbaijan", "Ministry of Foreign Affairs of Azerbaijan", "office", []));

        var taken = await Registry.LinkAsync("mfa-azerbaijan", "x:@presidentaz");
        var createdTaken = await Registry.CreateAsync(new Entity("aliyev-2", "Aliyev again", null, ["x:@presidentaz"]));

        Assert.Equal((EntityOutcome.AccountTaken, "x:@presidentaz", "ilham-aliyev"), (taken.Outcome, taken.Account, taken.OwnedBy));
        Assert.Equal((EntityOutcome.AccountTaken, "ilham-aliyev"), (createdTaken.Outcome, createdTaken.OwnedBy));
        Assert.Null(await Registry.GetAsync("aliyev-2"));
        Assert.Empty((await Registry.GetAsync("mfa-azerbaijan"))!.Accounts);
    }

    [Fact]
    public async Task Unlinking_frees_the_account_for_another_entity_and_survives_a_restart()
    {
        await Registry.CreateAsync(new Entity("ilham-aliyev", "Ilham Aliyev", "person", ["x:@presidentaz", "instagram:@aliyev"]));
        await Registry.CreateAsync(new Entity("mfa-azerbaijan", "MFA of Azerbaijan", "office", []));

        var unlinked = await Registry.UnlinkAsync("ilham-aliyev", "instagram:@aliyev");
        var linked = await Registry.LinkAsync("mfa-azerbaijan", "instagram:@aliyev");
        var again = await Registry.LinkAsync("mfa-azerbaijan", "instagram:@aliyev");
        await _silo.DisposeAsync();
        _silo = await TestSilo.StartAsync(_storage, TimeProvider.System);

        Assert.Equal((EntityOutcome.Done, EntityOutcome.Done, EntityOutcome.Unchanged), (unlinked.Outcome, linked.Outcome, again.Outcome));
        Assert.Equal("mfa-azerbaijan", (await Registry.FindByAccountAsync("instagram:@aliyev"))!.Id);
        Assert.Equal(["x:@presidentaz"], (await Registry.GetAsync("ilham-aliyev"))!.Accounts);
        Assert.Equal(EntityOutcome.NotFound, (await Registry.UnlinkAsync("ilham-aliyev", "instagram:@aliyev")).Outcome);
    }

    [Fact]
    public async Task Deleting_an_entity_frees_its_accounts()
    {
        await Registry.CreateAsync(new Entity("ilham-aliyev", "Ilham Aliyev", "person", ["x:@presidentaz"]));

        Assert.True(await Registry.DeleteAsync("ilham-aliyev"));
        Assert.False(await Registry.DeleteAsync("ilham-aliyev"));
        Assert.Null(await Registry.FindByAccountAsync("x:@presidentaz"));
        Assert.Equal(EntityOutcome.Done, (await Registry.CreateAsync(new Entity("aliyev", "Aliyev", null, ["x:@presidentaz"]))).Outcome);
    }

    [Fact]
    public async Task An_import_creates_entities_by_name_and_refuses_an_account_another_owns()
    {
        await Registry.CreateAsync(new Entity("ilham-aliyev", "Ilham Aliyev", "person", ["x:@presidentaz"]));

        var results = await Registry.AssignAsync([
            new EntityAssignment("Ilham Aliyev", "instagram:@aliyev"),
            new EntityAssignment("Ministry of Foreign Affairs of Azerbaijan", "x:@azerbaijanmfa"),
            new EntityAssignment("Ministry of Foreign Affairs of Azerbaijan", "x:@presidentaz"),
        ]);

        Assert.Equal([EntityOutcome.Done, EntityOutcome.Done, EntityOutcome.AccountTaken], results.Select(result => result.Outcome));
        Assert.Equal(["instagram:@aliyev", "x:@presidentaz"], (await Registry.GetAsync("ilham-aliyev"))!.Accounts);
        var ministry = (await Registry.GetAsync("ministry-of-foreign-affairs-of-azerbaijan"))!;
        Assert.Equal(("Ministry of Foreign Affairs of Azerbaijan", (string?)null), (ministry.Name, ministry.Kind));
        Assert.Equal(["x:@azerbaijanmfa"], ministry.Accounts);
    }

    [Fact]
    public async Task A_malformed_entity_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.CreateAsync(new Entity("Ilham Aliyev", "Ilham Aliyev", null, [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.CreateAsync(new Entity("aliyev", "Aliyev", "ministry", [])));
    }
}
