using HumasSaaS.Grains;

namespace HumasSaaS.Cooperation;

/// <summary>One line of the publication budget (pagu): the whole year, or a program/activity (kegiatan, sub-kegiatan).</summary>
public sealed record BudgetLineInput(string Code, string Name, long PaguRupiah);

/// <summary>A line with what is reserved against it (committed, by open orders) and paid from it (realised).</summary>
public sealed record BudgetLineTotals(string Code, string Name, long PaguRupiah, long CommittedRupiah, long RealisedRupiah)
{
    public long RemainingRupiah => PaguRupiah - CommittedRupiah - RealisedRupiah;
}

public enum ReservationState { Committed, Realised }

/// <summary>The amount one order holds on one budget line.</summary>
public sealed record BudgetReservation(Guid OrderId, string LineCode, long AmountRupiah, ReservationState State, DateTime ReservedAt, DateTime? RealisedAt);

/// <summary>The budget of one fiscal year as its grain holds it (version 0 = no pagu set yet).</summary>
public sealed record BudgetSnapshot(int FiscalYear, int Version, IReadOnlyList<BudgetLineTotals> Lines)
{
    public long PaguRupiah => Lines.Sum(l => l.PaguRupiah);
    public long CommittedRupiah => Lines.Sum(l => l.CommittedRupiah);
    public long RealisedRupiah => Lines.Sum(l => l.RealisedRupiah);
    public long RemainingRupiah => PaguRupiah - CommittedRupiah - RealisedRupiah;
}

/// <summary>The persisted state of one budget grain.</summary>
public sealed class BudgetGrainState
{
    public int FiscalYear { get; set; }
    public List<BudgetLineInput> Lines { get; set; } = [];
    public Dictionary<Guid, BudgetReservation> Reservations { get; set; } = [];
    public int Version { get; set; }
    public List<ProjectionBatch> Pending { get; set; } = [];
}

/// <summary>
/// The publication budget of one tenant for one fiscal year (key <c>{tenantId:N}/{BudgetKeys.Id(tenant, year)}</c>). It
/// alone sets the pagu and reserves, releases and realises amounts; its one activation in the cluster takes reservations
/// one at a time, so the budget is never overspent however many instances ask at once.
/// </summary>
[Alias("humas.IBudgetGrain")]
public interface IBudgetGrain : IGrainWithStringKey, ITenantScopedGrain
{
    [Alias("Get")] Task<BudgetSnapshot> Get(int fiscalYear);

    /// <summary>Sets the lines and their pagu; a line may not fall below what is already committed and realised on it.</summary>
    [Alias("SetPagu")] Task<BudgetSnapshot> SetPagu(int fiscalYear, int expectedVersion, IReadOnlyList<BudgetLineInput> lines, Actor actor);

    /// <summary>Reserves an order's amount (committed). Repeating the same reservation changes nothing.</summary>
    [Alias("Reserve")] Task<BudgetSnapshot> Reserve(int fiscalYear, Guid orderId, string? lineCode, long amountRupiah, Actor actor);

    /// <summary>Gives a committed reservation back (order cancelled or rejected). Releasing what is not held changes nothing.</summary>
    [Alias("Release")] Task<BudgetSnapshot> Release(int fiscalYear, Guid orderId, string reason, Actor actor);

    /// <summary>Moves a committed reservation to realised (the order was paid). Repeating it changes nothing.</summary>
    [Alias("Realise")] Task<BudgetSnapshot> Realise(int fiscalYear, Guid orderId, string paymentReference, Actor actor);

    [Alias("Reservation")] Task<BudgetReservation?> Reservation(Guid orderId);
}

public static class BudgetKeys
{
    public const int MinYear = 2000, MaxYear = 2100;

    /// <summary>The entity id of a tenant's budget grain for a fiscal year (derived, so every instance reaches the same grain).</summary>
    public static Guid Id(Guid tenantId, int fiscalYear) =>
        GrainKeys.DerivedId("cooperation-budget", tenantId, new Guid(fiscalYear, 0, 0, new byte[8]));

    public static IBudgetGrain Grain(TenantGrains grains, Guid tenantId, int fiscalYear) =>
        grains.Get<IBudgetGrain>(tenantId, Id(tenantId, fiscalYear));
}
