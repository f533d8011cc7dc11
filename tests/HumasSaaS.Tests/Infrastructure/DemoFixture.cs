using HumasSaaS.Api;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// The demo as README command 1 seeds it, on a database of its own: seeded twice (it must be idempotent), then one
/// running instance shared by the tests of collection "demo".
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public const string Password = "Demo-kata-sandi-uji-2026";

    private TestDatabase database = null!;

    public AppInstance App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var built = AppInstance.Build(database, new Dictionary<string, string?> { ["Demo:Password"] = Password });
        await HumasApp.PrepareAsync(built);
        App = await AppInstance.StartBuiltAsync(built);
        await HumasApp.SeedDemoAsync(built);
        await HumasApp.SeedDemoAsync(built);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
