using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.StudyVisits;

public sealed record ComparedTenant(string Slug, string Name, int Version, bool Own);

public enum RowStatus { Same, Different, Missing }

/// <summary>One item across the compared tenants; Values[i] belongs to Tenants[i] (null: the tenant has no such item).</summary>
public sealed record ComparisonRow(string Code, string? Label, RowStatus Status, IReadOnlyList<JsonNode?> Values);

public sealed record ComparisonSection(string Section, string Label, IReadOnlyList<ComparisonRow> Rows);

/// <summary>The diff of the first tenant ("here") against one of the others ("there").</summary>
public sealed record PairDiff(string Here, string There, ConfigurationDiffResult Diff);

/// <summary>
/// A side-by-side comparison. Only sections every compared tenant makes visible to the reader appear
/// (<see cref="Sections"/>); <see cref="HiddenSections"/> names the others without any of their content.
/// </summary>
public sealed record Comparison(
    IReadOnlyList<ComparedTenant> Tenants, IReadOnlyList<ComparisonSection> Sections, IReadOnlyList<string> HiddenSections, IReadOnlyList<PairDiff> Diffs);

public static class ConfigurationComparison
{
    public static Comparison Build(IReadOnlyList<SharedProfile> profiles)
    {
        var common = ConfigurationSection.All.Where(s => profiles.All(p => p.Sections.Contains(s))).ToList();
        var sections = new List<ComparisonSection>();
        foreach (var section in common)
        {
            var perTenant = profiles.Select(p => ConfigurationDiff.Items(p.Configuration, section).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal)).ToList();
            var codes = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var items in profiles.Select(p => ConfigurationDiff.Items(p.Configuration, section)))
                foreach (var (code, _) in items) if (seen.Add(code)) codes.Add(code);
            var rows = codes.Select(code =>
            {
                var values = perTenant.Select(t => t.GetValueOrDefault(code)).ToList();
                var present = values.Where(v => v is not null).ToList();
                var status = present.Count < values.Count ? RowStatus.Missing
                    : present.Skip(1).All(v => ConfigurationDiff.CompareSection(Wrap(section, present[0]), Wrap(section, v), section).Count == 0) ? RowStatus.Same
                    : RowStatus.Different;
                return new ComparisonRow(code, values.Select(ConfigurationDiff.LabelOf).FirstOrDefault(l => l is not null), status,
                    values.Select(v => v?.DeepClone()).ToList());
            }).ToList();
            sections.Add(new ComparisonSection(section, ConfigurationSection.Label(section), rows));
        }
        var diffs = profiles.Skip(1)
            .Select(p => new PairDiff(profiles[0].Slug, p.Slug, ConfigurationDiff.Compare(profiles[0].Configuration, p.Configuration, common)))
            .ToList();
        return new Comparison(
            profiles.Select(p => new ComparedTenant(p.Slug, p.Name, p.Version, p.Own)).ToList(),
            sections,
            ConfigurationSection.All.Except(common).ToList(),
            diffs);
    }

    /// <summary>A one-item document so one item can be compared with the same rules as whole sections.</summary>
    private static JsonObject Wrap(string section, JsonNode? item) => new() { [section] = new JsonArray(item?.DeepClone()) };

    /// <summary>CSV (semicolon-separated, as Indonesian spreadsheets expect): one line per item and field, values in words, one column per tenant.</summary>
    public static string ToCsv(Comparison comparison)
    {
        var csv = new StringBuilder();
        Line(csv, ["Bagian", "Kode", "Butir", "Isian", "Status", .. comparison.Tenants.Select(t => $"{t.Name} (versi {t.Version})")]);
        foreach (var section in comparison.Sections)
        {
            foreach (var row in section.Rows)
            {
                foreach (var field in ComparisonWords.Fields(row))
                {
                    var status = row.Status == RowStatus.Missing ? StatusLabel(RowStatus.Missing) : StatusLabel(field.Differs ? RowStatus.Different : RowStatus.Same);
                    Line(csv, [section.Label, row.Code, ComparisonWords.ItemLabel(row), field.Label, status, .. field.Values.Select(v => v ?? "tidak ada")]);
                }
            }
        }
        return csv.ToString();
    }

    public static string StatusLabel(RowStatus status) => Words.Of(status);

    /// <summary>An item value in words for tables and CSV (see <see cref="ComparisonWords"/>).</summary>
    public static string Summary(JsonNode? value) => ComparisonWords.Value("", value);

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(';', cells.Select(CsvCell.Quoted));
        csv.Append("\r\n");
    }
}
