using System.Text.Json.Nodes;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Makes /openapi/v1.json tell the truth about what the pipeline adds around each endpoint: who may call it
/// (security), the answers the middleware gives (401/403/404 tenant access, 400 binding, 415, 429, 500), one
/// problem-details schema, plain nullable types, integers as integers, and typed configuration sections.
/// The contract test (tests/HumasSaaS.Tests/Contract) checks every live answer against the result.
/// </summary>
public static class OpenApiContract
{
    public const string ProblemSchema = "ProblemDetails";

    public static OpenApiOptions AddHumasContract(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, _, _) =>
        {
            // Strict number handling (HumasApp.ConfigureJson): numbers are never read from strings.
            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) &&
                (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
            {
                schema.Type = type & ~JsonSchemaType.String;
                schema.Pattern = null;
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var route = "/" + (context.Description.RelativePath ?? "");
            var access = AccessOf(metadata, route);
            operation.Security = access.Security.Select(s => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(s, context.Document)] = [],
            }).ToList();
            operation.Description = string.IsNullOrWhiteSpace(operation.Description)
                ? $"{operation.Summary}. {access.Sentence}"
                : operation.Description + " " + access.Sentence;
            operation.Responses ??= new OpenApiResponses();

            if (OperationFacts.Successes.TryGetValue(operation.OperationId ?? "", out var successes))
                foreach (var (status, bodyType, mediaType) in successes)
                {
                    if (operation.Responses.ContainsKey(status.ToString())) continue;
                    var response = new OpenApiResponse { Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) };
                    if (bodyType is not null)
                        response.Content = new Dictionary<string, OpenApiMediaType>
                        {
                            [mediaType ?? "application/json"] = new() { Schema = bodyType == typeof(Stream) ? BinarySchema() : await context.GetOrCreateSchemaAsync(bodyType, null, ct) },
                        };
                    operation.Responses[status.ToString()] = response;
                }
            if (OperationFacts.RequestBodies.TryGetValue(operation.OperationId ?? "", out var body))
                operation.RequestBody = body(context);

            var errors = new SortedSet<int> { 500 };
            var hasParameters = context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Path" or "Header" or "Body");
            if (hasParameters || operation.RequestBody is not null) errors.Add(400);
            if (operation.RequestBody?.Content?.Keys.Any(k => k.Contains("json", StringComparison.Ordinal)) == true) errors.Add(415);
            if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path")) errors.Add(404);
            if (access.Tenant) errors.Add(404);
            if (access.Authenticated) errors.Add(401);
            if (access.MayForbid) errors.Add(403);
            if (metadata.OfType<PublicFormLimitAttribute>().Any()) errors.Add(429);
            if (OperationFacts.Errors.TryGetValue(operation.OperationId ?? "", out var extra)) errors.UnionWith(extra);
            foreach (var status in errors)
                if (!operation.Responses.ContainsKey(status.ToString()))
                    operation.Responses[status.ToString()] = new OpenApiResponse
                    {
                        Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                        Content = new Dictionary<string, OpenApiMediaType>(),
                    };
            // Every error answer is the one problem schema, whatever the endpoint declared.
            foreach (var (key, response) in operation.Responses)
            {
                if (!int.TryParse(key, out var code) || code < 400 || response is not OpenApiResponse concrete) continue;
                concrete.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                };
            }
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Contact = new OpenApiContact { Name = "Tim HumasSaaS", Email = "dukungan@humassaas.id" };
            // The generated server entry is whatever host served the request; clients use the address they called.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            document.Components.Schemas.Remove("HttpValidationProblemDetails");
            Polish(document);
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Polish(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var (_, schema) in schemas) Visit(schema);
        foreach (var name in new[] { "JsonNode", "JsonElement" })
            if (schemas.ContainsKey(name))
                schemas[name] = new OpenApiSchema { Description = "Nilai JSON apa pun." };
        if (schemas.TryGetValue("ComparisonRow", out var row) && row.Properties?.TryGetValue("values", out var values) == true
            && values is OpenApiSchema valuesSchema && valuesSchema.Items is null)
            valuesSchema.Items = new OpenApiSchemaReference("JsonNode", document);
        if (schemas.TryGetValue("ReplaceSectionRequest", out var replace) && replace.Properties is { } replaceProperties
            && schemas.TryGetValue("TenantConfigurationState", out var state) && state.Properties is { } sections)
            replaceProperties["value"] = new OpenApiSchema
            {
                Description = "Isi bagian {section}: skemanya sama dengan properti bernama sama di TenantConfigurationState.",
                AnyOf = sections.Values.ToList(),
            };
        foreach (var (_, item) in document.Paths)
            foreach (var (_, operation) in item.Operations ?? [])
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter { In: ParameterLocation.Path, Name: "section" } p)
                        p.Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Enum = HumasSaaS.Configuration.ConfigurationSection.All.Select(x => (JsonNode)JsonValue.Create(x)).ToList(),
                        };
    }

    // Enum components list null only because a first use was nullable (each use says so itself), and
    // oneOf [null, X] never validates null when X allows null too: a nullable reference is anyOf [null, X].
    private static void Visit(IOpenApiSchema? node)
    {
        if (node is not OpenApiSchema schema) return;
        if (schema.Enum is { } values && values.Any(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.Null))
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
        if (schema.OneOf is { } one && one.Any(x => x is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            schema.AnyOf = one;
            schema.OneOf = null;
        }
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
            Visit(child);
        Visit(schema.Items);
        Visit(schema.AdditionalProperties);
    }

    private static OpenApiSchema BinarySchema() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Problem details (RFC 9457), judul dan rincian dalam Bahasa Indonesia.",
        Required = new HashSet<string> { "type", "title", "status", "detail", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Penanda permintaan untuk dilaporkan ke dukungan." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "Kesalahan per kolom (400).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["expectedVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Versi yang dikirim (konflik versi, 409)." },
            ["currentVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "Versi yang tersimpan (konflik versi, 409)." },
            ["retryAfterSeconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
        },
    };

    private sealed record Access(IReadOnlyList<string> Security, string Sentence, bool Tenant, bool Authenticated, bool MayForbid);

    private static Access AccessOf(IList<object> metadata, string route)
    {
        var tenantScoped = metadata.OfType<TenantScopedAttribute>().LastOrDefault();
        var tenantPublic = metadata.OfType<TenantPublicAttribute>().Any();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Any(a => a.Policy == AuthSchemes.PlatformOperatorPolicy))
            return new(["cookie"], "Akses: operator platform (cookie masuk); token API tidak berlaku.", false, true, true);
        if (tenantScoped is not null)
        {
            var roles = tenantScoped.Roles.Count == 0 ? "semua anggota instansi" : "anggota dengan peran " + string.Join(", ", tenantScoped.Roles.Select(TenantRoles.ToText));
            return new(["bearer", "cookie"], $"Akses: {roles} (token API atau cookie); instansi lewat header X-Tenant, awalan /t/{{slug}} atau subdomain.",
                true, true, tenantScoped.Roles.Count > 0);
        }
        if (anonymous || (!authorize.Any() && !route.StartsWith("/api/v1/vendor/partner", StringComparison.Ordinal) && route != "/api/v1/vendor/me"))
            return new([], tenantPublic ? "Akses: publik, tanpa masuk; instansi dari alamat (awalan /t/{slug}, subdomain atau X-Tenant)." : "Akses: publik, tanpa masuk.",
                tenantPublic, false, false);
        if (route.StartsWith("/api/v1/vendor/", StringComparison.Ordinal))
            return new(["cookie"], "Akses: akun perusahaan media yang masuk (cookie)" + (tenantPublic ? "; instansi dari alamat." : "."), tenantPublic, true, true);
        return new(["bearer", "cookie"], "Akses: siapa pun yang masuk (token API atau cookie).", false, true, false);
    }
}
