using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Two rules for JSON that clients send, beyond what System.Text.Json checks itself (both found by the API fuzzer):
/// <list type="bullet">
/// <item>No NUL character in a string: PostgreSQL cannot store it in text or jsonb, so it failed as a 500.</item>
/// <item>No null element in a collection whose element type is not nullable (<c>IReadOnlyList&lt;Item&gt;</c>):
/// <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> covers properties, not elements, so <c>[null]</c>
/// reached the services and failed there as a 500.</item>
/// </list>
/// Both fail as a <see cref="JsonException"/>, which the problem handler turns into a 400 naming the field.
/// </summary>
public static class JsonInputRules
{
    public const string NulMessage = "The string contains a NUL character.";
    public const string NullElementMessage = "A null element is not allowed in this list.";

    /// <summary>Adds the rules as a type info modifier; schemas (OpenAPI) are unchanged, only deserialized objects are checked.</summary>
    public static void Apply(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Check);

    private static readonly ConcurrentDictionary<Type, Action<object>[]> Checks = new();

    private static void Check(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return;
        var checks = Checks.GetOrAdd(typeInfo.Type, ChecksFor);
        if (checks.Length == 0) return;
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            foreach (var check in checks) check(value);
            previous?.Invoke(value);
        };
    }

    private static Action<object>[] ChecksFor(Type type)
    {
        var context = new NullabilityInfoContext();
        var checks = new List<Action<object>>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null) continue;
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.PropertyType == typeof(string))
            {
                checks.Add(o => NoNul(property.GetValue(o) as string, name));
                continue;
            }
            if (typeof(JsonNode).IsAssignableFrom(property.PropertyType))
            {
                checks.Add(o => NoNul(property.GetValue(o) as JsonNode, name));
                continue;
            }
            if (!typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) continue;
            var info = context.Create(property);
            var element = info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
            var nullAllowed = element is null || element.Type.IsValueType || element.ReadState != NullabilityState.NotNull;
            checks.Add(o =>
            {
                if (property.GetValue(o) is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        NoNul(entry.Key as string, name);
                        if (entry.Value is string text) NoNul(text, name);
                        else if (entry.Value is JsonNode node) NoNul(node, name);
                    }
                    return;
                }
                if (property.GetValue(o) is not IEnumerable items) return;
                foreach (var item in items)
                {
                    if (item is null && !nullAllowed) throw new JsonException(NullElementMessage, "$." + name, null, null);
                    if (item is string text) NoNul(text, name);
                    else if (item is JsonNode node) NoNul(node, name);
                }
            });
        }
        return checks.ToArray();
    }

    private static void NoNul(string? value, string name)
    {
        if (value is not null && value.Contains('\0')) throw new JsonException(NulMessage, "$." + name, null, null);
    }

    private static void NoNul(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var text): NoNul(text, name); break;
            case JsonArray a: foreach (var item in a) NoNul(item, name); break;
            case JsonObject o: foreach (var (key, item) in o) { NoNul(key, name); NoNul(item, name); } break;
        }
    }
}
