namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Cells for every CSV export. A leading = + - @ tab or CR is neutralised so spreadsheets do not run the text as a
/// formula (exports carry text other people typed: names, notes, another tenant's labels).
/// </summary>
public static class CsvCell
{
    /// <summary>Always quoted (RFC 4180).</summary>
    public static string Quoted(string? value) => "\"" + Neutralise(value ?? "").Replace("\"", "\"\"") + "\"";

    /// <summary>Quoted only when the value needs it (separator, quote or line break inside).</summary>
    public static string Minimal(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var v = Neutralise(value);
        return v.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    private static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
