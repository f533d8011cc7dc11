using System.Reflection;

namespace HumasSaaS.Tests.Pages;

/// <summary>Every enum whose values people can read has a word for each value, in the one place (<see cref="Words"/>).</summary>
public sealed class WordsTests
{
    /// <summary>Enums that never reach a person: access rules, parser tokens, grain commands, sign-in outcomes.</summary>
    private static readonly HashSet<string> Internal =
    [
        "AccessRule", "TokenKind", "HostileFileReason", "PartnerDecisionKind", "EventStatusChange", "SignInOutcome",
        "BudgetStep",
    ];

    [Fact]
    public void Every_value_of_every_enum_people_read_has_a_label()
    {
        var assemblies = new[] { typeof(Words).Assembly, typeof(HumasSaaS.Api.HumasApp).Assembly };
        var enums = assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsEnum && !Internal.Contains(t.Name)).ToList();
        Assert.Contains(enums, t => t.Name == "MediaType");
        Assert.Contains(enums, t => t.Name == "TenantRole");
        var missing = new List<string>();
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var text = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!);
                if (Words.Find(type.Name, text) is not { Length: > 0 } label || label == text) missing.Add($"{type.Name}.{text}");
            }
        }
        Assert.True(missing.Count == 0, "No label for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("document_accepted", "Dokumen diterima")]
    [InlineData("verified", "Dinyatakan terverifikasi")]
    [InlineData("some_future_action", "Perubahan data")]
    public void Audit_actions_read_as_words(string action, string expected) => Assert.Equal(expected, Words.Action(action));

    [Fact]
    public void Media_types_legal_forms_and_Dewan_Pers_read_as_words()
    {
        Assert.Equal("Cetak harian", Words.Of(HumasSaaS.Configuration.MediaType.PrintDaily));
        Assert.Equal("PT", Words.Of(HumasSaaS.MediaPartners.LegalForm.Pt));
        Assert.Equal("Belum terverifikasi Dewan Pers", Words.Of(HumasSaaS.MediaPartners.DewanPersStatus.None));
        Assert.Equal("9 Des 2026 09.00 WITA", IndonesiaTime.Format(new DateTime(2026, 12, 9, 1, 0, 0, DateTimeKind.Utc), "WITA"));
    }
}
