using System.Text.Json;
using System.Text.Json.Nodes;

namespace HumasSaaS.Api.Configuration;

public enum DiffKind { OnlyHere, OnlyThere, Changed }

/// <summary>A field inside an item whose value differs; Path is relative to the item ("mediaTypes", "rundown[1].start").</summary>
public sealed record FieldChange(string Path, JsonNode? Here, JsonNode? There);

/// <summary>One item (matched by code) that differs. Here/There are the whole item on each side (null when absent).</summary>
public sealed record ItemDiff(string Code, string? Label, DiffKind Kind, JsonNode? Here, JsonNode? There, IReadOnlyList<FieldChange> Fields);

public sealed record SectionDiff(string Section, string Label, IReadOnlyList<ItemDiff> Items);

/// <summary>A structured diff between two configurations; only sections with differences are listed.</summary>
public sealed record ConfigurationDiffResult(IReadOnlyList<SectionDiff> Sections)
{
    public bool IsEmpty => Sections.Count == 0;
}

/// <summary>
/// Pure functions over configuration documents (study visits, version history):
/// a section is a set of items matched by code, never by position. List sections (checklist, price table, ...)
/// are their items; object sections (grading, office profile) are their scalar fields (code = field name)
/// plus the items of their coded lists (code = "list/itemCode", e.g. "grades/A", "sopTimings/masa_sanggah").
/// </summary>
public static class ConfigurationDiff
{
    public const char NestedSeparator = '/';

    public static JsonObject ToJson(TenantConfigurationState state) =>
        JsonSerializer.SerializeToNode(state, EntityJson.Options)!.AsObject();

    public static TenantConfigurationState FromJson(JsonObject json) =>
        json.Deserialize<TenantConfigurationState>(ConfigurationJson.Strict) ?? throw new JsonException("null configuration");

    /// <summary>The items of a section keyed by code, in document order.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonNode?>> Items(JsonObject configuration, string section)
    {
        var value = configuration[section];
        var items = new List<KeyValuePair<string, JsonNode?>>();
        switch (value)
        {
            case JsonArray array:
                foreach (var item in array) items.Add(new(CodeOf(item) ?? "", item));
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is JsonArray list && list.All(i => CodeOf(i) is not null))
                        foreach (var item in list) items.Add(new(name + NestedSeparator + CodeOf(item), item));
                    else items.Add(new(name, child));
                }
                break;
        }
        return items;
    }

    /// <summary>The diff of the given sections (all when null); "here" is <paramref name="here"/>, "there" is <paramref name="there"/>.</summary>
    public static ConfigurationDiffResult Compare(TenantConfigurationState here, TenantConfigurationState there, IEnumerable<string>? sections = null) =>
        Compare(ToJson(here), ToJson(there), sections);

    public static ConfigurationDiffResult Compare(JsonObject here, JsonObject there, IEnumerable<string>? sections = null)
    {
        var result = new List<SectionDiff>();
        foreach (var section in sections ?? ConfigurationSection.All)
        {
            var items = CompareSection(here, there, section);
            if (items.Count > 0) result.Add(new SectionDiff(section, ConfigurationSection.Label(section), items));
        }
        return new ConfigurationDiffResult(result);
    }

    public static IReadOnlyList<ItemDiff> CompareSection(JsonObject here, JsonObject there, string section)
    {
        var hereItems = Items(here, section);
        var thereItems = Items(there, section).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        var hereCodes = new HashSet<string>(StringComparer.Ordinal);
        var diffs = new List<ItemDiff>();
        foreach (var (code, value) in hereItems)
        {
            hereCodes.Add(code);
            if (!thereItems.TryGetValue(code, out var other))
            {
                diffs.Add(new ItemDiff(code, LabelOf(value), DiffKind.OnlyHere, value?.DeepClone(), null, []));
                continue;
            }
            var fields = new List<FieldChange>();
            CompareValues("", value, other, fields);
            if (fields.Count > 0)
                diffs.Add(new ItemDiff(code, LabelOf(value) ?? LabelOf(other), DiffKind.Changed, value?.DeepClone(), other?.DeepClone(), fields));
        }
        foreach (var (code, value) in Items(there, section))
        {
            if (!hereCodes.Contains(code)) diffs.Add(new ItemDiff(code, LabelOf(value), DiffKind.OnlyThere, null, value?.DeepClone(), []));
        }
        return diffs;
    }

    private static void CompareValues(string path, JsonNode? a, JsonNode? b, List<FieldChange> changes)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var name in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                    CompareValues(Join(path, name), oa[name], ob[name], changes);
                return;
            case (JsonArray la, JsonArray lb) when la.Count > 0 && lb.Count > 0 && la.Concat(lb).All(i => CodeOf(i) is not null):
                // Coded lists inside an item: matched by code, order irrelevant.
                var byCode = lb.ToDictionary(i => CodeOf(i)!, i => i, StringComparer.Ordinal);
                foreach (var item in la)
                {
                    var code = CodeOf(item)!;
                    CompareValues($"{path}[{code}]", item, byCode.GetValueOrDefault(code), changes);
                    byCode.Remove(code);
                }
                foreach (var (code, item) in byCode) changes.Add(new FieldChange($"{path}[{code}]", null, item?.DeepClone()));
                return;
            case (JsonArray la, JsonArray lb) when la.Concat(lb).All(i => i is JsonValue):
                // Lists of plain values (media types, formats) are sets.
                var sa = la.Select(i => i!.ToJsonString()).Order(StringComparer.Ordinal).ToList();
                var sb = lb.Select(i => i!.ToJsonString()).Order(StringComparer.Ordinal).ToList();
                if (!sa.SequenceEqual(sb)) changes.Add(new FieldChange(path, a.DeepClone(), b.DeepClone()));
                return;
            case (JsonArray la, JsonArray lb):
                // Positional lists (a rundown): compared by position.
                for (var i = 0; i < Math.Max(la.Count, lb.Count); i++)
                    CompareValues($"{path}[{i}]", i < la.Count ? la[i] : null, i < lb.Count ? lb[i] : null, changes);
                return;
            default:
                if (!JsonNode.DeepEquals(a, b)) changes.Add(new FieldChange(path, a?.DeepClone(), b?.DeepClone()));
                return;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string? CodeOf(JsonNode? item) =>
        item is JsonObject o && o["code"] is JsonValue v && v.TryGetValue<string>(out var code) ? code : null;

    public static string? LabelOf(JsonNode? item) =>
        item is JsonObject o
            ? (o["label"] ?? o["title"]) is JsonValue v && v.TryGetValue<string>(out var label) ? label : null
            : null;

    /// <summary>
    /// Copies the items <paramref name="codes"/> of <paramref name="section"/> from <paramref name="source"/> into
    /// <paramref name="target"/> (an item with the same code is replaced, a new one appended). Returns codes not found.
    /// </summary>
    public static IReadOnlyList<string> CopyItems(JsonObject source, JsonObject target, string section, IEnumerable<string> codes)
    {
        var available = Items(source, section).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (!available.TryGetValue(code, out var value))
            {
                missing.Add(code);
                continue;
            }
            switch (target[section])
            {
                case JsonArray list:
                    Upsert(list, code, value);
                    break;
                case JsonObject obj when code.IndexOf(NestedSeparator) is > 0 and var at:
                    var listName = code[..at];
                    if (obj[listName] is not JsonArray nested) obj[listName] = nested = [];
                    Upsert(nested, code[(at + 1)..], value);
                    break;
                case JsonObject obj:
                    obj[code] = value?.DeepClone();
                    break;
            }
        }
        return missing;
    }

    private static void Upsert(JsonArray list, string code, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (CodeOf(list[i]) == code)
            {
                list[i] = value?.DeepClone();
                return;
            }
        }
        list.Add(value?.DeepClone());
    }
}
