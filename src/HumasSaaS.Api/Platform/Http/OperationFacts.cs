using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Request bodies of endpoints that read the request themselves (multipart, CSV, raw bytes) and error answers a
/// handler gives beyond what the pipeline adds, keyed by operation id. Success answers belong on the endpoint
/// (<c>.Produces&lt;T&gt;()</c>, <c>.Produces(200, contentType: "text/csv")</c>). The contract test fails when an
/// entry here and the live answer disagree.
/// </summary>
public static class OperationFacts
{
    /// <summary>Error answers an endpoint gives on its own beyond what the pipeline adds (see OpenApiContract).</summary>
    public static readonly Dictionary<string, int[]> Errors = new()
    {
        // Malware found or a hostile file (422); no verdict from the malware scanner (503 with Retry-After).
        ["VendorUploadDocument"] = [422, 503],
        ["UploadEventMaterial"] = [422, 503],
    };

    public static readonly Dictionary<string, Func<OpenApiOperationTransformerContext, OpenApiRequestBody>> RequestBodies = new()
    {
        ["UploadEventMaterial"] = _ => new OpenApiRequestBody
        {
            Required = true,
            Description = "Formulir multipart: judul dan berkas (PDF, JPEG atau PNG, paling besar 25 MB).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "title", "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
            },
        },
        ["ImportParticipants"] = _ => new OpenApiRequestBody
        {
            Required = true,
            Description = "CSV (UTF-8) dengan baris judul: nama, instansi, jabatan, kategori, telepon, email, kehadiran.",
            Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        },
        ["VendorUploadDocument"] = _ => new OpenApiRequestBody
        {
            Required = true,
            Description = "Isi berkas apa adanya (bukan base64); jenisnya diperiksa dari byte awal.",
            Content = new[] { "application/pdf", "image/jpeg", "image/png", "application/octet-stream" }
                .ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
        },
    };
}
