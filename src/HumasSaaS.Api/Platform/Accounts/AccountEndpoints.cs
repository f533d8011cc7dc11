using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Entities;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;

namespace HumasSaaS.Api.Platform.Accounts;

public sealed record SignInRequest(string Email, string Password);

public sealed record MembershipResponse(string Slug, string OfficialName, TenantRole Role);

public sealed record MeResponse(Guid Id, string Email, string DisplayName, bool IsPlatformOperator, IReadOnlyList<MembershipResponse> Memberships);

public sealed record AddMemberRequest(string Email, string DisplayName, TenantRole Role, string? InitialPassword);

public sealed record MemberResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<TenantRole> Roles);

public sealed record CreateApiTokenRequest(string Name, TenantRole Role, int ExpiresInDays);

public sealed record CreatedApiTokenResponse(ApiTokenInfo Token, string Secret);

public static class AccountEndpoints
{
    public static void MapAccounts(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Akun");
        auth.MapPost("/sign-in", async (SignInRequest request, UserAccounts accounts, HttpContext http, CancellationToken ct) =>
        {
            new Validator().Email("email", request.Email).Text("password", "Kata sandi", request.Password, 200).ThrowIfInvalid();
            var result = await accounts.SignInAsync(request.Email, request.Password, ct);
            switch (result.Outcome)
            {
                case SignInOutcome.LockedOut:
                    return Problems.Result(423, "Akun terkunci sementara", LockedMessage(result.LockedUntil));
                case SignInOutcome.Failed:
                    return Problems.Result(401, "Gagal masuk", "Email atau kata sandi salah.");
            }
            await CookieSession.SignInAsync(http, result.User!);
            return Results.NoContent();
        }).AllowAnonymousByDesign("signing in").WithName("SignIn").WithSummary("Masuk dengan email dan kata sandi (cookie)")
          .ProducesProblem(401).ProducesProblem(423);

        auth.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthSchemes.Cookie);
            return Results.NoContent();
        }).RequireSignedInAccount().WithName("SignOut").WithSummary("Keluar");

        api.MapGet("/me", async (HttpContext http, UserAccounts accounts, CancellationToken ct) =>
        {
            if (http.User.UserId() is not { } id || await accounts.FindByIdAsync(id, ct) is not { } user)
                return Problems.Result(403, "Akses ditolak", "Hanya untuk akun orang, bukan token API.");
            var memberships = (await accounts.MembershipsAsync(id, ct)).Select(m => new MembershipResponse(m.Slug, m.OfficialName, m.Role)).ToList();
            return TypedResults.Ok(new MeResponse(user.Id, user.Email, user.DisplayName, user.IsPlatformOperator, memberships));
        }).RequireSignedInAccount().WithTags("Akun").WithName("Me").WithSummary("Akun yang sedang masuk dan instansinya");

        var members = api.MapGroup("/members").WithTags("Anggota instansi");
        members.MapGet("", async (TenantContext tenant, TenantMembers service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(tenant.TenantId, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("ListMembers").WithSummary("Staf instansi dan perannya");
        members.MapPost("", async (AddMemberRequest request, TenantContext tenant, TenantMembers service, CancellationToken ct) =>
                TypedResults.Ok(await service.AddAsync(tenant.TenantId, request, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("AddMember").WithSummary("Tambah staf atau peran").ProducesValidationProblem();
        members.MapDelete("/{userId:guid}", async (Guid userId, TenantContext tenant, TenantMembers service, CancellationToken ct) =>
            {
                await service.RemoveAsync(tenant.TenantId, userId, tenant.RequiredActor, ct);
                return Results.NoContent();
            })
            .RequireTenant(TenantRole.TenantAdmin).WithName("RemoveMember").WithSummary("Cabut semua peran staf di instansi ini");

        var tokens = api.MapGroup("/tokens").WithTags("Token API");
        tokens.MapGet("", async (TenantContext tenant, ApiTokens service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(tenant.TenantId, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("ListApiTokens").WithSummary("Token API instansi (tanpa rahasia)");
        tokens.MapPost("", async (CreateApiTokenRequest request, TenantContext tenant, ApiTokens service, HttpContext http, CancellationToken ct) =>
            {
                var v = new Validator().Text("name", "Nama token", request.Name, 100).Range("expiresInDays", "Masa berlaku (hari)", request.ExpiresInDays, 1, 365);
                if (!Enum.IsDefined(request.Role)) v.Add("role", "Peran tidak dikenal.");
                v.ThrowIfInvalid();
                if (http.User.UserId() is not { } creator)
                    return Problems.Result(403, "Akses ditolak", "Token API hanya dapat dibuat oleh orang yang masuk.");
                var (info, secret) = await service.CreateAsync(tenant.TenantId, request.Name.Trim(), request.Role, TimeSpan.FromDays(request.ExpiresInDays), creator, ct);
                return TypedResults.Ok(new CreatedApiTokenResponse(info, secret));
            })
            .RequireTenant(TenantRole.TenantAdmin).WithName("CreateApiToken").WithSummary("Buat token; rahasianya hanya ditampilkan sekali")
            .ProducesValidationProblem();
        tokens.MapDelete("/{id:guid}", async (Guid id, TenantContext tenant, ApiTokens service, CancellationToken ct) =>
                await service.RevokeAsync(tenant.TenantId, id, ct) ? Results.NoContent() : throw new NotFoundException("Token tidak ditemukan."))
            .RequireTenant(TenantRole.TenantAdmin).WithName("RevokeApiToken").WithSummary("Cabut token");

        api.MapGet("/audit", async (string? entityType, Guid? entityId, int? limit, TenantContext tenant, Db db, CancellationToken ct) =>
            {
                await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
                return TypedResults.Ok(await AuditLog.ListAsync(tx, entityType, entityId, Math.Clamp(limit ?? 100, 1, 1000), ct));
            })
            .RequireTenant(TenantRole.TenantAdmin, TenantRole.Verifier).WithTags("Jejak audit").WithName("ListAuditEvents")
            .WithSummary("Jejak audit instansi: siapa, kapan, apa, catatan");
    }

    public static string LockedMessage(DateTime? until) =>
        "Terlalu banyak percobaan gagal. Akun dikunci sampai " +
        (until ?? DateTime.UtcNow).ToUniversalTime().AddHours(7).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " WIB.";
}
