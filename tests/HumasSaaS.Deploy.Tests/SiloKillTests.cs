using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.Tests.MediaPartners;
using Npgsql;
using Xunit.Abstractions;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// Two real API processes (one Orleans cluster) take check-ins and partner document decisions, half of the clients
/// on each; one process is SIGKILLed mid-load. Requests that failed because their process died are retried against
/// the survivor. Afterwards every acknowledged check-in is stored exactly once and every acknowledged decision is in
/// the partner's grain state (read through the API), in its document row and in exactly one audit row.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const string Minahasa = "minahasa-tenggara";

    [Fact]
    public async Task Sigkill_of_one_silo_under_load_loses_no_acknowledged_check_in_or_decision()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        // 24 vendor sign-ups come from one address: lift the public form limit for the run.
        await using var cluster = await LocalCluster.StartAsync(2, pg.OwnerConnectionString, pg.AppConnectionString, pg.OrleansConnectionString,
            new Dictionary<string, string> { ["PublicFormLimits__DefaultPermits"] = "100000000" });
        var cookies = new CookieContainer();
        using var one = Direct(cluster.InstanceAddress(1), cookies, "kubu-raya");
        using var two = Direct(cluster.InstanceAddress(2), cookies, "kubu-raya");
        var clients = new[] { one, two };

        // Check-in event (Kubu Raya) and partners in review (Minahasa Tenggara), prepared through instance 1.
        await SignInAsync(one, "admin@kubu-raya.demo.humassaas.id");
        var (eventId, _) = await Load.EventWithParticipantsAsync(one, 2000, "Rakor saat satu silo dimatikan paksa");
        var more = new System.Text.StringBuilder("nama,instansi,kategori\n");
        for (var i = 0; i < 2000; i++) more.Append($"Peserta Tambahan {i:0000},Kecamatan {i % 9},kecamatan\n");
        using (var content = new StringContent(more.ToString(), System.Text.Encoding.UTF8, "text/csv"))
            (await one.PostAsync($"/api/v1/events/{eventId}/participants/import", content)).EnsureSuccessStatusCode();
        var codes = JsonNode.Parse(await one.GetStringAsync($"/api/v1/events/{eventId}/participants"))!.AsArray()
            .Select(p => p!["code"]!.GetValue<string>()).ToArray();
        var partners = await PartnersInReviewAsync(cluster, count: 24);

        var staffCookies = new CookieContainer();
        using var staffOne = Direct(cluster.InstanceAddress(1), staffCookies, Minahasa);
        using var staffTwo = Direct(cluster.InstanceAddress(2), staffCookies, Minahasa);
        await SignInAsync(staffOne, $"admin@{Minahasa}.demo.humassaas.id");
        var staff = new[] { staffOne, staffTwo };

        var killed = false;
        HttpClient Route(HttpClient[] pair, int worker, int attempt) => attempt == 0 && !Volatile.Read(ref killed) ? pair[worker % 2] : pair[0];
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(25);

        // Check-ins: 16 workers, each code once; a failed request is retried (against the survivor) until acknowledged.
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<Outcome>();
        var next = -1;
        var checkIns = Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < codes.Length && deadline.Elapsed < limit)
            {
                for (var attempt = 0; attempt < 60; attempt++)
                {
                    var outcome = await Load.CheckInAsync(Route(clients, worker, attempt), eventId, codes[i]);
                    if (outcome.Status == 200) { acknowledged.AddOrUpdate(codes[i], 1, (_, n) => n + 1); break; }
                    failures.Add(outcome);
                    await Task.Delay(250);
                }
                await Task.Delay(40);
            }
        })));

        // Decisions: 8 workers, distinct partners, both documents of each accepted. A retry first reads the partner:
        // a decision its dead process applied is not sent again, any other is sent with the current version.
        var decided = new ConcurrentBag<(Guid Partner, Guid Document)>();
        var decisionFailures = new ConcurrentBag<string>();
        var nextPartner = -1;
        var decisions = Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            int p;
            while ((p = Interlocked.Increment(ref nextPartner)) < partners.Count && deadline.Elapsed < limit)
            {
                foreach (var document in partners[p].Documents)
                {
                    for (var attempt = 0; attempt < 60; attempt++)
                    {
                        var client = Route(staff, worker, attempt);
                        try
                        {
                            var partner = JsonNode.Parse(await client.GetStringAsync($"/api/v1/media-partners/{partners[p].Id}"))!;
                            if (Review(partner, document) == "accepted") { decided.Add((partners[p].Id, document)); break; }
                            using var response = await client.PostAsJsonAsync($"/api/v1/media-partners/{partners[p].Id}/documents/{document}/decision",
                                new { version = MediaPartnerKit.Version(partner), decision = "accepted", note = "Sesuai" });
                            if (response.IsSuccessStatusCode) { decided.Add((partners[p].Id, document)); break; }
                            decisionFailures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            decisionFailures.Add(e.GetType().Name);
                        }
                        await Task.Delay(250);
                    }
                    await Task.Delay(100);
                }
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(4));
        var victim = cluster.Pid(2);
        await cluster.KillAsync(2);
        var killedAt = deadline.Elapsed;
        // Clients learn of the death only from their failures for a while (each failure is retried on the survivor).
        await Task.Delay(TimeSpan.FromSeconds(2));
        Volatile.Write(ref killed, true);
        await Task.WhenAll(checkIns, decisions);

        output.WriteLine($"SIGKILL of pid {victim} at {killedAt.TotalSeconds:F1} s; check-ins acknowledged {acknowledged.Count}, failed attempts " +
                         $"{failures.Count} ({Load.Summary(failures)}); decisions acknowledged {decided.Count}, failed attempts {decisionFailures.Count}: " +
                         string.Join(" | ", decisionFailures.GroupBy(f => f.Length > 60 ? f[..60] : f).Select(g => $"{g.Count()}× {g.Key}")));
        Assert.True(acknowledged.Count > 200, "too little check-in load to mean anything: " + acknowledged.Count);
        Assert.True(decided.Count > 8, "too few decisions to mean anything: " + decided.Count);
        Assert.True(!failures.IsEmpty, "no check-in met the dead process, so the kill proved nothing");
        // The survivor answers a call to a grain that lived on the dead silo as an outage (503 with Retry-After), never as a bug.
        Assert.All(failures.Where(f => f.Status >= 500), f => Assert.True(f is { Status: 503, RetryAfter: true, ProblemJson: true }, f.ToString()));
        Assert.DoesNotContain(decisionFailures, f => f.StartsWith('5') && !f.StartsWith("503 ", StringComparison.Ordinal));
        Assert.False(Process.GetProcesses().Any(p => p.Id == victim && !p.HasExited), "the killed instance is still running");

        // Every acknowledged check-in exactly once.
        var stored = await Load.StoredCheckInsAsync(pg.SuperuserConnectionString, eventId);
        Assert.Empty(acknowledged.Keys.Except(stored));
        Assert.Equal(stored.Count, await Load.CheckInRowsAsync(pg.SuperuserConnectionString, eventId));
        // The survivor serves the event: a repeat says "sudah hadir", no new row.
        var repeat = await Load.CheckInAsync(one, eventId, acknowledged.Keys.First());
        Assert.Equal(200, repeat.Status);
        Assert.Equal(stored.Count, await Load.CheckInRowsAsync(pg.SuperuserConnectionString, eventId));

        // Every acknowledged decision in the grain's state (through the survivor), in the document row, in one audit row.
        await using var sql = new NpgsqlConnection(pg.SuperuserConnectionString);
        foreach (var (partnerId, documentId) in decided)
        {
            var partner = JsonNode.Parse(await staffOne.GetStringAsync($"/api/v1/media-partners/{partnerId}"))!;
            Assert.Equal("accepted", Review(partner, documentId));
            Assert.Equal("accepted", await sql.ExecuteScalarAsync<string>(
                "SELECT review FROM media_partner_documents WHERE id = @documentId AND partner_id = @partnerId", new { documentId, partnerId }));
            Assert.Equal(1L, await sql.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_events WHERE entity_id = @partnerId AND action = 'document_accepted' AND data::text LIKE '%' || @documentId || '%'",
                new { partnerId, documentId = documentId.ToString() }));
        }
        // The projection row carries the grain's version (nothing acknowledged is only in grain state).
        foreach (var partnerId in decided.Select(d => d.Partner).Distinct())
        {
            var partner = JsonNode.Parse(await staffOne.GetStringAsync($"/api/v1/media-partners/{partnerId}"))!;
            Assert.Equal(MediaPartnerKit.Version(partner), await sql.ExecuteScalarAsync<int>(
                "SELECT version FROM media_partners WHERE id = @partnerId", new { partnerId }));
        }
    }

    private static HttpClient Direct(Uri address, CookieContainer cookies, string? tenant = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(40),
        };
        if (tenant is not null) client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        return client;
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = LocalCluster.DemoPassword });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in {email}: {(int)response.StatusCode}");
    }

    private static string? Review(JsonNode partner, Guid documentId) =>
        partner["checklist"]!.AsArray().Select(i => i!["current"]).FirstOrDefault(c => c?["id"]?.GetValue<Guid>() == documentId)?["review"]?.GetValue<string>();

    /// <summary>Partners of Minahasa Tenggara under review, each with two documents waiting for a decision.</summary>
    private static async Task<List<(Guid Id, Guid[] Documents)>> PartnersInReviewAsync(LocalCluster cluster, int count)
    {
        using var admin = Direct(cluster.InstanceAddress(1), new CookieContainer(), Minahasa);
        await SignInAsync(admin, $"admin@{Minahasa}.demo.humassaas.id");
        await PutSectionAsync(admin, "documentChecklist", MediaPartnerKit.Checklist);
        await PutSectionAsync(admin, "intakePeriods", new[] { MediaPartnerKit.Period(MediaPartnerKit.Today.AddDays(-5), MediaPartnerKit.Today.AddDays(10), null, null) });

        var result = new ConcurrentBag<(Guid, Guid[])>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var vendor = Direct(cluster.InstanceAddress(1), new CookieContainer(), Minahasa);
            var email = $"vendor-{Guid.NewGuid():N}@media.uji.id";
            (await vendor.PostAsJsonAsync("/api/v1/vendor/sign-up",
                new { email, password = LocalCluster.DemoPassword, displayName = "Rina Sumual", companyName = $"PT Mitra Silo {i}" })).EnsureSuccessStatusCode();
            (await vendor.PostAsJsonAsync("/api/v1/vendor/partner", new { profile = MediaPartnerKit.Profile($"Silo Online {i}") })).EnsureSuccessStatusCode();
            await UploadAsync(vendor, "akta_pendirian", MediaPartnerKit.Pdf, "application/pdf", "akta.pdf");
            await UploadAsync(vendor, "npwp_perusahaan", MediaPartnerKit.Png, "image/png", "npwp.png");
            var partner = JsonNode.Parse(await vendor.GetStringAsync("/api/v1/vendor/partner"))!;
            (await vendor.PostAsJsonAsync("/api/v1/vendor/partner/submit", new { version = MediaPartnerKit.Version(partner) })).EnsureSuccessStatusCode();
            var id = MediaPartnerKit.Id(partner);
            var staffView = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/media-partners/{id}"))!;
            using var review = await admin.PostAsJsonAsync($"/api/v1/media-partners/{id}/start-review", new { version = MediaPartnerKit.Version(staffView) });
            review.EnsureSuccessStatusCode();
            var documents = staffView["checklist"]!.AsArray().Where(c => c!["current"] is not null).Select(c => c!["current"]!["id"]!.GetValue<Guid>()).ToArray();
            Assert.Equal(2, documents.Length);
            result.Add((id, documents));
        });
        return result.ToList();
    }

    private static async Task PutSectionAsync(HttpClient admin, string section, object value)
    {
        var config = JsonNode.Parse(await admin.GetStringAsync("/api/v1/configuration"))!;
        using var response = await admin.PutAsJsonAsync($"/api/v1/configuration/sections/{section}",
            new { version = config["version"]!.GetValue<int>(), note = "uji silo mati", value });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task UploadAsync(HttpClient vendor, string item, byte[] content, string contentType, string fileName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vendor/partner/documents/{item}?fileName={fileName}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await vendor.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
