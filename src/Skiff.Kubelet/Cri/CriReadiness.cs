using Grpc.Core;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Cri;

/// <summary>Whether a CRI runtime is ready to take pod calls.</summary>
public static class CriReadiness
{
    /// <summary>
    /// One readiness probe. containerd answers Version as soon as its socket is up, but until the CRI
    /// plugin has recovered its sandboxes and containers every other call fails with
    /// "server is not initialized yet", so Status (which needs that recovery) is the real signal.
    /// Returns the version on success and null while the runtime is still coming up.
    /// </summary>
    public static async Task<VersionResponse?> ProbeAsync(CriConnection cri, CancellationToken ct)
    {
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            var version = await cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
            await cri.Runtime.StatusAsync(new StatusRequest(), deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
            return version;
        }
        catch (RpcException e) when (IsStarting(e))
        {
            return null;
        }
    }

    /// <summary>Polls <see cref="ProbeAsync"/> until it succeeds; a non-transient error or cancellation propagates.</summary>
    public static async Task<VersionResponse> WaitAsync(CriConnection cri, TimeProvider time, CancellationToken ct)
    {
        while (true)
        {
            if (await ProbeAsync(cri, ct).ConfigureAwait(false) is { } version)
            {
                return version;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        }
    }

    private static bool IsStarting(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => true,
        // Before the CRI plugin registers its services the socket answers Unimplemented.
        StatusCode.Unimplemented => true,
        StatusCode.Unknown => e.Status.Detail.Contains("not initialized", StringComparison.Ordinal),
        _ => false,
    };
}
