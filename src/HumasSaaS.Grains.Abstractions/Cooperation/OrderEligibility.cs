using System.Globalization;
using HumasSaaS.Grains;

namespace HumasSaaS.Cooperation;

/// <summary>
/// The validity gate: a partner gets an order (or a claim paid) only while it is verified and every mandatory document of
/// its media type is present, not rejected and still valid on the day in question. Each problem names the document.
/// </summary>
public static class OrderEligibility
{
    public static IReadOnlyList<string> Problems(PartnerSnapshot partner, TenantConfigurationState config, DateOnly onDate)
    {
        var problems = new List<string>();
        if (partner.State.Status != PartnerStatus.Verified)
            problems.Add($"status media mitra \"{MediaPartnerLabels.Status(partner.State.Status)}\", belum Terverifikasi");
        var current = partner.Documents.Where(d => d.IsCurrent).ToList();
        foreach (var item in config.DocumentChecklist.Where(i => i.Mandatory && i.MediaTypes.Contains(partner.State.Profile.MediaType)))
        {
            var doc = current.FirstOrDefault(d => d.ItemCode == item.Code);
            if (doc is null) problems.Add($"{item.Label} belum diunggah");
            else if (doc.Review == "rejected") problems.Add($"{item.Label} ditolak verifikator");
            else if (doc.ValidUntil is { } until && until < onDate)
                problems.Add($"{item.Label} kedaluwarsa (berlaku sampai {until.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)})");
        }
        return problems;
    }

    public static void Require(PartnerSnapshot partner, TenantConfigurationState config, DateOnly onDate, string what)
    {
        var problems = Problems(partner, config, onDate);
        if (problems.Count > 0)
            throw new DomainRuleException("Media mitra belum memenuhi syarat",
                $"{partner.State.Profile.MediaName} belum dapat {what}: " + string.Join("; ", problems) + ".", 422);
    }
}
