using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HumasSaaS.Api.Platform.Accounts;

/// <summary>The sign-in cookie: who the person is, nothing about tenants (memberships are read per request).</summary>
public static class CookieSession
{
    public static Task SignInAsync(HttpContext http, UserAccount user)
    {
        var claims = new List<Claim>
        {
            new(AccountClaims.UserIdClaim, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(AccountClaims.SecurityStamp, user.SecurityStamp.ToString()),
        };
        if (user.IsPlatformOperator) claims.Add(new Claim(AccountClaims.PlatformOperator, "true"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.Cookie));
        return http.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>
    /// Rejects a cookie whose user is gone or whose security stamp changed (password reset, removal). The stamp is
    /// read from PostgreSQL at most once per <see cref="CredentialCache.Bound"/> per user and instance.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var cache = context.HttpContext.RequestServices.GetRequiredService<CredentialCache>();
        CachedUser? user = null;
        if (principal?.UserId() is { } userId && (user = cache.FindUser(userId)) is null)
        {
            var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
            if (await accounts.FindByIdAsync(userId, context.HttpContext.RequestAborted) is { } account)
            {
                user = new CachedUser(account.SecurityStamp, account.IsPlatformOperator);
                cache.RememberUser(userId, user);
            }
        }
        if (principal?.UserId() is null
            || user is null
            || user.SecurityStamp.ToString() != principal.FindFirstValue(AccountClaims.SecurityStamp)
            || user.IsPlatformOperator != principal.IsPlatformOperator())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
}
