using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class MemberInvitationTests(PlatformFixture fixture)
{
    private static async Task<JsonElement> InviteAsync(TestClient admin, string email, string role = "verifier")
    {
        using var response = await admin.Http.PostAsJsonAsync("/api/v1/members", new { email, displayName = "Nama Tebakan", role, initialPassword = (string?)null });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Adding_an_account_of_another_tenant_sends_an_invitation_and_attaches_nothing_until_it_is_accepted()
    {
        var host = await fixture.CreateTenantAsync("undang");
        var other = await fixture.CreateTenantAsync("lain", "Kabupaten Lain Rahasia");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        var inviteeEmail = PlatformFixture.AdminEmail(other.Slug);

        using var raw = await admin.Http.PostAsJsonAsync("/api/v1/members", new { email = inviteeEmail, displayName = "x", role = "verifier", initialPassword = (string?)null });
        var body = await raw.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, raw.StatusCode);
        Assert.DoesNotContain("Admin " + other.Slug, body);   // the account's own display name is never echoed
        Assert.DoesNotContain(other.OfficialName, body);
        var invitation = JsonSerializer.Deserialize<JsonElement>(body);
        var id = invitation.GetProperty("id").GetGuid();
        Assert.Equal("pending", invitation.GetProperty("status").GetString());
        Assert.Equal($"/undangan/{id}", invitation.GetProperty("acceptPath").GetString());

        var members = await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/members");
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("email").GetString() == inviteeEmail);
        var pending = await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/members/invitations");
        Assert.Contains(pending.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        // Nobody but the invitee can see or answer it; the admin who invited gets the same 404.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/v1/invitations/{id}/accept", null)).StatusCode);
        using var invitee = await fixture.SignedInClientAsync(inviteeEmail, host.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Http.GetAsync("/api/v1/members")).StatusCode);

        var seen = await invitee.Http.GetFromJsonAsync<JsonElement>($"/api/v1/invitations/{id}");
        Assert.Equal(host.OfficialName, seen.GetProperty("tenantName").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await invitee.Http.PostAsync($"/api/v1/invitations/{id}/accept", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await invitee.Http.GetAsync("/api/v1/media-partners")).StatusCode);
        var again = await invitee.Http.PostAsync($"/api/v1/invitations/{id}/accept", null);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);

        var audit = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=member_invitation&entityId={id}");
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("member_invited", actions);
        Assert.Contains("invitation_accepted", actions);
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_accepted_and_a_declined_one_attaches_nothing()
    {
        var host = await fixture.CreateTenantAsync("undang-lama");
        var other = await fixture.CreateTenantAsync("lain");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        using var invitee = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(other.Slug), host.Slug);

        var expired = (await InviteAsync(admin, PlatformFixture.AdminEmail(other.Slug))).GetProperty("id").GetGuid();
        await using (var tx = await fixture.Db.BeginTenantAsync(host.Id))
        {
            Assert.Equal(1, await tx.ExecuteAsync("UPDATE member_invitations SET expires_at = now() - interval '1 minute' WHERE id = @expired", new { expired }));
            await tx.CommitAsync();
        }
        await ProblemAssert.IsProblemAsync(await invitee.Http.PostAsync($"/api/v1/invitations/{expired}/accept", null), HttpStatusCode.Gone);

        var declined = (await InviteAsync(admin, PlatformFixture.AdminEmail(other.Slug), "viewer")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await invitee.Http.PostAsync($"/api/v1/invitations/{declined}/decline", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Http.GetAsync("/api/v1/media-partners")).StatusCode);
    }

    [Fact]
    public async Task The_invitation_page_shows_the_tenant_and_role_in_indonesian_to_the_invitee_only()
    {
        var host = await fixture.CreateTenantAsync("undang-hal", "Kabupaten Undangan Halaman");
        var other = await fixture.CreateTenantAsync("lain");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        var id = (await InviteAsync(admin, PlatformFixture.AdminEmail(other.Slug), "protocol_officer")).GetProperty("id").GetGuid();

        using var invitee = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(other.Slug), null);
        var page = await invitee.Http.GetStringAsync($"/t/{host.Slug}/undangan/{id}");
        Assert.Contains("Kabupaten Undangan Halaman", page);
        Assert.Contains("Petugas protokol", page);
        Assert.Contains("Terima undangan", page);

        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var action = System.Text.RegularExpressions.Regex.Match(page, "formaction=\"([^\"]*Terima[^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(action);
        using var accepted = await invitee.Http.PostAsync(System.Net.WebUtility.HtmlDecode(action),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Anda kini staf instansi ini", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await invitee.Http.GetAsync($"/t/{host.Slug}/api/v1/events")).StatusCode);

        var foreign = await admin.Http.GetAsync($"/t/{host.Slug}/undangan/{id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("Terima undangan", await foreign.Content.ReadAsStringAsync());
    }
}
