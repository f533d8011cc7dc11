
namespace HumasSaaS.Events;

/// <summary>The tenant's precedence table: the statutory default merged with the tenant's overrides and extra entries.</summary>
public sealed class PrecedenceTable
{
    private readonly Dictionary<string, (PrecedenceEntry Entry, int Index)> byCode;

    public PrecedenceTable(IReadOnlyList<PrecedenceEntry> entries)
    {
        Entries = entries;
        byCode = new Dictionary<string, (PrecedenceEntry, int)>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) byCode[entries[i].Code] = (entries[i], i);
    }

    /// <summary>Entries ordered by rank, then by their place in the table (the statute's order, then the tenant's additions).</summary>
    public IReadOnlyList<PrecedenceEntry> Entries { get; }

    public PrecedenceEntry? Find(string? code) => code is not null && byCode.TryGetValue(code, out var e) ? e.Entry : null;

    public int IndexOf(string code) => byCode.TryGetValue(code, out var e) ? e.Index : int.MaxValue;
}

/// <summary>A VIP as the protocol officer enters them: their own position (a code of the table) and, when they represent someone, whom.</summary>
public sealed record VipInput(Guid Id, string Name, string? PositionCode, string? Represents, DateTime RegisteredAt, string? Institution = null);

public sealed record RankedVip(int Order, Guid Id, string Name, string? Institution, string PositionCode, string PositionLabel, int Rank, string? TieGroup, string? Represents);

public sealed record Seat(int Row, int Position, RankedVip Vip);

/// <summary>
/// Protocol precedence (UU 9/2010 Pasal 11, DOMAIN.md): pure functions. The default table lists national officials and
/// foreign representatives first, then the statute's letters a–m with ranks 10, 20, …, 130 (room for tenant entries in
/// between); positions in one letter share a rank and a tie group.
/// </summary>
public static class Precedence
{
    public static IReadOnlyList<PrecedenceEntry> Default { get; } =
    [
        new("pejabat_negara", "Pejabat negara / pejabat pemerintah pusat", 1, null, "Didahulukan dari daftar daerah"),
        new("perwakilan_negara_asing", "Perwakilan negara asing / organisasi internasional", 2, null, "Didahulukan dari daftar daerah"),
        new("bupati_walikota", "Bupati/Wali Kota", 10, null, "Pasal 11 huruf a"),
        new("wakil_bupati_walikota", "Wakil Bupati/Wakil Wali Kota", 20, null, "Pasal 11 huruf b"),
        new("mantan_bupati_walikota", "Mantan Bupati/Wali Kota dan mantan wakilnya", 30, "c", "Pasal 11 huruf c"),
        new("ketua_dprd", "Ketua DPRD kabupaten/kota", 40, null, "Pasal 11 huruf d"),
        new("wakil_ketua_dprd", "Wakil Ketua DPRD kabupaten/kota", 50, null, "Pasal 11 huruf e"),
        new("sekda", "Sekretaris daerah", 60, "f", "Pasal 11 huruf f"),
        new("komandan_tni", "Komandan tertinggi TNI di kabupaten/kota (Dandim dll.)", 60, "f", "Pasal 11 huruf f"),
        new("kapolres", "Kepala kepolisian resor", 60, "f", "Pasal 11 huruf f"),
        new("ketua_pengadilan", "Ketua pengadilan (negeri, agama, TUN)", 60, "f", "Pasal 11 huruf f"),
        new("kajari", "Kepala kejaksaan negeri", 60, "f", "Pasal 11 huruf f"),
        new("pimpinan_parpol", "Pimpinan partai politik yang memiliki kursi di DPRD", 70, "g", "Pasal 11 huruf g"),
        new("anggota_dprd", "Anggota DPRD kabupaten/kota", 80, "h", "Pasal 11 huruf h"),
        new("tokoh_agama", "Tokoh agama", 90, "i", "Pasal 11 huruf i"),
        new("tokoh_adat", "Tokoh adat", 90, "i", "Pasal 11 huruf i"),
        new("tokoh_masyarakat", "Tokoh masyarakat", 90, "i", "Pasal 11 huruf i"),
        new("asisten_sekda", "Asisten sekretaris daerah", 100, "j", "Pasal 11 huruf j"),
        new("kepala_badan_dinas", "Kepala badan/dinas, pejabat eselon II", 100, "j", "Pasal 11 huruf j"),
        new("kepala_kantor_bi", "Kepala kantor perwakilan Bank Indonesia", 100, "j", "Pasal 11 huruf j"),
        new("ketua_kpu", "Ketua KPU kabupaten/kota", 100, "j", "Pasal 11 huruf j"),
        new("kepala_instansi_vertikal", "Kepala instansi vertikal dan UPT", 110, "k", "Pasal 11 huruf k"),
        new("danramil_kapolsek", "Pimpinan TNI/Polri tingkat kecamatan", 110, "k", "Pasal 11 huruf k"),
        new("kepala_bagian", "Kepala bagian, pejabat eselon III", 120, "l", "Pasal 11 huruf l"),
        new("camat", "Camat", 120, "l", "Pasal 11 huruf l"),
        new("lurah_kepala_desa", "Lurah/kepala desa", 130, "m", "Pasal 11 huruf m"),
        new("pejabat_eselon_iv", "Pejabat eselon IV", 130, "m", "Pasal 11 huruf m"),
    ];

    /// <summary>
    /// The statutory table with the tenant's configuration applied: an entry whose code exists replaces it (new rank,
    /// label or tie group); a new code is an extra entry (e.g. a named community leader). Sorted by rank, stable.
    /// </summary>
    public static PrecedenceTable Merge(IReadOnlyList<PrecedenceEntry> overrides)
    {
        var merged = Default.ToList();
        foreach (var o in overrides)
        {
            var i = merged.FindIndex(e => e.Code == o.Code);
            if (i >= 0) merged[i] = o;
            else merged.Add(o);
        }
        return new PrecedenceTable(merged.Select((e, i) => (e, i)).OrderBy(x => x.e.Rank).ThenBy(x => x.i).Select(x => x.e).ToList());
    }

    /// <summary>
    /// VIPs in order of precedence: by the rank of their own position (a representative — "mewakili" — is ranked by
    /// their own position, not the one they represent), then by <paramref name="tieBreak"/>. Unknown positions go last.
    /// </summary>
    public static IReadOnlyList<RankedVip> Order(IEnumerable<VipInput> vips, PrecedenceTable table, TieBreak tieBreak)
    {
        var ranked = vips.Select(v =>
        {
            var entry = table.Find(v.PositionCode);
            return (Vip: v, Entry: entry, Rank: entry?.Rank ?? int.MaxValue, Index: entry is null ? int.MaxValue : table.IndexOf(entry.Code));
        });
        var ordered = tieBreak switch
        {
            TieBreak.Alphabetical => ranked.OrderBy(x => x.Rank).ThenBy(x => x.Vip.Name, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Vip.RegisteredAt),
            TieBreak.Registration => ranked.OrderBy(x => x.Rank).ThenBy(x => x.Vip.RegisteredAt).ThenBy(x => x.Vip.Name, StringComparer.OrdinalIgnoreCase),
            _ => ranked.OrderBy(x => x.Rank).ThenBy(x => x.Index).ThenBy(x => x.Vip.Name, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Vip.RegisteredAt),
        };
        return ordered.ThenBy(x => x.Vip.Id).Select((x, i) => new RankedVip(i + 1, x.Vip.Id, x.Vip.Name, x.Vip.Institution,
            x.Entry?.Code ?? x.Vip.PositionCode ?? "", x.Entry?.Label ?? "(jabatan tidak ada di tabel)", x.Rank == int.MaxValue ? 0 : x.Rank,
            x.Entry?.TieGroup, x.Vip.Represents)).ToList();
    }

    /// <summary>
    /// Seats of one row, left to right as written on the seating plan (the right of the page is the honoured right):
    /// the order numbers sitting in each seat. Centre is most honoured, right before left: odd 3-1-2 (5-3-1-2-4),
    /// even 4-2-1-3 (6-4-2-1-3-5).
    /// </summary>
    public static IReadOnlyList<int> RowLayout(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        var seats = new int[count];
        if (count == 0) return seats;
        if (count % 2 == 1)
        {
            var centre = count / 2;
            seats[centre] = 1;
            for (var k = 2; k <= count; k++)
            {
                var step = k / 2; // 2,3 → 1; 4,5 → 2
                seats[k % 2 == 0 ? centre + step : centre - step] = k;
            }
        }
        else
        {
            var right = count / 2;
            for (var k = 1; k <= count; k++)
            {
                var step = (k - 1) / 2; // 1,2 → 0; 3,4 → 1
                seats[k % 2 == 1 ? right + step : right - 1 - step] = k;
            }
        }
        return seats;
    }

    /// <summary>The ordered VIPs seated row by row (<paramref name="seatsPerRow"/> each), every row laid out centre-out, right first.</summary>
    public static IReadOnlyList<IReadOnlyList<Seat>> Seating(IReadOnlyList<RankedVip> ordered, int seatsPerRow)
    {
        if (seatsPerRow < 1) throw new ArgumentOutOfRangeException(nameof(seatsPerRow));
        var rows = new List<IReadOnlyList<Seat>>();
        for (var start = 0; start < ordered.Count; start += seatsPerRow)
        {
            var inRow = ordered.Skip(start).Take(seatsPerRow).ToList();
            var layout = RowLayout(inRow.Count);
            rows.Add(layout.Select((k, position) => new Seat(rows.Count + 1, position + 1, inRow[k - 1])).ToList());
        }
        return rows;
    }
}
