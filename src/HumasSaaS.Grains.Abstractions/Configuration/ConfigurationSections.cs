namespace HumasSaaS.Configuration;

public enum MediaType { Online, PrintDaily, PrintWeekly, PrintMonthly, Television, Radio }

public enum AcceptedFormat { Pdf, Jpeg, Png }

/// <summary>One item of the media partner document checklist (DOMAIN.md "Documents").</summary>
public sealed record DocumentRequirement(
    string Code,
    string Label,
    IReadOnlyList<MediaType> MediaTypes,
    bool Mandatory,
    bool Expires,
    int? DefaultValidityMonths,
    IReadOnlyList<AcceptedFormat> AcceptedFormats,
    int MaxSizeMb);

/// <summary>A registration period, optionally followed by an objection period (masa sanggah).</summary>
public sealed record IntakePeriod(
    string Code,
    string Label,
    DateOnly RegistrationOpens,
    DateOnly RegistrationCloses,
    DateOnly? ObjectionOpens,
    DateOnly? ObjectionCloses);

public enum GradingKind { Letters, Points }

public sealed record Grade(string Code, string Label, string? Description, int? MinPoints);

public sealed record GradingScheme(GradingKind Kind, IReadOnlyList<Grade> Grades);

public enum PublicationProduct { NewsItem, Advertorial, Subscription, BroadcastSpot, Banner }

/// <summary>A price for grade × media type × product; Code is "{grade}:{mediaType}:{product}".</summary>
public sealed record PriceEntry(string Code, string Grade, MediaType MediaType, PublicationProduct Product, long PriceRupiah, string? Unit);

public enum QuotaPeriod { Month, Quarter, Year }

/// <summary>
/// Media cooperation rules for one media type (Code is the media type's text): days after publication by which the proof
/// (bukti tayang) must be submitted (late = order locked), and how many orders one partner may get per period.
/// </summary>
public sealed record PublicationRule(string Code, MediaType MediaType, int ProofDeadlineDays, int QuotaPerPartner, QuotaPeriod QuotaPeriod);

/// <summary>A tenant change or addition to the statutory precedence table (UU 9/2010 Pasal 11).</summary>
public sealed record PrecedenceEntry(string Code, string Label, int Rank, string? TieGroup, string? Note);

public sealed record RundownTemplateItem(int Day, TimeOnly Start, TimeOnly End, string Item, string? PersonInCharge);

/// <summary>Defaults for a type of event; Code is the event type (rakor, bakohumas, coffee_morning, ...).</summary>
public sealed record EventTemplate(string Code, string Title, int Days, IReadOnlyList<RundownTemplateItem> Rundown);

public sealed record SopTiming(string Code, string Label, int WorkingDays);

public sealed record OfficeProfileSection(
    string UnitName,
    string? LegalBasisNumber,
    string? LegalBasisTitle,
    IReadOnlyList<SopTiming> SopTimings);

/// <summary>The whole configuration document; each property is a section compared and adopted by item code.</summary>
public sealed record TenantConfigurationState(
    IReadOnlyList<DocumentRequirement> DocumentChecklist,
    IReadOnlyList<IntakePeriod> IntakePeriods,
    GradingScheme Grading,
    IReadOnlyList<PriceEntry> PriceTable,
    IReadOnlyList<PrecedenceEntry> PrecedenceOverrides,
    IReadOnlyList<EventTemplate> EventTemplates,
    OfficeProfileSection OfficeProfile,
    IReadOnlyList<PublicationRule> PublicationRules);

public static class ConfigurationSection
{
    public const string DocumentChecklist = "documentChecklist";
    public const string IntakePeriods = "intakePeriods";
    public const string Grading = "grading";
    public const string PriceTable = "priceTable";
    public const string PrecedenceOverrides = "precedenceOverrides";
    public const string EventTemplates = "eventTemplates";
    public const string OfficeProfile = "officeProfile";
    public const string PublicationRules = "publicationRules";

    public static readonly IReadOnlyList<string> All =
        [DocumentChecklist, IntakePeriods, Grading, PriceTable, PrecedenceOverrides, EventTemplates, OfficeProfile, PublicationRules];

    public static string Label(string section) => section switch
    {
        DocumentChecklist => "Daftar dokumen persyaratan",
        IntakePeriods => "Masa pendaftaran dan sanggah",
        Grading => "Skema klasifikasi (grade)",
        PriceTable => "Tabel harga",
        PrecedenceOverrides => "Penyesuaian tata urutan protokol",
        EventTemplates => "Templat acara",
        OfficeProfile => "Profil unit dan dasar hukum",
        PublicationRules => "Tenggat bukti tayang dan kuota per jenis media",
        _ => section,
    };
}
