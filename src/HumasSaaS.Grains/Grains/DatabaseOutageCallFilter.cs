using HumasSaaS.Database;
using Orleans.Runtime;

namespace HumasSaaS.Grains;

/// <summary>
/// A grain call that failed because PostgreSQL was unavailable fails with <see cref="DatabaseUnavailableException"/>:
/// Npgsql's exceptions have no Orleans codec, so a caller on another silo would otherwise get a codec error (a 500)
/// instead of an outage it can answer with 503. Other driver errors cross as <see cref="DatabaseStatementException"/> (a 500).
/// </summary>
public sealed class DatabaseOutageCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not DatabaseUnavailableException && DatabaseOutages.Is(e))
        {
            throw new DatabaseUnavailableException(e.Message);
        }
        catch (Exception e) when (e.GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true)
        {
            // Any other driver error (a constraint, a bug) is still a server error, but one the caller receives at once
            // instead of waiting for a reply that could not be serialized.
            throw new DatabaseStatementException($"{e.GetType().Name}: {e.Message}");
        }
    }
}
