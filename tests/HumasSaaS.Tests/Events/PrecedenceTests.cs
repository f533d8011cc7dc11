using HumasSaaS.Events;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Events;

namespace HumasSaaS.Tests.Events;

/// <summary>Protocol precedence as pure functions: statute table, tie groups, tenant overrides, representatives, seating.</summary>
public sealed class PrecedenceTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private static VipInput Vip(string name, string? code, int minute = 0, string? represents = null) =>
        new(Guid.NewGuid(), name, code, represents, T0.AddMinutes(minute));

    private static string[] Names(IEnumerable<RankedVip> order) => order.Select(v => v.Name).ToArray();

    [Fact]
    public void The_statute_order_puts_national_officials_first_then_letters_a_to_m()
    {
        var table = Precedence.Merge([]);
        var order = Precedence.Order(
        [
            Vip("Lurah", "lurah_kepala_desa"), Vip("Camat", "camat"), Vip("Ketua DPRD", "ketua_dprd"), Vip("Bupati", "bupati_walikota"),
            Vip("Menteri", "pejabat_negara"), Vip("Wakil Bupati", "wakil_bupati_walikota"), Vip("Tokoh Adat", "tokoh_adat"), Vip("Kadis", "kepala_badan_dinas"),
        ], table, TieBreak.TableOrder);
        Assert.Equal(["Menteri", "Bupati", "Wakil Bupati", "Ketua DPRD", "Tokoh Adat", "Kadis", "Camat", "Lurah"], Names(order));
        Assert.Equal(Enumerable.Range(1, 8), order.Select(o => o.Order));
    }

    [Fact]
    public void Members_of_one_tie_group_share_a_rank_and_are_ordered_by_the_tie_break()
    {
        var table = Precedence.Merge([]);
        VipInput[] vips = [Vip("Zainal (Kajari)", "kajari", 1), Vip("Agus (Kapolres)", "kapolres", 3), Vip("Budi (Sekda)", "sekda", 2), Vip("Wakil Ketua", "wakil_ketua_dprd", 4)];

        var byTable = Precedence.Order(vips, table, TieBreak.TableOrder);
        Assert.Equal(["Wakil Ketua", "Budi (Sekda)", "Agus (Kapolres)", "Zainal (Kajari)"], Names(byTable));
        Assert.All(byTable.Skip(1), v => Assert.Equal(("f", 60), (v.TieGroup, v.Rank)));

        Assert.Equal(["Wakil Ketua", "Agus (Kapolres)", "Budi (Sekda)", "Zainal (Kajari)"], Names(Precedence.Order(vips, table, TieBreak.Alphabetical)));
        Assert.Equal(["Wakil Ketua", "Zainal (Kajari)", "Budi (Sekda)", "Agus (Kapolres)"], Names(Precedence.Order(vips, table, TieBreak.Registration)));
    }

    [Fact]
    public void Tenant_overrides_replace_entries_by_code_and_extra_entries_slot_in_by_rank()
    {
        var table = Precedence.Merge(
        [
            new PrecedenceEntry("ketua_dprd", "Ketua DPRD", 15, null, "Kebijakan daerah: sebelum wakil bupati"),
            new PrecedenceEntry("ketua_adat_minahasa", "Ketua Dewan Adat Minahasa", 45, null, "Tokoh masyarakat tertentu"),
        ]);
        Assert.Equal("Kebijakan daerah: sebelum wakil bupati", table.Find("ketua_dprd")!.Note);
        var order = Precedence.Order(
        [
            Vip("Wakil Ketua DPRD", "wakil_ketua_dprd"), Vip("Ketua Adat", "ketua_adat_minahasa"), Vip("Wakil Bupati", "wakil_bupati_walikota"),
            Vip("Ketua DPRD", "ketua_dprd"), Vip("Tamu tanpa jabatan", "tidak_ada"),
        ], table, TieBreak.TableOrder);
        Assert.Equal(["Ketua DPRD", "Wakil Bupati", "Ketua Adat", "Wakil Ketua DPRD", "Tamu tanpa jabatan"], Names(order));
        Assert.Equal(0, order[^1].Rank);
        Assert.Equal(table.Entries.Select(e => e.Rank).Order(), table.Entries.Select(e => e.Rank));
    }

    [Fact]
    public void A_representative_is_ranked_by_their_own_position_not_the_one_they_represent()
    {
        var table = Precedence.Merge([]);
        var order = Precedence.Order(
        [
            Vip("Asisten I (mewakili Bupati)", "asisten_sekda", represents: "Bupati"),
            Vip("Kapolres", "kapolres"),
            Vip("Camat Kota", "camat"),
        ], table, TieBreak.TableOrder);
        Assert.Equal(["Kapolres", "Asisten I (mewakili Bupati)", "Camat Kota"], Names(order));
        Assert.Equal("Bupati", order[1].Represents);
        Assert.Equal(100, order[1].Rank);
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 2, 1 })]
    [InlineData(3, new[] { 3, 1, 2 })]
    [InlineData(4, new[] { 4, 2, 1, 3 })]
    [InlineData(5, new[] { 5, 3, 1, 2, 4 })]
    [InlineData(6, new[] { 6, 4, 2, 1, 3, 5 })]
    [InlineData(7, new[] { 7, 5, 3, 1, 2, 4, 6 })]
    public void The_front_row_is_laid_out_centre_out_right_first(int count, int[] expected) =>
        Assert.Equal(expected, Precedence.RowLayout(count));

    [Fact]
    public void Seating_fills_rows_in_order_and_lays_out_each_row()
    {
        var table = Precedence.Merge([]);
        var order = Precedence.Order(Enumerable.Range(1, 6).Select(i => Vip($"Anggota {i}", "anggota_dprd", i)).ToList(), table, TieBreak.Registration);
        var rows = Precedence.Seating(order, seatsPerRow: 4);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Anggota 4", "Anggota 2", "Anggota 1", "Anggota 3"], rows[0].Select(s => s.Vip.Name));
        Assert.Equal(["Anggota 6", "Anggota 5"], rows[1].Select(s => s.Vip.Name));
        Assert.Equal([1, 2], rows[1].Select(s => s.Position));
    }
}
