using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Platform.Accounts;

/// <summary>Either the member as now listed (new account, or a role for someone already on the staff) or the invitation sent.</summary>
public sealed record AddMemberResult(MemberResponse? Member, InvitationResponse? Invitation);

/// <summary>Tenant staff and their roles, managed by the tenant's admins.</summary>
public sealed class TenantMembers(Db db, UserAccounts accounts, MemberInvitations invitations)
{
    public async Task<IReadOnlyList<MemberResponse>> ListAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var rows = await tx.QueryAsync<(Guid UserId, string Email, string DisplayName, string Role)>(
            """
            SELECT u.id, u.email, u.display_name, m.role
            FROM tenant_memberships m JOIN users u ON u.id = m.user_id
            WHERE m.tenant_id = @tenantId ORDER BY u.display_name, m.role
            """, new { tenantId }, ct);
        return rows.GroupBy(r => (r.UserId, r.Email, r.DisplayName))
            .Select(g => new MemberResponse(g.Key.UserId, g.Key.Email, g.Key.DisplayName, g.Select(r => TenantRoles.Parse(r.Role)).ToList()))
            .ToList();
    }

    /// <summary>
    /// A new address gets an account and the role at once (the admin sets its first password). An existing account
    /// that is not yet on this tenant's staff is never attached silently: it gets an invitation its owner accepts,
    /// and nothing about the account (its name, whether it is a vendor) is echoed to the admin.
    /// </summary>
    public async Task<AddMemberResult> AddAsync(Guid tenantId, AddMemberRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Email("email", request.Email).Text("displayName", "Nama", request.DisplayName, 150);
        if (!Enum.IsDefined(request.Role)) v.Add("role", "Peran tidak dikenal.");
        v.ThrowIfInvalid();

        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var user = await accounts.FindByEmailAsync(tx.Connection, tx.Transaction, request.Email, ct);
        if (user is null)
        {
            var pv = new Validator();
            UserAccounts.ValidatePassword(pv, "initialPassword", request.InitialPassword);
            pv.ThrowIfInvalid();
            user = await accounts.CreateAsync(tx.Connection, tx.Transaction, request.Email, request.DisplayName, request.InitialPassword!, false, ct);
        }
        else if (!await tx.ExecuteScalarAsync<bool>(
                     "SELECT EXISTS (SELECT 1 FROM tenant_memberships WHERE tenant_id = @tenantId AND user_id = @id)", new { tenantId, id = user.Id }, ct))
        {
            var invitation = await invitations.CreateAsync(tx, user.Id, request.Email, request.Role, actor, ct);
            await tx.CommitAsync(ct);
            return new AddMemberResult(null, invitation);
        }
        await UserAccounts.AddMembershipAsync(tx.Connection, tx.Transaction, tenantId, user.Id, request.Role, ct);
        await AuditLog.WriteAsync(tx, "membership", user.Id, "member_added", actor, null, new { role = TenantRoles.ToText(request.Role) }, ct);
        await tx.CommitAsync(ct);
        return new AddMemberResult((await ListAsync(tenantId, ct)).Single(m => m.UserId == user.Id), null);
    }

    public async Task RemoveAsync(Guid tenantId, Guid userId, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        // Serialises removals within the tenant so two admins cannot remove each other at once.
        await tx.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@t))", new { t = tenantId.ToString() }, ct);
        var removed = await tx.ExecuteAsync("DELETE FROM tenant_memberships WHERE tenant_id = @tenantId AND user_id = @userId", new { tenantId, userId }, ct);
        if (removed == 0) throw new NotFoundException("Anggota tidak ditemukan.");
        var admins = await tx.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tenant_memberships WHERE tenant_id = @tenantId AND role = 'tenant_admin'", new { tenantId }, ct);
        if (admins == 0)
            throw new DomainRuleException("Admin terakhir", "Instansi harus tetap memiliki sekurang-kurangnya satu admin.");
        await AuditLog.WriteAsync(tx, "membership", userId, "member_removed", actor, ct: ct);
        await tx.CommitAsync(ct);
    }
}
