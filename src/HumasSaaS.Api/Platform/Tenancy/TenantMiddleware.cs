using System.Security.Claims;
using Dapper;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Api.Platform.Tenancy;

public sealed class TenancyOptions
{
    /// <summary>With "humas.example.id", a request to "kotamobagu.humas.example.id" addresses tenant "kotamobagu".</summary>
    public string? BaseDomain { get; set; }
}

/// <summary>
/// Finds the tenant a request addresses: path prefix <c>/t/{slug}</c> (moved into PathBase so links stay
/// inside the tenant), host <c>{slug}.{BaseDomain}</c>, or the <c>X-Tenant</c> header. An unknown or
/// suspended tenant ends the request with 404.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, IOptions<TenancyOptions> options)
{
    public const string HeaderName = "X-Tenant";

    public async Task InvokeAsync(HttpContext context, TenantDirectory directory, TenantContext tenantContext)
    {
        var slug = FromPath(context) ?? FromHost(context.Request.Host.Host, options.Value.BaseDomain) ?? FromHeader(context);
        if (slug is not null)
        {
            var tenant = slug.Length <= 50 ? await directory.FindBySlugAsync(slug, context.RequestAborted) : null;
            if (tenant is null || tenant.Status != TenantStatus.Active)
            {
                await Problems.WriteAsync(context, StatusCodes.Status404NotFound, Problems.TenantNotFoundTitle, Problems.TenantNotFoundDetail);
                return;
            }
            tenantContext.Tenant = tenant;
        }
        await next(context);
    }

    private static string? FromPath(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/t", out var rest) || !rest.HasValue) return null;
        var value = rest.Value!;
        var end = value.IndexOf('/', 1);
        var slug = end < 0 ? value[1..] : value[1..end];
        if (slug.Length == 0) return null;
        // new PathString, not the implicit conversion: that one URL-decodes the already decoded path a second time
        // ("%2500" became a NUL and a 500; "%252e" would become ".").
        context.Request.PathBase = context.Request.PathBase.Add(new PathString("/t/" + slug));
        context.Request.Path = new PathString(end < 0 ? "/" : value[end..]);
        return slug;
    }

    internal static string? FromHost(string host, string? baseDomain)
    {
        if (string.IsNullOrEmpty(baseDomain) || !host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase)) return null;
        var slug = host[..^(baseDomain.Length + 1)];
        return slug.Length > 0 && !slug.Contains('.') ? slug.ToLowerInvariant() : null;
    }

    private static string? FromHeader(HttpContext context)
    {
        var value = context.Request.Headers[HeaderName].ToString().Trim();
        return value.Length > 0 ? value.ToLowerInvariant() : null;
    }
}

/// <summary>
/// Runs after authentication: for endpoints marked <see cref="TenantScopedAttribute"/>, the caller must be a
/// member of the resolved tenant (404 otherwise, so a tenant's data is not even confirmed to exist) and hold
/// one of the endpoint's roles (403).
/// </summary>
public sealed class TenantAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenantContext, Db db)
    {
        var endpoint = context.GetEndpoint();
        var scoped = endpoint?.Metadata.GetMetadata<TenantScopedAttribute>();
        var isPublic = endpoint?.Metadata.GetMetadata<TenantPublicAttribute>() is not null;
        if (scoped is null && !isPublic)
        {
            await next(context);
            return;
        }
        if (tenantContext.Tenant is not { } tenant)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, Problems.TenantNotFoundTitle, Problems.TenantNotFoundDetail);
            return;
        }
        if (scoped is null)
        {
            await next(context);
            return;
        }
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(context); // the authorization middleware challenges
            return;
        }

        var roles = await RolesInTenantAsync(user, tenant.Id, db, context.RequestAborted);
        if (roles.Count == 0)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, Problems.TenantNotFoundTitle, Problems.TenantNotFoundDetail);
            return;
        }
        tenantContext.Roles = roles;
        tenantContext.Actor = new Actor(user.UserId(), user.Identity?.Name ?? "?");
        if (scoped.Roles.Count > 0 && !scoped.Roles.Any(tenantContext.Has))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Akses ditolak",
                "Peran Anda di instansi ini tidak mengizinkan tindakan ini.");
            return;
        }
        await next(context);
    }

    public static async Task<IReadOnlySet<TenantRole>> RolesInTenantAsync(ClaimsPrincipal user, Guid tenantId, Db db, CancellationToken ct)
    {
        if (user.FindFirstValue(AccountClaims.TokenTenantId) is { } tokenTenant)
        {
            return Guid.TryParse(tokenTenant, out var id) && id == tenantId
                ? new HashSet<TenantRole> { TenantRoles.Parse(user.FindFirstValue(AccountClaims.TokenRole)!) }
                : new HashSet<TenantRole>();
        }
        if (user.UserId() is not { } userId) return new HashSet<TenantRole>();
        // Under RLS, in a tenant transaction on the request's connection (the endpoint's transaction reuses it).
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var roles = await tx.QueryAsync<string>(
            "SELECT role FROM tenant_memberships WHERE tenant_id = @tenantId AND user_id = @userId", new { tenantId, userId }, ct);
        return roles.Select(TenantRoles.Parse).ToHashSet();
    }
}
