using System.Globalization;
using HumasSaaS.Domain;

namespace HumasSaaS;

/// <summary>
/// The one place where codes become the Indonesian words people read: enum values (keyed by the enum's name and its
/// snake_case text, so enums of the API project are covered here too), audit actions, yes/no, sizes and rupiah.
/// Pages, CSV exports and the API's label fields all read from here.
/// </summary>
public static class Words
{
    private static readonly Dictionary<string, string> Enums = new(StringComparer.Ordinal)
    {
        // media partners
        ["PartnerStatus.draft"] = "Draf",
        ["PartnerStatus.submitted"] = "Diajukan",
        ["PartnerStatus.in_review"] = "Sedang diverifikasi",
        ["PartnerStatus.verified"] = "Terverifikasi",
        ["PartnerStatus.needs_revision"] = "Perlu perbaikan",
        ["PartnerStatus.rejected"] = "Ditolak",
        ["LegalForm.pt"] = "PT",
        ["LegalForm.yayasan"] = "Yayasan",
        ["LegalForm.koperasi"] = "Koperasi",
        ["MediaScale.lokal"] = "Lokal",
        ["MediaScale.regional"] = "Regional",
        ["MediaScale.nasional"] = "Nasional",
        ["UkwLevel.muda"] = "Wartawan Muda",
        ["UkwLevel.madya"] = "Wartawan Madya",
        ["UkwLevel.utama"] = "Wartawan Utama",
        ["DewanPersStatus.none"] = "Belum terverifikasi Dewan Pers",
        ["DewanPersStatus.administratif"] = "Terverifikasi administratif",
        ["DewanPersStatus.faktual"] = "Terverifikasi faktual",
        ["DocumentReview.accepted"] = "Diterima",
        ["DocumentReview.rejected"] = "Ditolak",
        ["ExpiryState.valid"] = "berlaku",
        ["ExpiryState.expiring_soon"] = "segera kedaluwarsa",
        ["ExpiryState.expired"] = "kedaluwarsa",

        // configuration
        ["MediaType.online"] = "Media siber (daring)",
        ["MediaType.print_daily"] = "Cetak harian",
        ["MediaType.print_weekly"] = "Cetak mingguan",
        ["MediaType.print_monthly"] = "Cetak bulanan",
        ["MediaType.television"] = "Televisi",
        ["MediaType.radio"] = "Radio",
        ["AcceptedFormat.pdf"] = "PDF",
        ["AcceptedFormat.jpeg"] = "JPEG",
        ["AcceptedFormat.png"] = "PNG",
        ["GradingKind.letters"] = "Huruf",
        ["GradingKind.points"] = "Poin",
        ["PublicationProduct.news_item"] = "Berita",
        ["PublicationProduct.advertorial"] = "Advertorial",
        ["PublicationProduct.subscription"] = "Langganan",
        ["PublicationProduct.broadcast_spot"] = "Spot siaran",
        ["PublicationProduct.banner"] = "Banner",
        ["OrderStatus.reserving"] = "Sedang dipesan",
        ["OrderStatus.ordered"] = "Dipesan",
        ["OrderStatus.proof_submitted"] = "Bukti tayang dikirim",
        ["OrderStatus.proof_accepted"] = "Bukti tayang diterima",
        ["OrderStatus.invoice_submitted"] = "Tagihan diajukan",
        ["OrderStatus.paid"] = "Dibayar",
        ["OrderStatus.cancelled"] = "Dibatalkan",
        ["QuotaPeriod.month"] = "bulan",
        ["QuotaPeriod.quarter"] = "triwulan",
        ["QuotaPeriod.year"] = "tahun",

        // events
        ["EventType.rakor"] = "Rapat koordinasi",
        ["EventType.bakohumas"] = "Temu konsultasi Bakohumas",
        ["EventType.coffee_morning"] = "Coffee morning",
        ["EventType.expo"] = "Pameran",
        ["EventType.forum"] = "Forum Humas",
        ["EventType.bimtek"] = "Bimbingan teknis",
        ["EventType.press_conference"] = "Konferensi pers",
        ["EventType.study_visit"] = "Studi banding",
        ["EventStatus.draft"] = "Draf",
        ["EventStatus.published"] = "Dipublikasikan",
        ["EventStatus.ongoing"] = "Berlangsung",
        ["EventStatus.closed"] = "Selesai",
        ["EventStatus.cancelled"] = "Dibatalkan",
        ["ParticipantCategory.opd"] = "OPD/SKPD",
        ["ParticipantCategory.kecamatan"] = "Kecamatan",
        ["ParticipantCategory.desa_kelurahan"] = "Desa/Kelurahan",
        ["ParticipantCategory.upt"] = "UPT",
        ["ParticipantCategory.vertical_agency"] = "Instansi vertikal",
        ["ParticipantCategory.media"] = "Media",
        ["ParticipantCategory.organisation"] = "Organisasi",
        ["ParticipantCategory.other"] = "Lainnya",
        ["AttendanceMode.in_person"] = "Luring (hadir langsung)",
        ["AttendanceMode.online"] = "Daring",
        ["ParticipantSource.invitation"] = "Undangan",
        ["ParticipantSource.registration"] = "Pendaftaran publik",
        ["ParticipantSource.import"] = "Impor CSV",
        ["ParticipantSource.walk_in"] = "Datang langsung",
        ["CheckInMethod.qr"] = "Pindai QR",
        ["CheckInMethod.code"] = "Kode tiket",
        ["CheckInMethod.name"] = "Cari nama",
        ["CheckInMethod.walk_in"] = "Datang langsung",
        ["TieBreak.table_order"] = "Urutan tabel",
        ["TieBreak.alphabetical"] = "Abjad",
        ["TieBreak.registration"] = "Urutan pendaftaran",
        ["ReservationState.committed"] = "Dipesan",
        ["ReservationState.realised"] = "Terealisasi",

        // accounts and tenants (enums of the API project)
        ["TenantRole.tenant_admin"] = "Admin instansi",
        ["TenantRole.verifier"] = "Verifikator",
        ["TenantRole.protocol_officer"] = "Petugas protokol",
        ["TenantRole.viewer"] = "Peninjau",
        ["InvitationStatus.pending"] = "Menunggu jawaban",
        ["InvitationStatus.accepted"] = "Diterima",
        ["InvitationStatus.declined"] = "Ditolak",
        ["InvitationStatus.revoked"] = "Dibatalkan",
        ["InvitationStatus.expired"] = "Kedaluwarsa",
        ["TenantKind.kabupaten"] = "Kabupaten",
        ["TenantKind.kota"] = "Kota",
        ["TenantKind.provinsi"] = "Provinsi",
        ["TenantStatus.active"] = "aktif",
        ["TenantStatus.suspended"] = "dibekukan",

        // study visits and configuration sharing
        ["VisitStatus.requested"] = "diajukan",
        ["VisitStatus.accepted"] = "diterima dan dijadwalkan",
        ["VisitStatus.declined"] = "ditolak",
        ["VisitStatus.completed"] = "selesai",
        ["RowStatus.same"] = "sama",
        ["RowStatus.different"] = "berbeda",
        ["RowStatus.missing"] = "tidak ada di semua",
        ["DiffKind.only_here"] = "hanya di versi awal (dihapus)",
        ["DiffKind.only_there"] = "hanya di versi akhir (ditambahkan)",
        ["DiffKind.changed"] = "berubah",
        ["SharingScope.private"] = "Privat",
        ["SharingScope.link"] = "Lewat tautan",
        ["SharingScope.platform"] = "Semua instansi di platform",

        // personal data
        ["RequestKind.erasure"] = "Penghapusan data",
        ["RequestKind.export"] = "Salinan data",
        ["SubjectType.participant"] = "Peserta acara",
        ["SubjectType.journalist"] = "Wartawan (media mitra)",
        ["RequestStatus.received"] = "Diterima, belum diputuskan",
        ["RequestStatus.completed"] = "Selesai",
        ["RequestStatus.refused"] = "Ditolak",
        ["DataKind.participant_contacts"] = "Kontak peserta acara",
        ["DataKind.journalist_identity"] = "Identitas wartawan",
        ["DataKind.rejected_applications"] = "Berkas pendaftaran yang ditolak",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        // media partners
        ["applied"] = "Mendaftar",
        ["profile_changed"] = "Profil diubah",
        ["document_uploaded"] = "Dokumen diunggah",
        ["document_replaced"] = "Dokumen diganti",
        ["document_accepted"] = "Dokumen diterima",
        ["document_rejected"] = "Dokumen ditolak",
        ["document_viewed"] = "Dokumen dibuka",
        ["document_expiring_soon"] = "Dokumen segera kedaluwarsa",
        ["document_expired"] = "Dokumen kedaluwarsa",
        ["submitted"] = "Berkas diajukan",
        ["review_started"] = "Verifikasi dimulai",
        ["revision_requested"] = "Perbaikan diminta",
        ["verified"] = "Dinyatakan terverifikasi",
        ["rejected"] = "Ditolak",
        ["announced"] = "Hasil diumumkan",
        ["objection_filed"] = "Sanggahan diajukan",
        ["returned_to_review"] = "Kembali ke verifikasi",
        ["identity_documents_erased"] = "Dokumen identitas dihapus",
        ["application_documents_erased"] = "Berkas pendaftaran dihapus",
        // events
        ["event_created"] = "Acara dibuat",
        ["event_changed"] = "Rincian acara diubah",
        ["rundown_changed"] = "Susunan acara diubah",
        ["event_published"] = "Acara dipublikasikan",
        ["event_started"] = "Acara dimulai",
        ["event_closed"] = "Acara ditutup",
        ["event_cancelled"] = "Acara dibatalkan",
        ["participant_protocol_set"] = "Keprotokolan peserta diatur",
        ["participants_imported"] = "Peserta diimpor",
        ["participants_invited"] = "Peserta diundang",
        ["participant_contacts_viewed"] = "Kontak peserta dibuka",
        ["participant_contacts_erased"] = "Kontak peserta dihapus",
        ["participant_erased"] = "Data peserta dihapus",
        ["material_added"] = "Materi ditambahkan",
        ["material_removed"] = "Materi dihapus",
        // cooperation budget
        ["budget_set"] = "Anggaran ditetapkan",
        ["budget_reserved"] = "Anggaran dipesan",
        ["budget_released"] = "Pemesanan anggaran dilepas",
        ["budget_realised"] = "Anggaran direalisasikan",
        // publication orders
        ["order_created"] = "Pesanan publikasi dibuat",
        ["order_received"] = "Pesanan publikasi diterima media",
        ["order_cancelled"] = "Pesanan publikasi dibatalkan",
        ["proof_submitted"] = "Bukti tayang dikirim",
        ["proof_accepted"] = "Bukti tayang diterima",
        ["proof_rejected"] = "Bukti tayang ditolak",
        ["invoice_submitted"] = "Tagihan diajukan",
        ["payment_recorded"] = "Pembayaran dicatat",
        ["payment_made"] = "Pembayaran dilakukan",
        // uploads
        ["upload_refused"] = "Unggahan ditolak demi keamanan",
        // configuration and study visits
        ["configuration_changed"] = "Konfigurasi diubah",
        ["configuration_adopted"] = "Konfigurasi diadopsi",
        ["sharing_changed"] = "Pengaturan berbagi diubah",
        ["share_link_created"] = "Tautan berbagi dibuat",
        ["share_link_revoked"] = "Tautan berbagi dicabut",
        ["visit_requested"] = "Kunjungan diajukan",
        ["visit_accepted"] = "Kunjungan diterima",
        ["visit_declined"] = "Kunjungan ditolak",
        ["visit_outcome_recorded"] = "Hasil kunjungan dicatat",
        // members and personal data
        ["member_added"] = "Anggota ditambahkan",
        ["member_removed"] = "Anggota dihapus",
        ["member_invited"] = "Anggota diundang",
        ["invitation_accepted"] = "Undangan diterima",
        ["invitation_declined"] = "Undangan ditolak",
        ["invitation_revoked"] = "Undangan dibatalkan",
        ["request_received"] = "Permintaan data pribadi diterima",
        ["request_completed"] = "Permintaan data pribadi diselesaikan",
        ["request_refused"] = "Permintaan data pribadi ditolak",
        ["personal_data_exported"] = "Salinan data pribadi dibuat",
        ["retention_changed"] = "Masa retensi diubah",
        ["retention_applied"] = "Penghapusan terjadwal dijalankan",
    };

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>The label of an enum value; every value a person can see has one (a test walks all enums).</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Find(typeof(T).Name, EntityJson.EnumText(value)) ?? EntityJson.EnumText(value);

    /// <summary>The label of an enum given by its type name and snake_case text, or null when there is none.</summary>
    public static string? Find(string enumName, string text) => Enums.GetValueOrDefault(enumName + "." + text);

    public static bool Has<T>(T value) where T : struct, Enum => Find(typeof(T).Name, EntityJson.EnumText(value)) is not null;

    /// <summary>An audit action in words; an action not listed yet reads as a generic change, never as its code.</summary>
    public static string Action(string action) => Actions.GetValueOrDefault(action) ?? "Perubahan data";

    public static bool HasAction(string action) => Actions.ContainsKey(action);

    /// <summary>"ya"/"tidak".</summary>
    public static string YesNo(bool value) => value ? "ya" : "tidak";

    /// <summary>Whole rupiah, e.g. "Rp 1.500.000".</summary>
    public static string Rupiah(long amount) => "Rp " + amount.ToString("N0", Indonesian);

    /// <summary>A size given in megabytes, e.g. "5 MB".</summary>
    public static string Megabytes(int mb) => mb.ToString(Indonesian) + " MB";

    /// <summary>A list of enum labels joined for reading, e.g. "Cetak harian, Televisi".</summary>
    public static string List<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(", ", values.Select(Of));
}

/// <summary>
/// Dates and times as people read them, in one format: "9 Des 2026" and "9 Des 2026 09.00 WIB". The zone is a tenant's
/// (WIB, WITA or WIT); without one, WIB.
/// </summary>
public static class IndonesiaTime
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Format(DateOnly date) => date.ToString("d MMM yyyy", Indonesian);

    public static string Format(DateTime utc, string zone = "WIB") =>
        Local(utc, zone).ToString("d MMM yyyy HH.mm", Indonesian) + " " + zone;

    public static string Format(DateTimeOffset at, string zone = "WIB") => Format(at.UtcDateTime, zone);

    public static string FormatDate(DateTime utc, string zone = "WIB") => Format(DateOnly.FromDateTime(Local(utc, zone)));

    /// <summary>The wall-clock time in the zone; a time without a kind is taken as UTC (as the database returns it).</summary>
    public static DateTime Local(DateTime utc, string zone = "WIB") =>
        (utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc).AddHours(OffsetHours(zone));

    public static int OffsetHours(string zone) => zone switch { "WITA" => 8, "WIT" => 9, _ => 7 };
}
