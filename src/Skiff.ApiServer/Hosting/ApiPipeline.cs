using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Authorization;
using Skiff.ApiServer.Bootstrap;
using Skiff.ApiServer.Discovery;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Routing;
using Skiff.Storage;

namespace Skiff.ApiServer.Hosting;

/// <summary>
/// Every request's path through the server: authenticate, decode what it addresses, authorize, then serve
/// it; any failure becomes a Status. Nothing a client sends may take the server down.
/// </summary>
public sealed partial class ApiPipeline
{
    private readonly Authenticator _authenticator;
    private readonly IAuthorizer _authorizer;
    private readonly DiscoveryHandler _discovery;
    private readonly ResourceDispatcher _resources;
    private readonly IReadOnlyList<INonResourceHandler> _extraHandlers;
    private readonly IStore _store;
    private readonly ILogger _logger;
    private readonly Func<bool> _ready;
    private readonly NodeBootstrapHandler? _bootstrap;

    public ApiPipeline(
        Authenticator authenticator,
        IAuthorizer authorizer,
        DiscoveryHandler discovery,
        ResourceDispatcher resources,
        IEnumerable<INonResourceHandler> extraHandlers,
        IStore store,
        Func<bool> ready,
        ILogger<ApiPipeline> logger,
        NodeBootstrapHandler? bootstrap = null)
    {
        _bootstrap = bootstrap;
        _authenticator = authenticator;
        _authorizer = authorizer;
        _discovery = discovery;
        _resources = resources;
        _extraHandlers = extraHandlers.ToList();
        _store = store;
        _ready = ready;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        // Joining nodes have no credential the authenticator knows yet; the join endpoints check the token themselves.
        if (_bootstrap is not null && await TryBootstrapAsync(_bootstrap, context).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var user = await _authenticator.AuthenticateAsync(context).ConfigureAwait(false);
            var watchQuery = context.Request.Query["watch"].Any(v => v is "true" or "1");
            var info = RequestInfoParser.Parse(context.Request.Method, context.Request.Path.Value ?? "/", watchQuery);
            if (!_authorizer.IsAllowed(user, info))
            {
                throw Forbidden(user, info);
            }

            if (info.IsResourceRequest)
            {
                await _resources.HandleAsync(context, info, user).ConfigureAwait(false);
                return;
            }

            await HandleNonResourceAsync(context, info).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await WriteFailureAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.TooLarge)
        {
            await WriteFailureAsync(context, ApiErrors.RequestEntityTooLarge(e.Message)).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Unavailable)
        {
            await WriteFailureAsync(context, ApiErrors.ServiceUnavailable(e.Message)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnhandled(_logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, e);
            await WriteFailureAsync(context, ApiErrors.Internal(e.Message)).ConfigureAwait(false);
        }
    }

    private static async Task<bool> TryBootstrapAsync(NodeBootstrapHandler bootstrap, HttpContext context)
    {
        try
        {
            return await bootstrap.TryHandleAsync(context).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await WriteFailureAsync(context, e).ConfigureAwait(false);
            return true;
        }
    }

    private static async Task WriteFailureAsync(HttpContext context, ApiException e)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        await Responses.WriteErrorAsync(context, e).ConfigureAwait(false);
    }

    private static ApiException Forbidden(UserInfo user, RequestInfo info)
    {
        if (user.IsAnonymous && !info.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", $"forbidden: User \"{user.Name}\" cannot {info.Verb} path \"{info.Path}\"", new StatusDetails());
        }

        var scope = info.Namespace.Length > 0 ? $" in the namespace \"{info.Namespace}\"" : " at the cluster scope";
        return ApiErrors.Forbidden(info.Group, info.Resource, info.Name,
            $"User \"{user.Name}\" cannot {info.Verb} resource \"{info.Resource}\" in API group \"{info.Group}\"{scope}");
    }

    private async Task HandleNonResourceAsync(HttpContext context, RequestInfo info)
    {
        var path = info.Path.TrimEnd('/');
        switch (path)
        {
            case "/version":
                await Responses.WriteAsync(context, 200, VersionInfo.Document()).ConfigureAwait(false);
                return;
            case "/healthz" or "/livez":
                await WriteTextAsync(context, 200, "ok").ConfigureAwait(false);
                return;
            case "/readyz":
                var status = await _store.StatusAsync(context.RequestAborted).ConfigureAwait(false);
                var ok = status.Healthy && _ready();
                await WriteTextAsync(context, ok ? 200 : 500, ok ? "ok" : $"readyz check failed: {status.Error ?? "starting"}").ConfigureAwait(false);
                return;
        }

        if (await _discovery.TryHandleAsync(context).ConfigureAwait(false))
        {
            return;
        }

        foreach (var handler in _extraHandlers)
        {
            if (await handler.TryHandleAsync(context).ConfigureAwait(false))
            {
                return;
            }
        }

        await WriteTextAsync(context, 404, "404 page not found").ConfigureAwait(false);
    }

    private static Task WriteTextAsync(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + (code == 404 ? "\n" : string.Empty), context.RequestAborted);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "unhandled failure serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception error);
}
