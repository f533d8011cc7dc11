using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Platform.Accounts;

public enum InvitationStatus { Pending, Accepted, Declined, Revoked, Expired }

/// <summary>What the inviting admin sees: the address they typed, never the account's own name.</summary>
public sealed record InvitationResponse(Guid Id, string Email, TenantRole Role, InvitationStatus Status, DateTimeOffset ExpiresAt, string AcceptPath);

/// <summary>What the invitee sees before deciding.</summary>
public sealed record InvitationForInvitee(Guid Id, string TenantName, TenantRole Role, InvitationStatus Status, DateTimeOffset ExpiresAt);

/// <summary>
/// Invitations to join a tenant's staff. An existing account (of another tenant or none) becomes a member only
/// when its owner, signed in, accepts inside the inviting tenant; the invitation expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class MemberInvitations(Db db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const string EntityType = "member_invitation";

    private sealed record Row(Guid Id, Guid UserId, string Email, string Role, string Status, DateTime ExpiresAt);

    /// <summary>Creates (or returns the pending) invitation, inside the caller's transaction.</summary>
    public async Task<InvitationResponse> CreateAsync(TenantTransaction tx, Guid userId, string email, TenantRole role, Actor actor, CancellationToken ct)
    {
        var pending = await tx.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT id, user_id AS UserId, email, role, status, expires_at AS ExpiresAt FROM member_invitations
            WHERE user_id = @userId AND role = @role AND status = 'pending' AND expires_at > @now
            """, new { userId, role = TenantRoles.ToText(role), now = clock.GetUtcNow() }, ct);
        if (pending is not null) return Response(pending);
        // An expired pending row would block the unique index: close it first.
        await tx.ExecuteAsync("UPDATE member_invitations SET status = 'revoked', decided_at = @now WHERE user_id = @userId AND role = @role AND status = 'pending'",
            new { userId, role = TenantRoles.ToText(role), now = clock.GetUtcNow() }, ct);
        var row = new Row(Guid.NewGuid(), userId, email.Trim().ToLowerInvariant(), TenantRoles.ToText(role), "pending", (clock.GetUtcNow() + Lifetime).UtcDateTime);
        await tx.ExecuteAsync(
            """
            INSERT INTO member_invitations (tenant_id, id, user_id, email, role, invited_by, expires_at)
            VALUES (@tenant, @Id, @UserId, @Email, @Role, @invitedBy, @ExpiresAt)
            """, new { tenant = tx.TenantId, row.Id, row.UserId, row.Email, row.Role, invitedBy = actor.UserId, row.ExpiresAt }, ct);
        await AuditLog.WriteAsync(tx, EntityType, row.Id, "member_invited", actor, null, new { email = row.Email, role = row.Role, expiresAt = row.ExpiresAt }, ct);
        return Response(row);
    }

    public async Task<IReadOnlyList<InvitationResponse>> ListPendingAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return (await tx.QueryAsync<Row>(
            """
            SELECT id, user_id AS UserId, email, role, status, expires_at AS ExpiresAt FROM member_invitations
            WHERE status = 'pending' ORDER BY created_at DESC
            """, null, ct)).Select(Response).ToList();
    }

    public async Task RevokeAsync(Guid tenantId, Guid id, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var changed = await tx.ExecuteAsync("UPDATE member_invitations SET status = 'revoked', decided_at = @now WHERE id = @id AND status = 'pending'",
            new { id, now = clock.GetUtcNow() }, ct);
        if (changed == 0) throw new NotFoundException("Undangan tidak ditemukan atau sudah diputuskan.");
        await AuditLog.WriteAsync(tx, EntityType, id, "invitation_revoked", actor, ct: ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The invitation as its invitee sees it; anyone else gets 404, as if it did not exist.</summary>
    public async Task<InvitationForInvitee> GetForInviteeAsync(Tenant tenant, Guid id, Guid userId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
        var row = await LoadForInviteeAsync(tx, id, userId, false, ct);
        return new InvitationForInvitee(row.Id, tenant.OfficialName, TenantRoles.Parse(row.Role), StatusOf(row), new DateTimeOffset(row.ExpiresAt, TimeSpan.Zero));
    }

    public async Task AcceptAsync(Tenant tenant, Guid id, Actor invitee, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
        var row = await LoadForInviteeAsync(tx, id, invitee.UserId!.Value, true, ct);
        RequirePending(row);
        if (await tx.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM media_company_users WHERE user_id = @id)", new { id = row.UserId }, ct))
            // A vendor deciding its own application would defeat verification: vendor accounts never become staff.
            throw new DomainRuleException("Undangan tidak dapat diterima",
                "Akun ini adalah akun perusahaan media. Staf instansi memerlukan akun tersendiri.", StatusCodes.Status409Conflict);
        await UserAccounts.AddMembershipAsync(tx.Connection, tx.Transaction, tenant.Id, row.UserId, TenantRoles.Parse(row.Role), ct);
        await DecideAsync(tx, row, "accepted", invitee, ct);
        await tx.CommitAsync(ct);
    }

    public async Task DeclineAsync(Tenant tenant, Guid id, Actor invitee, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
        var row = await LoadForInviteeAsync(tx, id, invitee.UserId!.Value, true, ct);
        RequirePending(row);
        await DecideAsync(tx, row, "declined", invitee, ct);
        await tx.CommitAsync(ct);
    }

    private async Task DecideAsync(TenantTransaction tx, Row row, string status, Actor invitee, CancellationToken ct)
    {
        await tx.ExecuteAsync("UPDATE member_invitations SET status = @status, decided_at = @now WHERE id = @Id",
            new { status, now = clock.GetUtcNow(), row.Id }, ct);
        await AuditLog.WriteAsync(tx, EntityType, row.Id, "invitation_" + status, invitee, null, new { role = row.Role }, ct);
    }

    private static async Task<Row> LoadForInviteeAsync(TenantTransaction tx, Guid id, Guid userId, bool forUpdate, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT id, user_id AS UserId, email, role, status, expires_at AS ExpiresAt FROM member_invitations
            WHERE id = @id AND user_id = @userId {(forUpdate ? "FOR UPDATE" : "")}
            """, new { id, userId }, ct)
        ?? throw new NotFoundException("Undangan tidak ditemukan.");

    private void RequirePending(Row row)
    {
        switch (StatusOf(row))
        {
            case InvitationStatus.Expired:
                throw new DomainRuleException("Undangan kedaluwarsa", "Masa berlaku undangan ini sudah habis. Mintalah undangan baru kepada admin instansi.", StatusCodes.Status410Gone);
            case not InvitationStatus.Pending:
                throw new DomainRuleException("Undangan sudah diputuskan", "Undangan ini sudah diterima, ditolak, atau dibatalkan.");
        }
    }

    private InvitationStatus StatusOf(Row row) => row.Status switch
    {
        "pending" when row.ExpiresAt <= clock.GetUtcNow().UtcDateTime => InvitationStatus.Expired,
        "pending" => InvitationStatus.Pending,
        "accepted" => InvitationStatus.Accepted,
        "declined" => InvitationStatus.Declined,
        _ => InvitationStatus.Revoked,
    };

    private InvitationResponse Response(Row row) =>
        new(row.Id, row.Email, TenantRoles.Parse(row.Role), StatusOf(row), new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)), $"/undangan/{row.Id}");

    public static string StatusLabel(InvitationStatus status) => Words.Of(status);
}
