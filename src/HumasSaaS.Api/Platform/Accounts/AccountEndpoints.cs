using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

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
            // Unknown, wrong and locked get one answer, so the response never tells whether an account exists.
            if (result.Outcome != SignInOutcome.Succeeded)
                return Problems.Result(401, "Gagal masuk", SignInFailedMessage);
            await CookieSession.SignInAsync(http, result.User!);
            return Results.NoContent();
        }).AllowAnonymousByDesign("signing in").WithName("SignIn").WithSummary("Masuk dengan email dan kata sandi (cookie)")
          .Produces(204).ProducesProblem(401);

        auth.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthSchemes.Cookie);
            return Results.NoContent();
        }).RequireSignedInAccount().WithName("SignOut").WithSummary("Keluar").Produces(204);

        api.MapGet("/me", async (HttpContext http, UserAccounts accounts, CancellationToken ct) =>
        {
            if (http.User.UserId() is not { } id || await accounts.FindByIdAsync(id, ct) is not { } user)
                return Problems.Result(403, "Akses ditolak", "Hanya untuk akun orang, bukan token API.");
            var memberships = (await accounts.MembershipsAsync(id, ct)).Select(m => new MembershipResponse(m.Slug, m.OfficialName, m.Role)).ToList();
            return TypedResults.Ok(new MeResponse(user.Id, user.Email, user.DisplayName, user.IsPlatformOperator, memberships));
        }).RequireSignedInAccount().WithTags("Akun").WithName("Me").WithSummary("Akun yang sedang masuk dan instansinya")
          .Produces<MeResponse>().ProducesProblem(403);

        var members = api.MapGroup("/members").WithTags("Anggota instansi");
        members.MapGet("", async (TenantContext tenant, TenantMembers service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(tenant.TenantId, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("ListMembers").WithSummary("Staf instansi dan perannya");
        members.MapPost("", AddMemberAsync)
            .RequireTenant(TenantRole.TenantAdmin).WithName("AddMember")
            .WithSummary("Tambah staf atau peran; akun yang sudah ada menerima undangan (202) yang harus ia terima sendiri")
            .ProducesValidationProblem();
        members.MapGet("/invitations", async (TenantContext tenant, MemberInvitations service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListPendingAsync(tenant.TenantId, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("ListMemberInvitations").WithSummary("Undangan staf yang menunggu jawaban");
        members.MapDelete("/invitations/{id:guid}", async (Guid id, TenantContext tenant, MemberInvitations service, CancellationToken ct) =>
            {
                await service.RevokeAsync(tenant.TenantId, id, tenant.RequiredActor, ct);
                return Results.NoContent();
            })
            .RequireTenant(TenantRole.TenantAdmin).WithName("RevokeMemberInvitation").WithSummary("Batalkan undangan staf").Produces(204);

        // The invitee is not a member yet: the tenant comes from the address, the invitation must name the signed-in account.
        var invitations = api.MapGroup("/invitations").WithTags("Anggota instansi").RequireTenantPublic().RequireAuthorization();
        invitations.MapGet("/{id:guid}", async (Guid id, TenantContext tenant, HttpContext http, MemberInvitations service, CancellationToken ct) =>
                http.User.UserId() is { } me && http.User.FindFirst(AccountClaims.TokenId) is null
                    ? Results.Ok(await service.GetForInviteeAsync(tenant.RequiredTenant, id, me, ct))
                    : throw new NotFoundException("Undangan tidak ditemukan."))
            .WithName("GetMyInvitation").WithSummary("Undangan untuk akun yang sedang masuk").Produces<InvitationForInvitee>().ProducesProblem(404);
        invitations.MapPost("/{id:guid}/accept", (Guid id, TenantContext tenant, HttpContext http, MemberInvitations service, CancellationToken ct) =>
                DecideInvitationAsync(http, a => service.AcceptAsync(tenant.RequiredTenant, id, a, ct)))
            .WithName("AcceptInvitation").WithSummary("Terima undangan menjadi staf instansi").Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(410);
        invitations.MapPost("/{id:guid}/decline", (Guid id, TenantContext tenant, HttpContext http, MemberInvitations service, CancellationToken ct) =>
                DecideInvitationAsync(http, a => service.DeclineAsync(tenant.RequiredTenant, id, a, ct)))
            .WithName("DeclineInvitation").WithSummary("Tolak undangan").Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(410);
        members.MapDelete("/{userId:guid}", async (Guid userId, TenantContext tenant, TenantMembers service, CancellationToken ct) =>
            {
                await service.RemoveAsync(tenant.TenantId, userId, tenant.RequiredActor, ct);
                return Results.NoContent();
            })
            .RequireTenant(TenantRole.TenantAdmin).WithName("RemoveMember").WithSummary("Cabut semua peran staf di instansi ini").Produces(204);

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
            .Produces<CreatedApiTokenResponse>().ProducesValidationProblem();
        tokens.MapDelete("/{id:guid}", async (Guid id, TenantContext tenant, ApiTokens service, CancellationToken ct) =>
                await service.RevokeAsync(tenant.TenantId, id, ct) ? Results.NoContent() : throw new NotFoundException("Token tidak ditemukan."))
            .RequireTenant(TenantRole.TenantAdmin).WithName("RevokeApiToken").WithSummary("Cabut token").Produces(204);

        api.MapGet("/audit", async (string? entityType, Guid? entityId, int? limit, TenantContext tenant, Db db, CancellationToken ct) =>
            {
                await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
                return TypedResults.Ok(await AuditLog.ListAsync(tx, entityType, entityId, Math.Clamp(limit ?? 100, 1, 1000), ct));
            })
            .RequireTenant(TenantRole.TenantAdmin, TenantRole.Verifier).WithTags("Jejak audit").WithName("ListAuditEvents")
            .WithSummary("Jejak audit instansi: siapa, kapan, apa, catatan");
    }

    /// <summary>The one answer to a failed sign-in: unknown account, wrong password and locked account alike.</summary>
    public const string SignInFailedMessage =
        "Email atau kata sandi salah, atau akun sedang dikunci sementara setelah beberapa kali gagal masuk. Coba lagi beberapa menit lagi.";

    private static async Task<Results<Ok<MemberResponse>, Accepted<InvitationResponse>>> AddMemberAsync(
        AddMemberRequest request, TenantContext tenant, TenantMembers service, CancellationToken ct)
    {
        var result = await service.AddAsync(tenant.TenantId, request, tenant.RequiredActor, ct);
        return result.Invitation is { } invitation
            ? TypedResults.Accepted((string?)null, invitation)
            : TypedResults.Ok(result.Member!);
    }

    private static async Task<IResult> DecideInvitationAsync(HttpContext http, Func<Actor, Task> decide)
    {
        // An API token acts for a tenant, not for a person: only the person invited may answer.
        if (http.User.UserId() is not { } me || http.User.FindFirst(AccountClaims.TokenId) is not null)
            throw new NotFoundException("Undangan tidak ditemukan.");
        await decide(new Actor(me, http.User.Identity?.Name ?? "?"));
        return Results.NoContent();
    }
}
