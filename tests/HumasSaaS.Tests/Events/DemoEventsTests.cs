using HumasSaaS.Events;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Events;

/// <summary>The demo as README command 1 seeds it: Kubu Raya's rakor with 75 participants and its VIPs in protocol order.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoEventsTests(DemoFixture demo)
{
    private const string DemoPassword = DemoFixture.Password;
    private AppInstance App => demo.App;

    [Fact]
    public async Task Kubu_Raya_has_its_rakor_with_75_participants_and_vips_in_protocol_order()
    {
        using var client = App.CreateClient("kubu-raya");
        await client.SignInAsync(DemoSeeder.AdminEmail("kubu-raya"), DemoPassword);
        var events = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/events"))!.AsArray();
        var rakor = Assert.Single(events)!;
        Assert.Equal("published", rakor["status"]!.GetValue<string>());
        Assert.Equal(75, rakor["participantCount"]!.GetValue<int>());
        var precedence = JsonNode.Parse(await client.Http.GetStringAsync($"/api/v1/events/{rakor["id"]}/precedence?seatsPerRow=4"))!;
        Assert.Equal(["H. Ahmad Wahyudi", "Dr. Yusran Anizam", "AKBP Hendra Wijaya", "Drs. Marlina Sari"],
            precedence["order"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(["Drs. Marlina Sari", "Dr. Yusran Anizam", "H. Ahmad Wahyudi", "AKBP Hendra Wijaya"],
            precedence["seating"]![0]!.AsArray().Select(s => s!["vip"]!["name"]!.GetValue<string>()));
        var page = await client.Http.GetStringAsync($"/konsol/acara/{rakor["id"]}/protokol");
        Assert.Contains("mewakili Bupati Kubu Raya", page);

        // Dated from the seeding day: the rakor runs today and tomorrow (WIB), so check-in works at once.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var detail = JsonNode.Parse(await client.Http.GetStringAsync($"/api/v1/events/{rakor["id"]}"))!;
        Assert.Equal([today, today.AddDays(1)], detail["event"]!["days"]!.AsArray().Select(d => DateOnly.Parse(d!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        var person = JsonNode.Parse(await client.Http.GetStringAsync($"/api/v1/events/{rakor["id"]}/participants?search=Rosita"))!.AsArray().Single()!;
        var checkIn = await client.Http.PostAsJsonAsync($"/api/v1/events/{rakor["id"]}/check-ins", new { code = person["code"]!.GetValue<string>(), day = 1, method = "code" });
        Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
    }
}
