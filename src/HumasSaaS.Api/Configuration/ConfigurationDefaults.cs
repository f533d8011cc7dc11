namespace HumasSaaS.Api.Configuration;

/// <summary>The configuration a new tenant starts from, taken from DOMAIN.md; every item is a tenant setting.</summary>
public static class ConfigurationDefaults
{
    private static readonly MediaType[] AllMedia = Enum.GetValues<MediaType>();
    private static readonly MediaType[] Print = [MediaType.PrintDaily, MediaType.PrintWeekly, MediaType.PrintMonthly];
    private static readonly MediaType[] Broadcast = [MediaType.Television, MediaType.Radio];
    private static readonly AcceptedFormat[] PdfOnly = [AcceptedFormat.Pdf];
    private static readonly AcceptedFormat[] PdfOrImage = [AcceptedFormat.Pdf, AcceptedFormat.Jpeg, AcceptedFormat.Png];

    public static IReadOnlyList<DocumentRequirement> DocumentChecklist { get; } =
    [
        new("surat_permohonan", "Surat permohonan kerja sama", AllMedia, true, false, null, PdfOnly, 5),
        new("akta_pendirian", "Akta pendirian dan perubahan terakhir", AllMedia, true, false, null, PdfOnly, 20),
        new("sk_kemenkumham", "SK pengesahan Kemenkumham", AllMedia, true, false, null, PdfOnly, 10),
        new("nib", "Nomor Induk Berusaha (NIB)", AllMedia, true, false, null, PdfOnly, 5),
        new("npwp_perusahaan", "NPWP perusahaan", AllMedia, true, false, null, PdfOrImage, 5),
        new("spt_tahunan", "SPT Tahunan tahun pajak terakhir", AllMedia, true, true, 12, PdfOnly, 10),
        new("surat_keterangan_fiskal", "Surat Keterangan Fiskal", AllMedia, false, true, 12, PdfOnly, 5),
        new("domisili", "Surat keterangan domisili atau foto kantor", AllMedia, true, true, 12, PdfOrImage, 10),
        new("rekening_bank", "Referensi rekening bank perusahaan", AllMedia, true, false, null, PdfOrImage, 5),
        new("boks_redaksi", "Susunan (boks) redaksi", AllMedia, true, false, null, PdfOrImage, 5),
        new("profil_perusahaan", "Profil perusahaan", AllMedia, false, false, null, PdfOnly, 20),
        new("daftar_harga", "Daftar harga (rate card)", AllMedia, true, true, 12, PdfOnly, 5),
        new("pernyataan_keabsahan", "Surat pernyataan kebenaran dokumen", AllMedia, true, true, 12, PdfOnly, 5),
        new("surat_kuasa", "Surat kuasa (bila penanda tangan bukan direktur)", AllMedia, false, true, 12, PdfOnly, 5),
        new("surat_tugas_wartawan", "Surat tugas wartawan/kepala biro di daerah", AllMedia, true, true, 12, PdfOnly, 5),
        new("ktp_wartawan", "KTP wartawan", AllMedia, true, false, null, PdfOrImage, 5),
        new("kartu_pers", "Kartu pers", AllMedia, true, true, 12, PdfOrImage, 5),
        new("sertifikat_ukw", "Sertifikat Uji Kompetensi Wartawan (UKW)", AllMedia, false, true, 12, PdfOrImage, 5),
        new("sertifikat_dewan_pers", "Sertifikat verifikasi Dewan Pers", AllMedia, false, true, 60, PdfOrImage, 5),
        new("pernyataan_oplah", "Pernyataan oplah (tiras)", Print, true, true, 12, PdfOnly, 5),
        new("pernyataan_terbit_rutin", "Pernyataan terbit tanpa putus 3 bulan terakhir", Print, true, true, 12, PdfOnly, 5),
        new("izin_penyiaran", "Izin Penyelenggaraan Penyiaran (IPP)", Broadcast, true, true, 60, PdfOnly, 10),
        new("pernyataan_jangkauan_siaran", "Pernyataan jangkauan siaran", Broadcast, true, true, 12, PdfOnly, 5),
        new("tangkapan_layar_trafik", "Tangkapan layar trafik situs", [MediaType.Online], true, true, 12, PdfOrImage, 5),
        new("pedoman_media_siber", "Pedoman Pemberitaan Media Siber yang dipublikasikan", [MediaType.Online], true, false, null, PdfOrImage, 5),
    ];

    public static GradingScheme Grading { get; } = new(GradingKind.Letters,
    [
        new("A", "Grade A", "Terverifikasi faktual Dewan Pers", null),
        new("B", "Grade B", "Terverifikasi administratif Dewan Pers atau sedang berproses", null),
        new("C", "Grade C", "Memenuhi persyaratan peraturan daerah", null),
    ]);

    public static IReadOnlyList<PriceEntry> PriceTable { get; } =
    [
        Price("A", MediaType.Online, PublicationProduct.NewsItem, 1_500_000, "per berita"),
        Price("B", MediaType.Online, PublicationProduct.NewsItem, 750_000, "per berita"),
        Price("C", MediaType.Online, PublicationProduct.NewsItem, 300_000, "per berita"),
        Price("A", MediaType.PrintDaily, PublicationProduct.Advertorial, 5_000_000, "per advertorial"),
        Price("B", MediaType.PrintDaily, PublicationProduct.Advertorial, 3_000_000, "per advertorial"),
        Price("C", MediaType.Online, PublicationProduct.Subscription, 200_000, "per bulan (min. 10 berita)"),
    ];

    public static IReadOnlyList<EventTemplate> EventTemplates { get; } =
    [
        new("rakor", "Rapat Koordinasi Kehumasan dan Keprotokolan", 2,
        [
            new(1, new TimeOnly(8, 0), new TimeOnly(8, 30), "Registrasi peserta", "Panitia"),
            new(1, new TimeOnly(8, 30), new TimeOnly(9, 0), "Pembukaan dan sambutan", "MC"),
            new(1, new TimeOnly(9, 0), new TimeOnly(12, 0), "Paparan materi", "Narasumber"),
            new(2, new TimeOnly(8, 30), new TimeOnly(11, 30), "Diskusi dan rumusan", "Moderator"),
        ]),
        new("bakohumas", "Temu Konsultasi Bakohumas", 1,
        [
            new(1, new TimeOnly(8, 30), new TimeOnly(9, 0), "Registrasi", "Panitia"),
            new(1, new TimeOnly(9, 0), new TimeOnly(12, 0), "Sosialisasi dan diskusi", "Narasumber"),
        ]),
        new("coffee_morning", "Coffee Morning bersama Insan Pers", 1,
        [
            new(1, new TimeOnly(8, 0), new TimeOnly(8, 15), "Ramah tamah", "Protokol"),
            new(1, new TimeOnly(8, 15), new TimeOnly(10, 0), "Dialog pimpinan daerah dan media", "Kepala Biro/Bagian"),
        ]),
    ];

    public static IReadOnlyList<SopTiming> SopTimings { get; } =
    [
        new("verifikasi_administrasi", "Verifikasi administrasi berkas media", 14),
        new("masa_sanggah", "Masa sanggah setelah pengumuman", 2),
        new("bukti_tayang_harian", "Unggah bukti tayang (harian/online)", 2),
        new("bukti_tayang_mingguan", "Unggah bukti tayang (mingguan/TV)", 7),
        new("bukti_tayang_bulanan", "Unggah bukti tayang (bulanan)", 10),
    ];

    /// <summary>Proof deadlines: 2 days daily print and online, 7 days weekly print and TV/radio, 10 days monthly print.</summary>
    public static IReadOnlyList<PublicationRule> PublicationRules { get; } =
    [
        Rule(MediaType.Online, 2, 8, QuotaPeriod.Month),
        Rule(MediaType.PrintDaily, 2, 4, QuotaPeriod.Month),
        Rule(MediaType.PrintWeekly, 7, 2, QuotaPeriod.Month),
        Rule(MediaType.PrintMonthly, 10, 1, QuotaPeriod.Month),
        Rule(MediaType.Television, 7, 4, QuotaPeriod.Month),
        Rule(MediaType.Radio, 7, 4, QuotaPeriod.Month),
    ];

    public static TenantConfigurationState For(string officeUnitName) => new(
        DocumentChecklist, [], Grading, PriceTable, [], EventTemplates,
        new OfficeProfileSection(officeUnitName, null, null, SopTimings), PublicationRules);

    private static PublicationRule Rule(MediaType media, int deadlineDays, int quota, QuotaPeriod period) =>
        new(EntityJson.EnumText(media), media, deadlineDays, quota, period);

    private static PriceEntry Price(string grade, MediaType media, PublicationProduct product, long price, string unit) =>
        new($"{grade}:{EntityJson.EnumText(media)}:{EntityJson.EnumText(product)}", grade, media, product, price, unit);
}
