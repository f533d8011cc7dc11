namespace HumasSaaS.Grains;

/// <summary>The grain storage provider every HumasSaaS grain persists to (ADO.NET on PostgreSQL, System.Text.Json payloads).</summary>
public static class GrainStorage
{
    public const string Name = "humas";
}
