using HumasSaaS.Events;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.Platform;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

/// <summary>Participants' phone and email are personal data (UU 27/2022): restricted by role, reads logged.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ParticipantContactTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Only_protocol_officers_read_phone_and_email_and_each_read_is_logged()
    {
        var tenant = await fixture.CreateTenantAsync("kontak");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        using var officer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.ProtocolOfficer), tenant.Slug);
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), tenant.Slug);
        using var anonymous = fixture.App.CreateClient(tenant.Slug);
        var (id, _) = await CreatePublishedAsync(admin, [Today.AddDays(3)]);
        await ReadAsync(await RegisterAsync(anonymous, id, "Meiske Wowor", phone: "081234567890", email: "meiske@desa.example.id"), System.Net.HttpStatusCode.Created);
        const string logged = "SELECT count(*) FROM audit_events WHERE action = 'participant_contacts_viewed'";

        var seenByViewer = JsonNode.Parse(await viewer.Http.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray().Single()!;
        Assert.Equal("•••••••••890", seenByViewer["phone"]!.GetValue<string>());
        Assert.Equal("m•••@desa.example.id", seenByViewer["email"]!.GetValue<string>());
        Assert.Equal(0, await TenantSql.CountAsync(fixture, tenant.Id, logged));

        var seenByOfficer = JsonNode.Parse(await officer.Http.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray().Single()!;
        Assert.Equal("081234567890", seenByOfficer["phone"]!.GetValue<string>());
        Assert.Equal("meiske@desa.example.id", seenByOfficer["email"]!.GetValue<string>());
        Assert.Equal(1, await TenantSql.CountAsync(fixture, tenant.Id, logged));
    }
}
