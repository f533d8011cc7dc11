namespace HumasSaaS.Api.PersonalData;

/// <summary>The kinds of personal data with a retention limit (UU 27/2022). Each has a per-tenant setting with a default.</summary>
public enum DataKind { ParticipantContacts, JournalistIdentity, RejectedApplications }

/// <summary>One kind's default, what the limit applies to, and the legal basis, as shown to tenant staff.</summary>
public sealed record RetentionDefault(DataKind Kind, string Label, int DefaultDays, string AppliesTo, string Action, string LegalBasis);

public static class RetentionPolicy
{
    public const int MinimumDays = 30;
    public const int MaximumDays = 3650;

    /// <summary>The item codes of the document checklist that carry a journalist's identity.</summary>
    public static readonly string[] JournalistIdentityItems = ["ktp_wartawan", "kartu_pers"];

    public static readonly IReadOnlyList<RetentionDefault> Defaults =
    [
        new(DataKind.ParticipantContacts, "Kontak peserta acara (telepon, email)", 365,
            "dihitung sejak hari terakhir acara",
            "nomor telepon dan email peserta dikosongkan; nama dan kehadiran tetap untuk daftar hadir",
            "UU 27/2022 Pasal 16 ayat (2): data pribadi diproses terbatas sesuai tujuan (undangan dan tindak lanjut acara) " +
            "dan dihapus setelah masa retensi berakhir; Pasal 43: kewajiban menghapus data yang tidak lagi diperlukan."),
        new(DataKind.JournalistIdentity, "KTP dan kartu pers wartawan (revisi lama)", 730,
            "dihitung sejak dokumen diganti dengan unggahan yang lebih baru",
            "berkas dihapus dari penyimpanan beserta baris dokumennya; dokumen yang berlaku tidak disentuh",
            "UU 27/2022 Pasal 16 ayat (2) dan Pasal 44: dimusnahkan setelah masa retensi; dua tahun anggaran disimpan " +
            "untuk pemeriksaan atas kerja sama media (BPK)."),
        new(DataKind.RejectedApplications, "Berkas permohonan mitra yang ditolak", 365,
            "dihitung sejak keputusan penolakan",
            "semua berkas permohonan dihapus dari penyimpanan; status dan jejak audit keputusan tetap",
            "UU 27/2022 Pasal 16 ayat (2) dan Pasal 43: tujuan pemrosesan berakhir setelah masa sanggah dan pemeriksaan " +
            "tahunan; keputusan dan jejak audit tetap disimpan sebagai arsip."),
    ];

    public static RetentionDefault For(DataKind kind) => Defaults.Single(d => d.Kind == kind);

    public static string Text(DataKind kind) => kind switch
    {
        DataKind.ParticipantContacts => "participant_contacts",
        DataKind.JournalistIdentity => "journalist_identity",
        DataKind.RejectedApplications => "rejected_applications",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static DataKind Parse(string text) => Defaults.Select(d => d.Kind).Single(k => Text(k) == text);
}
