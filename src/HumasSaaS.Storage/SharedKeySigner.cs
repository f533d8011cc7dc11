using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace HumasSaaS.Storage;

/// <summary>Shared Key authorization (version 2015-02-21 and later) and service SAS signatures.</summary>
internal sealed class SharedKeySigner
{
    private readonly string _account;
    private readonly byte[] _key;

    public SharedKeySigner(string account, string base64Key)
    {
        _account = account;
        try
        {
            _key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The account key is not valid base64.", nameof(base64Key), e);
        }
    }

    public string Sign(string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Adds the Authorization header. x-ms-date and x-ms-version must already be set.</summary>
    public void Authorize(HttpRequestMessage request)
    {
        var signature = Sign(StringToSign(request, _account));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", _account + ":" + signature);
    }

    internal static string StringToSign(HttpRequestMessage request, string account)
    {
        var sb = new StringBuilder(256);
        var content = request.Content?.Headers;
        sb.Append(request.Method.Method).Append('\n');
        sb.Append(ContentHeader(content, "Content-Encoding")).Append('\n');
        sb.Append(ContentHeader(content, "Content-Language")).Append('\n');
        var length = content?.ContentLength;
        // Since 2015-02-21 a zero Content-Length is signed as the empty string.
        sb.Append(length is null or 0 ? "" : length.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "").Append('\n');
        sb.Append(content?.ContentType?.ToString() ?? "").Append('\n');
        sb.Append('\n'); // Date: x-ms-date is used instead
        sb.Append(RequestHeader(request, "If-Modified-Since")).Append('\n');
        sb.Append(RequestHeader(request, "If-Match")).Append('\n');
        sb.Append(RequestHeader(request, "If-None-Match")).Append('\n');
        sb.Append(RequestHeader(request, "If-Unmodified-Since")).Append('\n');
        sb.Append(RequestHeader(request, "Range")).Append('\n');

        // Canonicalized headers: x-ms-*, lower-case names, sorted, trimmed values.
        foreach (var (name, value) in request.Headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value).Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        // Canonicalized resource: "/" + account + the encoded path as sent. With a path-style (Azurite) endpoint the
        // path already starts with "/account", so the account appears twice, which is what the emulator expects.
        var uri = request.RequestUri ?? throw new InvalidOperationException("Request has no URI.");
        sb.Append('/').Append(account).Append(uri.AbsolutePath);
        foreach (var (name, values) in ParseQuery(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(",", values));
        }
        return sb.ToString();
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (query.StartsWith('?')) query = query[1..];
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var list)) result[name] = list = [];
            list.Add(value);
        }
        return result;
    }

    private static string ContentHeader(HttpContentHeaders? headers, string name)
        => headers is not null && headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static string RequestHeader(HttpRequestMessage request, string name)
        => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
