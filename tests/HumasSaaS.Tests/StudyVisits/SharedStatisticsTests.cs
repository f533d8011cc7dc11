using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Tests.StudyVisits;

[Collection(PlatformCollection.Name)]
public sealed class SharedStatisticsTests(PlatformFixture fixture)
{
    /// <summary>Puts partner rows in the registry's table directly (the workflow to reach "verified" is tested by the registry itself).</summary>
    private async Task AddPartnerAsync(Guid tenantId, string status, string mediaType, string? grade, DateTime submitted, DateTime? decided)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        var userId = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM users ORDER BY created_at LIMIT 1");
        var companyId = Guid.NewGuid();
        await connection.ExecuteAsync("INSERT INTO media_companies (id, name, created_by) VALUES (@companyId, @name, @userId)",
            new { companyId, name = "PT Rahasia " + companyId.ToString("N")[..6], userId });
        var state = new JsonObject
        {
            ["companyId"] = companyId.ToString(), ["companyName"] = "PT Rahasia Sekali", ["status"] = status,
            ["profile"] = new JsonObject { ["mediaType"] = mediaType, ["mediaName"] = "Media Rahasia" },
            ["submittedAt"] = submitted.ToString("O"),
            ["decision"] = grade is null ? null : new JsonObject { ["grade"] = grade, ["decidedAt"] = decided!.Value.ToString("O") },
        };
        await using var tx = await fixture.Db.BeginTenantAsync(tenantId);
        await tx.ExecuteAsync("INSERT INTO media_partners (tenant_id, id, version, state) VALUES (@tenantId, @id, 1, @state::jsonb)",
            new { tenantId, id = Guid.NewGuid(), state = state.ToJsonString() });
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Statistics_are_shared_only_when_chosen_and_only_as_anonymous_aggregates()
    {
        var host = await fixture.CreateTenantAsync("statistik");
        var reader = await fixture.CreateTenantAsync("pembaca");
        using var hostAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        using var readerAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(reader.Slug), reader.Slug);
        var t0 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var days in new[] { 2, 4, 6, 8, 10 }) await AddPartnerAsync(host.Id, "verified", "online", "A", t0, t0.AddDays(days));
        await AddPartnerAsync(host.Id, "verified", "print_daily", "B", t0, t0.AddDays(6));
        await AddPartnerAsync(host.Id, "verified", "print_daily", "B", t0, t0.AddDays(6));
        await AddPartnerAsync(host.Id, "submitted", "online", null, t0, null);

        Assert.Equal(HttpStatusCode.OK, (await hostAdmin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/documentChecklist", new { scope = "platform" })).StatusCode);
        var without = JsonNode.Parse(await readerAdmin.Http.GetStringAsync($"/api/v1/shared-configurations/{host.Slug}"))!;
        Assert.False(without["statisticsShared"]!.GetValue<bool>());
        Assert.Null(without["statistics"]);

        Assert.Equal(HttpStatusCode.OK, (await hostAdmin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/statistics", new { scope = "platform" })).StatusCode);
        var body = await readerAdmin.Http.GetStringAsync($"/api/v1/shared-configurations/{host.Slug}");
        var stats = JsonNode.Parse(body)!["statistics"]!;
        Assert.Equal(6.0, stats["medianDaysToVerification"]!.GetValue<double>());
        var counts = stats["verifiedPartners"]!.AsArray().Select(c => $"{c!["grade"]}/{c["mediaType"]}/{c["count"]}").ToList();
        // Any count below 5 is suppressed (null), so a small cell cannot single out a company.
        Assert.Equal(["A/online/5", "B/print_daily/"], counts);
        Assert.DoesNotContain("Rahasia", body);
    }

    [Fact]
    public async Task Counts_and_the_median_below_five_are_suppressed_in_the_api_and_the_page()
    {
        var host = await fixture.CreateTenantAsync("statistik-kecil");
        var reader = await fixture.CreateTenantAsync("pembaca");
        using var hostAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        using var readerAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(reader.Slug), reader.Slug);
        var t0 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var days in new[] { 3, 5, 7, 9 }) await AddPartnerAsync(host.Id, "verified", "online", "A", t0, t0.AddDays(days));
        Assert.Equal(HttpStatusCode.OK, (await hostAdmin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/statistics", new { scope = "platform" })).StatusCode);

        var stats = JsonNode.Parse(await readerAdmin.Http.GetStringAsync($"/api/v1/shared-configurations/{host.Slug}"))!["statistics"]!;
        Assert.Null(stats["medianDaysToVerification"]);
        Assert.Null(stats["verifiedPartners"]!.AsArray().Single()!["count"]);
        var page = await readerAdmin.Http.GetStringAsync($"/konsol/banding/profil/{host.Slug}");
        Assert.Contains("kurang dari 5", page);
        Assert.DoesNotContain("<td>4</td>", page);
    }
}
