using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

/// <summary>Optimistic concurrency on a real entity (the tenant profile) under parallel writers.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(PlatformFixture fixture)
{
    private const int Writers = 20;

    private static async Task<(int Version, JsonObject Profile)> ReadAsync(TestClient client)
    {
        var body = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/profile"))!;
        return (body["version"]!.GetValue<int>(), body["profile"]!.AsObject());
    }

    /// <summary>The PUT body: the profile as read, with <paramref name="change"/> applied, naming <paramref name="version"/>.</summary>
    private static object Put(int version, JsonObject profile, Action<JsonObject> change)
    {
        var copy = profile.DeepClone().AsObject();
        change(copy);
        return new { version, profile = copy };
    }

    private async Task<(TestClient Client, Guid TenantId)> NewTenantAsync(string prefix)
    {
        var tenant = await fixture.CreateTenantAsync(prefix);
        return (await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug), tenant.Id);
    }

    [Fact]
    public async Task Parallel_writers_from_the_same_version_exactly_one_wins_and_the_others_get_409()
    {
        var (client, tenantId) = await NewTenantAsync("serentak");
        using var _ = client;
        var (version, profile) = await ReadAsync(client);
        Assert.Equal(1, version);

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            client.Http.PutAsJsonAsync("/api/v1/profile", Put(version, profile, p => p["headOfOffice"] = $"Kepala {i}"))));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Conflict);
            Assert.Equal(1, problem["expectedVersion"]!.GetValue<int>());
            Assert.Equal(2, problem["currentVersion"]!.GetValue<int>());
        }

        var winner = JsonNode.Parse(await winners[0].Content.ReadAsStringAsync())!;
        Assert.Equal(2, winner["version"]!.GetValue<int>());
        var (after, stored) = await ReadAsync(client);
        Assert.Equal(2, after);
        Assert.Equal(winner["profile"]!["headOfOffice"]!.GetValue<string>(), stored["headOfOffice"]!.GetValue<string>());
        Assert.Equal(1L, await TenantSql.CountAsync(fixture, tenantId,
            "SELECT count(*) FROM audit_events WHERE action = 'profile_changed'"));
    }

    [Fact]
    public async Task Writers_that_reread_and_retry_on_409_lose_no_update()
    {
        var (client, tenantId) = await NewTenantAsync("ulang");
        using var _ = client;
        var conflicts = 0;

        async Task WriteAsync(int writer)
        {
            var link = $"https://humas.contoh.go.id/penulis-{writer}";
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var (version, profile) = await ReadAsync(client);
                var response = await client.Http.PutAsJsonAsync("/api/v1/profile", Put(version, profile, p =>
                {
                    var links = p["links"]!.AsArray();
                    links.Add(link);
                }));
                if (response.StatusCode == HttpStatusCode.OK) return;
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, $"writer {writer}");
                Interlocked.Increment(ref conflicts);
            }
            throw new Xunit.Sdk.XunitException($"writer {writer} never got its change in");
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => WriteAsync(i))));

        var (final, stored) = await ReadAsync(client);
        var links = stored["links"]!.AsArray().Select(l => l!.GetValue<string>()).ToHashSet();
        Assert.Equal(Enumerable.Range(0, Writers).Select(i => $"https://humas.contoh.go.id/penulis-{i}").ToHashSet(), links);
        Assert.Equal(1 + Writers, final);
        Assert.Equal((long)Writers, await TenantSql.CountAsync(fixture, tenantId,
            "SELECT count(*) FROM audit_events WHERE action = 'profile_changed'"));
        Assert.True(conflicts > 0, "the writers never collided, so the test proved nothing");
    }
}
