using System.Text.Json;
using HumasSaaS.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HumasSaaS.Cooperation;

/// <summary>
/// The publication budget of one tenant and fiscal year. Its state (lines, reservations) is the truth; the rows of
/// <c>cooperation_budgets</c>, <c>cooperation_budget_lines</c> and <c>cooperation_budget_reservations</c> and the audit
/// trail are projected from it for dashboards and exports. Orleans runs one turn at a time on the one activation, so the
/// remaining amount checked by <see cref="Reserve"/> cannot change before the reservation is written.
/// </summary>
public sealed class BudgetGrain(
    [PersistentState("budget", GrainStorage.Name)] IPersistentState<BudgetGrainState> store,
    Db db, IProjectionInterceptor interceptor, TimeProvider time, ILogger<BudgetGrain> logger)
    : ProjectedGrain<BudgetGrainState>(store, db, interceptor, logger), IBudgetGrain
{
    public const string EntityType = "cooperation_budget";

    private BudgetGrainState S => Store.State;

    protected override List<ProjectionBatch> Pending => S.Pending;

    public Task<BudgetSnapshot> Get(int fiscalYear)
    {
        RequireYear(fiscalYear);
        return Task.FromResult(Snapshot(fiscalYear));
    }

    public Task<BudgetReservation?> Reservation(Guid orderId) =>
        Task.FromResult(S.Reservations.GetValueOrDefault(orderId));

    public async Task<BudgetSnapshot> SetPagu(int fiscalYear, int expectedVersion, IReadOnlyList<BudgetLineInput> lines, Actor actor)
    {
        RequireYear(fiscalYear);
        RequireVersion(EntityType, EntityId, expectedVersion, S.Version);
        var errors = new Dictionary<string, string[]>();
        if (lines.Count is 0 or > 200) errors["lines"] = ["Isi 1 sampai 200 baris anggaran."];
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (string.IsNullOrWhiteSpace(l.Code) || l.Code.Length > 60) errors[$"lines[{i}].code"] = ["Kode kegiatan wajib diisi (paling banyak 60 karakter)."];
            if (string.IsNullOrWhiteSpace(l.Name) || l.Name.Length > 200) errors[$"lines[{i}].name"] = ["Nama kegiatan wajib diisi (paling banyak 200 karakter)."];
            if (l.PaguRupiah is < 0 or > 1_000_000_000_000_000) errors[$"lines[{i}].paguRupiah"] = ["Pagu harus antara 0 dan 1 kuadriliun rupiah."];
        }
        foreach (var dup in lines.GroupBy(l => l.Code.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors["lines"] = [$"Kode kegiatan {dup.Key} muncul lebih dari sekali."];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var normalised = lines.Select(l => new BudgetLineInput(l.Code.Trim(), l.Name.Trim(), l.PaguRupiah)).ToList();
        foreach (var held in Totals().Where(t => t.CommittedRupiah + t.RealisedRupiah > 0))
        {
            var line = normalised.FirstOrDefault(l => string.Equals(l.Code, held.Code, StringComparison.OrdinalIgnoreCase));
            if (line is null)
                throw new DomainRuleException("Baris anggaran masih terpakai",
                    $"Baris {held.Code} ({held.Name}) tidak dapat dihapus karena sudah ada pesanan yang memakai anggarannya.", 409);
            if (line.PaguRupiah < held.CommittedRupiah + held.RealisedRupiah)
                throw new DomainRuleException("Pagu lebih kecil dari yang terpakai",
                    $"Pagu baris {held.Code} tidak boleh kurang dari {Rupiah(held.CommittedRupiah + held.RealisedRupiah)} yang sudah dipesan atau dibayar.", 409);
        }
        S.FiscalYear = fiscalYear;
        S.Lines = normalised;
        await CommitAsync(actor, [], "budget_set", null,
            JsonSerializer.Serialize(new { fiscalYear, lines = normalised.Select(l => new { l.Code, l.Name, l.PaguRupiah }) }, JsonSerializerOptions.Web));
        return Snapshot(fiscalYear);
    }

    public async Task<BudgetSnapshot> Reserve(int fiscalYear, Guid orderId, string? lineCode, long amountRupiah, Actor actor)
    {
        RequireYear(fiscalYear);
        if (amountRupiah <= 0)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["amountRupiah"] = ["Nilai pesanan harus lebih dari nol."] });
        // A repeat (an order finishing its step after a crash) is answered from the reservation it already holds, before
        // the line is looked up: the lines may have changed since, and a refusal here would orphan the held amount.
        if (S.Reservations.TryGetValue(orderId, out var existing))
        {
            if (existing.AmountRupiah == amountRupiah && (lineCode is null || string.Equals(existing.LineCode, lineCode.Trim(), StringComparison.OrdinalIgnoreCase)))
                return Snapshot(fiscalYear);
            throw new DomainRuleException("Pesanan sudah memesan anggaran",
                "Pesanan ini sudah memesan anggaran dengan nilai atau baris lain; lepaskan dulu sebelum memesan ulang.", 409);
        }
        if (S.Lines.Count == 0)
            throw new DomainRuleException("Pagu belum ditetapkan", $"Pagu anggaran publikasi tahun {fiscalYear} belum ditetapkan.", 409);
        var line = FindLine(lineCode);
        var totals = Totals().Single(t => t.Code == line.Code);
        if (amountRupiah > totals.RemainingRupiah)
            throw new DomainRuleException("Anggaran tidak cukup",
                $"Sisa anggaran {line.Code} ({line.Name}) tinggal {Rupiah(totals.RemainingRupiah)}, pesanan ini {Rupiah(amountRupiah)}.", 409);
        S.Reservations[orderId] = new BudgetReservation(orderId, line.Code, amountRupiah, ReservationState.Committed, Now(), null);
        await CommitAsync(actor, [orderId], "budget_reserved", null,
            JsonSerializer.Serialize(new { orderId, lineCode = line.Code, amountRupiah }, JsonSerializerOptions.Web));
        return Snapshot(fiscalYear);
    }

    public async Task<BudgetSnapshot> Release(int fiscalYear, Guid orderId, string reason, Actor actor)
    {
        RequireYear(fiscalYear);
        if (!S.Reservations.TryGetValue(orderId, out var held)) return Snapshot(fiscalYear);
        if (held.State == ReservationState.Realised)
            throw new DomainRuleException("Sudah dibayar", "Anggaran pesanan yang sudah dibayar tidak dapat dilepas.", 409);
        S.Reservations.Remove(orderId);
        await CommitAsync(actor, [orderId], "budget_released", reason,
            JsonSerializer.Serialize(new { orderId, lineCode = held.LineCode, amountRupiah = held.AmountRupiah }, JsonSerializerOptions.Web));
        return Snapshot(fiscalYear);
    }

    public async Task<BudgetSnapshot> Realise(int fiscalYear, Guid orderId, string paymentReference, Actor actor)
    {
        RequireYear(fiscalYear);
        if (!S.Reservations.TryGetValue(orderId, out var held))
            throw new DomainRuleException("Anggaran pesanan tidak ditemukan", "Pesanan ini tidak memegang anggaran, jadi pembayarannya tidak dapat dicatat.", 409);
        if (held.State == ReservationState.Realised) return Snapshot(fiscalYear);
        S.Reservations[orderId] = held with { State = ReservationState.Realised, RealisedAt = Now() };
        await CommitAsync(actor, [orderId], "budget_realised", paymentReference,
            JsonSerializer.Serialize(new { orderId, lineCode = held.LineCode, amountRupiah = held.AmountRupiah }, JsonSerializerOptions.Web));
        return Snapshot(fiscalYear);
    }

    // ------------------------------------------------------------------ internals

    /// <summary>The key names the year (derived id); a call naming another year reached the wrong grain.</summary>
    private void RequireYear(int fiscalYear)
    {
        if (fiscalYear is < BudgetKeys.MinYear or > BudgetKeys.MaxYear || BudgetKeys.Id(TenantId, fiscalYear) != EntityId)
            throw new NotFoundException("Anggaran tahun ini tidak ditemukan.");
    }

    private BudgetLineInput FindLine(string? lineCode)
    {
        if (string.IsNullOrWhiteSpace(lineCode))
        {
            if (S.Lines.Count == 1) return S.Lines[0];
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["budgetLineCode"] = ["Pilih kegiatan/sub-kegiatan yang menanggung pesanan ini."],
            });
        }
        return S.Lines.FirstOrDefault(l => string.Equals(l.Code, lineCode.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["budgetLineCode"] = [$"Kegiatan {lineCode} tidak ada dalam anggaran tahun {S.FiscalYear}."],
            });
    }

    private List<BudgetLineTotals> Totals() =>
        S.Lines.Select(l =>
        {
            var held = S.Reservations.Values.Where(r => string.Equals(r.LineCode, l.Code, StringComparison.OrdinalIgnoreCase)).ToList();
            return new BudgetLineTotals(l.Code, l.Name, l.PaguRupiah,
                held.Where(r => r.State == ReservationState.Committed).Sum(r => r.AmountRupiah),
                held.Where(r => r.State == ReservationState.Realised).Sum(r => r.AmountRupiah));
        }).ToList();

    private BudgetSnapshot Snapshot(int fiscalYear) => new(fiscalYear, S.Version, Totals());

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    internal static string Rupiah(long amount) =>
        "Rp " + amount.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));

    private async Task CommitAsync(Actor actor, IReadOnlyList<Guid> reservations, string action, string? note, string data)
    {
        var version = S.Version + 1;
        S.Version = version;
        var audit = new AuditEntry(0, action, actor.UserId, actor.Name, note, data, Now());
        await CommitAsync(new ProjectionBatch(version, actor.UserId, reservations, [audit], []));
    }

    protected override async Task ProjectAsync(TenantTransaction tx, ProjectionBatch batch, CancellationToken ct)
    {
        // Only the newest state is written; a batch applied again (or after a newer one) finds the row current and stops.
        var current = await tx.ExecuteAsync(
            """
            INSERT INTO cooperation_budgets (tenant_id, fiscal_year, id, version, updated_at, updated_by)
            VALUES (@tenant, @year, @id, @version, now(), @by)
            ON CONFLICT (tenant_id, fiscal_year) DO UPDATE SET version = excluded.version, updated_at = now(), updated_by = excluded.updated_by
            WHERE cooperation_budgets.version < excluded.version
            """,
            new { tenant = TenantId, year = S.FiscalYear, id = EntityId, version = S.Version, by = batch.UpdatedBy }, ct);
        if (current > 0)
        {
            var totals = Totals();
            await tx.ExecuteAsync(
                "DELETE FROM cooperation_budget_lines WHERE tenant_id = @tenant AND fiscal_year = @year AND NOT (code = ANY(@codes))",
                new { tenant = TenantId, year = S.FiscalYear, codes = totals.Select(t => t.Code).ToArray() }, ct);
            for (var i = 0; i < totals.Count; i++)
            {
                var t = totals[i];
                await tx.ExecuteAsync(
                    """
                    INSERT INTO cooperation_budget_lines (tenant_id, fiscal_year, code, name, position, pagu, committed, realised)
                    VALUES (@tenant, @year, @Code, @Name, @position, @PaguRupiah, @CommittedRupiah, @RealisedRupiah)
                    ON CONFLICT (tenant_id, fiscal_year, code) DO UPDATE SET name = excluded.name, position = excluded.position,
                        pagu = excluded.pagu, committed = excluded.committed, realised = excluded.realised
                    """,
                    new { tenant = TenantId, year = S.FiscalYear, t.Code, t.Name, position = i, t.PaguRupiah, t.CommittedRupiah, t.RealisedRupiah }, ct);
            }
            foreach (var orderId in Pending.SelectMany(b => b.DocumentIds).Distinct())
            {
                if (S.Reservations.TryGetValue(orderId, out var r))
                    await tx.ExecuteAsync(
                        """
                        INSERT INTO cooperation_budget_reservations (tenant_id, order_id, fiscal_year, line_code, amount, state, reserved_at, realised_at)
                        VALUES (@tenant, @OrderId, @year, @LineCode, @AmountRupiah, @state, @ReservedAt, @RealisedAt)
                        ON CONFLICT (tenant_id, order_id) DO UPDATE SET state = excluded.state, realised_at = excluded.realised_at,
                            amount = excluded.amount, line_code = excluded.line_code, fiscal_year = excluded.fiscal_year
                        """,
                        new { tenant = TenantId, r.OrderId, year = S.FiscalYear, r.LineCode, r.AmountRupiah, state = r.State == ReservationState.Committed ? "committed" : "realised", r.ReservedAt, r.RealisedAt }, ct);
                else
                    await tx.ExecuteAsync("DELETE FROM cooperation_budget_reservations WHERE tenant_id = @tenant AND order_id = @orderId AND fiscal_year = @year",
                        new { tenant = TenantId, orderId, year = S.FiscalYear }, ct);
            }
        }
        await AuditLog.WriteProjectedAsync(tx, EntityType, EntityId, batch.Version, batch.Audit, ct);
    }
}
