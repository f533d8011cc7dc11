using System.Text.RegularExpressions;

namespace HumasSaaS.Domain;

/// <summary>Collects per-field messages (in Bahasa Indonesia) and throws them together.</summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator Text(string field, string label, string? value, int max, int min = 1, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{label} wajib diisi.");
            return this;
        }
        var length = value.Trim().Length;
        if (length < min) Add(field, $"{label} paling sedikit {min} karakter.");
        if (length > max) Add(field, $"{label} paling banyak {max} karakter.");
        return this;
    }

    public Validator Pattern(string field, string label, string? value, Regex pattern, string hint)
    {
        if (!string.IsNullOrEmpty(value) && !pattern.IsMatch(value)) Add(field, $"{label} tidak valid: {hint}.");
        return this;
    }

    public Validator Email(string field, string? value, bool required = true)
    {
        Text(field, "Email", value, 254, 3, required);
        if (!string.IsNullOrWhiteSpace(value) && !EmailPattern().IsMatch(value.Trim())) Add(field, "Format email tidak valid.");
        return this;
    }

    public Validator HttpUrl(string field, string label, string? value, bool required = false)
    {
        Text(field, label, value, 500, 1, required);
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            Add(field, $"{label} harus berupa alamat web lengkap (https://...).");
        return this;
    }

    public Validator Range(string field, string label, long value, long min, long max)
    {
        if (value < min || value > max) Add(field, $"{label} harus antara {min} dan {max}.");
        return this;
    }

    public Validator Count<T>(string field, string label, IReadOnlyCollection<T>? items, int max)
    {
        if (items is not null && items.Count > max) Add(field, $"{label} paling banyak {max} butir.");
        return this;
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    public static Regex SlugPattern { get; } = new("^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
