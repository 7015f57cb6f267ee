using Grpc.Core;
using k8s.Models;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Probes.Handlers;

namespace Skiff.Kubelet.Lifecycle;

/// <summary>
/// Runs postStart and preStop handlers: exec through the CRI, httpGet to the pod IP, sleep. Failures come back as
/// the message upstream's handler runner puts into the FailedPostStartHook / FailedPreStopHook event.
/// </summary>
public sealed class HookRunner : IHookRunner, IDisposable
{
    private readonly ContainerExec _exec;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public HookRunner(CriConnection cri, TimeProvider time)
        : this(new ContainerExec(cri.Runtime), time)
    {
    }

    internal HookRunner(ContainerExec exec, TimeProvider time)
    {
        _exec = exec;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<string?> RunAsync(V1Pod pod, V1Container container, string containerId, V1LifecycleHandler handler, string? podIp, CancellationToken ct)
    {
        if (handler.Exec is { } exec)
        {
            return await RunExecAsync(pod, container, containerId, exec.Command ?? [], ct).ConfigureAwait(false);
        }

        if (handler.HttpGet is { } httpGet)
        {
            var error = await RunHttpAsync(container, httpGet, podIp, ct).ConfigureAwait(false);
            return error is null ? null : $"HTTP lifecycle hook ({httpGet.Path}) for Container \"{container.Name}\" in Pod \"{FormatPod(pod)}\" failed - error: {error}";
        }

        if (handler.Sleep is { } sleep)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(sleep.Seconds), _time, ct).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException)
            {
                return $"Sleep lifecycle hook ({sleep.Seconds}) for Container \"{container.Name}\" in Pod \"{FormatPod(pod)}\" failed - error: container terminated before sleep hook finished";
            }
        }

        return "Cannot run handler: invalid handler";
    }

    private async Task<string?> RunExecAsync(V1Pod pod, V1Container container, string containerId, IList<string> command, CancellationToken ct)
    {
        string error;
        var output = string.Empty;
        try
        {
            var result = await _exec.RunAsync(containerId, command, timeout: null, ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return null;
            }

            output = result.Output;
            error = $"command '{string.Join(' ', command)}' exited with {result.ExitCode}: {result.StderrText}";
        }
        catch (RpcException e)
        {
            error = e.Status.Detail;
        }
        catch (TimeoutException e)
        {
            error = e.Message;
        }

        return $"Exec lifecycle hook ([{string.Join(' ', command)}]) for Container \"{container.Name}\" in Pod \"{FormatPod(pod)}\" failed - error: {error}, message: {GoQuote(output)}";
    }

    /// <summary>Only transport errors fail an HTTP hook: upstream discards the response whatever its status.</summary>
    private async Task<string?> RunHttpAsync(V1Container container, V1HTTPGetAction action, string? podIp, CancellationToken ct)
    {
        Uri url;
        try
        {
            url = HttpGetTarget.Url(action, container, podIp);
        }
        catch (ProbeSetupException e)
        {
            return e.Message;
        }

        try
        {
            using var request = HttpGetTarget.Request(url, action.HttpHeaders, HttpProber.UserAgent);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            return null;
        }
        catch (HttpRequestException e)
        {
            return $"Get \"{url}\": {HttpProber.Describe(e, url)}";
        }
    }

    /// <summary>Pod as upstream's format.Pod spells it in messages: name_namespace(uid).</summary>
    internal static string FormatPod(V1Pod pod) => $"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})";

    private static string GoQuote(string value) => Volumes.DownwardApiRenderer.GoQuote(value);

    public void Dispose() => _http.Dispose();
}
