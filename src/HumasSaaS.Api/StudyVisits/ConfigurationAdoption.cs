using System.Text.Json;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.StudyVisits;

public sealed record AdoptSelection(string Section, IReadOnlyList<string> Codes);

/// <param name="SourceTenant">Slug of the tenant whose shared configuration is adopted.</param>
/// <param name="Version">The adopting tenant's configuration version the selection was made against (409 when stale).</param>
/// <param name="SourceVersion">When given, the source version that was compared (409 when the source changed since).</param>
public sealed record AdoptRequest(string SourceTenant, int Version, IReadOnlyList<AdoptSelection> Items, int? SourceVersion = null, string? Note = null);

/// <summary>
/// Copies chosen items of another tenant's shared sections into the own configuration as one new version with
/// provenance (source tenant and version). Configuration only: nothing else is read from or written to the source.
/// </summary>
public sealed class ConfigurationAdoption(Db db, SharedConfigurations shared)
{
    public async Task<TenantConfiguration> AdoptAsync(Guid tenantId, Actor actor, AdoptRequest request, CancellationToken ct)
    {
        var v = new Validator();
        if (request.Items is not { Count: > 0 }) v.Add("items", "Pilih sekurang-kurangnya satu butir untuk diadopsi.");
        v.Count("items", "Pilihan", request.Items, 20);
        v.Text("note", "Catatan", request.Note, 1000, required: false);
        for (var i = 0; i < (request.Items?.Count ?? 0); i++)
        {
            var item = request.Items![i];
            if (!ConfigurationSection.All.Contains(item.Section)) v.Add($"items[{i}].section", $"Bagian '{item.Section}' tidak dikenal.");
            if (item.Codes is not { Count: > 0 }) v.Add($"items[{i}].codes", "Pilih sekurang-kurangnya satu kode.");
            v.Count($"items[{i}].codes", "Kode", item.Codes, 500);
        }
        v.ThrowIfInvalid();

        var source = await shared.ForTenantAsync(tenantId, request.SourceTenant, ct);
        if (source.Own)
            throw new DomainRuleException("Tidak dapat mengadopsi", "Konfigurasi tidak dapat diadopsi dari instansi sendiri.", 422);
        if (request.SourceVersion is { } sv && sv != source.Version)
            throw new DomainRuleException("Konfigurasi sumber berubah",
                $"Konfigurasi {source.Name} sudah berubah ke versi {source.Version} sejak dibandingkan (versi {sv}). Bandingkan ulang lalu pilih lagi.", 409);

        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var configuration = await TenantConfiguration.LoadAsync(tx, ct);
        // Checked before comparing content, so a stale request is a conflict even when the change would now be a no-op.
        if (configuration.Version != request.Version)
            throw new ConcurrencyConflictException(TenantConfiguration.EntityType, tenantId, request.Version, configuration.Version);
        var target = ConfigurationDiff.ToJson(configuration.State);
        for (var i = 0; i < request.Items!.Count; i++)
        {
            var item = request.Items[i];
            // A section the source does not share is reported exactly like an unknown code: nothing about it leaks.
            var missing = source.Sections.Contains(item.Section)
                ? ConfigurationDiff.CopyItems(source.Configuration, target, item.Section, item.Codes)
                : item.Codes;
            if (missing.Count > 0) v.Add($"items[{i}].codes", $"Tidak ada di bagian yang dibagikan sumber: {string.Join(", ", missing)}.");
        }
        v.ThrowIfInvalid();

        TenantConfigurationState adopted;
        try
        {
            adopted = ConfigurationDiff.FromJson(target);
        }
        catch (JsonException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["items"] = ["Butir yang dipilih tidak sesuai dengan bentuk konfigurasi."] });
        }
        configuration.ReplaceAll(adopted);
        var note = string.IsNullOrWhiteSpace(request.Note)
            ? $"Adopsi dari {source.Name} versi {source.Version}: " + string.Join("; ", request.Items.Select(s => $"{ConfigurationSection.Label(s.Section)} ({string.Join(", ", s.Codes)})"))
            : request.Note.Trim();
        if (note.Length > 1000) note = note[..997] + "...";
        await configuration.SaveAsync(tx, request.Version, actor, note, new ConfigurationProvenance(source.TenantId, source.Version), ct);
        await tx.CommitAsync(ct);
        return configuration;
    }
}
