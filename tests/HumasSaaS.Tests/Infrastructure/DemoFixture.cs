using HumasSaaS.Api;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// The demo as README command 1 seeds it, on a database of its own: seeded twice (it must be idempotent), then one
/// cluster of two running instances shared by the tests of collection "demo" (clients alternate between them).
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public const string Password = "Demo-kata-sandi-uji-2026";

    private TestDatabase database = null!;

    public AppInstance App { get; private set; } = null!;
    public AppInstance Second { get; private set; } = null!;
    private int nextAddress = -1;

    /// <summary>The two instances' addresses in turn, for a browser context.</summary>
    public Uri NextAddress() => (Interlocked.Increment(ref nextAddress) % 2 == 0 ? App : Second).Address;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var built = AppInstance.Build(database, new Dictionary<string, string?> { ["Demo:Password"] = Password });
        await HumasApp.PrepareAsync(built);
        App = await AppInstance.StartBuiltAsync(built);
        await HumasApp.SeedDemoAsync(built);
        Second = await AppInstance.StartAsync(database, new Dictionary<string, string?> { ["Demo:Password"] = Password });
        App.Peers = [Second];
        Second.Peers = [App];
        await HumasApp.SeedDemoAsync(Second.App);
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
