using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Answers and bodies of endpoints whose handler returns a plain IResult (or reads the request itself), so the
/// generator cannot see them. Keyed by operation id; kept beside the contract so that endpoint files stay small.
/// The contract test fails when an entry here and the live answer disagree.
/// </summary>
public static class OperationFacts
{
    public static readonly Dictionary<string, (int Status, Type? Body, string? MediaType)[]> Successes = new()
    {
        ["SignIn"] = [(204, null, null)],
        ["SignOut"] = [(204, null, null)],
        ["Me"] = [(200, typeof(MeResponse), null)],
        ["CreateApiToken"] = [(200, typeof(CreatedApiTokenResponse), null)],
        ["RevokeApiToken"] = [(204, null, null)],
        ["RemoveMember"] = [(204, null, null)],
        ["SuspendTenant"] = [(200, typeof(TenantResponse), null)],
        ["ActivateTenant"] = [(200, typeof(TenantResponse), null)],
        ["GetSharedLinkProfile"] = [(200, typeof(SharedProfile), null)],
        ["AcceptStudyVisit"] = [(200, typeof(VisitResponse), null)],
        ["DeclineStudyVisit"] = [(200, typeof(VisitResponse), null)],
        ["RecordStudyVisitOutcome"] = [(200, typeof(VisitResponse), null)],
        ["VendorDownloadDocument"] = [(200, typeof(Stream), "application/pdf"), (200, typeof(Stream), "image/jpeg"), (200, typeof(Stream), "image/png")],
    };

    /// <summary>Error answers an endpoint gives on its own beyond what the pipeline adds (see OpenApiContract).</summary>
    public static readonly Dictionary<string, int[]> Errors = new()
    {
        ["Me"] = [403],
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
