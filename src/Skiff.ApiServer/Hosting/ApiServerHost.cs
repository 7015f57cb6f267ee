using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Skiff.Api.Catalog;
using Skiff.Api.Join;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Admission.Services;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Authorization;
using Skiff.ApiServer.Bootstrap;
using Skiff.ApiServer.CustomResources;
using Skiff.ApiServer.Discovery;
using Skiff.ApiServer.Handlers;
using Skiff.ApiServer.OpenApi;
using Skiff.ApiServer.Pki;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
using Skiff.Storage;

namespace Skiff.ApiServer.Hosting;

/// <summary>
/// Builds and runs the HTTPS API server over an open store: certificates, kubeconfig, system namespaces,
/// then Kestrel. <see cref="Ready"/> completes once it serves.
/// </summary>
public sealed partial class ApiServerHost : IAsyncDisposable
{
    private readonly ApiServerOptions _options;
    private readonly Task<IStore> _opening;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JoinToken? _joinToken;
    private WebApplication? _app;
    private WatchCaches? _caches;
    private CrdController? _crds;
    private ClusterCertificates? _certificates;
    private ServiceAccounts.ServiceAccountKey? _serviceAccountKey;
    private ApiPipeline? _pipeline;

    public ApiServerHost(ApiServerOptions options, IStore store, ILoggerFactory loggers, TimeProvider time)
        : this(options, Task.FromResult(store), loggers, time)
    {
    }

    /// <summary>A host whose store is still opening: key material and the listener get ready meanwhile.</summary>
    public ApiServerHost(ApiServerOptions options, Task<IStore> opening, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        _opening = opening;
        _loggers = loggers;
        _time = time;
    }

    public Task Ready => _ready.Task;

    public ResourceCatalog Catalog { get; } = ResourceCatalog.CreateBuiltIn();

    public ClusterCertificates Certificates => _certificates ?? throw new InvalidOperationException("not started");

    /// <summary>The token agents join with, as stored in <c>server/token</c>.</summary>
    public JoinToken JoinToken => _joinToken ?? throw new InvalidOperationException("not started");

    /// <summary>The port actually bound (useful when the options asked for port 0).</summary>
    public int Port { get; private set; }

    /// <summary>
    /// A handler for the server's own components: each request goes straight to the pipeline in this process, without
    /// TLS or a socket, authenticated as the holder of <paramref name="identity"/> (a certificate the cluster CA
    /// signed). Requests that need a connection upgrade (exec, attach, port-forward) fail; those need the listener.
    /// </summary>
    public DelegatingHandler CreateInProcessHandler(System.Security.Cryptography.X509Certificates.X509Certificate2 identity) =>
        new InProcess.InProcessHandler(context => _pipeline is { } pipeline ? pipeline.HandleAsync(context) : StartingAsync(context), identity);

    public async Task StartAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var logger = _loggers.CreateLogger<ApiServerHost>();

        // Start-up is mostly first-use cost (JIT, OpenSSL, SQLite) in two independent chains, run side by side so a
        // cold start uses both cores: key material then the listener (which answers 503 until the pipeline exists), and
        // the store then its seed objects.
        var web = Task.Run(
            async () =>
            {
                _certificates = ClusterCertificates.LoadOrCreate(_options.DataDir, _options.TlsSans, _time);
                var keys = Task.Run(LoadKeyMaterial, ct);
                _app = BuildWebApplication();
                await _app.StartAsync(ct).ConfigureAwait(false);
                await keys.ConfigureAwait(false);
            },
            ct);

        try
        {
            var store = await _opening.ConfigureAwait(false);
            var allocator = new ServiceAllocator(store, _options.ServiceCidr);
            var registries = new Registries(store, _time, allocator);
            await SystemNamespaces.EnsureAsync(registries, Catalog, ct).ConfigureAwait(false);
            await KubernetesService.RepairAllocationsAsync(registries, Catalog, allocator, ct).ConfigureAwait(false);
            await SystemPriorityClassSeeder.EnsureAsync(registries, Catalog, ct).ConfigureAwait(false);

            _caches = new WatchCaches(_loggers);
            var writer = new VersionConvertingWriter(new NegotiatingObjectWriter(_time));
            var customVersions = new CustomResourceVersions();
            var admission = new AdmissionChain([.. BuiltInAdmission.All(), new CrdAdmission(), new CustomResourceAdmission(customVersions)]);
            var reads = new FreshReads(_caches);
            var writes = new WriteHandlers(
                registries,
                admission,
                Catalog,
                _time,
                [new Admission.Priority.PriorityAdmission(registries, Catalog, reads), new Admission.ServiceAccounts.ServiceAccountAdmission(registries, Catalog, reads)],
                reads);
            _crds = new CrdController(registries, _caches, Catalog, customVersions, _time, _loggers.CreateLogger<CrdController>());
            await _crds.StartAsync(ct).ConfigureAwait(false);
            var lookup = new ServiceAccounts.CoreObjectLookup(registries, Catalog);

            await web.ConfigureAwait(false);
            var certificates = Certificates;
            var accountTokens = new ServiceAccounts.ServiceAccountTokens(
                new ServiceAccounts.JwtCodec(_serviceAccountKey!), _options.ServiceAccountIssuer, [_options.ServiceAccountIssuer], lookup, _time);
            var tokens = new TokenAuthenticators(StaticTokens.Load(Path.Combine(_options.DataDir, "server", "tokens.csv")), accountTokens);
            var authorizer = new AllowAuthenticated();
            var dispatcher = new ResourceDispatcher(
                Catalog, registries, new ListHandler(_caches), new WatchHandler(_caches, _time), writes, new PatchHandler(writes, PatchEngines.Apply), writer,
                new Handlers.Reviews.ReviewHandler(authorizer, tokens), new ScaleHandler(PatchEngines.Apply, writes), new PodSubresources(_time),
                new CustomResourceScaleHandler(customVersions, writes),
                new Handlers.Kubelet.KubeletProxy(registries, Catalog, certificates.KubeletClient),
                new ServiceAccountTokenHandler(accountTokens, lookup));
            _pipeline = new ApiPipeline(
                new Authenticator(certificates.Authority, tokens),
                authorizer,
                new DiscoveryHandler(new DiscoveryDocuments(Catalog)),
                dispatcher,
                [new OpenApiHandler(Catalog, _time), new ServiceAccounts.IssuerDiscoveryHandler(_options.ServiceAccountIssuer, _serviceAccountKey!), .. _options.ExtraHandlers],
                store,
                () => _ready.Task.IsCompletedSuccessfully,
                _loggers.CreateLogger<ApiPipeline>(),
                new NodeBootstrapHandler(certificates, JoinToken, _time));

            var addresses = _app!.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            Port = new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;

            var host = _options.BindAddress.Equals(System.Net.IPAddress.Any) || _options.BindAddress.Equals(System.Net.IPAddress.IPv6Any)
                ? "127.0.0.1"
                : _options.BindAddress.ToString();
            await KubernetesService.EnsureAsync(registries, Catalog, admission, allocator, Port, ct).ConfigureAwait(false);
            KubeconfigWriter.Write(_options.KubeconfigOrDefault, $"https://{host}:{Port}", certificates);
        }
        catch
        {
            // Whatever failed, the listener chain is not left running behind the caller's back (DisposeAsync stops it).
            await Task.WhenAny(web).ConfigureAwait(false);
            throw;
        }

        _ready.TrySetResult();
        LogReady(logger, Port, started.ElapsedMilliseconds, _options.KubeconfigOrDefault);
    }

    private void LoadKeyMaterial()
    {
        _joinToken = ServerToken.LoadOrCreate(_options.DataDir, Certificates.AuthorityPath, _options.Token);
        _serviceAccountKey = ServiceAccounts.ServiceAccountKey.LoadOrCreate(Certificates.Directory);
    }

    private WebApplication BuildWebApplication()
    {
        // The empty builder: no configuration files to watch, no logging providers, nothing but Kestrel, which keeps
        // start-up and idle memory down; everything the server needs is wired here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.UseKestrelCore();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(_options.BindAddress, _options.Port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = Certificates.Serving,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,

                // Chains are checked against the cluster CA by the authenticator, which answers 401 as upstream does.
                ClientCertificateValidation = (_, _, _) => true,
            }));
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(context => _pipeline is { } pipeline ? pipeline.HandleAsync(context) : StartingAsync(context));
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_crds is not null)
        {
            await _crds.DisposeAsync().ConfigureAwait(false);
        }

        if (_caches is not null)
        {
            await _caches.DisposeAsync().ConfigureAwait(false);
        }

        _certificates?.Dispose();
        _serviceAccountKey?.Dispose();
    }

    /// <summary>What a request meets between the listener opening and the pipeline existing.</summary>
    private static Task StartingAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "API server ready on port {Port} after {Elapsed} ms; kubeconfig at {Kubeconfig}")]
    private static partial void LogReady(ILogger logger, int port, long elapsed, string kubeconfig);
}
