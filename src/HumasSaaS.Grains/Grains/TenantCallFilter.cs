using HumasSaaS.Database;
using Orleans.Runtime;

namespace HumasSaaS.Grains;

/// <summary>
/// Silo-wide: a call to a tenant-scoped grain must be made for the tenant its key names. The API puts the resolved tenant
/// into <see cref="RequestContext"/> (<see cref="TenantGrains"/>); a call without it, or for another tenant, is refused
/// before the grain runs. Reminder ticks are the silo's own calls and carry no tenant.
/// </summary>
public sealed class TenantCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // A grain turn may run under the execution context of the HTTP request that activated it; it never borrows
        // that request's connection.
        RequestConnection.Current = null;
        if (context.Grain is ITenantScopedGrain && context.InterfaceMethod.DeclaringType != typeof(IRemindable))
        {
            var key = context.TargetId.Key.ToString();
            if (!GrainKeys.TryParse(key, out var keyTenant, out _))
                throw new TenantMismatchException($"Grain key '{key}' does not name a tenant.");
            if (RequestContext.Get(TenantCallContext.Key) is not Guid callTenant || callTenant != keyTenant)
                throw new TenantMismatchException($"A call made for another tenant was refused by grain {context.TargetId}.");
        }
        await context.Invoke();
    }
}
