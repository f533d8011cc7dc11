using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Fuzzing;

public enum FuzzAuth { Admin, Vendor, None }

/// <summary>One generated request. <see cref="ToString"/> is what a failure prints, so it can be read and replayed.</summary>
public sealed record FuzzCase(string OperationId, string Method, string Path, FuzzAuth Auth, string? TenantHeader, string? ContentType, byte[]? Body, string Shape)
{
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 400 ? $"{Body.Length} bytes: {Printable(Body[..400])}…" : Printable(Body);
        var path = Path.Length > 300 ? Path[..300] + $"… ({Path.Length} chars)" : Path;
        return $"{Method} {path} [{Shape}] auth={Auth} X-Tenant={TenantHeader ?? "-"} Content-Type={ContentType ?? "-"} body={body}";
    }

    private static string Printable(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>
/// Builds a CsCheck generator of requests for one operation of the live OpenAPI document: parameters and bodies from
/// the operation's schemas, mostly valid with one thing wrong, or hostile on purpose (wrong types, missing and
/// unknown fields, huge strings, unicode, negative and huge numbers, deep JSON, wrong content types), with real ids of
/// the fuzz tenant where a path or a field wants an id.
/// </summary>
public sealed class RequestGenerator(JsonObject document, IReadOnlyDictionary<string, List<string>> real, string tenantSlug)
{
    private readonly JsonObject schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();

    // CsCheck's OneOf/Frequency have overloads for constants and for generators; these name which one is meant.
    private static Gen<T> Pick<T>(params T[] values) => Gen.OneOf(values);

    private static Gen<T> Any<T>(IEnumerable<Gen<T>> gens) => Gen.OneOf(gens.Select(g => (IGen<T>)g).ToArray());

    private static Gen<T> Freq<T>(params (int Weight, Gen<T> Gen)[] gens) => Gen.Frequency(gens.Select(g => (g.Weight, (IGen<T>)g.Gen)).ToArray());

    // ---- scalar generators ------------------------------------------------------------------------------------

    private static readonly string[] Nasty =
    [
        "", " ", "null", "undefined", "0", "-1", "true", "[]", "{}", "ñandú", "Ngalam 💩 𝕳𝖚𝖒𝖆𝖘", "\u202Egnp.exe", "\u200B\u200D\uFEFF",
        "<script>alert(1)</script>", "' OR '1'='1'; --", "../../../../etc/passwd", "%00%2e%2e%2f", "\r\nX-Injected: 1", "\t\n",
        "😀😀😀😀😀😀😀😀", "日本語のテキスト", "ع ربي", "Ω≈ç√∫˜µ≤≥÷", "${jndi:ldap://x}", "{{7*7}}", "a\u0000b", "\\", "\"", "NaN", "Infinity",
        "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "00000000-0000-0000-0000-000000000000", "not-a-uuid",
        "admin@", "@@", "a@b", "+62 812-3456-7890", "DROP TABLE events;",
    ];

    private static readonly string[] NastyNumbers =
    [
        "0", "-1", "-2147483648", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1e308", "-1e308", "1e400", "1.5", "-0.0", "0.0000001", "123456789012345678901234567890", "1E+2",
    ];

    private static readonly Gen<string> UnicodeText = Gen.String[Gen.Char, 0, 40];

    private static Gen<string> Huge => Freq(
        (6, Gen.Int[1_000, 20_000].Select(n => new string('A', n))),
        (3, Gen.Int[1_000, 20_000].Select(n => string.Concat(Enumerable.Repeat("Ngalam 💩 ", n / 10)))),
        (1, Gen.Int[200_000, 1_200_000].Select(n => new string('x', n))));

    private static Gen<string> HostileString => Freq(
        (5, Pick(Nasty)),
        (3, UnicodeText),
        (2, Huge));

    private static Gen<JsonNode?> HostileValue => Freq(
        (4, HostileString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (3, Pick(NastyNumbers).Select(n => JsonNode.Parse(n))),
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(0).Select(_ => (JsonNode?)new JsonArray())),
        (1, Gen.Const(0).Select(_ => (JsonNode?)new JsonObject { ["x"] = 1 })),
        (1, Gen.Int[2, 40].Select(depth => Nest(depth))),
        (1, Gen.Int[100, 3000].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()))));

    private static JsonNode? Nest(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        return node;
    }

    private Gen<string> RealOf(string kind) =>
        real.TryGetValue(kind, out var values) && values.Count > 0 ? Pick(values.ToArray()) : Gen.Guid.Select(g => g.ToString());

    private Gen<string> AnyRealId => RealOf("any");

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    // ---- schema-driven JSON ---------------------------------------------------------------------------------

    private JsonObject Resolve(JsonObject schema)
    {
        for (var i = 0; i < 10 && schema["$ref"] is JsonValue r; i++)
            schema = schemas[r.GetValue<string>().Split('/').Last()]?.AsObject() ?? new JsonObject();
        return schema;
    }

    /// <summary>A value that satisfies the schema (as far as the schema says), with real ids for uuids.</summary>
    public Gen<JsonNode?> Valid(JsonObject schema, string name = "", int depth = 0)
    {
        schema = Resolve(schema);
        if (depth > 6) return Gen.Const((JsonNode?)null);
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            var choices = values.Where(v => v is not null).Select(v => v!.ToJsonString()).ToArray();
            return choices.Length == 0 ? Gen.Const((JsonNode?)null) : Pick(choices).Select(v => JsonNode.Parse(v));
        }
        foreach (var key in new[] { "anyOf", "oneOf" })
            if (schema[key] is JsonArray alternatives && alternatives.Count > 0)
            {
                var gens = alternatives.OfType<JsonObject>().Where(a => a["type"]?.ToString() != "null")
                    .Select(a => Valid(a, name, depth + 1)).ToArray();
                if (gens.Length > 0) return Any(gens);
            }
        if (schema["allOf"] is JsonArray all && all.FirstOrDefault() is JsonObject first) return Valid(first, name, depth + 1);
        var type = TypeOf(schema);
        return type switch
        {
            "object" => ValidObject(schema, depth),
            "array" => Valid(schema["items"] as JsonObject ?? new JsonObject { ["type"] = "string" }, name, depth + 1)
                .Array[0, 3].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray())),
            "integer" => IntegerFor(schema, name).Select(i => (JsonNode?)JsonValue.Create(i)),
            "number" => Gen.Double[-1000, 100000].Select(d => (JsonNode?)JsonValue.Create(Math.Round(d, 2))),
            "boolean" => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            "string" => StringFor(schema, name).Select(s => (JsonNode?)JsonValue.Create(s)),
            _ => Freq((2, Gen.Const(0).Select(_ => (JsonNode?)new JsonObject())), (1, StringFor(schema, name).Select(s => (JsonNode?)JsonValue.Create(s)))),
        };
    }

    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["properties"] is not null ? "object" : null,
    };

    private Gen<JsonNode?> ValidObject(JsonObject schema, int depth)
    {
        var properties = (schema["properties"] as JsonObject)?.ToList() ?? [];
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        Gen<ImmutableList<(string, JsonNode?)>> acc = Gen.Const(ImmutableList<(string, JsonNode?)>.Empty);
        foreach (var (name, propertySchema) in properties)
        {
            var value = Valid(propertySchema as JsonObject ?? new JsonObject(), name, depth + 1);
            var include = required.Contains(name) ? Gen.Const(true) : Freq((3, Gen.Const(true)), (1, Gen.Const(false)));
            acc = acc.SelectMany(list => include.SelectMany(inc => inc ? value.Select(v => list.Add((name, v))) : Gen.Const(list)));
        }
        return acc.Select(list =>
        {
            var obj = new JsonObject();
            foreach (var (k, v) in list) obj[k] = v?.DeepClone();
            return (JsonNode?)obj;
        });
    }

    private Gen<long> IntegerFor(JsonObject schema, string name)
    {
        var min = schema["minimum"] is JsonValue mn ? (long)mn.GetValue<double>() : 0;
        var max = schema["maximum"] is JsonValue mx ? (long)mx.GetValue<double>() : 1000;
        if (max < min) max = min;
        var versions = real.TryGetValue("version", out var v) ? v.Select(long.Parse).ToArray() : [1L];
        if (name is "day" or "dayNumber") return Freq((6, Gen.Long[1, 2]), (1, Gen.Long[min, max]));
        return name.Contains("version", StringComparison.OrdinalIgnoreCase)
            ? Freq((4, Pick(versions)), (2, Gen.Long[1, 12]), (1, Gen.Long[min, max]))
            : Freq((4, Gen.Long[min, Math.Min(max, min + 50)]), (2, Gen.Long[min, max]));
    }

    /// <summary>Dates that mostly make sense together: starts and openings before ends and closings, mostly ahead.</summary>
    private static Gen<DateOnly> DateFor(string name)
    {
        Gen<int> offset = name switch
        {
            _ when name.Contains("end") || name.Contains("close") || name == "to" || name.Contains("until") => Gen.Int[22, 24],
            _ when name.Contains("start") || name.Contains("open") || name == "from" => Gen.Int[20, 21],
            _ when name.Contains("valid") || name.Contains("expir") => Gen.Int[30, 400],
            _ => Gen.Int[1, 19],
        };
        return Freq((8, offset), (2, Gen.Int[-400, 400])).Select(d => Today.AddDays(d));
    }

    private Gen<string> StringFor(JsonObject schema, string name)
    {
        var format = schema["format"]?.GetValue<string>();
        var maxLength = schema["maxLength"] is JsonValue ml ? ml.GetValue<int>() : 60;
        var lower = name.ToLowerInvariant();
        return format switch
        {
            "uuid" => Freq((6, lower.Contains("subject") ? RealOf("participant") : AnyRealId), (1, Gen.Guid.Select(g => g.ToString()))),
            "date" => DateFor(lower).Select(d => d.ToString("yyyy-MM-dd")),
            "date-time" => Gen.Int[-400, 400].Select(d => DateTime.UtcNow.AddDays(d).ToString("O")),
            "email" => Gen.Int[0, 99999].Select(i => $"fuzz{i}@contoh.id"),
            "uri" => Pick("https://contoh.id/berita", "http://x", "ftp://a.b/c"),
            _ when lower.Contains("link") || lower.Contains("url") || lower.Contains("website") => Pick("https://contoh.id/rapat", "https://humas.contoh.go.id"),
            _ when lower.Contains("email") => Gen.Int[0, 99999].Select(i => $"fuzz{i}@contoh.id"),
            _ when lower is "hosttenant" or "slug" or "tenant" => Freq((3, RealOf("slug")), (1, Pick("tidak-ada", ""))),
            _ when lower.Contains("code") && lower.Contains("item") => RealOf("itemCode"),
            _ when lower == "code" => Freq((3, RealOf("code")), (1, Gen.String[Gen.Char["A-Z0-9"], 8, 8])),
            _ when lower.Contains("phone") => Gen.Long[81_000_000_000, 89_999_999_999].Select(n => "0" + n),
            _ when lower.Contains("password") => Pick("Uji-kata-sandi-2026", "pendek", "Kata-Sandi-Panjang-Fuzz-2026"),
            _ => Freq(
                (5, Pick("Rapat koordinasi kehumasan daerah", "Bagian Humas dan Protokol", "Nyiur Online", "Aula Kantor Bupati",
                    "Sesuai dengan persyaratan", "Belajar pengelolaan media mitra", "Rina Mokoginta", "Kepala Bagian", "Sesuai", "uji")),
                (2, Gen.String[Gen.Char.AlphaNumeric, 1, Math.Max(1, Math.Min(maxLength, 40))]),
                (1, RealOf("any"))),
        };
    }

    // ---- operations ------------------------------------------------------------------------------------------

    /// <summary>The generator of requests for one operation.</summary>
    public Gen<FuzzCase> For(string template, string method, JsonObject operation)
    {
        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var pathParameters = parameters.Where(p => p["in"]?.GetValue<string>() == "path").ToList();
        var queryParameters = parameters.Where(p => p["in"]?.GetValue<string>() == "query").ToList();
        var operationId = operation["operationId"]?.GetValue<string>() ?? $"{method} {template}";

        Gen<string> path = Gen.Const(template);
        foreach (var p in pathParameters)
        {
            var name = p["name"]!.GetValue<string>();
            var value = PathValue(template, name, p["schema"] as JsonObject ?? new JsonObject());
            path = path.SelectMany(t => value.Select(v => t.Replace("{" + name + "}", v, StringComparison.Ordinal)));
        }
        Gen<string> query = Gen.Const("");
        foreach (var p in queryParameters)
        {
            var name = p["name"]!.GetValue<string>();
            var value = QueryValue(name, p["schema"] as JsonObject ?? new JsonObject());
            query = query.SelectMany(q => value.Select(v => v is null ? q : $"{q}{(q.Length == 0 ? "?" : "&")}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(v)}"));
        }
        var body = Body(operation["requestBody"]?["content"] as JsonObject);
        var security = (operation["security"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(s => s.Select(kv => kv.Key)).ToHashSet();
        var normalAuth = security.Count == 0 ? FuzzAuth.Admin
            : template.StartsWith("/api/v1/vendor/", StringComparison.Ordinal) && !security.Contains("bearer") ? FuzzAuth.Vendor : FuzzAuth.Admin;
        var auth = Freq((12, Gen.Const(normalAuth)), (1, Gen.Const(FuzzAuth.None)), (1, Gen.Const(normalAuth == FuzzAuth.Admin ? FuzzAuth.Vendor : FuzzAuth.Admin)));
        // How the tenant is named: header (usual), path prefix, a tenant that does not exist, a hostile header value.
        var tenancy = Freq<(string Prefix, string? Header)>(
            (14, Gen.Const<(string Prefix, string? Header)>(("", tenantSlug))),
            (3, Gen.Const<(string Prefix, string? Header)>(($"/t/{tenantSlug}", null))),
            (1, Gen.Const<(string Prefix, string? Header)>(("", "tidak-ada-instansi"))),
            (1, Pick("", " ", "%00", "A".PadRight(900, 'A'), "../" + tenantSlug, tenantSlug.ToUpperInvariant(), "xn--ls8h")
                .Select(h => (Prefix: "", Header: (string?)h))),
            (1, Gen.Const<(string Prefix, string? Header)>(("", null))));

        return Gen.Select(path, query, body, auth, tenancy, (p, q, b, a, t) =>
            new FuzzCase(operationId, method, t.Prefix + p + q, a, t.Header, b.ContentType, b.Bytes, b.Shape));
    }

    private Gen<string> PathValue(string template, string name, JsonObject schema)
    {
        schema = Resolve(schema);
        var before = template[..template.IndexOf("{" + name + "}", StringComparison.Ordinal)].TrimEnd('/').Split('/').Last();
        var kind = (before, name) switch
        {
            ("events", _) or ("public" or "events", "id") => "event",
            (_, "participantId") => "participant",
            (_, "materialId") => "material",
            ("media-partners", _) => "partner",
            (_, "documentId") => "document",
            ("study-visits", _) => "visit",
            ("requests", _) => "dataRequest",
            ("invitations", _) => "invitation",
            ("members", _) => "member",
            ("tokens", _) => "token",
            ("share-links", _) => "shareLink",
            ("shared-links", _) => "shareToken",
            ("tickets", _) => "participant",
            (_, "slug") => "slug",
            (_, "itemCode") => "itemCode",
            (_, "kind") => "retentionKind",
            (_, "version") => "version",
            _ => "any",
        };
        var realValue = schema["enum"] is JsonArray e && e.Count > 0
            ? Pick(e.Select(v => v!.GetValue<string>()).ToArray())
            : RealOf(kind);
        var hostile = Freq(
            (5, Pick(Nasty.Where(n => n.Length > 0 && !n.Contains('\r')).ToArray()).Select(Uri.EscapeDataString)),
            (3, Pick(NastyNumbers)),
            (2, Gen.String[Gen.Char, 1, 30].Select(Uri.EscapeDataString)),
            (1, Gen.Int[300, 1500].Select(n => new string('9', n))));
        return Freq((6, realValue.Select(Uri.EscapeDataString)), (2, Gen.Guid.Select(g => g.ToString())), (3, hostile));
    }

    private Gen<string?> QueryValue(string name, JsonObject schema)
    {
        var valid = Valid(schema, name).Select(v => v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString());
        if (name == "tenants") valid = RealOf("slug").Array[1, 3].Select(a => (string?)string.Join(",", a));
        return Freq(
            (5, valid),
            (2, Gen.Const((string?)null)),
            (3, Freq((3, Pick(Nasty)), (2, Pick(NastyNumbers)), (1, Gen.Int[1000, 6000].Select(n => new string('z', n))))
                .Select(s => (string?)s)));
    }

    private readonly record struct BodyPart(string? ContentType, byte[]? Bytes, string Shape);

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
        "application/json; charset=iso-8859-1", "application/json-patch+json", "text/csv", "application/pdf", "*/*", "application/octet-stream",
        "application/vnd.api+json", "image/png",
    ];

    private Gen<BodyPart> Body(JsonObject? content)
    {
        var raw = Freq(
            (2, Gen.Const(new BodyPart(null, null, "no body"))),
            (2, Pick("", "null", "[]", "{", "\"text\"", "123", "{\"a\":}", "{'a':1}", "\uFEFF{}", "{}}", "[1,2,", "tru")
                .Select(s => new BodyPart("application/json", Encoding.UTF8.GetBytes(s), "malformed json"))),
            (1, Gen.Int[65, 20_000].Select(d => new BodyPart("application/json", Encoding.UTF8.GetBytes(new string('[', d) + new string(']', d)), $"deep array {d}"))),
            (1, Gen.Int[65, 5_000].Select(d => new BodyPart("application/json",
                Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", d)) + "1" + new string('}', d)), $"deep object {d}"))),
            (1, Gen.Byte.Array[1, 4000].Select(b => new BodyPart("application/json", b, "random bytes"))),
            (1, Gen.Const(new BodyPart("application/json", [0xC3, 0x28, 0xA0, 0xA1, 0x7B, 0x7D], "invalid utf-8"))),
            (1, Pick(WrongContentTypes).Select(ct => new BodyPart(ct, "{\"a\":1}"u8.ToArray(), "wrong content type"))));
        if (content is null || content.Count == 0)
            return Freq((6, Gen.Const(new BodyPart(null, null, "no body"))), (4, raw));

        var gens = new List<(int, Gen<BodyPart>)>();
        foreach (var (mediaType, media) in content)
        {
            var schema = media?["schema"] as JsonObject ?? new JsonObject();
            if (mediaType.Contains("json", StringComparison.Ordinal))
            {
                var valid = Valid(schema);
                gens.Add((4, valid.Select(v => Json(mediaType, v, "valid"))));
                gens.Add((6, valid.SelectMany(v => Mutate(v)).Select(m => Json(mediaType, m.Node, m.Shape))));
                gens.Add((2, Pick(WrongContentTypes).SelectMany(ct => valid.Select(v => Json(ct, v, "valid body, wrong content type")))));
            }
            else if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
                gens.Add((8, Multipart()));
            else if (mediaType == "text/csv")
                gens.Add((8, Csv()));
            else
                gens.Add((3, Binary(mediaType)));
        }
        gens.Add((4, raw));
        return Freq(gens.ToArray());
    }

    private static BodyPart Json(string contentType, JsonNode? node, string shape) =>
        new(contentType, Encoding.UTF8.GetBytes(node?.ToJsonString(new JsonSerializerOptions { MaxDepth = 256 }) ?? "null"), shape);

    /// <summary>One thing wrong with a valid value: a field removed, replaced by a hostile value, or an unknown field added.</summary>
    private static Gen<(JsonNode? Node, string Shape)> Mutate(JsonNode? valid)
    {
        if (valid is not JsonObject obj || obj.Count == 0)
            return HostileValue.Select(h => (h, "hostile value"));
        var paths = Paths(obj, "").ToArray();
        return Freq(
            (5, Gen.Int[0, paths.Length - 1].SelectMany(i => HostileValue.Select(h => (Replace(obj, paths[i], h), $"{paths[i]} = hostile")))),
            (2, Gen.Int[0, paths.Length - 1].Select(i => (Replace(obj, paths[i], null, remove: true), $"{paths[i]} removed"))),
            (1, HostileValue.Select(h => { var copy = obj.DeepClone().AsObject(); copy["tidakDikenal"] = h; return ((JsonNode?)copy, "unknown field"); })),
            (1, Gen.Const(((JsonNode?)new JsonObject(), "empty object"))));
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o)
            {
                var p = prefix + "/" + k;
                yield return p;
                if (v is not null && prefix.Count(c => c == '/') < 4)
                    foreach (var inner in Paths(v, p)) yield return inner;
            }
        else if (node is JsonArray a && a.Count > 0)
        {
            yield return prefix + "/0";
            if (a[0] is { } first)
                foreach (var inner in Paths(first, prefix + "/0")) yield return inner;
        }
    }

    private static JsonNode? Replace(JsonObject root, string path, JsonNode? value, bool remove = false)
    {
        var copy = root.DeepClone();
        var parts = path.Trim('/').Split('/');
        JsonNode? parent = copy;
        foreach (var part in parts[..^1])
            parent = parent is JsonArray arr ? arr[int.Parse(part)] : parent?[part];
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o when remove: o.Remove(last); break;
            case JsonObject o: o[last] = value; break;
            case JsonArray a when remove: a.RemoveAt(int.Parse(last)); break;
            case JsonArray a: a[int.Parse(last)] = value; break;
        }
        return copy;
    }

    private static readonly byte[] PdfHead = "%PDF-1.7\n"u8.ToArray();
    private static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static Gen<byte[]> FileBytes => Freq(
        (2, Gen.Const(SampleFiles.Pdf())),
        (3, Gen.Byte.Array[0, 2000].Select(b => PdfHead.Concat(b).ToArray())),
        (2, Gen.Byte.Array[0, 2000].Select(b => PngHead.Concat(b).ToArray())),
        (1, Gen.Byte.Array[0, 3000]),
        (1, Gen.Const(Array.Empty<byte>())),
        (1, Gen.Const("<html><script>alert(1)</script></html>"u8.ToArray())));

    private static Gen<BodyPart> Binary(string mediaType) =>
        Gen.Select(FileBytes, Freq((5, Gen.Const(mediaType)), (2, Pick(WrongContentTypes))),
            (bytes, ct) => new BodyPart(ct, bytes, $"binary {bytes.Length} bytes"));

    private static Gen<BodyPart> Multipart() =>
        Gen.Select(Freq((4, Pick("Paparan", "Materi rapat")), (2, HostileString)), FileBytes,
            Pick("title+file", "file only", "title only", "wrong names", "two files", "empty"),
            Pick("paparan.pdf", "x.png", "", "../../a.pdf", "💩.pdf", new string('n', 300) + ".pdf"),
            (title, bytes, layout, fileName) => BuildMultipart(title, bytes, layout, fileName));

    private static BodyPart BuildMultipart(string title, byte[] bytes, string layout, string fileName)
    {
        const string boundary = "fuzzboundary7MA4YWxkTrZu0gW";
        var sb = new MemoryStream();
        void Write(string s) => sb.Write(Encoding.UTF8.GetBytes(s));
        void Field(string name, string value) { Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"); }
        void File(string name)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: application/pdf\r\n\r\n");
            sb.Write(bytes);
            Write("\r\n");
        }
        switch (layout)
        {
            case "title+file": Field("title", title); File("file"); break;
            case "file only": File("file"); break;
            case "title only": Field("title", title); break;
            case "wrong names": Field("judul", title); File("berkas"); break;
            case "two files": Field("title", title); File("file"); File("file"); break;
        }
        Write($"--{boundary}--\r\n");
        return new BodyPart($"multipart/form-data; boundary={boundary}", sb.ToArray(), $"multipart {layout}");
    }

    private static Gen<BodyPart> Csv() =>
        Gen.Select(
            Pick("nama,kategori,instansi,jabatan,telepon,email", "nama;kategori", "name,category", "", "kategori", "\uFEFFnama,kategori"),
            Gen.Select(Freq((3, Pick("Rina", "Budi Lumenta")), (2, HostileString)),
                Pick("opd", "vip", "media", "umum", "x", ""), (n, k) => $"\"{n.Replace("\"", "\"\"")}\",{k},Dinas,Staf,081234567890,a@b.id").Array[0, 30],
            (header, rows) => new BodyPart("text/csv", Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows)), $"csv {rows.Length} rows"));
}
