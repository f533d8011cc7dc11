using System.Text.Json;

namespace HumasSaaS.Domain;

/// <summary>How entity and grain state is written as JSON: camelCase, enums as snake_case strings (readable, diffable).</summary>
public static class EntityJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string EnumText<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>The person or integration acting; recorded with every change.</summary>
public sealed record Actor(Guid? UserId, string Name);
