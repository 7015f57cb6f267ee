using Microsoft.AspNetCore.Http;

namespace Skiff.ApiServer.Hosting;

/// <summary>A handler for paths outside the resource API (OpenAPI documents, metrics).</summary>
public interface INonResourceHandler
{
    Task<bool> TryHandleAsync(HttpContext context);
}
