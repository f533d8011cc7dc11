using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Benchmarks;

/// <summary>Issue 3: upload throughput and memory, and the verified-partner listing under load.</summary>
public static class MediaPartnerScenarios
{
    private const string BenchItem = "berkas_uji_kinerja";
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static async Task UploadsAsync(ApiProcess api, ResultTable table)
    {
        const string tenant = "minahasa-tenggara";
        using var admin = await api.SignedInClientAsync("admin@minahasa-tenggara.demo.humassaas.id", tenant);
        await PrepareTenantAsync(admin);
        using var vendor = await SignUpVendorAsync(api, tenant, "bench-upload");
        await ApplyAsync(vendor, "Media Uji Unggah");

        var direct = new DirectBlob();
        var container = "bench-" + Guid.NewGuid().ToString("N")[..12];
        await direct.CreateContainerAsync(container);
        try
        {
            foreach (var (label, bytes, runs) in new[] { ("1 MB", 1L << 20, 10), ("20 MB", 20L << 20, 3), ("200 MB", 200L << 20, 2) })
            {
                // Warm-up of both paths, not measured.
                await UploadThroughApiAsync(vendor, Math.Min(bytes, 1 << 20));
                await direct.UploadAsync(container, "warm", Math.Min(bytes, 1 << 20));

                // Alternate API and direct runs so both see the same load on the shared machine.
                TimeSpan apiTime = TimeSpan.Zero, directTime = TimeSpan.Zero;
                long peak = 0, baseline = api.ResidentBytes();
                for (var i = 0; i < runs; i++)
                {
                    await using (var sampler = new PeakMemorySampler(api.ResidentBytes))
                    {
                        var sw = Stopwatch.StartNew();
                        await UploadThroughApiAsync(vendor, bytes);
                        apiTime += sw.Elapsed;
                        await sampler.DisposeAsync();
                        peak = Math.Max(peak, sampler.Peak);
                    }
                    var dw = Stopwatch.StartNew();
                    await direct.UploadAsync(container, $"direct-{label.Replace(' ', '-')}-{i}", bytes);
                    directTime += dw.Elapsed;
                }
                var apiRate = bytes * runs / apiTime.TotalSeconds / (1 << 20);
                var directRate = bytes * runs / directTime.TotalSeconds / (1 << 20);
                table.Add($"upload {label} via API", "throughput", $"{apiRate:F1} MB/s", $"{runs} run(s)");
                table.Add($"upload {label} direct SDK", "throughput", $"{directRate:F1} MB/s", "same bytes, same Azurite");
                var goal = bytes >= 20L << 20 ? "goal >= 80 %" : "";
                table.Add($"upload {label}", "API / direct", $"{apiRate / directRate:P0}", goal);
                table.Add($"upload {label} via API", "API peak RSS", $"{peak / (1 << 20)} MiB", $"before: {baseline / (1 << 20)} MiB");
            }

            // Twenty 20 MB uploads at once: all must succeed, and the API's memory stays bounded by the upload budget.
            const int parallel = 20;
            const long each = 20L << 20;
            using var vendors = new DisposableList<HttpClient>();
            for (var i = 0; i < parallel; i++)
            {
                var v = await SignUpVendorAsync(api, tenant, $"bench-par-{i}");
                vendors.Add(v);
                await ApplyAsync(v, $"Media Uji Paralel {i:D2}");
            }
            var before = api.ResidentBytes();
            await using (var sampler = new PeakMemorySampler(api.ResidentBytes))
            {
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(vendors.Select(v => UploadThroughApiAsync(v, each)));
                var wall = sw.Elapsed;
                await sampler.DisposeAsync();
                table.Add($"{parallel} parallel 20 MB via API", "throughput", $"{each * parallel / wall.TotalSeconds / (1 << 20):F1} MB/s", "all 201");
                table.Add($"{parallel} parallel 20 MB via API", "API peak RSS", $"{sampler.Peak / (1 << 20)} MiB",
                    $"before: {before / (1 << 20)} MiB; ceiling {(before >> 20) + 128 + 64} MiB (before + upload budget + slack)");
            }
        }
        finally
        {
            await direct.DeleteContainerAsync(container);
        }
    }

    public static async Task VerifiedListingAsync(ApiProcess api, TestDatabase database, ResultTable table)
    {
        const string tenant = "minahasa";
        const int partners = 500;
        using var admin = await api.SignedInClientAsync("admin@minahasa.demo.humassaas.id", tenant);
        var count = await SeedVerifiedPartnersAsync(api, database, admin, tenant, partners);
        foreach (var concurrency in new[] { 1, 16 })
        {
            var total = concurrency == 1 ? 100 : 800;
            var (samples, wall, failures) = await LatencySamples.RunAsync(total, concurrency, async _ =>
            {
                using var response = await admin.GetAsync("/api/v1/media-partners?status=verified");
                await response.Content.CopyToAsync(Stream.Null);
                return response.StatusCode == HttpStatusCode.OK;
            });
            var name = $"list {count} verified partners, {concurrency} concurrent";
            table.Add(name, "requests/s", $"{total / wall.TotalSeconds:F0}", $"{total} requests, {failures} failed");
            table.Add(name, "p50 / p99", $"{samples.Percentile(50):F1} / {samples.Percentile(99):F1} ms");
        }
    }

    /// <summary>One verified partner made through the API, then copied in SQL up to <paramref name="partners"/>; returns how many the API lists.</summary>
    public static async Task<int> SeedVerifiedPartnersAsync(ApiProcess api, TestDatabase database, HttpClient admin, string tenant, int partners)
    {
        await PrepareTenantAsync(admin);
        using var vendor = await SignUpVendorAsync(api, tenant, "bench-list");
        var partner = await ApplyAsync(vendor, "Media Uji Daftar 000");
        await UploadThroughApiAsync(vendor, 64 * 1024);
        partner = JsonNode.Parse(await vendor.GetStringAsync("/api/v1/vendor/partner"))!;
        partner = await PostAsync(vendor, "/api/v1/vendor/partner/submit", new { version = (int)partner["version"]! });
        var id = (Guid)partner["id"]!;
        partner = await PostAsync(admin, $"/api/v1/media-partners/{id}/start-review", new { version = (int)partner["version"]! });
        foreach (var item in partner["checklist"]!.AsArray().Where(i => i!["current"] is not null).ToList())
            partner = await PostAsync(admin, $"/api/v1/media-partners/{id}/documents/{item!["current"]!["id"]}/decision",
                new { version = (int)partner["version"]!, decision = "accepted" });
        partner = await PostAsync(admin, $"/api/v1/media-partners/{id}/verify", new { version = (int)partner["version"]!, grade = "A" });

        // The other 499 are copies of that verified partner's row, each with its own company (one partner per company).
        await CopyPartnerAsync(database, tenant, id, partners - 1);

        var count = (await GetArrayAsync(admin, "/api/v1/media-partners?status=verified")).Count;
        if (count < partners) throw new InvalidOperationException($"expected {partners} verified partners, the API lists {count}");
        return count;
    }

    /// <summary>Copies a partner's row <paramref name="copies"/> times in SQL, each with its own company: partners no grain has activated yet.</summary>
    internal static async Task CopyPartnerAsync(TestDatabase database, string tenant, Guid id, int copies, string namePrefix = "PT Media Uji ")
    {
        await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            // RLS is forced for the owner too: act inside the tenant like the application does.
            await owner.ExecuteAsync("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = @tenant), false)", new { tenant });
            await owner.ExecuteAsync(
                """
                WITH src AS (SELECT * FROM media_partners WHERE id = @id),
                     companies AS (
                         INSERT INTO media_companies (id, name, created_by)
                         SELECT gen_random_uuid(), @namePrefix || lpad(n::text, 3, '0'), (SELECT created_by FROM media_companies WHERE id = (SELECT company_id FROM src))
                         FROM generate_series(1, @copies) n
                         RETURNING id, name)
                INSERT INTO media_partners (tenant_id, id, version, state, updated_by)
                SELECT src.tenant_id, gen_random_uuid(), src.version,
                       jsonb_set(jsonb_set(jsonb_set(src.state, '{companyId}', to_jsonb(c.id::text)), '{companyName}', to_jsonb(c.name)),
                                 '{profile,mediaName}', to_jsonb(replace(c.name, 'PT ', ''))),
                       src.updated_by
                FROM src CROSS JOIN companies c
                """, new { id, copies, namePrefix });
        }

    }

    internal static async Task PrepareTenantAsync(HttpClient admin)
    {
        var checklist = new[]
        {
            new
            {
                code = BenchItem, label = "Berkas uji kinerja", mediaTypes = new[] { "online" }, mandatory = true, expires = false,
                defaultValidityMonths = (int?)null, acceptedFormats = new[] { "pdf" }, maxSizeMb = 200,
            },
        };
        await PutSectionAsync(admin, "documentChecklist", checklist);
        await PutSectionAsync(admin, "intakePeriods", new[]
        {
            new
            {
                code = "uji-kinerja", label = "Pendaftaran uji kinerja", registrationOpens = Today.AddDays(-1).ToString("yyyy-MM-dd"),
                registrationCloses = Today.AddDays(30).ToString("yyyy-MM-dd"), objectionOpens = (string?)null, objectionCloses = (string?)null,
            },
        });
    }

    private static async Task PutSectionAsync(HttpClient admin, string section, object value)
    {
        var config = JsonNode.Parse(await admin.GetStringAsync("/api/v1/configuration"))!;
        var response = await admin.PutAsJsonAsync($"/api/v1/configuration/sections/{section}",
            new { version = (int)config["version"]!, note = "uji kinerja", value });
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.UnprocessableEntity)
            throw new InvalidOperationException($"{section}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    internal static async Task<HttpClient> SignUpVendorAsync(ApiProcess api, string tenant, string prefix)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        var response = await client.PostAsJsonAsync("/api/v1/vendor/sign-up", new
        {
            email = $"{prefix}-{Guid.NewGuid():N}@media.uji.id", password = ApiProcess.DemoPassword, displayName = "Penguji Kinerja", companyName = "PT " + prefix,
        });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"vendor sign-up: {(int)response.StatusCode}");
        return client;
    }

    internal static async Task<JsonNode> ApplyAsync(HttpClient vendor, string mediaName)
    {
        var profile = new
        {
            legalName = "PT Media Uji Kinerja", legalForm = "pt", mediaName, mediaType = "online", scale = "lokal", npwp = "01.234.567.8-912.000",
            nib = "9120301234567", address = "Jl. Uji No. 1", url = "https://uji.example.id",
            chiefEditor = new { name = "Pemimpin Uji", role = "Pemimpin Redaksi", ukwLevel = "utama", ukwNumber = "UKW-1/2020", ukwDate = "2020-01-02" },
            dewanPers = new { status = "faktual", certificateNumber = "1/DP/2022", certificateDate = "2022-04-12" },
            bank = new { bankName = "Bank Uji", accountNumber = "001-02", accountHolder = "PT Media Uji Kinerja" },
            journalists = Array.Empty<object>(),
        };
        var response = await vendor.PostAsJsonAsync("/api/v1/vendor/partner", new { profile });
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(body)! : throw new InvalidOperationException("apply: " + body);
    }

    private sealed class DisposableList<T> : List<T>, IDisposable where T : IDisposable
    {
        public void Dispose() => ForEach(x => x.Dispose());
    }

    internal static async Task UploadThroughApiAsync(HttpClient vendor, long bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vendor/partner/documents/{BenchItem}?fileName=uji.pdf")
        {
            Content = new StreamContent(new GeneratedPdfStream(bytes), 1 << 20),
        };
        request.Content.Headers.ContentLength = bytes;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await vendor.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"upload {bytes} B: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    internal static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<JsonArray> GetArrayAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(path))!.AsArray();
}
