using HumasSaaS.Database;
using Orleans.Runtime;

namespace HumasSaaS.Grains;

/// <summary>
/// A grain call that failed because PostgreSQL was unavailable fails with <see cref="DatabaseUnavailableException"/>:
/// Npgsql's exceptions have no Orleans codec, so a caller on another silo would otherwise get a codec error (a 500)
/// instead of an outage it can answer with 503.
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
    }
}
