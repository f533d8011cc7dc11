namespace HumasSaaS.Database;

/// <summary>Gives every HTTP request its <see cref="RequestConnection"/> (placed before authentication).</summary>
public sealed class RequestConnectionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await using var lease = new RequestConnection();
        RequestConnection.Current = lease;
        try
        {
            await next(context);
        }
        finally
        {
            RequestConnection.Current = null;
        }
    }
}
