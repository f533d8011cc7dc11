using HumasSaaS.Benchmarks;
using HumasSaaS.Tests.Infrastructure;

// Usage: dotnet run -c Release --project tests/HumasSaaS.Benchmarks [-- uploads listing checkins registrations requestpath orleans tenants550 explain]
// Needs the local services (deploy/local/start.sh); creates a fresh database and drops it at the end.
var all = new[] { "uploads", "listing", "checkins", "registrations", "requestpath", "orleans", "tenants550", "explain" };
// tenants550 adds 541 tenants x 300 partners and explain seeds 100 times the demo, so they run only when asked for.
var chosen = args.Length == 0 ? all[..^2] : args.Where(all.Contains).ToArray();
var table = new ResultTable();
Console.WriteLine($"HumasSaaS benchmarks: {string.Join(", ", chosen)} ({Environment.ProcessorCount} cores, {DateTime.UtcNow:u})");

await using var database = await TestDatabase.CreateAsync();
// All load comes from one address: lift the per-address limit of the public forms for the run.
await using (var api = await ApiProcess.StartAsync(database, seedDemo: true,
                 new Dictionary<string, string> { ["PublicFormLimits__Permits__event_registration"] = "100000000", ["PublicFormLimits__DefaultPermits"] = "100000000" }))
{
    foreach (var scenario in chosen)
    {
        Console.WriteLine($"running {scenario} ...");
        switch (scenario)
        {
            case "uploads": await MediaPartnerScenarios.UploadsAsync(api, table); break;
            case "listing": await MediaPartnerScenarios.VerifiedListingAsync(api, database, table); break;
            case "checkins": await EventScenarios.CheckInsAsync(api, database, table); break;
            case "registrations": await EventScenarios.RegistrationsAsync(api, table); break;
            case "requestpath": await RequestPathScenarios.RunAsync(api, database, table, 0); break;
            case "orleans": await OrleansScenarios.RunAsync(api, database, table); break;
            case "tenants550": await RequestPathScenarios.RunAsync(api, database, table, 541); break;
            case "explain": await ExplainScenarios.RunAsync(api, database, table); break;
        }
    }
}
// Delete what the run uploaded: every container of this run's tenants (the database is dropped with them).
var deleted = await BenchmarkCleanup.DeleteTenantContainersAsync(database);
Console.WriteLine($"deleted {deleted} blob container(s) of this run");
Console.WriteLine();
table.Print(Console.Out);
