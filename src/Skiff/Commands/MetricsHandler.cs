using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Hosting;

namespace Skiff.Commands;

/// <summary>Serves GET /metrics in the Prometheus text format from the components running in this process.</summary>
internal sealed class MetricsHandler(IReadOnlyList<Func<string>> sources) : INonResourceHandler
{
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/metrics")
        {
            return false;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        foreach (var source in sources)
        {
            await context.Response.WriteAsync(source(), context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }
}
