using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HumasSaaS.Api.Platform.Http;

public static class OpenApiConventions
{
    /// <summary>Documents how to address a tenant (X-Tenant) and how to authenticate (cookie or bearer token).</summary>
    public static OpenApiOptions AddHumasConventions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HumasSaaS API";
            document.Info.Description = "API layanan humas dan protokol untuk pemerintah daerah. Alamatkan instansi dengan header X-Tenant, " +
                                        "awalan /t/{slug}, atau subdomain. Masuk dengan cookie (POST /api/v1/auth/sign-in) atau token API (Bearer).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Token API instansi: hms_...",
            };
            document.Components.SecuritySchemes["cookie"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "humas.auth",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<TenantScopedAttribute>().Any() || metadata.OfType<TenantPublicAttribute>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = TenantResolutionMiddleware.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Slug instansi (bila tidak memakai awalan /t/{slug} atau subdomain)",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });
        options.AddHumasContract();
        return options;
    }
}
