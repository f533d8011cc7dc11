using HumasSaaS.Cooperation;

namespace HumasSaaS.Api.Cooperation;

public sealed record BudgetLineResponse(string Code, string Name, long PaguRupiah, long CommittedRupiah, long RealisedRupiah, long RemainingRupiah);

/// <summary>The budget dashboard: pagu, committed (held by open orders), realised (paid) and remaining, per line and in total.</summary>
public sealed record BudgetResponse(
    int FiscalYear, int Version, long PaguRupiah, long CommittedRupiah, long RealisedRupiah, long RemainingRupiah, IReadOnlyList<BudgetLineResponse> Lines);

public sealed record SetBudgetRequest(int Version, IReadOnlyList<BudgetLineInput> Lines, string? Note = null);

/// <summary>
/// The API's and pages' way to the budget: reads come from the projected RLS tables (like every list and dashboard),
/// changes go to the tenant's budget grain for that year, the only writer.
/// </summary>
public sealed class CooperationBudgets(TenantGrains grains, Db db)
{
    public static void RequireYear(int fiscalYear)
    {
        if (fiscalYear is < BudgetKeys.MinYear or > BudgetKeys.MaxYear) throw new NotFoundException("Anggaran tahun ini tidak ditemukan.");
    }

    public IBudgetGrain Grain(Guid tenantId, int fiscalYear)
    {
        RequireYear(fiscalYear);
        RequestConnection.Current?.ReturnWhileWaiting();
        return BudgetKeys.Grain(grains, tenantId, fiscalYear);
    }

    public async Task<BudgetResponse> ReadAsync(Guid tenantId, int fiscalYear, CancellationToken ct)
    {
        RequireYear(fiscalYear);
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var version = await tx.ExecuteScalarAsync<int?>("SELECT version FROM cooperation_budgets WHERE fiscal_year = @fiscalYear", new { fiscalYear }, ct) ?? 0;
        var lines = (await tx.QueryAsync<LineRow>(
            "SELECT code, name, pagu, committed, realised FROM cooperation_budget_lines WHERE fiscal_year = @fiscalYear ORDER BY position",
            new { fiscalYear }, ct))
            .Select(l => new BudgetLineResponse(l.code, l.name, l.pagu, l.committed, l.realised, l.pagu - l.committed - l.realised)).ToList();
        return new BudgetResponse(fiscalYear, version, lines.Sum(l => l.PaguRupiah), lines.Sum(l => l.CommittedRupiah), lines.Sum(l => l.RealisedRupiah),
            lines.Sum(l => l.RemainingRupiah), lines);
    }

    public async Task<BudgetResponse> SetAsync(Guid tenantId, int fiscalYear, SetBudgetRequest request, Actor actor, CancellationToken ct)
    {
        await Grain(tenantId, fiscalYear).SetPagu(fiscalYear, request.Version, request.Lines, actor);
        return await ReadAsync(tenantId, fiscalYear, ct);
    }

    private sealed record LineRow(string code, string name, long pagu, long committed, long realised);
}
