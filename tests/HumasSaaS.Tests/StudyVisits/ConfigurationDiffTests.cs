using HumasSaaS.Api.Configuration;

namespace HumasSaaS.Tests.StudyVisits;

/// <summary>Pure diff functions: items matched by code, nested field paths, order irrelevant.</summary>
public sealed class ConfigurationDiffTests
{
    private static readonly TenantConfigurationState Base = ConfigurationDefaults.For("Bagian Humas");

    [Fact]
    public void Identical_configurations_give_an_empty_diff()
    {
        var diff = ConfigurationDiff.Compare(Base, ConfigurationDefaults.For("Bagian Humas"));
        Assert.True(diff.IsEmpty);
        Assert.Empty(diff.Sections);
    }

    [Fact]
    public void The_order_of_items_is_irrelevant()
    {
        var reordered = Base with
        {
            DocumentChecklist = [.. Base.DocumentChecklist.Reverse()],
            PriceTable = [.. Base.PriceTable.OrderBy(p => p.PriceRupiah)],
            Grading = Base.Grading with { Grades = [.. Base.Grading.Grades.Reverse()] },
            OfficeProfile = Base.OfficeProfile with { SopTimings = [.. Base.OfficeProfile.SopTimings.Reverse()] },
        };
        Assert.True(ConfigurationDiff.Compare(Base, reordered).IsEmpty);
    }

    [Fact]
    public void Added_removed_and_changed_items_are_reported_with_both_values()
    {
        var npwp = Base.DocumentChecklist.Single(d => d.Code == "npwp_perusahaan");
        var there = Base with
        {
            DocumentChecklist =
            [
                .. Base.DocumentChecklist.Where(d => d.Code is not "nib" and not "npwp_perusahaan"),
                npwp with { MaxSizeMb = 10, Label = "NPWP badan usaha" },
                new DocumentRequirement("pakta_integritas", "Pakta integritas", [MediaType.Online], true, false, null, [AcceptedFormat.Pdf], 5),
            ],
        };

        var diff = ConfigurationDiff.Compare(Base, there);

        var section = Assert.Single(diff.Sections);
        Assert.Equal(ConfigurationSection.DocumentChecklist, section.Section);
        Assert.Equal(3, section.Items.Count);
        var removed = section.Items.Single(i => i.Code == "nib");
        Assert.Equal(DiffKind.OnlyHere, removed.Kind);
        Assert.NotNull(removed.Here);
        Assert.Null(removed.There);
        var added = section.Items.Single(i => i.Code == "pakta_integritas");
        Assert.Equal(DiffKind.OnlyThere, added.Kind);
        Assert.Equal("Pakta integritas", added.There!["label"]!.GetValue<string>());
        var changed = section.Items.Single(i => i.Code == "npwp_perusahaan");
        Assert.Equal(DiffKind.Changed, changed.Kind);
        Assert.Equal(["label", "maxSizeMb"], changed.Fields.Select(f => f.Path).Order());
        var size = changed.Fields.Single(f => f.Path == "maxSizeMb");
        Assert.Equal(5, size.Here!.GetValue<int>());
        Assert.Equal(10, size.There!.GetValue<int>());
    }

    [Fact]
    public void Nested_values_are_reported_by_field_path()
    {
        var rakor = Base.EventTemplates.Single(t => t.Code == "rakor");
        var rundown = rakor.Rundown.ToList();
        rundown[1] = rundown[1] with { Start = new TimeOnly(8, 45), PersonInCharge = "Protokol" };
        var there = Base with
        {
            EventTemplates = [.. Base.EventTemplates.Select(t => t.Code == "rakor" ? t with { Rundown = rundown } : t)],
            Grading = Base.Grading with { Grades = [.. Base.Grading.Grades.Select(g => g.Code == "B" ? g with { Description = "Terverifikasi administratif" } : g)] },
            OfficeProfile = Base.OfficeProfile with { LegalBasisNumber = "Perbup No. 12 Tahun 2024" },
        };

        var diff = ConfigurationDiff.Compare(Base, there);

        var template = diff.Sections.Single(s => s.Section == ConfigurationSection.EventTemplates).Items.Single();
        Assert.Equal("rakor", template.Code);
        Assert.Equal(["rundown[1].personInCharge", "rundown[1].start"], template.Fields.Select(f => f.Path).Order());
        Assert.Equal("08:30:00", template.Fields.Single(f => f.Path == "rundown[1].start").Here!.GetValue<string>());

        var grade = diff.Sections.Single(s => s.Section == ConfigurationSection.Grading).Items.Single();
        Assert.Equal("grades/B", grade.Code);
        Assert.Equal("description", Assert.Single(grade.Fields).Path);

        var office = diff.Sections.Single(s => s.Section == ConfigurationSection.OfficeProfile).Items.Single();
        Assert.Equal("legalBasisNumber", office.Code);
        Assert.Null(office.Here);
        Assert.Equal("Perbup No. 12 Tahun 2024", office.There!.GetValue<string>());
    }

    [Fact]
    public void Sets_of_plain_values_ignore_order_but_not_membership()
    {
        var first = Base.DocumentChecklist[0];
        var reordered = Base with { DocumentChecklist = [first with { MediaTypes = [.. first.MediaTypes.Reverse()] }, .. Base.DocumentChecklist.Skip(1)] };
        Assert.True(ConfigurationDiff.Compare(Base, reordered).IsEmpty);

        var fewer = Base with { DocumentChecklist = [first with { MediaTypes = [MediaType.Online] }, .. Base.DocumentChecklist.Skip(1)] };
        var field = Assert.Single(Assert.Single(Assert.Single(ConfigurationDiff.Compare(Base, fewer).Sections).Items).Fields);
        Assert.Equal("mediaTypes", field.Path);
        Assert.Equal(["online"], field.There!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Only_the_requested_sections_are_compared()
    {
        var there = Base with { PriceTable = [], DocumentChecklist = [] };
        var diff = ConfigurationDiff.Compare(Base, there, [ConfigurationSection.PriceTable]);
        Assert.Equal([ConfigurationSection.PriceTable], diff.Sections.Select(s => s.Section));
    }

    [Fact]
    public void Copying_items_replaces_by_code_appends_new_ones_and_reports_unknown_codes()
    {
        var source = ConfigurationDiff.ToJson(Base with
        {
            DocumentChecklist = [.. Base.DocumentChecklist.Select(d => d.Code == "nib" ? d with { MaxSizeMb = 9 } : d),
                new DocumentRequirement("pakta_integritas", "Pakta integritas", [MediaType.Online], true, false, null, [AcceptedFormat.Pdf], 5)],
            Grading = Base.Grading with { Grades = [.. Base.Grading.Grades, new Grade("D", "Grade D", null, null)] },
        });
        var target = ConfigurationDiff.ToJson(Base);

        var missing = ConfigurationDiff.CopyItems(source, target, ConfigurationSection.DocumentChecklist, ["nib", "pakta_integritas", "tidak_ada"]);
        ConfigurationDiff.CopyItems(source, target, ConfigurationSection.Grading, ["grades/D"]);

        Assert.Equal(["tidak_ada"], missing);
        var result = ConfigurationDiff.FromJson(target);
        Assert.Equal(Base.DocumentChecklist.Count + 1, result.DocumentChecklist.Count);
        Assert.Equal(9, result.DocumentChecklist.Single(d => d.Code == "nib").MaxSizeMb);
        Assert.Equal("pakta_integritas", result.DocumentChecklist[^1].Code);
        Assert.Equal(["A", "B", "C", "D"], result.Grading.Grades.Select(g => g.Code));
    }
}
