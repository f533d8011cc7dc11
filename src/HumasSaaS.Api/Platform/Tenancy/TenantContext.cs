
namespace HumasSaaS.Api.Platform.Tenancy;

public enum TenantRole { TenantAdmin, Verifier, ProtocolOfficer, Viewer }

public static class TenantRoles
{
    public static string ToText(TenantRole role) => role switch
    {
        TenantRole.TenantAdmin => "tenant_admin",
        TenantRole.Verifier => "verifier",
        TenantRole.ProtocolOfficer => "protocol_officer",
        TenantRole.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static TenantRole Parse(string text) => text switch
    {
        "tenant_admin" => TenantRole.TenantAdmin,
        "verifier" => TenantRole.Verifier,
        "protocol_officer" => TenantRole.ProtocolOfficer,
        "viewer" => TenantRole.Viewer,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown role"),
    };

    public static string Label(TenantRole role) => Words.Of(role);
}

/// <summary>Per request: the tenant the request addresses and, once access is checked, who acts in it.</summary>
public sealed class TenantContext
{
    public Tenant? Tenant { get; set; }
    public IReadOnlySet<TenantRole> Roles { get; set; } = new HashSet<TenantRole>();
    public Actor? Actor { get; set; }

    public Tenant RequiredTenant => Tenant ?? throw new InvalidOperationException("No tenant resolved for this request.");
    public Actor RequiredActor => Actor ?? throw new InvalidOperationException("No actor for this request.");
    public Guid TenantId => RequiredTenant.Id;

    public bool Has(TenantRole role) => Roles.Contains(TenantRole.TenantAdmin) || Roles.Contains(role);
}

/// <summary>
/// Marks an endpoint as acting inside the resolved tenant for a signed-in member. Without any roles,
/// any member may call it; tenant admins may call everything.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TenantScopedAttribute(params TenantRole[] roles) : Attribute
{
    public IReadOnlyList<TenantRole> Roles { get; } = roles;
}

/// <summary>Marks an endpoint that needs a resolved tenant but no sign-in (public registration, tickets).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TenantPublicAttribute : Attribute;

public static class TenantEndpointConventions
{
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder, params TenantRole[] roles) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new TenantScopedAttribute(roles));
        builder.RequireAuthorization();
        return builder;
    }

    public static TBuilder RequireTenantPublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TenantPublicAttribute());
}
