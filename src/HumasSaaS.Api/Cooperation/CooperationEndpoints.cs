using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Cooperation;

public static class CooperationEndpoints
{
    public static void MapCooperation(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cooperation").WithTags("Kerja sama media");

        group.MapGet("/budgets/{fiscalYear:int}", async (int fiscalYear, TenantContext tenant, CooperationBudgets budgets, CancellationToken ct) =>
            TypedResults.Ok(await budgets.ReadAsync(tenant.TenantId, fiscalYear, ct)))
            .RequireTenant().WithName("GetCooperationBudget")
            .WithSummary("Anggaran publikasi satu tahun anggaran: pagu, terpesan, terealisasi, sisa (per kegiatan)").ProducesProblem(404);

        group.MapPut("/budgets/{fiscalYear:int}", async (int fiscalYear, SetBudgetRequest request, TenantContext tenant, CooperationBudgets budgets, CancellationToken ct) =>
            TypedResults.Ok(await budgets.SetAsync(tenant.TenantId, fiscalYear, request, tenant.RequiredActor, ct)))
            .RequireTenant(TenantRole.TenantAdmin).WithName("SetCooperationBudget")
            .WithSummary("Tetapkan pagu per kegiatan/sub-kegiatan (409 bila versi sudah berubah atau pagu di bawah yang terpakai)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
