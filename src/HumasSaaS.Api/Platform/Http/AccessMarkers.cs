using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Marks an endpoint or page anyone may reach without a tenant or a sign-in, on purpose (sign-in, health, the
/// OpenAPI document, vendor sign-up, share links). The reason is part of the marker so a review sees why.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnonymousByDesignAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>Marks an endpoint or page for any signed-in account, outside any tenant (own profile, sign-out, tenant picker).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SignedInAccountAttribute : Attribute;

/// <summary>The explicit access rule an endpoint carries; every endpoint must carry exactly one kind.</summary>
public enum AccessRule { TenantScoped, TenantPublic, PlatformOperator, SignedInAccount, AnonymousByDesign }

public static class AccessMarkers
{
    public static TBuilder AllowAnonymousByDesign<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AnonymousByDesignAttribute(reason));
        return builder.AllowAnonymous();
    }

    public static TBuilder RequireSignedInAccount<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new SignedInAccountAttribute());
        return builder.RequireAuthorization();
    }

    /// <summary>The access rules an endpoint's metadata declares (none means it has no explicit rule).</summary>
    public static IReadOnlyList<AccessRule> Of(EndpointMetadataCollection metadata)
    {
        var rules = new List<AccessRule>();
        if (metadata.GetMetadata<TenantScopedAttribute>() is not null) rules.Add(AccessRule.TenantScoped);
        if (metadata.GetMetadata<TenantPublicAttribute>() is not null) rules.Add(AccessRule.TenantPublic);
        if (metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthSchemes.PlatformOperatorPolicy)) rules.Add(AccessRule.PlatformOperator);
        if (metadata.GetMetadata<SignedInAccountAttribute>() is not null) rules.Add(AccessRule.SignedInAccount);
        if (metadata.GetMetadata<AnonymousByDesignAttribute>() is not null) rules.Add(AccessRule.AnonymousByDesign);
        return rules;
    }
}
