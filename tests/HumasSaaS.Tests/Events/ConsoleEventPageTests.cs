using HumasSaaS.Events;
using System.Net;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

/// <summary>The staff pages: create from the form, edit, invite, import; read-only for viewers; 404 for other tenants.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class ConsoleEventPageTests(PlatformFixture fixture)
{
    private static async Task<string> TokenAsync(TestClient client, string path)
    {
        var html = await client.Http.GetStringAsync(path);
        return TokenField().Match(html).Groups[1].Value;
    }

    [Fact]
    public async Task Staff_create_an_event_from_the_list_page_invite_a_person_and_see_every_event_page()
    {
        var tenant = await fixture.CreateTenantAsync("konsol-acara");
        using var staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var token = await TokenAsync(staff, "/konsol/acara");
        var created = await staff.Http.PostAsync("/konsol/acara", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Type"] = "CoffeeMorning", ["Form.Title"] = "Coffee Morning bersama Insan Pers", ["Form.FirstDay"] = Day(Today), ["Form.NumberOfDays"] = "1",
            ["Form.Venue"] = "Rumah Jabatan Bupati", ["Form.Capacity"] = "40", ["Form.TemplateCode"] = "coffee_morning", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detailPath = created.Headers.Location!.ToString();
        var id = Guid.Parse(detailPath.Split('/')[^1]);
        var detail = await staff.Http.GetStringAsync(detailPath);
        Assert.Contains("Dialog pimpinan daerah dan media", detail);

        token = await TokenAsync(staff, detailPath);
        var invited = await staff.Http.PostAsync(detailPath + "?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Person.Name"] = "Pemimpin Redaksi Uji", ["Person.Category"] = "Media", ["Person.Institution"] = "Harian Uji", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains("Undangan ditambahkan", await invited.Content.ReadAsStringAsync());
        Assert.Single(await ParticipantsAsync(staff, id));

        var list = await staff.Http.GetStringAsync("/konsol/acara");
        Assert.Contains("Coffee Morning bersama Insan Pers", list);
        foreach (var page in new[] { "presensi", "daftar-hadir", "protokol" })
            Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync($"{detailPath}/{page}")).StatusCode);
        Assert.Contains("Pemimpin Redaksi Uji", await staff.Http.GetStringAsync($"{detailPath}/daftar-hadir"));

        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), tenant.Slug);
        var readOnly = await viewer.Http.GetStringAsync(detailPath);
        Assert.DoesNotContain("handler=Invite", readOnly);
        using var otherAdmin = await fixture.SignedInClientAsync(fixture.AdminB, fixture.TenantB.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.Http.GetAsync($"/konsol/acara/{id}")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
