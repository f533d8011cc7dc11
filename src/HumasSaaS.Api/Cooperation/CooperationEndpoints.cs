using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.MediaPartners;

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

        MapOrders(group.MapGroup("/orders"));
        MapVendorOrders(api.MapGroup("/vendor/orders").WithTags("Portal vendor media").RequireTenantPublic());
    }

    private static void MapOrders(RouteGroupBuilder orders)
    {
        TenantRole[] orderers = [TenantRole.Verifier];

        orders.MapGet("", async (string? status, TenantContext tenant, PublicationOrders service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(tenant.TenantId, PublicationOrders.ParseStatus(status), null, ct)))
            .RequireTenant().WithName("ListPublicationOrders")
            .WithSummary("Pesanan publikasi menurut status (?status=ordered|proof_submitted|proof_accepted|invoice_submitted|paid|cancelled), dengan tenggat bukti tayang")
            .ProducesValidationProblem();

        orders.MapPost("", async (CreateOrderRequest request, TenantContext tenant, PublicationOrders service, HttpContext http) =>
        {
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var created = await service.CreateAsync(tenant.TenantId, request, key.Length == 0 ? null : key, tenant.RequiredActor);
            return TypedResults.Created($"/api/v1/cooperation/orders/{created.Id}", created);
        }).RequireTenant(orderers).WithName("CreatePublicationOrder")
          .WithSummary("Buat pesanan publikasi untuk media mitra terverifikasi yang dokumen wajibnya berlaku; harga dari tabel harga; " +
                       "nilainya dipesan dari anggaran (422 bila mitra belum memenuhi syarat, 409 bila anggaran tidak cukup). Header Idempotency-Key dihormati")
          .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        orders.MapGet("/{id:guid}", async (Guid id, TenantContext tenant, PublicationOrders service) =>
            TypedResults.Ok(PublicationOrders.View(await service.RequireAsync(tenant.TenantId, id))))
            .RequireTenant().WithName("GetPublicationOrder")
            .WithSummary("Rincian pesanan: harga, anggaran, jadwal, tenggat, bukti tayang, tagihan, pembayaran").ProducesProblem(404);

        orders.MapPost("/{id:guid}/cancel", async (Guid id, CancelOrderRequest request, TenantContext tenant, PublicationOrders service) =>
            TypedResults.Ok(PublicationOrders.View(await service.Grain(tenant.TenantId, id).Cancel(request.Version, request.Reason ?? "", tenant.RequiredActor))))
            .RequireTenant(orderers).WithName("CancelPublicationOrder")
            .WithSummary("Batalkan pesanan yang belum tayang; anggarannya dilepas (409 bila versi berubah atau sudah tayang)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        orders.MapPost("/{id:guid}/proof-decision", async (Guid id, ProofDecisionRequest request, TenantContext tenant, PublicationOrders service) =>
        {
            if (!Enum.IsDefined(request.Decision))
                throw new RequestValidationException(new Dictionary<string, string[]> { ["decision"] = ["Keputusan harus accepted atau rejected."] });
            return TypedResults.Ok(PublicationOrders.View(await service.Grain(tenant.TenantId, id)
                .DecideProof(request.Version, request.Decision == DocumentReview.Accepted, request.Note, tenant.RequiredActor)));
        }).RequireTenant(orderers).WithName("DecidePublicationProof")
          .WithSummary("Terima atau tolak bukti tayang (penolakan wajib dengan catatan; vendor dapat mengirim ulang sebelum tenggat)")
          .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        orders.MapGet("/{id:guid}/proofs/{proofId:guid}/content", (Guid id, Guid proofId, TenantContext tenant, PublicationOrders service, HttpContext http, CancellationToken ct) =>
            service.StreamProofAsync(http, tenant.TenantId, id, proofId, ct))
            .RequireTenant().WithName("GetPublicationProofContent")
            .WithSummary("Lihat berkas bukti tayang (ditampilkan dalam sandbox)")
            .Produces(200, null, "application/pdf", "image/jpeg", "image/png").ProducesProblem(404);

        orders.MapGet("/{id:guid}/invoice/content", (Guid id, TenantContext tenant, PublicationOrders service, HttpContext http, CancellationToken ct) =>
            service.StreamInvoiceAsync(http, tenant.TenantId, id, ct))
            .RequireTenant().WithName("GetPublicationInvoiceContent")
            .WithSummary("Lihat berkas tagihan (ditampilkan dalam sandbox)")
            .Produces(200, null, "application/pdf", "image/jpeg", "image/png").ProducesProblem(404);

        orders.MapPost("/{id:guid}/payment", async (Guid id, PaymentRequest request, TenantContext tenant, PublicationOrders service) =>
            TypedResults.Ok(PublicationOrders.View(await service.Grain(tenant.TenantId, id)
                .RecordPayment(request.Version, request.PaidOn, request.Reference ?? "", IndonesiaDate.Today, tenant.RequiredActor))))
            .RequireTenant(TenantRole.TenantAdmin).WithName("RecordPublicationPayment")
            .WithSummary("Catat pembayaran tagihan (tanggal, nomor SP2D); nilai pesanan berpindah dari terpesan ke terealisasi")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }

    private static void MapVendorOrders(RouteGroupBuilder vendor)
    {
        vendor.MapGet("", async (TenantContext tenant, PublicationOrders service, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(await service.ListAsync(tenant.TenantId, null, me.Company.Id, ct));
        }).WithName("VendorListOrders").WithSummary("Pesanan publikasi untuk perusahaan Anda, dengan tenggat bukti tayang")
          .ProducesProblem(401).ProducesProblem(403);

        vendor.MapGet("/{id:guid}", async (Guid id, TenantContext tenant, PublicationOrders service, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(PublicationOrders.View(await service.RequireForCompanyAsync(tenant.TenantId, id, me.Company.Id)));
        }).WithName("VendorGetOrder").WithSummary("Rincian satu pesanan perusahaan Anda")
          .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        vendor.MapPost("/{id:guid}/proof", async (Guid id, ProofLinkRequest request, TenantContext tenant, PublicationOrders service, MediaCompanies companies,
            HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(await service.SubmitProofAsync(http, tenant.TenantId, id, me, request.Url, request.PublishedOn, null, null, ct));
        }).WithName("VendorSubmitProofLink")
          .WithSummary("Kirim bukti tayang berupa tautan dan tanggal tayang (sebelum tenggat; media daring: tautan di situs terdaftar)")
          .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        vendor.MapPut("/{id:guid}/proof/file", async (Guid id, DateOnly publishedOn, string? url, string? fileName, TenantContext tenant,
            PublicationOrders service, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(await service.SubmitProofAsync(http, tenant.TenantId, id, me, url, publishedOn, fileName, http.Request.Body, ct));
        }).WithName("VendorUploadProof")
          .WithSummary("Unggah bukti tayang (tangkapan layar atau pindaian; isi permintaan = isi berkas PDF/JPEG/PNG, paling besar 10 MB, diperiksa dari isinya); " +
                       "?publishedOn=yyyy-MM-dd wajib, ?url= dan ?fileName= opsional")
          .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png", "application/octet-stream")
          .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
          .ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);

        vendor.MapPost("/{id:guid}/invoice", async (Guid id, InvoiceRequest request, TenantContext tenant, PublicationOrders service, MediaCompanies companies,
            HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(await service.SubmitInvoiceAsync(http, tenant.TenantId, id, me, request, null, null, ct));
        }).WithName("VendorSubmitInvoice")
          .WithSummary("Ajukan tagihan untuk pesanan yang bukti tayangnya diterima (nilai = nilai pesanan; mitra harus tetap memenuhi syarat)")
          .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        vendor.MapPut("/{id:guid}/invoice/file", async (Guid id, string number, DateOnly issuedOn, long amountRupiah, string? fileName, TenantContext tenant,
            PublicationOrders service, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(await service.SubmitInvoiceAsync(http, tenant.TenantId, id, me, new InvoiceRequest(number, issuedOn, amountRupiah), fileName, http.Request.Body, ct));
        }).WithName("VendorUploadInvoice")
          .WithSummary("Ajukan tagihan dengan berkasnya (isi permintaan = PDF/JPEG/PNG, paling besar 10 MB); ?number=&issuedOn=yyyy-MM-dd&amountRupiah= wajib")
          .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png", "application/octet-stream")
          .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
          .ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
    }
}
