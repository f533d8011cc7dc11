using System.Security.Claims;

namespace HumasSaaS.Api.Platform.Accounts;

public static class AccountClaims
{
    public const string UserIdClaim = "sub";
    public const string SecurityStamp = "stamp";
    public const string PlatformOperator = "platform_operator";
    public const string TokenId = "token_id";
    public const string TokenTenantId = "token_tenant";
    public const string TokenRole = "token_role";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserIdClaim), out var id) ? id : null;

    public static bool IsPlatformOperator(this ClaimsPrincipal user) => user.HasClaim(PlatformOperator, "true");
}

public static class AuthSchemes
{
    public const string Smart = "humas";
    public const string Cookie = "humas.cookie";
    public const string ApiToken = "humas.token";
    public const string PlatformOperatorPolicy = "platform-operator";
}
