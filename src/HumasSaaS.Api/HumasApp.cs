using HumasSaaS.Events;
using HumasSaaS.MediaPartners;
using System.Text.Json;
using System.Text.Json.Serialization;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.PersonalData;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Cluster;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Observability;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Api.StudyVisits;
using HumasSaaS.Api.Tenants;
using HumasSaaS.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Scalar.AspNetCore;

namespace HumasSaaS.Api;

/// <summary>Builds the one host that serves the API, the OpenAPI document and the pages.</summary>
public static class HumasApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root is the output folder (wwwroot is copied there), so the host starts alike from `dotnet run` and from tests.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Pages are discovered from the application assembly; a test host would otherwise be taken for it.
            ApplicationName = typeof(HumasApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.AddHumasTelemetry();
        var config = builder.Configuration;
        var services = builder.Services;

        var databaseOptions = new DatabaseOptions
        {
            AppConnectionString = config.GetConnectionString("App") ?? throw new InvalidOperationException("ConnectionStrings:App is not set."),
            OwnerConnectionString = config.GetConnectionString("Owner") ?? throw new InvalidOperationException("ConnectionStrings:Owner is not set."),
            AppRole = config["Database:AppRole"] ?? "humas_app",
            OrleansRole = config["Database:OrleansRole"] ?? "humas_orleans",
        };
        services.AddSingleton(databaseOptions);
        services.AddSingleton(_ => new Db(Db.CreateDataSource(Outages.WithFastConnectFailure(databaseOptions.AppConnectionString))));
        services.AddSingleton<MigrationRunner>();

        services.AddHumasBlobStorage(config);
        services.AddUploadScanning(config, builder.Environment);
        builder.AddHumasSilo();

        services.Configure<TenancyOptions>(config.GetSection("Tenancy"));
        services.Configure<LockoutPolicy>(config.GetSection("Lockout"));
        services.Configure<PublicFormLimitOptions>(config.GetSection("PublicFormLimits"));
        // Behind a load balancer the client address and scheme come from X-Forwarded-*, trusted only from loopback and
        // the networks listed in ReverseProxy:KnownNetworks (CIDR), so the form limits and Secure cookies see the truth.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in config.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddScoped<TenantContext>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantDirectoryListener>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantDirectoryListener>());
        services.Configure<CredentialCacheOptions>(config.GetSection("CredentialCache"));
        services.AddSingleton<CredentialCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantOnboarding>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<TenantMembers>();
        services.AddSingleton<MemberInvitations>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<DemoSeeder>();
        services.AddMediaPartners();
        services.AddEvents();
        services.AddStudyVisits();
        services.AddPersonalData();
        services.AddSingleton<HumasSaaS.Api.Cooperation.CooperationBudgets>();
        services.AddSingleton<HumasSaaS.Api.Cooperation.PublicationOrders>();

        services.AddSingleton<IXmlRepository>(sp => new PostgresXmlRepository(sp.GetRequiredService<Db>()));
        services.AddDataProtection().SetApplicationName("HumasSaaS");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = sp.GetRequiredService<IXmlRepository>());

        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.ApiToken
                    : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "humas.auth";
                // One path for the whole site: the default (the request's PathBase) would scope a cookie issued or
                // deleted under /t/{slug} to that tenant's prefix, so signing out there would leave the session alive.
                o.Cookie.Path = "/";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/masuk";
                o.AccessDeniedPath = "/galat/403";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = CookieSession.ValidateAsync,
                    OnRedirectToLogin = ctx => CookieSession.IsApiRequest(ctx.Request)
                        ? Problems.WriteAsync(ctx.HttpContext, 401, "Perlu masuk", "Silakan masuk terlebih dahulu.")
                        : RedirectLocal(ctx),
                    OnRedirectToAccessDenied = ctx => CookieSession.IsApiRequest(ctx.Request)
                        ? Problems.WriteAsync(ctx.HttpContext, 403, "Akses ditolak", "Anda tidak berhak melakukan tindakan ini.")
                        : RedirectLocal(ctx),
                };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthSchemes.ApiToken, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.PlatformOperatorPolicy, p => p.RequireAuthenticatedUser().RequireClaim(AccountClaims.PlatformOperator, "true"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "humas.csrf";
            o.Cookie.Path = "/";
            // The framework leaves this cookie without Secure even over HTTPS (found by the security headers test).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddHumasProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi("v1", o => o.AddHumasConventions());
        services.AddRazorPages(o =>
        {
            o.Conventions.AddFolderApplicationModelConvention("/Konsol", m => m.EndpointMetadata.Add(new TenantScopedAttribute()));
            o.Conventions.AuthorizeFolder("/Konsol");
            o.Conventions.AuthorizeFolder("/Platform", AuthSchemes.PlatformOperatorPolicy);
            o.Conventions.AuthorizePage("/PilihInstansi");
        });
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<BlobStorageHealthCheck>("blob", tags: ["ready"], timeout: TimeSpan.FromSeconds(3));

        var app = builder.Build();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Status code pages outside the exception handler, so a failure becomes an error page for a browser.
        app.UseHumasErrorPages();
        app.UseMiddleware<RequestConnectionMiddleware>();
        app.UseExceptionHandler();
        app.UseMiddleware<QueryTextRuleMiddleware>();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantAccessMiddleware>();
        app.UseRequestTelemetryTags();
        app.UseMiddleware<PublicFormLimitMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymousByDesign("the API contract is public");
        app.MapScalarApiReference("/docs", o => o.WithTitle("HumasSaaS API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymousByDesign("the API documentation is public");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymousByDesign("probes of the load balancer");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymousByDesign("probes of the load balancer");

        var api = app.MapGroup("/api/v1");
        api.MapAccounts();
        api.MapPlatform();
        api.MapTenantProfile();
        api.MapConfiguration();
        api.MapMediaPartners();
        api.MapEvents();
        api.MapStudyVisits();
        api.MapPersonalData();
        HumasSaaS.Api.Cooperation.CooperationEndpoints.MapCooperation(api);

        app.MapRazorPages();
        return app;
    }

    /// <summary>Strict JSON: unknown fields, missing required fields, nulls for non-nullable fields and elements, NUL in text are errors.</summary>
    public static void ConfigureJson(JsonSerializerOptions o)
    {
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        JsonInputRules.Apply(o);
    }

    /// <summary>
    /// Before the host starts: migrations under the advisory lock (the silo needs the Orleans tables) and the shared Data
    /// Protection key.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct = default)
    {
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        await SharedKeyRing.EnsureAsync(app.Services, ct);
    }

    /// <summary>The demo tenants; after the host (and so the silo) has started, because partners are made through their grains.</summary>
    public static Task SeedDemoAsync(WebApplication app, CancellationToken ct = default) =>
        app.Services.GetRequiredService<DemoSeeder>().SeedAsync(ct);

    private static Task RedirectLocal(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
