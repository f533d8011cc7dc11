using HumasSaaS.Database;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace HumasSaaS.Grains;

/// <summary>
/// Lets tests stop a projection at the point between the state write and the SQL write (a crash there must lose
/// nothing). The production implementation does nothing.
/// </summary>
public interface IProjectionInterceptor
{
    ValueTask BeforeProjectAsync(string grainKey, ProjectionBatch batch);
}

public sealed class NoProjectionInterceptor : IProjectionInterceptor
{
    public ValueTask BeforeProjectAsync(string grainKey, ProjectionBatch batch) => ValueTask.CompletedTask;
}

/// <summary>
/// A tenant-scoped grain whose state is the truth and whose SQL rows (lists, reports, exports) are a projection of it.
/// A change is acknowledged once the state write succeeds; the batch of SQL writes travels inside that state and is
/// applied right after, again on activation, and on a retry timer, until it is done. Every write of a batch is keyed
/// by the entity's version, so applying it twice changes nothing.
/// </summary>
public abstract class ProjectedGrain<TState>(IPersistentState<TState> store, Db db, IProjectionInterceptor interceptor, ILogger logger)
    : Grain, ITenantScopedGrain where TState : class
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private IGrainTimer? retryTimer;

    protected IPersistentState<TState> Store => store;
    protected Db Db => db;
    protected Guid TenantId { get; private set; }
    protected Guid EntityId { get; private set; }

    protected abstract List<ProjectionBatch> Pending { get; }

    /// <summary>Writes one batch in the given tenant transaction (idempotently: it may have been applied before).</summary>
    protected abstract Task ProjectAsync(TenantTransaction tx, ProjectionBatch batch, CancellationToken ct);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (TenantId, EntityId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        await OnLoadedAsync(cancellationToken);
        if (Pending.Count > 0) await TryProjectAsync(cancellationToken);
    }

    /// <summary>Runs after the state is read, before pending projections are applied.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Makes <paramref name="batch"/> durable with the state already changed in memory, then projects it. A failed
    /// state write deactivates the grain (the next call reloads the stored state) and a stale ETag becomes a 409.
    /// </summary>
    protected async Task CommitAsync(ProjectionBatch batch)
    {
        Pending.Add(batch);
        try
        {
            await store.WriteStateAsync();
        }
        catch (Exception e)
        {
            DeactivateOnIdle();
            if (e is InconsistentStateException)
                throw new ConcurrencyConflictException(GetType().Name, EntityId, batch.Version - 1, null);
            throw;
        }
        await TryProjectAsync(CancellationToken.None);
    }

    protected async Task<bool> TryProjectAsync(CancellationToken ct)
    {
        if (Pending.Count == 0) return true;
        var batches = Pending.ToList();
        try
        {
            foreach (var batch in batches) await interceptor.BeforeProjectAsync(this.GetPrimaryKeyString(), batch);
            await using var tx = await db.BeginTenantAsync(TenantId, ct);
            foreach (var batch in batches) await ProjectAsync(tx, batch, ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Projection of {Grain} v{Version} failed; retrying in {Interval}", this.GetPrimaryKeyString(),
                batches[^1].Version, RetryInterval);
            retryTimer ??= this.RegisterGrainTimer(RetryProjectionAsync, new GrainTimerCreationOptions(RetryInterval, RetryInterval) { Interleave = false });
            return false;
        }
        // Applied: the batches leave memory now and leave storage with the next state write (re-applying them is harmless).
        Pending.RemoveAll(batches.Contains);
        retryTimer?.Dispose();
        retryTimer = null;
        return true;
    }

    private Task RetryProjectionAsync(CancellationToken ct) => TryProjectAsync(ct);

    protected static void RequireVersion(string entityType, Guid id, int expected, int current)
    {
        if (expected != current) throw new ConcurrencyConflictException(entityType, id, expected, current);
    }
}
