using Npgsql;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Azurite are: the variables written by deploy/local/start.sh into .local/env
/// (deploy/local/test.sh exports them). Missing settings fail loudly: these tests never run without the real parts.
/// </summary>
public static class TestEnvironment
{
    public static string OwnerConnectionString => Require("ConnectionStrings__Owner");
    public static string AppConnectionString => Require("ConnectionStrings__App");
    public static string OrleansConnectionString => Require("ConnectionStrings__Orleans");
    public static string BlobServiceUri => Require("Blob__ServiceUri");
    public static string BlobAccountName => Require("Blob__AccountName");
    public static string BlobAccountKey => Require("Blob__AccountKey");
    public static string ClamdEndpoint => Require("Clamd__Endpoint");

    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value) && LoadLocalEnvFile().TryGetValue(name, out var fromFile)) value = fromFile;
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException(
                $"{name} is not set. Start the local services with deploy/local/start.sh and run the tests with deploy/local/test.sh.")
            : value;
    }

    private static Dictionary<string, string>? localEnv;

    /// <summary>Lets an IDE run the tests too: reads the repo's .local/env when the variables are not exported.</summary>
    private static Dictionary<string, string> LoadLocalEnvFile()
    {
        if (localEnv is not null) return localEnv;
        var result = new Dictionary<string, string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "env");
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadAllLines(file))
            {
                var eq = line.IndexOf('=');
                if (line.StartsWith('#') || eq <= 0) continue;
                var value = line[(eq + 1)..];
                if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') value = value[1..^1];
                result[line[..eq]] = value;
            }
            break;
        }
        return localEnv = result;
    }
}

/// <summary>A fresh database per test run (owned by the migration role), dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name) => Name = name;

    public string Name { get; }
    public string OwnerConnectionString => TestEnvironment.WithDatabase(TestEnvironment.OwnerConnectionString, Name);
    public string AppConnectionString => TestEnvironment.WithDatabase(TestEnvironment.AppConnectionString, Name);
    public string OrleansConnectionString => TestEnvironment.WithDatabase(TestEnvironment.OrleansConnectionString, Name);

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "humas_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(TestEnvironment.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestEnvironment.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
