using System.Text.Json;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Configuration;

public sealed class ConfigurationVersionInfo
{
    public int Version { get; init; }
    public string[] ChangedSections { get; init; } = [];
    public Guid? AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public string? Note { get; init; }
    public Guid? SourceTenantId { get; init; }
    public string? SourceTenantName { get; init; }
    public int? SourceVersion { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>Where adopted items came from (study visits): shown in the history, never a live link.</summary>
public sealed record ConfigurationProvenance(Guid SourceTenantId, int SourceVersion);

/// <summary>
/// The tenant's configuration document: one entity, every change a new version kept with author, note and
/// provenance. Sections are replaced whole and validated by their own rules.
/// </summary>
public sealed partial class TenantConfiguration
{
    public const string EntityType = "tenant_configuration";
    public static readonly EntityStore<TenantConfigurationState> Store = new("tenant_configurations", EntityType);

    private readonly HashSet<string> changedSections = new(StringComparer.Ordinal);

    private TenantConfiguration(Guid tenantId, TenantConfigurationState state, int version)
    {
        TenantId = tenantId;
        State = state;
        Version = version;
    }

    public Guid TenantId { get; }
    public TenantConfigurationState State { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyCollection<string> ChangedSections => changedSections;

    public static async Task<TenantConfiguration> LoadAsync(TenantTransaction tx, CancellationToken ct)
    {
        var stored = await Store.LoadAsync(tx, tx.TenantId, ct: ct) ?? throw new NotFoundException("Konfigurasi instansi belum ada.");
        return new TenantConfiguration(tx.TenantId, stored.State, stored.Version);
    }

    /// <summary>Creates version 1 from the defaults unless the tenant already has a configuration.</summary>
    public static async Task EnsureCreatedAsync(TenantTransaction tx, string officeUnitName, Actor actor, CancellationToken ct)
    {
        if (await Store.LoadAsync(tx, tx.TenantId, ct: ct) is not null) return;
        var state = ConfigurationDefaults.For(officeUnitName);
        await Store.InsertAsync(tx, tx.TenantId, state, actor.UserId, ct);
        await InsertVersionAsync(tx, 1, state, [.. ConfigurationSection.All], actor, "Konfigurasi awal (bawaan)", null, ct);
    }

    /// <summary>Replaces one section with <paramref name="value"/> (JSON of that section's shape), validating it.</summary>
    public void ReplaceSection(string section, JsonElement value)
    {
        try
        {
            State = section switch
            {
                ConfigurationSection.DocumentChecklist => State with { DocumentChecklist = Validate(section, Read<List<DocumentRequirement>>(value)) },
                ConfigurationSection.IntakePeriods => State with { IntakePeriods = Validate(section, Read<List<IntakePeriod>>(value)) },
                ConfigurationSection.Grading => State with { Grading = Validate(section, Read<GradingScheme>(value)) },
                ConfigurationSection.PriceTable => State with { PriceTable = Validate(section, Read<List<PriceEntry>>(value)) },
                ConfigurationSection.PrecedenceOverrides => State with { PrecedenceOverrides = Validate(section, Read<List<PrecedenceEntry>>(value)) },
                ConfigurationSection.EventTemplates => State with { EventTemplates = Validate(section, Read<List<EventTemplate>>(value)) },
                ConfigurationSection.OfficeProfile => State with { OfficeProfile = Validate(section, Read<OfficeProfileSection>(value)) },
                ConfigurationSection.PublicationRules => State with { PublicationRules = Validate(section, Read<List<PublicationRule>>(value)) },
                _ => throw new NotFoundException($"Bagian konfigurasi '{section}' tidak dikenal."),
            };
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [section + (e.Path is { Length: > 1 } p ? p[1..] : "")] = ["Isi bagian ini tidak sesuai dengan bentuknya."],
            });
        }
        changedSections.Add(section);
    }

    /// <summary>Replaces the whole document at once (used by adopt); the sections that differ are recorded.</summary>
    public void ReplaceAll(TenantConfigurationState state)
    {
        foreach (var section in ConfigurationSection.All)
        {
            if (!JsonEquals(SectionValue(State, section), SectionValue(state, section))) changedSections.Add(section);
        }
        ValidateAll(state);
        State = state;
    }

    public async Task SaveAsync(TenantTransaction tx, int expectedVersion, Actor actor, string? note, ConfigurationProvenance? provenance, CancellationToken ct)
    {
        if (note is { Length: > 1000 })
            throw new RequestValidationException(new Dictionary<string, string[]> { ["note"] = ["Catatan paling banyak 1000 karakter."] });
        if (changedSections.Count == 0)
            throw new DomainRuleException("Tidak ada perubahan", "Konfigurasi tidak berubah; tidak ada versi baru yang dibuat.", 422);
        var saved = await Store.SaveAsync(tx, TenantId, State, expectedVersion, actor.UserId, ct);
        Version = saved.Version;
        await InsertVersionAsync(tx, Version, State, [.. changedSections.Order()], actor, note, provenance, ct);
        await AuditLog.WriteAsync(tx, EntityType, TenantId, provenance is null ? "configuration_changed" : "configuration_adopted", actor, note,
            new { version = Version, sections = changedSections.Order().ToArray(), provenance }, ct);
    }

    public static object SectionValue(TenantConfigurationState state, string section) => section switch
    {
        ConfigurationSection.DocumentChecklist => state.DocumentChecklist,
        ConfigurationSection.IntakePeriods => state.IntakePeriods,
        ConfigurationSection.Grading => state.Grading,
        ConfigurationSection.PriceTable => state.PriceTable,
        ConfigurationSection.PrecedenceOverrides => state.PrecedenceOverrides,
        ConfigurationSection.EventTemplates => state.EventTemplates,
        ConfigurationSection.OfficeProfile => state.OfficeProfile,
        ConfigurationSection.PublicationRules => state.PublicationRules,
        _ => throw new NotFoundException($"Bagian konfigurasi '{section}' tidak dikenal."),
    };

    public static async Task<IReadOnlyList<ConfigurationVersionInfo>> HistoryAsync(TenantTransaction tx, CancellationToken ct) =>
        (await tx.QueryAsync<ConfigurationVersionInfo>(
            """
            SELECT v.version, v.changed_sections AS ChangedSections, v.author_id AS AuthorId, v.author_name AS AuthorName, v.note,
                   v.source_tenant_id AS SourceTenantId, t.official_name AS SourceTenantName, v.source_version AS SourceVersion, v.created_at AS CreatedAt
            FROM tenant_configuration_versions v LEFT JOIN tenants t ON t.id = v.source_tenant_id
            ORDER BY v.version DESC
            """, ct: ct)).ToList();

    public static async Task<TenantConfigurationState?> VersionAsync(TenantTransaction tx, int version, CancellationToken ct)
    {
        var json = await tx.ExecuteScalarAsync<string>(
            "SELECT state::text FROM tenant_configuration_versions WHERE version = @version", new { version }, ct);
        return json is null ? null : JsonSerializer.Deserialize<TenantConfigurationState>(json, EntityJson.Options);
    }

    private static Task InsertVersionAsync(TenantTransaction tx, int version, TenantConfigurationState state, string[] sections, Actor actor,
        string? note, ConfigurationProvenance? provenance, CancellationToken ct) =>
        tx.ExecuteAsync(
            """
            INSERT INTO tenant_configuration_versions
                (tenant_id, version, state, changed_sections, author_id, author_name, note, source_tenant_id, source_version)
            VALUES (@tenant, @version, @state::jsonb, @sections, @authorId, @authorName, @note, @sourceTenant, @sourceVersion)
            """,
            new
            {
                tenant = tx.TenantId, version, state = JsonSerializer.Serialize(state, EntityJson.Options), sections,
                authorId = actor.UserId, authorName = actor.Name, note, sourceTenant = provenance?.SourceTenantId, sourceVersion = provenance?.SourceVersion,
            }, ct);

    private static T Read<T>(JsonElement value) =>
        value.Deserialize<T>(ConfigurationJson.Strict) ?? throw new JsonException("null section", "$", null, null);

    private static bool JsonEquals(object a, object b) =>
        JsonSerializer.Serialize(a, EntityJson.Options) == JsonSerializer.Serialize(b, EntityJson.Options);

    public static void ValidateAll(TenantConfigurationState state)
    {
        Validate(ConfigurationSection.DocumentChecklist, state.DocumentChecklist);
        Validate(ConfigurationSection.IntakePeriods, state.IntakePeriods);
        Validate(ConfigurationSection.Grading, state.Grading);
        Validate(ConfigurationSection.PriceTable, state.PriceTable);
        Validate(ConfigurationSection.PrecedenceOverrides, state.PrecedenceOverrides);
        Validate(ConfigurationSection.EventTemplates, state.EventTemplates);
        Validate(ConfigurationSection.OfficeProfile, state.OfficeProfile);
        Validate(ConfigurationSection.PublicationRules, state.PublicationRules);
    }

    private static T Validate<T>(string section, T value)
    {
        var v = new Validator();
        switch (value)
        {
            case IReadOnlyList<DocumentRequirement> items:
                Items(v, section, items, 100, i => i.Code, (f, i) =>
                {
                    v.Text(f + ".label", "Nama dokumen", i.Label, 200);
                    if (i.MediaTypes is not { Count: > 0 }) v.Add(f + ".mediaTypes", "Pilih sekurang-kurangnya satu jenis media.");
                    if (i.AcceptedFormats is not { Count: > 0 }) v.Add(f + ".acceptedFormats", "Pilih sekurang-kurangnya satu format berkas.");
                    v.Range(f + ".maxSizeMb", "Batas ukuran (MB)", i.MaxSizeMb, 1, 200);
                    if (i.Expires && i.DefaultValidityMonths is not (>= 1 and <= 120))
                        v.Add(f + ".defaultValidityMonths", "Dokumen yang berlaku terbatas perlu masa berlaku 1–120 bulan.");
                });
                break;
            case IReadOnlyList<IntakePeriod> periods:
                Items(v, section, periods, 50, p => p.Code, (f, p) =>
                {
                    v.Text(f + ".label", "Nama periode", p.Label, 200);
                    if (p.RegistrationCloses < p.RegistrationOpens) v.Add(f + ".registrationCloses", "Tanggal tutup pendaftaran sebelum tanggal buka.");
                    if (p.ObjectionOpens is null != p.ObjectionCloses is null) v.Add(f + ".objectionOpens", "Masa sanggah perlu tanggal buka dan tutup.");
                    if (p.ObjectionOpens is { } o && p.ObjectionCloses is { } c)
                    {
                        if (c < o) v.Add(f + ".objectionCloses", "Tanggal tutup sanggah sebelum tanggal buka.");
                        if (o <= p.RegistrationCloses) v.Add(f + ".objectionOpens", "Masa sanggah dimulai setelah pendaftaran ditutup.");
                    }
                });
                break;
            case GradingScheme grading:
                Items(v, section + ".grades", grading.Grades, 20, g => g.Code, (f, g) =>
                {
                    v.Text(f + ".label", "Nama grade", g.Label, 100).Text(f + ".description", "Keterangan", g.Description, 500, required: false);
                    if (grading.Kind == GradingKind.Points && g.MinPoints is null) v.Add(f + ".minPoints", "Skema poin memerlukan poin minimum.");
                });
                if (grading.Grades.Count == 0) v.Add(section + ".grades", "Sekurang-kurangnya satu grade.");
                break;
            case IReadOnlyList<PriceEntry> prices:
                Items(v, section, prices, 500, p => p.Code, (f, p) =>
                {
                    v.Range(f + ".priceRupiah", "Harga", p.PriceRupiah, 0, 10_000_000_000).Text(f + ".unit", "Satuan", p.Unit, 100, required: false);
                    var expected = $"{p.Grade}:{EntityJson.EnumText(p.MediaType)}:{EntityJson.EnumText(p.Product)}";
                    if (p.Code != expected) v.Add(f + ".code", $"Kode harga harus '{expected}'.");
                });
                break;
            case IReadOnlyList<PrecedenceEntry> entries:
                Items(v, section, entries, 200, e => e.Code, (f, e) =>
                {
                    v.Text(f + ".label", "Jabatan", e.Label, 200).Range(f + ".rank", "Peringkat", e.Rank, 1, 999)
                        .Text(f + ".tieGroup", "Kelompok setara", e.TieGroup, 60, required: false).Text(f + ".note", "Catatan", e.Note, 300, required: false);
                });
                break;
            case IReadOnlyList<EventTemplate> templates:
                Items(v, section, templates, 50, t => t.Code, (f, t) =>
                {
                    v.Text(f + ".title", "Judul", t.Title, 200).Range(f + ".days", "Jumlah hari", t.Days, 1, 14)
                        .Count(f + ".rundown", "Susunan acara", t.Rundown, 100);
                    for (var i = 0; i < t.Rundown.Count; i++)
                    {
                        var r = t.Rundown[i];
                        v.Text($"{f}.rundown[{i}].item", "Mata acara", r.Item, 200).Range($"{f}.rundown[{i}].day", "Hari ke", r.Day, 1, t.Days)
                            .Text($"{f}.rundown[{i}].personInCharge", "Penanggung jawab", r.PersonInCharge, 150, required: false);
                        if (r.End <= r.Start) v.Add($"{f}.rundown[{i}].end", "Jam selesai harus setelah jam mulai.");
                    }
                });
                break;
            case IReadOnlyList<PublicationRule> rules:
                Items(v, section, rules, 20, r => r.Code, (f, r) =>
                {
                    v.Range(f + ".proofDeadlineDays", "Tenggat bukti tayang (hari)", r.ProofDeadlineDays, 1, 60)
                        .Range(f + ".quotaPerPartner", "Kuota per media", r.QuotaPerPartner, 0, 1000);
                    if (r.Code != EntityJson.EnumText(r.MediaType)) v.Add(f + ".code", $"Kode aturan harus '{EntityJson.EnumText(r.MediaType)}'.");
                });
                break;
            case OfficeProfileSection office:
                v.Text(section + ".unitName", "Nama unit", office.UnitName, 200, 3)
                    .Text(section + ".legalBasisNumber", "Nomor dasar hukum", office.LegalBasisNumber, 100, required: false)
                    .Text(section + ".legalBasisTitle", "Judul dasar hukum", office.LegalBasisTitle, 300, required: false);
                Items(v, section + ".sopTimings", office.SopTimings, 50, s => s.Code, (f, s) =>
                    v.Text(f + ".label", "Nama tahapan", s.Label, 200).Range(f + ".workingDays", "Hari kerja", s.WorkingDays, 0, 365));
                break;
        }
        v.ThrowIfInvalid();
        return value;
    }

    private static void Items<T>(Validator v, string field, IReadOnlyList<T> items, int max, Func<T, string> code, Action<string, T> check)
    {
        v.Count(field, "Daftar", items, max);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var f = $"{field}[{i}]";
            var c = code(items[i]);
            if (string.IsNullOrEmpty(c) || !CodePattern().IsMatch(c)) v.Add(f + ".code", "Kode 1–60 karakter: huruf, angka, _ : -");
            else if (!seen.Add(c)) v.Add(f + ".code", $"Kode '{c}' dipakai lebih dari sekali.");
            check(f, items[i]);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_:-]{1,60}$")]
    private static partial Regex CodePattern();
}

public static class ConfigurationJson
{
    /// <summary>Section values sent by clients: the entity format, plus unknown fields refused and non-nullable fields required.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(EntityJson.Options)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        };
        HumasSaaS.Api.Platform.Http.JsonInputRules.Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
