using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumasSaaS.Configuration;

namespace HumasSaaS.Api.StudyVisits;

/// <summary>One field of one compared item: its label, each tenant's value in words, and whether they differ.</summary>
public sealed record ComparedField(string Key, string Label, IReadOnlyList<string?> Values, bool Differs);

/// <summary>
/// Configuration items as people read them: field names as Indonesian labels and values in words (labels of codes,
/// "ya"/"tidak", "5 MB", "Rp 1.500.000", "9 Des 2026"). Used by the comparison page, its CSV and the shared profile.
/// </summary>
public static partial class ComparisonWords
{
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["label"] = "Nama", ["title"] = "Judul", ["mediaTypes"] = "Jenis media", ["mediaType"] = "Jenis media",
        ["mandatory"] = "Wajib", ["expires"] = "Punya masa berlaku", ["defaultValidityMonths"] = "Masa berlaku bawaan",
        ["acceptedFormats"] = "Format berkas", ["maxSizeMb"] = "Ukuran berkas maksimum",
        ["registrationOpens"] = "Pendaftaran dibuka", ["registrationCloses"] = "Pendaftaran ditutup",
        ["objectionOpens"] = "Masa sanggah dibuka", ["objectionCloses"] = "Masa sanggah ditutup",
        ["kind"] = "Jenis skema", ["grades"] = "Grade", ["grade"] = "Grade", ["description"] = "Keterangan", ["minPoints"] = "Poin minimum",
        ["product"] = "Produk", ["priceRupiah"] = "Harga", ["unit"] = "Satuan",
        ["proofDeadlineDays"] = "Tenggat bukti tayang", ["quotaPerPartner"] = "Kuota per mitra", ["quotaPeriod"] = "Periode kuota",
        ["rank"] = "Urutan", ["tieGroup"] = "Kelompok setara", ["note"] = "Catatan",
        ["days"] = "Lama acara", ["rundown"] = "Susunan acara", ["day"] = "Hari ke", ["start"] = "Mulai", ["end"] = "Selesai",
        ["item"] = "Acara", ["personInCharge"] = "Penanggung jawab",
        ["unitName"] = "Nama unit", ["legalBasisNumber"] = "Nomor dasar hukum", ["legalBasisTitle"] = "Judul dasar hukum",
        ["sopTimings"] = "Waktu layanan (SOP)", ["workingDays"] = "Hari kerja",
    };

    public static string FieldLabel(string key) => FieldLabels.GetValueOrDefault(key) ?? "Isian lain";

    /// <summary>The label of an item row: its own label or title, else the label of the field it is (office profile).</summary>
    public static string ItemLabel(ComparisonRow row)
    {
        if (row.Label is { } label) return label;
        var code = row.Code;
        var slash = code.IndexOf(HumasSaaS.Api.Configuration.ConfigurationDiff.NestedSeparator);
        return FieldLabel(slash >= 0 ? code[..slash] : code);
    }

    /// <summary>The fields of an item across the tenants (the code is the row itself); an item that is a plain value is one field.</summary>
    public static IReadOnlyList<ComparedField> Fields(ComparisonRow row)
    {
        if (row.Values.All(v => v is null or not JsonObject))
            return [new ComparedField("", "Isi", row.Values.Select(v => v is null ? null : Value(KeyOf(row.Code), v)).ToList(), Differs(row.Values))];
        var keys = row.Values.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Where(k => k != "code").Distinct(StringComparer.Ordinal).ToList();
        return keys.Select(key =>
        {
            var values = row.Values.Select(v => v is JsonObject o ? o[key] : null).ToList();
            return new ComparedField(key, FieldLabel(key),
                row.Values.Select((v, i) => v is null ? null : Value(key, values[i])).ToList(),
                Differs(row.Values.Select((v, i) => v is null ? null : values[i] ?? JsonValue.Create("—")).ToList()));
        }).ToList();
    }

    private static string KeyOf(string code)
    {
        var slash = code.IndexOf(HumasSaaS.Api.Configuration.ConfigurationDiff.NestedSeparator);
        return slash >= 0 ? code[..slash] : code;
    }

    /// <summary>Present values that are not all equal (a tenant without the item does not count as a difference here).</summary>
    private static bool Differs(IReadOnlyList<JsonNode?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        return present.Count > 1 && present.Skip(1).Any(v => !JsonNode.DeepEquals(present[0], v));
    }

    /// <summary>A value in words, according to the field it belongs to.</summary>
    public static string Value(string key, JsonNode? value) => value switch
    {
        null => "—",
        JsonArray list when list.All(i => i is JsonValue) => list.Count == 0 ? "—" : string.Join(", ", list.Select(i => Value(key, i))),
        JsonArray list => list.Count == 0 ? "—" : string.Join("\n", list.Select(i => Value(key, i))),
        JsonObject obj => string.Join(", ", obj.Where(p => p.Key != "code" && p.Value is not null).Select(p => $"{FieldLabel(p.Key)}: {Value(p.Key, p.Value)}")),
        JsonValue v when v.TryGetValue<bool>(out var b) => Words.YesNo(b),
        JsonValue v when v.TryGetValue<long>(out var n) => Number(key, n),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("0.##", CultureInfo.GetCultureInfo("id-ID")),
        JsonValue v when v.TryGetValue<string>(out var s) => Text(key, s),
        _ => value.ToJsonString(),
    };

    private static string Number(string key, long n) => key switch
    {
        "maxSizeMb" => Words.Megabytes((int)n),
        "defaultValidityMonths" => $"{n} bulan",
        "priceRupiah" => Words.Rupiah(n),
        "days" or "proofDeadlineDays" => $"{n} hari",
        "workingDays" => $"{n} hari kerja",
        _ => n.ToString(CultureInfo.GetCultureInfo("id-ID")),
    };

    private static string Text(string key, string s)
    {
        var enumName = key switch
        {
            "mediaTypes" or "mediaType" => nameof(MediaType),
            "acceptedFormats" => nameof(AcceptedFormat),
            "product" => nameof(PublicationProduct),
            "quotaPeriod" => nameof(QuotaPeriod),
            "kind" => nameof(GradingKind),
            _ => null,
        };
        if (enumName is not null && Words.Find(enumName, s) is { } label) return label;
        if (IsoDate().IsMatch(s) && DateOnly.TryParse(s, CultureInfo.InvariantCulture, out var date)) return IndonesiaTime.Format(date);
        if (IsoTime().IsMatch(s)) return s[..5].Replace(':', '.');
        return s;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{2}:\d{2}(:\d{2})?$")]
    private static partial Regex IsoTime();
}
