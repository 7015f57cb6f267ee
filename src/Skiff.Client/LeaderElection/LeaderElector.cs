using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Skiff.Client.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, with upstream's rules: a lease is free when its holder is empty
/// or has not changed it for leaseDurationSeconds as this process observed (local time, so clock skew between servers
/// does not matter); the leader renews every retry period and gives up leading when it cannot renew within the renew
/// deadline.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private string? _observedVersion;
    private DateTimeOffset _observedTime;
    private volatile bool _leading;

    public LeaderElector(IKubernetes client, LeaderElectionOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Identity => _options.Identity;

    public bool IsLeader => _leading;

    /// <summary>
    /// Campaigns until <paramref name="ct"/> is cancelled. Each time the lease is won, <paramref name="onStartedLeading"/>
    /// runs with a token cancelled when the lease is lost (or <paramref name="ct"/> ends); after a loss it campaigns again.
    /// On cancellation a held lease is released so another candidate takes over at once.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken ct)
    {
        while (await AcquireAsync(ct).ConfigureAwait(false))
        {
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var work = Task.Run(() => onStartedLeading(leading.Token), CancellationToken.None);
            await RenewUntilLostAsync(ct).ConfigureAwait(false);
            _leading = false;
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                LeaderElectionLog.WorkFailed(_logger, e);
            }

            if (ct.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Tries until the lease is ours; false when cancelled first.</summary>
    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false))
            {
                _leading = true;
                LeaderElectionLog.Acquired(_logger, Identity, _options.Namespace, _options.Name);
                return true;
            }

            // Upstream jitters each retry by up to 1.2 retry periods so candidates do not move in lockstep.
            if (!await DelayAsync(_options.RetryPeriod * (1 + (1.2 * Random.Shared.NextDouble())), ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Renews every retry period; returns when cancelled or when no renewal succeeded within the renew deadline.</summary>
    private async Task RenewUntilLostAsync(CancellationToken ct)
    {
        var lastRenew = _time.GetUtcNow();
        while (await DelayAsync(_options.RetryPeriod, ct).ConfigureAwait(false))
        {
            if (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false))
            {
                lastRenew = _time.GetUtcNow();
            }
            else if (_time.GetUtcNow() - lastRenew >= _options.RenewDeadline)
            {
                LeaderElectionLog.Lost(_logger, Identity, _options.Namespace, _options.Name, _options.RenewDeadline);
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        // One attempt may not outlast the renew deadline, or a hung request would keep a lost leader leading.
        using var attempt = new CancellationTokenSource(_options.RenewDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, attempt.Token);
        try
        {
            return await AttemptAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LeaderElectionLog.AttemptFailed(_logger, _options.Namespace, _options.Name, e.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> AttemptAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var lease = await ReadAsync(ct).ConfigureAwait(false);
        if (lease is null)
        {
            var created = new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = _options.Name, NamespaceProperty = _options.Namespace },
                Spec = NewSpec(now, now.UtcDateTime, 0),
            };
            try
            {
                created = await _client.CoordinationV1.CreateNamespacedLeaseAsync(created, _options.Namespace, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }

            Observe(created, now);
            return true;
        }

        if (lease.Metadata.ResourceVersion != _observedVersion)
        {
            Observe(lease, now);
        }

        var spec = lease.Spec ?? new V1LeaseSpec();
        var holder = spec.HolderIdentity;
        var ours = holder == Identity;
        if (!string.IsNullOrEmpty(holder) && !ours && _observedTime + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0) > now)
        {
            return false;
        }

        lease.Spec = ours && _leading
            ? NewSpec(now, spec.AcquireTime ?? now.UtcDateTime, spec.LeaseTransitions ?? 0)
            : NewSpec(now, now.UtcDateTime, (spec.LeaseTransitions ?? 0) + 1);
        try
        {
            var updated = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.Name, _options.Namespace, cancellationToken: ct).ConfigureAwait(false);
            Observe(updated, now);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            var lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            // Upstream's release: empty holder, one-second duration, transitions kept.
            var now = _time.GetUtcNow().UtcDateTime;
            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = string.Empty,
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = lease.Spec.LeaseTransitions,
            };
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.Name, _options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            LeaderElectionLog.Released(_logger, Identity, _options.Namespace, _options.Name);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or OperationCanceledException)
        {
            LeaderElectionLog.AttemptFailed(_logger, _options.Namespace, _options.Name, e.Message);
        }
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.Name, _options.Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private V1LeaseSpec NewSpec(DateTimeOffset now, DateTime acquireTime, int transitions) => new()
    {
        HolderIdentity = Identity,
        LeaseDurationSeconds = Math.Max(1, (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds)),
        AcquireTime = acquireTime,
        RenewTime = now.UtcDateTime,
        LeaseTransitions = transitions,
    };

    private void Observe(V1Lease lease, DateTimeOffset now)
    {
        _observedVersion = lease.Metadata?.ResourceVersion;
        _observedTime = now;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
