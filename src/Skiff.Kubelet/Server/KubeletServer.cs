using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Logs;

namespace Skiff.Kubelet.Server;

/// <summary>
/// The kubelet's HTTPS API (upstream port 10250): health, the node's pods, container logs, and exec/attach/portForward
/// relayed to containerd's streaming server. Only clients with a cluster-CA certificate (the API server) get in.
/// </summary>
public sealed class KubeletServer : IAsyncDisposable
{
    private readonly KubeletServerOptions _options;
    private readonly IKubeletPodSource _pods;
    private readonly CriConnection? _cri;
    private readonly CriLogReader _logs;
    private readonly WebApplication _app;

    public KubeletServer(KubeletServerOptions options, IKubeletPodSource pods, CriConnection? cri, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        _pods = pods;
        _cri = cri;
        _logs = new CriLogReader(time);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                // Upgrades (SPDY, WebSocket) need HTTP/1.1.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = options.ServingCertificate;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (cert, _, _) => ClientCertificateCheck.IsIssuedBy(cert, options.ClientAuthority);
                });
            });
        });
        _app = builder.Build();
        Map(_app);
    }

    /// <summary>The bound port (useful when <see cref="KubeletServerOptions.Port"/> was 0).</summary>
    public int Port { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        await _app.StartAsync(ct).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // Followed logs and open exec sessions never end by themselves; they get a moment, not the host's 30 s.
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/pods", (HttpContext context) =>
        {
            var list = new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta(), Items = _pods.Pods().ToList() };
            return Results.Text(KubernetesJson.Serialize(list), "application/json");
        });
        app.MapGet("/containerLogs/{ns}/{pod}/{container}", ContainerLogsAsync);
        app.Map("/exec/{ns}/{pod}/{container}", (HttpContext c, string ns, string pod, string container) => ExecOrAttachAsync(c, ns, pod, container, attach: false));
        app.Map("/attach/{ns}/{pod}/{container}", (HttpContext c, string ns, string pod, string container) => ExecOrAttachAsync(c, ns, pod, container, attach: true));
        app.Map("/portForward/{ns}/{pod}", PortForwardAsync);
    }

    private async Task ContainerLogsAsync(HttpContext context, string ns, string pod, string container)
    {
        var query = context.Request.Query;
        var found = FindPod(ns, pod);
        var file = ContainerLogFiles.Find(_options.PodLogsDirectory, ns, pod, found?.Metadata.Uid, container, Flag(query, "previous"));
        if (file is null)
        {
            await NotFoundAsync(context, $"container \"{container}\" in pod \"{pod}\" has no logs").ConfigureAwait(false);
            return;
        }

        var options = new LogOptions
        {
            Follow = Flag(query, "follow"),
            Timestamps = Flag(query, "timestamps"),
            TailLines = Number(query, "tailLines"),
            LimitBytes = Number(query, "limitBytes"),
            SinceTime = Number(query, "sinceSeconds") is { } seconds
                ? DateTimeOffset.UtcNow.AddSeconds(-seconds)
                : query["sinceTime"].FirstOrDefault() is { Length: > 0 } since ? DateTimeOffset.Parse(since, CultureInfo.InvariantCulture) : null,
        };
        context.Response.ContentType = "text/plain";
        await _logs.CopyAsync(file, options, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ExecOrAttachAsync(HttpContext context, string ns, string pod, string container, bool attach)
    {
        var query = context.Request.Query;
        var id = FindPod(ns, pod)?.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container)?.ContainerID;
        if (_cri is null || string.IsNullOrEmpty(id))
        {
            await NotFoundAsync(context, $"container \"{container}\" in pod \"{ns}/{pod}\" is not running").ConfigureAwait(false);
            return;
        }

        id = id[(id.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string url;
        if (attach)
        {
            url = (await _cri.Runtime.AttachAsync(new AttachRequest
            {
                ContainerId = id, Stdin = Flag(query, "input") || Flag(query, "stdin"), Stdout = Flag(query, "output") || Flag(query, "stdout"),
                Stderr = Flag(query, "error") || Flag(query, "stderr"), Tty = Flag(query, "tty"),
            }, cancellationToken: context.RequestAborted)).Url;
        }
        else
        {
            var request = new ExecRequest
            {
                ContainerId = id, Stdin = Flag(query, "input") || Flag(query, "stdin"), Stdout = Flag(query, "output") || Flag(query, "stdout"),
                Stderr = Flag(query, "error") || Flag(query, "stderr"), Tty = Flag(query, "tty"),
            };
            request.Cmd.AddRange(query["command"].Where(c => c is not null).Select(c => c!));
            url = (await _cri.Runtime.ExecAsync(request, cancellationToken: context.RequestAborted)).Url;
        }

        await UpgradeRelay.RelayAsync(context, new Uri(url), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task PortForwardAsync(HttpContext context, string ns, string pod)
    {
        var uid = FindPod(ns, pod)?.Metadata.Uid;
        if (_cri is null || uid is null)
        {
            await NotFoundAsync(context, $"pod \"{ns}/{pod}\" is not running on this node").ConfigureAwait(false);
            return;
        }

        var filter = new PodSandboxFilter { State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady } };
        filter.LabelSelector["io.kubernetes.pod.uid"] = uid;
        var sandboxes = await _cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = filter }, cancellationToken: context.RequestAborted);
        var sandbox = sandboxes.Items.FirstOrDefault();
        if (sandbox is null)
        {
            await NotFoundAsync(context, $"pod \"{ns}/{pod}\" has no running sandbox").ConfigureAwait(false);
            return;
        }

        // Ports travel in the SPDY stream headers, so the CRI request carries none, as upstream's kubelet does.
        var response = await _cri.Runtime.PortForwardAsync(new PortForwardRequest { PodSandboxId = sandbox.Id }, cancellationToken: context.RequestAborted);
        await UpgradeRelay.RelayAsync(context, new Uri(response.Url), context.RequestAborted).ConfigureAwait(false);
    }

    private V1Pod? FindPod(string ns, string pod) =>
        _pods.Pods().FirstOrDefault(p => p.Metadata.NamespaceProperty == ns && p.Metadata.Name == pod);

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { } v && (v.Length == 0 || v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static long? Number(IQueryCollection query, string name) =>
        long.TryParse(query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static async Task NotFoundAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = (int)HttpStatusCode.NotFound;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }
}
