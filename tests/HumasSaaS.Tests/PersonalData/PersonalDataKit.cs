using HumasSaaS.MediaPartners;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.PersonalData;

/// <summary>Builds events with participants and partners with identity documents (real rows, real blobs), then ages them in SQL.</summary>
internal static class PersonalDataKit
{
    public static readonly object[] ChecklistWithIdentity =
    [
        .. MediaPartnerKit.Checklist,
        new { code = "ktp_wartawan", label = "KTP wartawan", mediaTypes = new[] { "online", "print_daily" }, mandatory = false, expires = false, defaultValidityMonths = (int?)null, acceptedFormats = new[] { "pdf", "png" }, maxSizeMb = 1 },
        new { code = "kartu_pers", label = "Kartu pers", mediaTypes = new[] { "online", "print_daily" }, mandatory = false, expires = false, defaultValidityMonths = (int?)null, acceptedFormats = new[] { "pdf", "png" }, maxSizeMb = 1 },
    ];

    public static async Task<PartnerTenant> TenantAsync(PlatformFixture fixture, string prefix)
    {
        var t = await MediaPartnerKit.CreateTenantAsync(fixture, prefix);
        await MediaPartnerKit.PutSectionAsync(t.Admin, "documentChecklist", ChecklistWithIdentity);
        return t;
    }

    /// <summary>A published event whose participants registered with phone and email; then its days are moved to end <paramref name="endedDaysAgo"/> ago.</summary>
    public static async Task<Guid> EventWithContactsAsync(PlatformFixture fixture, PartnerTenant t, int participants, int endedDaysAgo)
    {
        var (id, _) = await EventApi.CreatePublishedAsync(t.Admin, [EventApi.Today.AddDays(20)]);
        using var anonymous = fixture.App.CreateClient(t.Tenant.Slug);
        for (var i = 0; i < participants; i++)
        {
            var response = await EventApi.RegisterAsync(anonymous, id, $"Peserta {i} {Guid.NewGuid().ToString("N")[..4]}",
                email: $"peserta{i}-{Guid.NewGuid().ToString("N")[..6]}@contoh.id");
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        var lastDay = EventApi.Today.AddDays(-endedDaysAgo);
        await ExecuteAsync(fixture, t.Tenant.Id, "UPDATE events SET state = jsonb_set(state, '{days}', jsonb_build_array(@d1, @d2)) WHERE id = @id",
            new { id, d1 = EventApi.Day(lastDay.AddDays(-1)), d2 = EventApi.Day(lastDay) });
        return id;
    }

    public static async Task<int> ExecuteAsync(PlatformFixture fixture, Guid tenantId, string sql, object? param = null)
    {
        await using var tx = await fixture.Db.BeginTenantAsync(tenantId);
        var n = await tx.ExecuteAsync(sql, param);
        await tx.CommitAsync();
        return n;
    }

    public static async Task<T> ScalarAsync<T>(PlatformFixture fixture, Guid tenantId, string sql, object? param = null)
    {
        await using var tx = await fixture.Db.BeginTenantAsync(tenantId);
        return (await tx.ExecuteScalarAsync<T>(sql, param))!;
    }

    public static async Task<List<(Guid Id, string ItemCode, int Revision, string BlobName)>> DocumentsAsync(PlatformFixture fixture, Guid tenantId, Guid partnerId)
    {
        await using var tx = await fixture.Db.BeginTenantAsync(tenantId);
        return (await tx.QueryAsync<(Guid, string, int, string)>(
            "SELECT id, item_code, revision, blob_name FROM media_partner_documents WHERE partner_id = @partnerId ORDER BY item_code, revision",
            new { partnerId })).ToList();
    }

    public static async Task<bool> BlobExistsAsync(PlatformFixture fixture, Guid tenantId, string blobName)
    {
        var download = await fixture.App.Services.GetRequiredService<IBlobStore>().GetAsync(PartnerDocuments.ContainerFor(tenantId), blobName);
        if (download is null) return false;
        await download.DisposeAsync();
        return true;
    }

    public static async Task<JsonNode> RunRetentionAsync(TestClient admin)
    {
        var response = await admin.Http.PostAsync("/api/v1/personal-data/retention/run", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task SetRetentionAsync(TestClient admin, string kind, int days)
    {
        var response = await admin.Http.PutAsJsonAsync($"/api/v1/personal-data/retention/{kind}", new { retentionDays = days });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
