using HumasSaaS.MediaPartners;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Vendor;

/// <summary>The profile form of the vendor portal (flat fields; one chief editor and one local journalist).</summary>
public sealed class PartnerProfileForm
{
    public string LegalName { get; set; } = "";
    public LegalForm LegalForm { get; set; } = LegalForm.Pt;
    public string MediaName { get; set; } = "";
    public MediaType MediaType { get; set; } = MediaType.Online;
    public MediaScale Scale { get; set; } = MediaScale.Lokal;
    public string? Url { get; set; }
    public string Npwp { get; set; } = "";
    public string Nib { get; set; } = "";
    public string Address { get; set; } = "";
    public DateOnly? EstablishedOn { get; set; }
    public string ChiefEditorName { get; set; } = "";
    public UkwLevel? ChiefEditorUkwLevel { get; set; }
    public string? ChiefEditorUkwNumber { get; set; }
    public DateOnly? ChiefEditorUkwDate { get; set; }
    public string? JournalistName { get; set; }
    public string? JournalistRole { get; set; }
    public UkwLevel? JournalistUkwLevel { get; set; }
    public string? JournalistUkwNumber { get; set; }
    public DateOnly? JournalistUkwDate { get; set; }
    public DewanPersStatus DewanPersStatus { get; set; } = DewanPersStatus.None;
    public string? DewanPersCertificateNumber { get; set; }
    public DateOnly? DewanPersCertificateDate { get; set; }
    public string? DewanPersLink { get; set; }
    public string BankName { get; set; } = "";
    public string BankAccountNumber { get; set; } = "";
    public string BankAccountHolder { get; set; } = "";

    public MediaPartnerProfile ToProfile() => new(
        LegalName ?? "", LegalForm, MediaName ?? "", MediaType, Scale, Npwp ?? "", Nib ?? "", Address ?? "",
        new Journalist(ChiefEditorName ?? "", "Pemimpin Redaksi", ChiefEditorUkwLevel, Blank(ChiefEditorUkwNumber), ChiefEditorUkwDate),
        new DewanPersVerification(DewanPersStatus, Blank(DewanPersCertificateNumber), DewanPersCertificateDate, Blank(DewanPersLink)),
        new BankAccount(BankName ?? "", BankAccountNumber ?? "", BankAccountHolder ?? ""),
        Blank(Url),
        string.IsNullOrWhiteSpace(JournalistName) ? [] : [new Journalist(JournalistName, JournalistRole ?? "", JournalistUkwLevel, Blank(JournalistUkwNumber), JournalistUkwDate)],
        EstablishedOn);

    public static PartnerProfileForm From(MediaPartnerProfile p)
    {
        var j = p.Journalists?.FirstOrDefault();
        return new PartnerProfileForm
        {
            LegalName = p.LegalName, LegalForm = p.LegalForm, MediaName = p.MediaName, MediaType = p.MediaType, Scale = p.Scale, Url = p.Url,
            Npwp = p.Npwp, Nib = p.Nib, Address = p.Address, EstablishedOn = p.EstablishedOn,
            ChiefEditorName = p.ChiefEditor.Name, ChiefEditorUkwLevel = p.ChiefEditor.UkwLevel, ChiefEditorUkwNumber = p.ChiefEditor.UkwNumber,
            ChiefEditorUkwDate = p.ChiefEditor.UkwDate,
            JournalistName = j?.Name, JournalistRole = j?.Role, JournalistUkwLevel = j?.UkwLevel, JournalistUkwNumber = j?.UkwNumber, JournalistUkwDate = j?.UkwDate,
            DewanPersStatus = p.DewanPers.Status, DewanPersCertificateNumber = p.DewanPers.CertificateNumber,
            DewanPersCertificateDate = p.DewanPers.CertificateDate, DewanPersLink = p.DewanPers.Link,
            BankName = p.Bank.BankName, BankAccountNumber = p.Bank.AccountNumber, BankAccountHolder = p.Bank.AccountHolder,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Vendor portal inside a tenant: apply, profile, checklist with upload status and verifier notes, live status.</summary>
[HumasSaaS.Api.Platform.Http.AnonymousByDesign("the portal sends people who are not signed in to /masuk and shows data only to a vendor account")]
public sealed class VendorIndexModel(TenantContext tenant, Db db, MediaCompanies companies, PartnerDocuments documents, MediaPartnerGrains partners,
    OpenIntakes openIntakes) : PageModel
{
    public TenantContext Tenant => tenant;
    public VendorIdentity? Vendor { get; private set; }
    public PartnerResponse? Partner { get; private set; }
    public IntakePeriod? OpenPeriod { get; private set; }
    public IntakePeriod? Period { get; private set; }
    public IReadOnlyList<VendorApplication> Applications { get; private set; } = [];
    public IReadOnlyList<OpenIntake> OpenIntakes { get; private set; } = [];
    [BindProperty] public string? SourceTenant { get; set; }
    [BindProperty] public PartnerProfileForm Form { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The messages for one form field (its name without "Form."), empty when it has none.</summary>
    public string[] ErrorsFor(string field) => FieldErrors.TryGetValue(field, out var m) ? m : [];

    /// <summary>
    /// The form field an API error key belongs to: "profile.chiefEditor.ukwLevel" → "ChiefEditorUkwLevel",
    /// "profile.journalists[0].name" → "JournalistName", "profile.bank.bankName" → "BankName".
    /// </summary>
    public static string FormField(string key)
    {
        var path = key.StartsWith("profile.", StringComparison.Ordinal) ? key["profile.".Length..] : key;
        path = System.Text.RegularExpressions.Regex.Replace(path, @"^journalists\[\d+\]", "journalist");
        if (path == "bank.bankName") return "BankName";
        if (path is "chiefEditor") return "ChiefEditorName";
        return string.Concat(path.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public string? Invalid(string field) => FieldErrors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field) => FieldErrors.ContainsKey(field) ? "err-" + field : null;

    public Microsoft.AspNetCore.Html.IHtmlContent FieldError(string field)
    {
        if (!FieldErrors.TryGetValue(field, out var messages)) return Microsoft.AspNetCore.Html.HtmlString.Empty;
        var span = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder("span");
        span.AddCssClass("field-error");
        span.Attributes["id"] = "err-" + field;
        span.Attributes["data-testid"] = "field-error-" + field;
        span.InnerHtml.Append(string.Join(" ", messages));
        return span;
    }

    public bool CanEditProfile => Partner is null || Partner.Status is PartnerStatus.Draft or PartnerStatus.NeedsRevision;
    public bool CanUpload => Partner is not null && Partner.Status is PartnerStatus.Draft or PartnerStatus.NeedsRevision or PartnerStatus.Verified;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        if (await PrepareAsync(ct) is { } early) return early;
        // Outside a tenant the portal is the way in: the tenants that take applications today.
        if (tenant.Tenant is null) OpenIntakes = await openIntakes.ListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostApplyAsync(CancellationToken ct) => ActAsync(async (me, _) =>
    {
        await partners.ApplyAsync(tenant.TenantId, me, Form.ToProfile(), HttpContext.RequestAborted);
        return "Pendaftaran tersimpan sebagai draf. Unggah dokumen persyaratan lalu ajukan.";
    }, ct, postsProfile: true);

    public Task<IActionResult> OnPostProfileAsync(CancellationToken ct) => ActAsync(async (me, grain) =>
    {
        await grain().ChangeProfile(Version, Form.ToProfile(), me.Actor);
        return "Profil tersimpan.";
    }, ct, postsProfile: true);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => ActAsync(async (me, grain) =>
    {
        await grain().Submit(Version, IndonesiaDate.Today, me.Actor);
        return "Berkas diajukan. Status dapat dipantau di halaman ini.";
    }, ct);

    public async Task<IActionResult> OnPostReuseAsync(CancellationToken ct)
    {
        var source = SourceTenant;
        if (await PrepareAsync(ct) is { } early) return early;
        if (Vendor is null) return Page();
        try
        {
            var copied = await documents.ReuseAsync(tenant.TenantId, Vendor, new ReuseDocumentsRequest(source ?? ""), ct);
            TempData["Message"] = copied.Count == 0
                ? "Tidak ada dokumen dari instansi tersebut yang sesuai dengan daftar persyaratan di sini."
                : $"{copied.Count} dokumen disalin dari instansi lain. Periksa lalu ajukan.";
            return LocalRedirect(Request.PathBase + "/vendor");
        }
        catch (Exception e) when (e is RequestValidationException or DomainRuleException or NotFoundException)
        {
            Error = e is RequestValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
            Response.StatusCode = e is NotFoundException ? 404 : e is DomainRuleException d ? d.Status : 400;
            return Page();
        }
    }

    public Task<IActionResult> OnPostObjectionAsync(CancellationToken ct) => ActAsync(async (me, grain) =>
    {
        await grain().FileObjection(Version, Note ?? "", IndonesiaDate.Today, me.Actor);
        return "Sanggahan terkirim.";
    }, ct);

    /// <summary>Runs one change of the vendor's own partnership; <c>grain()</c> is that partner's grain (404 when it has not applied).</summary>
    private async Task<IActionResult> ActAsync(Func<VendorIdentity, Func<IMediaPartnerGrain>, Task<string>> action, CancellationToken ct,
        bool postsProfile = false)
    {
        // What the person posted: loading the page state below must not replace it (stale versions must conflict).
        // Only the profile forms post the profile; after any other action the form shows the saved profile.
        var (postedForm, postedVersion) = (Form, Version);
        if (await PrepareAsync(ct) is { } early) return early;
        if (Vendor is null) return Page();
        Version = postedVersion;
        if (postsProfile) Form = postedForm;
        var me = Vendor;
        try
        {
            var partner = await partners.FindByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            Message = await action(me, () => partner is null
                ? throw new NotFoundException("Perusahaan Anda belum mendaftar di instansi ini.")
                : partners.Grain(tenant.TenantId, partner.Id));
            // Post/redirect/get: a reload never repeats the action.
            TempData["Message"] = Message;
            return LocalRedirect(Request.PathBase + "/vendor");
        }
        catch (RequestValidationException e)
        {
            Error = "Periksa kembali isian yang ditandai.";
            FieldErrors = e.Errors.ToDictionary(x => FormField(x.Key), x => x.Value);
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = $"{e.Title}: {e.Message}";
            Response.StatusCode = e.Status;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Data sudah berubah sejak halaman dibuka. Halaman dimuat ulang; ulangi tindakan Anda.";
            Response.StatusCode = 409;
            await PrepareAsync(ct);
        }
        catch (NotFoundException e)
        {
            Error = e.Message;
            Response.StatusCode = 404;
        }
        return Page();
    }

    /// <summary>Loads what the page shows; returns a result when the page cannot be shown (no tenant, not signed in).</summary>
    private async Task<IActionResult?> PrepareAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return tenant.Tenant is null ? null : LocalRedirect("/masuk?ReturnUrl=" + Uri.EscapeDataString(Request.PathBase + "/vendor"));
        Vendor = User.UserId() is { } id && User.FindFirst(AccountClaims.TokenId) is null ? await companies.FindVendorAsync(id, ct) : null;
        if (Vendor is null) return null;
        Applications = await companies.ApplicationsAsync(Vendor.Company.Id, ct);
        if (tenant.Tenant is null) return null;
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        var config = await TenantConfiguration.LoadAsync(tx, ct);
        OpenPeriod = MediaPartner.OpenRegistration(config.State, IndonesiaDate.Today);
        var partner = await partners.FindByCompanyAsync(tenant.TenantId, Vendor.Company.Id, ct);
        if (partner is not null)
        {
            Partner = MediaPartnerEndpoints.Build(partner, config.State);
            Period = config.State.IntakePeriods.FirstOrDefault(p => p.Code == partner.State.IntakePeriodCode);
            Version = partner.Version;
            Form = PartnerProfileForm.From(partner.State.Profile);
            ModelState.Clear();
        }
        return null;
    }
}
