using System.Text.Json.Nodes;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Makes /openapi/v1.json tell the truth about what the pipeline adds around each endpoint: who may call it
/// (security), the answers the pipeline gives (401/403, 404 tenant addressing, 400 binding, 409/422 rules, 413,
/// 415, 429, 500, 503), file answers declared with a media type only, one
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
        options.AddOperationTransformer((operation, context, _) =>
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

            AddTypelessContent(operation, metadata);
            if (OperationFacts.RequestBodies.TryGetValue(operation.OperationId ?? "", out var body))
                operation.RequestBody = body(context);

            // 404 and 500 on every operation: the tenant middleware answers 404 on any route when the addressed
            // tenant (prefix /t/{slug}, subdomain or X-Tenant) is unknown or suspended.
            var errors = new SortedSet<int> { 404, 500 };
            var hasParameters = context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Path" or "Header" or "Body");
            // A body may be refused as malformed (400), too large (413: request size limits) or of the wrong type (415).
            if (hasParameters || operation.RequestBody is not null) errors.Add(400);
            if (operation.RequestBody is not null) errors.UnionWith([413, 415]);
            // A change may break a rule of the entity (DomainRuleException: 409 wrong state or stale version, 422
            // well-formed but refused); any operation may meet an outage of the database, storage or a silo (503).
            if (context.Description.HttpMethod is not ("GET" or "HEAD")) errors.UnionWith([409, 422]);
            errors.Add(503);
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
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Contact = new OpenApiContact { Name = "Tim HumasSaaS", Email = "dukungan@humassaas.id" };
            // The generated server entry is whatever host served the request; clients use the address they called.
            document.Servers = [new OpenApiServer { Url = "/", Description = "Alamat yang menyajikan dokumen ini (instansi: X-Tenant, awalan /t/{slug} atau subdomain)." }];
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
        // JsonElement was only the raw type of ReplaceSectionRequest.value, typed by section above.
        if (schemas.ContainsKey("JsonElement") && !ReferencedSchemas(document).Contains("JsonElement")) schemas.Remove("JsonElement");
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

    private static HashSet<string> ReferencedSchemas(OpenApiDocument document)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IOpenApiSchema? node)
        {
            if (node is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id) found.Add(id);
                return;
            }
            if (node is not OpenApiSchema schema) return;
            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
                Walk(child);
            Walk(schema.Items);
            Walk(schema.AdditionalProperties);
            Walk(schema.Not);
        }
        foreach (var schema in document.Components?.Schemas?.Values ?? []) Walk(schema);
        foreach (var (_, item) in document.Paths)
            foreach (var (_, operation) in item.Operations ?? [])
            {
                foreach (var parameter in operation.Parameters ?? []) Walk(parameter.Schema);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) Walk(media.Schema);
                foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                    foreach (var media in response.Content?.Values ?? []) Walk(media.Schema);
            }
        return found;
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

    /// <summary>
    /// <c>.Produces(200, contentType: "text/csv")</c> (no CLR type) is dropped by the generator; the answer is a file,
    /// so each declared media type gets a binary (or, for text/*, string) schema.
    /// </summary>
    private static void AddTypelessContent(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (produces.StatusCode >= 400 || (produces.Type is not null && produces.Type != typeof(void)) || !produces.ContentTypes.Any()) continue;
            var key = produces.StatusCode.ToString();
            if (operation.Responses!.TryGetValue(key, out var existing) && existing is not OpenApiResponse) continue;
            var response = existing as OpenApiResponse ?? new OpenApiResponse { Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(produces.StatusCode) };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var mediaType in produces.ContentTypes)
                response.Content[mediaType] = new OpenApiMediaType
                {
                    Schema = mediaType.StartsWith("text/", StringComparison.Ordinal) ? new OpenApiSchema { Type = JsonSchemaType.String } : BinarySchema(),
                };
            operation.Responses![key] = response;
        }
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
