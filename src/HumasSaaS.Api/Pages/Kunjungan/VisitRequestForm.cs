using HumasSaaS.Api.StudyVisits;

namespace HumasSaaS.Api.Pages.Kunjungan;

public sealed class MemberRow
{
    public string? Name { get; set; }
    public string? Position { get; set; }
}

/// <summary>The visit request form (public on the host, or in the visiting tenant's console).</summary>
public sealed class VisitRequestForm
{
    public const int MemberRows = 8;

    public string? Institution { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? Purpose { get; set; }
    public string? Topics { get; set; }
    public DateOnly? ProposedStart { get; set; }
    public DateOnly? ProposedEnd { get; set; }
    public List<MemberRow> Members { get; set; } = [];

    public VisitRequestForm Padded()
    {
        while (Members.Count < MemberRows) Members.Add(new MemberRow());
        return this;
    }

    /// <summary>Blank member rows are dropped; topics are one per line. Missing dates fall to the entity's validation.</summary>
    public VisitRequestInput ToInput() => new(
        Institution ?? "", ContactName ?? "", ContactEmail ?? "",
        Members.Where(m => !string.IsNullOrWhiteSpace(m.Name) || !string.IsNullOrWhiteSpace(m.Position))
            .Select(m => new DelegationMember(m.Name ?? "", m.Position ?? "")).ToList(),
        Purpose ?? "",
        (Topics ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        ProposedStart ?? DateOnly.MinValue, ProposedEnd ?? DateOnly.MinValue, ContactPhone);
}
