using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages;

/// <summary>The error page a browser sees (see <see cref="ErrorPages"/>); API clients get problem details instead.</summary>
[IgnoreAntiforgeryToken]
[AnonymousByDesign("the error page every browser request may end on")]
public sealed class GalatModel(TenantContext tenant) : PageModel
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? Reference { get; private set; }
    public bool IsStaff => tenant.Tenant is not null && tenant.Roles.Count > 0;

    public IActionResult OnGet(int status) => Render(status);
    public IActionResult OnPost(int status) => Render(status);
    public IActionResult OnPut(int status) => Render(status);
    public IActionResult OnDelete(int status) => Render(status);

    private PageResult Render(int status)
    {
        Status = status is >= 400 and <= 599 ? status : 404;
        Response.StatusCode = Status;
        var problem = HttpContext.Items[ErrorPages.ProblemKey] as ProblemDetails;
        (Heading, Message) = Status switch
        {
            // One text for every 404: a resource of another tenant reads exactly like one that does not exist.
            404 => ("Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada, sudah dipindahkan, atau tidak tersedia untuk Anda."),
            403 => ("Akses ditolak", "Akun Anda tidak berhak membuka halaman ini. Bila menurut Anda ini keliru, hubungi admin instansi Anda."),
            401 => ("Perlu masuk", "Silakan masuk terlebih dahulu untuk membuka halaman ini."),
            429 => ("Terlalu banyak permintaan", problem?.Detail ?? "Anda mengirim terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi."),
            >= 500 => ("Terjadi kesalahan pada server", "Maaf, permintaan Anda tidak dapat diselesaikan. Silakan coba lagi beberapa saat lagi."),
            // Rule and input failures carry a message written for people (Indonesian, no internals).
            _ => (Problems.TitleFor(Status), problem?.Detail ?? Problems.DetailFor(Status)),
        };
        if (Status >= 500) Reference = HttpContext.TraceIdentifier;
        return Page();
    }
}
